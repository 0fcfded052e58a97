// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @title Bonus-reward hook of a Furrow farm pool (MiniChefV2's IRewarder, renamed)
/// @notice The farm calls `onAttach` when a rewarder becomes a pool's rewarder (`add`, `set`), `onReward`
/// after every deposit, withdraw, harvest and emergency withdraw of that pool, and `onDetach` when
/// `set` replaces it. Deposits call `onReward` plainly (a revert blocks the deposit); withdrawals,
/// harvests, emergency withdrawals and `onDetach` give it a fixed gas budget (the farm's
/// `EMERGENCY_REWARDER_GAS`) and ignore its failure, so a broken rewarder cannot keep a user's stake
/// or FUR.
interface IRewarder {
    /// @notice Called by the farm when this rewarder becomes pool `pid`'s rewarder; a revert stops it.
    /// @param totalStaked The pool's stake at that moment (every staker's stake is constant until their
    /// next `onReward`).
    function onAttach(uint256 pid, uint256 totalStaked) external;

    /// @notice Called by the farm (bounded gas, failure ignored) when `set` replaces this rewarder.
    function onDetach(uint256 pid) external;

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
