// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRewarder} from "./IRewarder.sol";
import {IFarm} from "./IFarm.sol";

/// @title Dual rewards for one farm pool: a second token at its own rate, from a funded balance
/// @notice Pays `rewardToken()` at `rewardPerSecond()` to the stakers of farm pool `pid()`, pro rata to
/// the stake the farm reports through `onReward`, as long as funded tokens remain (`reserve()`); with
/// no stake, nothing is emitted and the funds stay in the reserve.
/// Accrual: acc += emitted * 1e30 / totalStaked; owed += amount * (acc - acc_user) / 1e30 (rounding down).
/// Owed tokens are paid on every farm action of the user; if the transfer to the recipient fails
/// (e.g. a contract that rejects the token), they stay owed to the user and are paid on a later call.
/// A rewarder attached to a pool that already has stakers learns each one's stake at their next action.
interface IERC20Rewarder is IRewarder {
    /// @notice A user's position as this rewarder knows it.
    struct UserInfo {
        uint256 amount;
        uint256 owed;
        uint256 accRewardPerSharePaid;
    }

    /// @notice `amount` of the reward token arrived from `funder` and joined the reserve.
    event Funded(address indexed funder, uint256 amount);
    /// @notice The emission rate became `rewardPerSecond`.
    event RewardPerSecondSet(uint256 rewardPerSecond);
    /// @notice `amount` owed to `user` was paid to `recipient`.
    event BonusPaid(address indexed user, address indexed recipient, uint256 amount);
    /// @notice Paying `amount` to `recipient` failed; it stays owed to `user`.
    event BonusDeferred(address indexed user, address indexed recipient, uint256 amount);
    /// @notice The owner took `amount` of the unallocated reserve to `to`.
    event Reclaimed(address indexed to, uint256 amount);

    /// @notice Only the farm may call `onReward`.
    error NotFarm(address caller);
    /// @notice `onReward` was called for pool `pid`, but this rewarder serves `expected`.
    error WrongPool(uint256 pid, uint256 expected);
    /// @notice The zero address was given for the farm, the token or a recipient.
    error ZeroAddress();
    /// @notice `amount` is more than the unallocated reserve `reserve`.
    error InsufficientReserve(uint256 amount, uint256 reserve);

    /// @notice The farm allowed to call `onReward`.
    function farm() external view returns (IFarm);
    /// @notice The farm pool served.
    function pid() external view returns (uint256);
    /// @notice The bonus token.
    function rewardToken() external view returns (IERC20);
    /// @notice Bonus tokens emitted per second while the pool has stake and the reserve lasts.
    function rewardPerSecond() external view returns (uint256);
    /// @notice Funded tokens not yet emitted (as of now).
    function reserve() external view returns (uint256);
    /// @notice Sum of the stakes reported by the farm.
    function totalStaked() external view returns (uint256);
    /// @notice `user`'s position.
    function userInfo(address user) external view returns (UserInfo memory);
    /// @notice Bonus tokens owed to `user` as of now (paid at their next farm action).
    function pendingReward(address user) external view returns (uint256);

    /// @notice Pulls `amount` of the bonus token from the caller into the reserve (anyone may fund).
    function fund(uint256 amount) external;
    /// @notice Sets the emission rate; emission so far is settled at the old rate. Owner only.
    function setRewardPerSecond(uint256 rewardPerSecond_) external;
    /// @notice Sends `amount` of the unallocated reserve to `to`; owed tokens can never be taken.
    /// Owner only.
    function reclaim(uint256 amount, address to) external;
}
