// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPair} from "./IPair.sol";

/// @title IStakedFUR
/// @notice sFUR: FUR wrapped 1:1 (`depositFor` / `withdrawTo` of OpenZeppelin's ERC20Wrapper), a votes
/// token on the timestamp clock, and a multi-token reward stream. Anyone may fund a stream with
/// `notifyRewardAmount`; every notified amount is paid out over `REWARD_DURATION()` to sFUR holders in
/// proportion to their balance over time. The stream's clock runs only while sFUR exists: an amount
/// notified while nobody stakes waits, and a stream whose stakers all left pauses, until someone stakes.
/// Rewards settle on every balance change (mint, burn, transfer), so moving sFUR never moves earned rewards.
interface IStakedFUR {
    /// @notice `token` can now be notified and is paid by `getReward`.
    event RewardTokenAdded(IERC20 indexed token);
    /// @notice `received` of `token` (what arrived, fee-on-transfer tokens included) was added by
    /// `funder`; the stream now pays `rate` (in units of `PRECISION()` per second, all holders together)
    /// until `periodFinish`.
    event RewardNotified(
        IERC20 indexed token,
        address indexed funder,
        uint256 received,
        uint256 rate,
        uint256 periodFinish
    );
    /// @notice `amount` of `token` was sent to `account`.
    event RewardPaid(address indexed account, IERC20 indexed token, uint256 amount);
    /// @notice Sending `amount` of `token` to `account` failed (the token reverted, returned false or ran
    /// out of its gas budget); the amount stays owed and is paid by a later `getReward`.
    event RewardPaymentFailed(address indexed account, IERC20 indexed token, uint256 amount);

    /// @notice `token` is address(0), sFUR itself, or otherwise cannot be a reward token.
    error InvalidRewardToken(IERC20 token);
    /// @notice `token` is already a reward token.
    error RewardTokenExists(IERC20 token);
    /// @notice Already `max` reward tokens.
    error TooManyRewardTokens(uint256 max);
    /// @notice `token` is not an allow-listed reward token.
    error NotRewardToken(IERC20 token);
    /// @notice A notify of zero, or one of which nothing arrived.
    error ZeroReward(IERC20 token);
    /// @notice One notify may add at most `max`; `received` arrived.
    error RewardTooLarge(uint256 received, uint256 max);
    /// @notice The stream's rate would pass `max` (units of `PRECISION()` per second).
    error RewardRateTooHigh(uint256 rate, uint256 max);

    /// @notice Seconds over which every notified amount is streamed: 7 days.
    // solhint-disable-next-line func-name-mixedcase
    function REWARD_DURATION() external view returns (uint256);

    /// @notice Fixed-point scale of rates and reward-per-token (1e27).
    // solhint-disable-next-line func-name-mixedcase
    function PRECISION() external view returns (uint256);

    /// @notice Largest number of reward tokens (8).
    // solhint-disable-next-line func-name-mixedcase
    function MAX_REWARD_TOKENS() external view returns (uint256);

    /// @notice Allow-lists `token` (FUR included). Only the owner (the Timelock).
    function addRewardToken(IERC20 token) external;

    /// @notice Pulls `amount` of `token` from the caller (anyone) and streams what arrived over
    /// `REWARD_DURATION()` from now, together with what was left of the current stream.
    function notifyRewardAmount(IERC20 token, uint256 amount) external;

    /// @notice Burns the liquidity already sent to `pair` into this contract and streams what arrived
    /// of each of its two tokens (both must be reward tokens), as `notifyRewardAmount` would have: the
    /// FeeCollector's way to notify fee LP without moving the tokens twice. Anyone may call it; what
    /// arrives is measured by this contract's own balances inside its lock, so a callback cannot be
    /// counted twice and anything else `pair` sends is simply a gift to stakers.
    /// @return received0 What arrived of `pair.token0()`.
    /// @return received1 What arrived of `pair.token1()`.
    function burnAndNotify(IPair pair) external returns (uint256 received0, uint256 received1);

    /// @notice Sends the caller every reward token it has earned. A token whose transfer fails stays
    /// owed (event `RewardPaymentFailed`) and does not stop the others.
    function getReward() external;

    /// @notice What `account` has earned of `token` and not yet been paid.
    function earned(address account, IERC20 token) external view returns (uint256);

    /// @notice Whether `token` is allow-listed.
    function isRewardToken(IERC20 token) external view returns (bool);

    /// @notice The allow-listed reward tokens, in the order they were added.
    function rewardTokens() external view returns (IERC20[] memory);

    /// @notice `token`'s stream: its rate (units of `PRECISION()` per second), when it ends (while sFUR
    /// exists; a pause moves it later) and the reward per sFUR accrued so far (scaled by `PRECISION()`).
    function rewardStream(
        IERC20 token
    ) external view returns (uint256 rate, uint256 periodFinish, uint256 rewardPerToken);
}
