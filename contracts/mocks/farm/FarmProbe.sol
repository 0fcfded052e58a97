// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IFarm} from "../../interfaces/IFarm.sol";
import {IERC20Rewarder} from "../../interfaces/IERC20Rewarder.sol";

/// @notice Test-only lens: reads everything the stateful test compares in one call, with the block
/// time the views saw (so the model can be evaluated at exactly that time).
contract FarmProbe {
    struct Snapshot {
        uint256 timestamp;
        uint256[] pending; // [pool * users.length + user]
        uint256[] staked; // same layout
        uint256[] totalStaked; // per pool
        uint256[] farmBalance; // farm's balance of each pool's token
        uint256[] rewardBalance; // FUR balance of each user
        uint256[] bonusPending; // rewarder.pendingReward(user), if a rewarder is given
        uint256[] bonusBalance; // bonus token balance of each user
    }

    function snapshot(
        IFarm farm,
        address[] calldata users,
        IERC20Rewarder bonus
    ) external view returns (Snapshot memory s) {
        uint256 pools = farm.poolLength();
        uint256 n = users.length;
        s.timestamp = block.timestamp;
        s.pending = new uint256[](pools * n);
        s.staked = new uint256[](pools * n);
        s.totalStaked = new uint256[](pools);
        s.farmBalance = new uint256[](pools);
        s.rewardBalance = new uint256[](n);
        s.bonusPending = new uint256[](n);
        s.bonusBalance = new uint256[](n);
        for (uint256 p = 0; p < pools; p++) {
            s.totalStaked[p] = farm.poolInfo(p).totalStaked;
            s.farmBalance[p] = farm.lpToken(p).balanceOf(address(farm));
            for (uint256 u = 0; u < n; u++) {
                s.pending[p * n + u] = farm.pendingReward(p, users[u]);
                s.staked[p * n + u] = farm.userInfo(p, users[u]).amount;
            }
        }
        for (uint256 u = 0; u < n; u++) {
            s.rewardBalance[u] = IERC20(address(farm.rewardToken())).balanceOf(users[u]);
            if (address(bonus) != address(0)) {
                s.bonusPending[u] = bonus.pendingReward(users[u]);
                s.bonusBalance[u] = bonus.rewardToken().balanceOf(users[u]);
            }
        }
    }
}
