// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IFeeCollector
/// @notice The factory's `feeTo`: receives the protocol's share of swap fees as LP tokens and turns
/// them into rewards for sFUR holders **in kind**: `collect` burns the LP into its two tokens and
/// notifies both to sFUR. It never swaps, so no pool price it reads can be pushed to drain it
/// (SushiMaker's losses). `polBps()` of the LP is not burned but sent to the owner (the Timelock) as
/// protocol-owned liquidity. Tokens sFUR does not (yet) reward wait here and go out with a later
/// `collect` of a pair that holds them.
interface IFeeCollector {
    /// @notice `pair`'s fee LP was collected: `burned` LP turned into `amount0` / `amount1`, `pol` LP
    /// sent to the owner.
    event Collected(address indexed pair, uint256 burned, uint256 pol, uint256 amount0, uint256 amount1);
    /// @notice `amount` of `token` was notified to sFUR.
    event Distributed(address indexed token, uint256 amount);
    /// @notice The protocol-owned-liquidity share changed.
    event PolBpsSet(uint256 bps);

    /// @notice A constructor argument is address(0).
    error ZeroAddress();
    /// @notice `pair` is not a pair of the factory.
    error NotAPair(address pair);
    /// @notice `token`, a token of `pair`, is itself a Furrow LP token (the LP-of-LP drain of Nov 2020).
    error LpOfLpRefused(address pair, address token);
    /// @notice `bps` is above `max`.
    error PolBpsTooHigh(uint256 bps, uint256 max);

    /// @notice Largest POL share: 5,000 bps (50%).
    // solhint-disable-next-line func-name-mixedcase
    function MAX_POL_BPS() external view returns (uint256);

    /// @notice Share of collected LP, in basis points, kept as protocol-owned liquidity (sent to the owner).
    function polBps() external view returns (uint256);

    /// @notice Sets `polBps`. Only the owner; at most `MAX_POL_BPS()`.
    function setPolBps(uint256 bps) external;

    /// @notice Permissionless: for each pair, sends `polBps` of the LP this contract holds to the owner,
    /// burns the rest into the pair's two tokens and notifies to sFUR every allow-listed token of the
    /// pair it holds (this collect's and what waited). Reverts `NotAPair` / `LpOfLpRefused`.
    function collect(address[] calldata pairs) external;
}
