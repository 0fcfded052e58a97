// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title ICallee
/// @notice What a flash-swap receiver implements (the IUniswapV2Callee ABI, so V2 borrowers work).
interface ICallee {
    /// @notice Called by a pair during `swap` after it sent the outputs, when `data` is non-empty.
    /// The receiver must have paid the pair (plus the 0.3% fee) by the time this returns.
    /// @param sender Who called `swap`.
    /// @param amount0 token0 sent to the receiver.
    /// @param amount1 token1 sent to the receiver.
    /// @param data The bytes passed to `swap`.
    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external;
}
