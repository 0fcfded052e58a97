// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title IFeeCollector
/// @notice The factory's `feeTo`: receives the protocol's share of swap fees as LP tokens and turns
/// them into rewards for sFUR holders **in kind**: `collect` burns the LP into its two tokens and
/// notifies both to sFUR. It never swaps, so no pool price it reads can be pushed to drain it
/// (SushiMaker's losses). `polBps()` of the LP is not burned but sent to the owner (the Timelock) as
/// protocol-owned liquidity. Once sFUR streams both tokens of a pair, the pair pays sFUR directly
/// (`StakedFUR.burnAndNotify`). Tokens sFUR does not (yet) reward wait here and go out with the next
/// `collect` of their pair once they are streamed, or with `distribute`.
interface IFeeCollector {
    /// @notice `pair`'s fee LP was collected: `burned` LP turned into `amount0` / `amount1` (what arrived
    /// here, or in sFUR when the pair paid it directly), `pol` LP sent to the owner.
    event Collected(address indexed pair, uint256 burned, uint256 pol, uint256 amount0, uint256 amount1);
    /// @notice `amount` of `token` was notified to sFUR (from here, or paid by the pair to sFUR directly).
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

    /// @notice Permissionless: for each pair, sends `polBps` of the LP this contract holds to the owner
    /// and burns the rest into the pair's two tokens for sFUR: straight to sFUR, which notifies what
    /// arrived, once both are streamed; otherwise here, notifying the streamed one and keeping the
    /// other, which goes out (with anything else this pair left here) at the first collect after it
    /// is streamed. Reverts `NotAPair` / `LpOfLpRefused`.
    function collect(address[] calldata pairs) external;

    /// @notice Notifies to sFUR everything this contract holds of each of `tokens` (anyone may call):
    /// what waited here for its token to be streamed, or was sent here. Reverts `NotRewardToken` for a
    /// token sFUR does not stream.
    function distribute(IERC20[] calldata tokens) external;
}
