// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFarmVault} from "./IFarmVault.sol";
import {IFarm} from "./IFarm.sol";
import {IPair} from "./IPair.sol";

/// @title Furrow zap: one token (or ETH) in, vault shares or a farm stake out, and back
/// @notice `zapIn` swaps the closed-form part of the input (see {ZapMath}) for the pair's other
/// token, so adding liquidity leaves nothing over at the 0.3% fee, adds liquidity and deposits the LP
/// into the vault for `to`; it reverts unless `to` got at least `minShares`, and refunds any dust
/// to the caller. `zapOut` redeems the caller's shares (an allowance to the zap), removes the
/// liquidity and swaps the other side into `tokenOut`. `zapInFarm` stakes the LP in a farm pool for
/// `to` instead, and `zapOutLP` turns LP (a farm stake once withdrawn) into one token. Only pairs of
/// the router's factory are accepted. The zap holds nothing between calls.
interface IZap {
    /// @notice `sender` zapped `amountIn` of `tokenIn` into `shares` of `vault` for `to`.
    event ZappedIn(
        address indexed sender,
        address indexed vault,
        address tokenIn,
        uint256 amountIn,
        uint256 shares,
        address to
    );
    /// @notice `sender` zapped `shares` of `vault` out into `amountOut` of `tokenOut` for `to`.
    event ZappedOut(
        address indexed sender,
        address indexed vault,
        address tokenOut,
        uint256 shares,
        uint256 amountOut,
        address to
    );

    /// @notice `sender` zapped `amountIn` of `tokenIn` into `liquidity` staked in `farm`'s pool `pid` for `to`.
    event ZappedInFarm(
        address indexed sender,
        address indexed farm,
        uint256 indexed pid,
        address tokenIn,
        uint256 amountIn,
        uint256 liquidity,
        address to
    );
    /// @notice `sender` zapped `liquidity` of `pair` out into `amountOut` of `tokenOut` for `to`.
    event ZappedOutLP(
        address indexed sender,
        address indexed pair,
        address tokenOut,
        uint256 liquidity,
        uint256 amountOut,
        address to
    );

    /// @notice `pair` (a vault's asset or a farm pool's stake token) is not a pair of the router's factory.
    error NotAPair(address pair);
    /// @notice `token` is not one of the vault asset's two pair tokens.
    error NotAPairToken(address token);
    /// @notice `to` would receive `amount`, less than `minimum`.
    error InsufficientResult(uint256 amount, uint256 minimum);
    /// @notice The zero address was given as recipient.
    error InvalidRecipient();

    /// @notice Zaps `amountIn` of `tokenIn` (a token of the vault's pair) into `vault` shares for `to`.
    function zapIn(
        IFarmVault vault,
        address tokenIn,
        uint256 amountIn,
        uint256 minShares,
        address to
    ) external returns (uint256 shares);

    /// @notice As `zapIn` with msg.value as WETH (WETH must be a token of the vault's pair).
    function zapInETH(
        IFarmVault vault,
        uint256 minShares,
        address to
    ) external payable returns (uint256 shares);

    /// @notice Redeems `shares` of the caller's `vault` shares into `tokenOut` (a pair token) for `to`.
    function zapOut(
        IFarmVault vault,
        uint256 shares,
        address tokenOut,
        uint256 minAmountOut,
        address to
    ) external returns (uint256 amountOut);

    /// @notice Zaps `amountIn` of `tokenIn` into LP of farm pool `pid`'s pair, staked in `farm` for `to`;
    /// reverts unless at least `minLiquidity` LP was staked.
    function zapInFarm(
        IFarm farm,
        uint256 pid,
        address tokenIn,
        uint256 amountIn,
        uint256 minLiquidity,
        address to
    ) external returns (uint256 liquidity);

    /// @notice As `zapInFarm` with msg.value as WETH (WETH must be a token of the pool's pair).
    function zapInETHFarm(
        IFarm farm,
        uint256 pid,
        uint256 minLiquidity,
        address to
    ) external payable returns (uint256 liquidity);

    /// @notice Turns `liquidity` of the caller's `pair` LP (an allowance to the zap) into `tokenOut`
    /// for `to`: the way back from a farm stake, after `farm.withdraw(pid, amount, caller)`.
    function zapOutLP(
        IPair pair,
        uint256 liquidity,
        address tokenOut,
        uint256 minAmountOut,
        address to
    ) external returns (uint256 amountOut);
}
