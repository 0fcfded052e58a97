// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title How much a lending market's borrowers pay
/// @notice A pure function of the market's idle cash and outstanding borrows, both in loan-token wei.
interface IInterestRateModel {
    /// @notice The borrow rate per second, scaled by 1e18 (1e18 = 100% per second).
    function borrowRatePerSecond(uint256 cash, uint256 borrows) external view returns (uint256);
}
