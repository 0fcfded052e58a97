// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Bonus-reward hook of a Furrow farm pool (MiniChefV2's IRewarder, renamed)
/// @notice The farm calls `onReward` after every deposit, withdraw and harvest of a pool that has a
/// rewarder, and (with a bounded gas budget, failures ignored) after an emergency withdraw.
interface IRewarder {
    /// @notice Called by the farm after `user`'s stake in pool `pid` changed or was harvested.
    /// @param pid The pool.
    /// @param user Whose stake it is.
    /// @param recipient Who receives the user's rewards in this call (`to` of the farm call).
    /// @param rewardAmount FUR paid by the farm in this call (0 for deposit and withdraw).
    /// @param newLpAmount `user`'s stake in the pool after the call.
    function onReward(
        uint256 pid,
        address user,
        address recipient,
        uint256 rewardAmount,
        uint256 newLpAmount
    ) external;

    /// @notice The bonus tokens and amounts `user` would receive if they harvested now.
    /// @param rewardAmount The FUR the farm would pay in the same harvest.
    function pendingTokens(
        uint256 pid,
        address user,
        uint256 rewardAmount
    ) external view returns (IERC20[] memory tokens, uint256[] memory amounts);
}
