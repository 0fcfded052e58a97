// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IFarm} from "../../interfaces/IFarm.sol";

/// @notice Test-only stand-in for the Farm views BorrowRewards reads (`poolLength`, `lpToken`,
/// `totalAllocPoint`, `rewardPerSecond`, `poolInfo`), with an emission rate the real Farm refuses
/// (above its MAX_REWARD_PER_SECOND), to reach BorrowRewards' SpeedTooLarge check: one pool staking
/// `lpToken`, with all of the allocation.
contract MockSpeedFarm {
    IERC20 public immutable stakeToken;
    uint256 public rewardPerSecond;

    constructor(IERC20 stakeToken_, uint256 rewardPerSecond_) {
        stakeToken = stakeToken_;
        rewardPerSecond = rewardPerSecond_;
    }

    function poolLength() external pure returns (uint256) {
        return 1;
    }

    function lpToken(uint256) external view returns (IERC20) {
        return stakeToken;
    }

    function totalAllocPoint() external pure returns (uint256) {
        return 1;
    }

    function poolInfo(uint256) external pure returns (IFarm.PoolInfo memory info) {
        info.allocPoint = 1;
    }
}
