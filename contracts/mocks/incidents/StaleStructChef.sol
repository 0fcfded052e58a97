// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {MockERC20} from "../MockERC20.sol";
import {LegacyMasterChef} from "./LegacyMasterChef.sol";

/// @notice Test-only reproduction of Cover Protocol's Blacksmith bug (Dec 2020): `deposit` copies the
/// pool to memory, updates the pool in storage, then sets the depositor's debt from the stale copy's
/// index, so a new stake is paid for the time before it arrived.
contract StaleStructChef is LegacyMasterChef {
    constructor(MockERC20 reward_, uint256 rewardPerSecond_) LegacyMasterChef(reward_, rewardPerSecond_) {}

    function deposit(uint256 pid, uint256 amount) external override {
        PoolInfo memory pool = poolInfo[pid]; // the copy the bug reads after the update below
        UserInfo storage u = userInfo[pid][msg.sender];
        updatePool(pid);
        _payPending(poolInfo[pid], u);
        pool.lpToken.transferFrom(msg.sender, address(this), amount);
        u.amount += amount;
        u.rewardDebt = (u.amount * pool.accRewardPerShare) / ACC_PRECISION;
    }
}
