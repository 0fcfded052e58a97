// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title A lending market's price of its collateral
/// @notice `price()` is what one unit (1 wei) of the collateral token is worth in units (wei) of the loan
/// token, scaled by 1e36, with both tokens' decimals folded in: `collateral * price() / 1e36` is the
/// collateral's value in loan-token wei. It reverts when it has no price it trusts (stale, zero,
/// negative or incomplete round); a market then stops borrows and collateral withdrawals.
interface IPriceOracle {
    /// @notice The collateral's price in loan-token units, scaled by 1e36; reverts when not trusted.
    function price() external view returns (uint256);
}
