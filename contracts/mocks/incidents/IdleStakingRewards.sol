// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Test-only reproduction of Synthetix StakingRewards' idle-time leak: a funded period pays
/// `rate` per second to stakers, but while nobody is staked the clock moves and the per-token index
/// does not, so that part of the funding stays in the contract with no way out.
contract IdleStakingRewards {
    IERC20 public immutable stakingToken;
    IERC20 public immutable rewardsToken;
    uint256 public periodFinish;
    uint256 public rewardRate;
    uint256 public lastUpdateTime;
    uint256 public rewardPerTokenStored;
    uint256 public totalSupply;
    mapping(address user => uint256) public balanceOf;
    mapping(address user => uint256) public paidPerToken;
    mapping(address user => uint256) public rewards;

    constructor(IERC20 stakingToken_, IERC20 rewardsToken_) {
        stakingToken = stakingToken_;
        rewardsToken = rewardsToken_;
    }

    modifier checkpoint(address user) {
        rewardPerTokenStored = rewardPerToken();
        lastUpdateTime = lastTimeRewardApplicable();
        rewards[user] = earned(user);
        paidPerToken[user] = rewardPerTokenStored;
        _;
    }

    function lastTimeRewardApplicable() public view returns (uint256) {
        return block.timestamp < periodFinish ? block.timestamp : periodFinish;
    }

    function rewardPerToken() public view returns (uint256) {
        if (totalSupply == 0) return rewardPerTokenStored; // the leak: time passes, nobody is paid
        return
            rewardPerTokenStored +
            ((lastTimeRewardApplicable() - lastUpdateTime) * rewardRate * 1e18) / totalSupply;
    }

    function earned(address user) public view returns (uint256) {
        return (balanceOf[user] * (rewardPerToken() - paidPerToken[user])) / 1e18 + rewards[user];
    }

    /// @notice Pulls `amount` and pays it out over `duration` seconds from now (one period, no top-up).
    function notifyRewardAmount(uint256 amount, uint256 duration) external checkpoint(address(0)) {
        rewardsToken.transferFrom(msg.sender, address(this), amount);
        rewardRate = amount / duration;
        lastUpdateTime = block.timestamp;
        periodFinish = block.timestamp + duration;
    }

    function stake(uint256 amount) external checkpoint(msg.sender) {
        totalSupply += amount;
        balanceOf[msg.sender] += amount;
        stakingToken.transferFrom(msg.sender, address(this), amount);
    }

    function exit() external checkpoint(msg.sender) {
        uint256 amount = balanceOf[msg.sender];
        totalSupply -= amount;
        balanceOf[msg.sender] = 0;
        uint256 reward = rewards[msg.sender];
        rewards[msg.sender] = 0;
        stakingToken.transfer(msg.sender, amount);
        rewardsToken.transfer(msg.sender, reward);
    }
}
