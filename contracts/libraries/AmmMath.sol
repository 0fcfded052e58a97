// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title AmmMath
/// @notice Constant-product quotes with the 0.3% fee, the same numbers as Uniswap V2's library.
/// Outputs round down and inputs round up, so a quote is always one the pair accepts.
library AmmMath {
    /// @notice A quote was asked for a zero amount.
    error ZeroAmount();
    /// @notice A quote was asked against an empty side of a pool.
    error InsufficientReserves(uint256 reserveIn, uint256 reserveOut);
    /// @notice `amountOut` is not below the `reserveOut` it would be paid from.
    error OutputExceedsReserve(uint256 amountOut, uint256 reserveOut);

    /// @notice amountA × reserveB / reserveA, rounded down: the B worth `amountA` at the pool price.
    function quote(uint256 amountA, uint256 reserveA, uint256 reserveB) internal pure returns (uint256) {
        if (amountA == 0) revert ZeroAmount();
        if (reserveA == 0 || reserveB == 0) revert InsufficientReserves(reserveA, reserveB);
        return (amountA * reserveB) / reserveA;
    }

    /// @notice The most a pair pays for `amountIn` after the fee, rounded down:
    /// amountIn·997·reserveOut / (reserveIn·1000 + amountIn·997).
    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) internal pure returns (uint256) {
        if (amountIn == 0) revert ZeroAmount();
        if (reserveIn == 0 || reserveOut == 0) revert InsufficientReserves(reserveIn, reserveOut);
        uint256 amountInWithFee = amountIn * 997;
        return (amountInWithFee * reserveOut) / (reserveIn * 1000 + amountInWithFee);
    }

    /// @notice The least input a pair accepts for `amountOut`, rounded up:
    /// reserveIn·amountOut·1000 / ((reserveOut − amountOut)·997) + 1.
    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) internal pure returns (uint256) {
        if (amountOut == 0) revert ZeroAmount();
        if (reserveIn == 0 || reserveOut == 0) revert InsufficientReserves(reserveIn, reserveOut);
        if (amountOut >= reserveOut) revert OutputExceedsReserve(amountOut, reserveOut);
        // V2's "+ 1" (not a ceiling division): kept so quotes match V2 to the wei.
        return (reserveIn * amountOut * 1000) / ((reserveOut - amountOut) * 997) + 1;
    }
}
