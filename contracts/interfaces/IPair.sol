// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPairERC20} from "./IPairERC20.sol";

/// @title IPair
/// @notice A constant-product pool of two tokens, ABI- and behaviour-compatible with IUniswapV2Pair:
/// add liquidity by transferring both tokens in and calling `mint`; remove it by transferring LP
/// tokens in and calling `burn`; swap by transferring the input in and calling `swap` (or take the
/// output first and pay inside `uniswapV2Call`: a flash swap). A 0.3% fee is kept in the pool,
/// enforced by the K check. All state-changing functions share one lock.
interface IPair is IPairERC20 {
    /// @notice `sender` added `amount0`/`amount1` of liquidity (what arrived since the last sync).
    event Mint(address indexed sender, uint256 amount0, uint256 amount1);
    /// @notice `sender` removed liquidity: `amount0`/`amount1` were sent to `to`.
    event Burn(address indexed sender, uint256 amount0, uint256 amount1, address indexed to);
    /// @notice A swap by `sender`: inputs are what arrived, outputs what was sent to `to`.
    event Swap(
        address indexed sender,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address indexed to
    );
    /// @notice The reserves now equal the pair's balances.
    event Sync(uint112 reserve0, uint112 reserve1);

    /// @notice A state-changing function was re-entered (e.g. from a token's transfer hook).
    error Locked();
    /// @notice `caller` may not call this function.
    error Forbidden(address caller);
    /// @notice A balance does not fit the uint112 reserves.
    error Overflow(uint256 balance0, uint256 balance1);
    /// @notice Depositing `amount0`/`amount1` would mint no LP token (or, on the first mint, no more
    /// than `MINIMUM_LIQUIDITY`).
    error InsufficientLiquidityMinted(uint256 amount0, uint256 amount1);
    /// @notice Burning would pay out zero of a token.
    error InsufficientLiquidityBurned(uint256 amount0, uint256 amount1);
    /// @notice A swap asked for no output.
    error InsufficientOutputAmount(uint256 amount0Out, uint256 amount1Out);
    /// @notice A swap asked for an output at or above a reserve.
    error InsufficientLiquidity(uint256 amount0Out, uint256 amount1Out, uint112 reserve0, uint112 reserve1);
    /// @notice A swap's recipient may not be one of the pair's own tokens.
    error InvalidTo(address to);
    /// @notice Nothing arrived to pay for the swap.
    error InsufficientInputAmount();
    /// @notice The fee-adjusted product of balances `kAfter` fell below `kBefore` (both scaled by 1e6).
    error KInvariant(uint256 kAfter, uint256 kBefore);

    /// @notice 1000: the LP tokens burned to address(0) on the first mint, so the share price
    /// can never be pushed high enough to lock out small depositors.
    function MINIMUM_LIQUIDITY() external pure returns (uint256);

    /// @notice The factory that created this pair.
    function factory() external view returns (address);

    /// @notice The token with the lower address.
    function token0() external view returns (address);

    /// @notice The token with the higher address.
    function token1() external view returns (address);

    /// @notice The reserves as of the last mint/burn/swap/sync, and the block timestamp (mod 2**32)
    /// at which they were last written.
    function getReserves()
        external
        view
        returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast);

    /// @notice Sum over time of reserve1/reserve0 as UQ112x112 × seconds; wraps modulo 2**256.
    /// Updated at the first state change of each block, with the reserves from before it.
    function price0CumulativeLast() external view returns (uint256);

    /// @notice As `price0CumulativeLast`, for reserve0/reserve1.
    function price1CumulativeLast() external view returns (uint256);

    /// @notice reserve0 × reserve1 after the last liquidity event, while the protocol fee is on; else 0.
    function kLast() external view returns (uint256);

    /// @notice Mints LP tokens to `to` for the tokens that arrived since the last update.
    /// @return liquidity The LP tokens minted.
    function mint(address to) external returns (uint256 liquidity);

    /// @notice Burns the LP tokens the pair holds and sends the matching share of both tokens to `to`.
    function burn(address to) external returns (uint256 amount0, uint256 amount1);

    /// @notice Sends the outputs to `to`, calls `to.uniswapV2Call` when `data` is non-empty, then
    /// checks that the fee-adjusted constant product did not decrease.
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external;

    /// @notice Sends `to` whatever the pair holds above its reserves.
    function skim(address to) external;

    /// @notice Sets the reserves to the pair's balances.
    function sync() external;

    /// @notice Present for ABI compatibility with V2. Furrow pairs receive their tokens in the
    /// constructor (they are immutables), so this always reverts with `Forbidden(msg.sender)`,
    /// whoever calls it, the factory included (which never does).
    function initialize(address token0, address token1) external;
}
