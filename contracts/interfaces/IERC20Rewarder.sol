// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRewarder} from "./IRewarder.sol";
import {IFarm} from "./IFarm.sol";

/// @title Dual rewards for one farm pool: a second token at its own rate, from its balance
/// @notice Pays `rewardToken()` at `rewardPerSecond()` to the stakers of farm pool `pid()`, pro rata to
/// their stake in the farm, from the moment the farm attaches it until it is detached, as long as
/// unallocated tokens remain (`reserve()`); with no stake, nothing is emitted.
///
/// Stakes: the farm reports every change through `onReward` (the budgeted call of an emergency
/// withdraw fits this contract's work whatever the token does, so no change is lost); a staker who has
/// not acted since the attach is counted with the stake they had then, which the first report derives
/// from the farm's pool total. Single use: attached once, detached once, never attached again.
/// Accrual: acc += emitted * 1e30 / totalStaked; owed += stake * (acc - acc_user) / 1e30 (rounding down).
/// Funding: the reserve is the token balance minus what was emitted and not yet paid, so a plain
/// transfer funds it (fee-on-transfer tokens: what arrived). Owed tokens are paid on every farm action
/// of the user; a failed transfer keeps them owed. After a detach, `claim` pays what was earned.
interface IERC20Rewarder is IRewarder {
    /// @notice A user's position as this rewarder counts it.
    struct UserInfo {
        uint256 amount;
        uint256 owed;
        uint256 accRewardPerSharePaid;
    }

    /// @notice `amount` of the reward token arrived from `funder` through `fund`.
    event Funded(address indexed funder, uint256 amount);
    /// @notice The emission rate became `rewardPerSecond`.
    event RewardPerSecondSet(uint256 rewardPerSecond);
    /// @notice `amount` owed to `user` was paid to `recipient`.
    event BonusPaid(address indexed user, address indexed recipient, uint256 amount);
    /// @notice Paying `amount` to `recipient` failed; it stays owed to `user`.
    event BonusDeferred(address indexed user, address indexed recipient, uint256 amount);
    /// @notice The owner took `amount` of the unallocated reserve to `to`.
    event Reclaimed(address indexed to, uint256 amount);
    /// @notice The farm attached this rewarder to its pool, which held `totalStaked`.
    event Attached(uint256 totalStaked);
    /// @notice The farm replaced this rewarder; emission stopped.
    event Detached();

    /// @notice Only the farm may call the hooks.
    error NotFarm(address caller);
    /// @notice A hook was called for pool `pid`, but this rewarder serves `expected`.
    error WrongPool(uint256 pid, uint256 expected);
    /// @notice The zero address was given for the farm, the token or a recipient.
    error ZeroAddress();
    /// @notice `amount` is more than the unallocated reserve `reserve`.
    error InsufficientReserve(uint256 amount, uint256 reserve);
    /// @notice `rewardPerSecond` is above `MAX_REWARD_PER_SECOND()`.
    error RewardPerSecondTooLarge(uint256 rewardPerSecond, uint256 max);
    /// @notice The rewarder is not in the phase this call needs (attached for `onReward` and
    /// `onDetach`, never attached for `onAttach`, detached for `claim`).
    error WrongPhase(Phase phase);

    /// @notice Lifecycle: created, attached to the farm's pool, detached (final).
    enum Phase {
        Idle,
        Attached,
        Detached
    }

    /// @notice Upper bound of the emission rate: 1e24 token wei per second.
    function MAX_REWARD_PER_SECOND() external view returns (uint256);
    /// @notice The farm allowed to call the hooks.
    function farm() external view returns (IFarm);
    /// @notice The farm pool served.
    function pid() external view returns (uint256);
    /// @notice The bonus token.
    function rewardToken() external view returns (IERC20);
    /// @notice Bonus tokens emitted per second while attached, staked and funded.
    function rewardPerSecond() external view returns (uint256);
    /// @notice Where the rewarder is in its life.
    function phase() external view returns (Phase);
    /// @notice Tokens held and not yet emitted (as of now): what `reclaim` may take.
    function reserve() external view returns (uint256);
    /// @notice The pool's total stake as of the last report (equals the farm's while attached).
    function totalStaked() external view returns (uint256);
    /// @notice `user`'s position as of now's stake, owed tokens and index paid to.
    function userInfo(address user) external view returns (UserInfo memory);
    /// @notice Bonus tokens owed to `user` as of now (paid at their next farm action, or by `claim`).
    function pendingReward(address user) external view returns (uint256);

    /// @notice Pulls `amount` of the bonus token from the caller into the reserve (anyone may fund;
    /// a plain transfer works too).
    function fund(uint256 amount) external;
    /// @notice Sets the emission rate (at most `MAX_REWARD_PER_SECOND()`); emission so far is settled
    /// at the old rate. Owner only.
    function setRewardPerSecond(uint256 rewardPerSecond_) external;
    /// @notice Sends `amount` of the unallocated reserve to `to`; owed tokens can never be taken.
    /// Owner only.
    function reclaim(uint256 amount, address to) external;
    /// @notice While attached, anyone may record the stakes of `users` the farm has not reported since
    /// the attach (their farm stake, unchanged since then), so their bonus survives a detach exactly.
    /// Changes no amount owed. A governance batch that detaches a rewarder should sync its stakers
    /// first (or the stakers act during the Timelock delay).
    function sync(address[] calldata users) external;
    /// @notice After the detach: pays the caller everything they earned while attached to `to`.
    /// A staker neither reported nor synced while it was attached is counted with their farm stake
    /// only if their farm position is older than the detach (index paid below the pool's index at the
    /// detach): a pool whose index did not move, or any change to the position after the detach
    /// (a deposit to it by anyone included), makes that stake count as 0.
    function claim(address to) external returns (uint256 amount);
}
