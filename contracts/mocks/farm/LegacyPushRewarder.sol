// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IRewarder} from "../../interfaces/IRewarder.sol";
import {IFarm} from "../../interfaces/IFarm.sol";

/// @title LegacyPushRewarder
/// @notice Test-only copy of ERC20Rewarder as it was before issue 9 (commit b9b0ae2): it knows only the
/// stakes the farm pushed to it, rolls its state back with a failed transfer, starts at a total of 0
/// when attached to a live pool, takes any rate and counts only `fund`. The incident tests run the
/// same scenarios against it to show that they can fail.
contract LegacyPushRewarder is IRewarder, Ownable2Step {
    struct UserInfo {
        uint256 amount;
        uint256 owed;
        uint256 accRewardPerSharePaid;
    }

    event BonusPaid(address indexed user, address indexed recipient, uint256 amount);
    event BonusDeferred(address indexed user, address indexed recipient, uint256 amount);

    error NotFarm(address caller);
    error WrongPool(uint256 pid, uint256 expected);
    error InsufficientReserve(uint256 amount, uint256 reserve);

    using SafeERC20 for IERC20;

    /// @dev Same scale and reasoning as the farm's per-share index: every wei emitted moves the index
    /// for stakes up to 1e30.
    uint256 private constant SHARE_SCALE = 1e30;

    IFarm public immutable farm;
    uint256 public immutable pid;
    IERC20 public immutable rewardToken;
    uint256 public rewardPerSecond;
    uint256 public totalStaked;

    uint256 private _reserve;
    uint256 private _accRewardPerShare;
    uint256 private _lastUpdateTime;
    mapping(address user => UserInfo) private _users;

    /// @param farm_ The farm whose pool `pid_` this rewarder serves.
    /// @param pid_ The pool.
    /// @param rewardToken_ The bonus token (fund it with `fund`).
    /// @param rewardPerSecond_ Initial emission rate.
    /// @param owner_ Sets the rate and reclaims unallocated funds.
    constructor(
        IFarm farm_,
        uint256 pid_,
        IERC20 rewardToken_,
        uint256 rewardPerSecond_,
        address owner_
    ) Ownable(owner_) {
        farm = farm_;
        pid = pid_;
        rewardToken = rewardToken_;
        rewardPerSecond = rewardPerSecond_;
        _lastUpdateTime = block.timestamp;
    }

    /// @dev The legacy rewarder had no lifecycle: attach and detach pass unnoticed.
    function onAttach(uint256, uint256) external {}

    function onDetach(uint256) external {}

    function onReward(uint256 pid_, address user, address recipient, uint256, uint256 newLpAmount) external {
        if (msg.sender != address(farm)) revert NotFarm(msg.sender);
        if (pid_ != pid) revert WrongPool(pid_, pid);
        uint256 acc = _update();
        UserInfo storage u = _users[user];
        uint256 owed = u.owed + _earned(u.amount, acc, u.accRewardPerSharePaid);
        totalStaked = totalStaked - u.amount + newLpAmount;
        u.amount = newLpAmount;
        u.accRewardPerSharePaid = acc;
        if (owed != 0) {
            // Effects before the transfer; a failed transfer keeps the debt.
            u.owed = 0;
            if (rewardToken.trySafeTransfer(recipient, owed)) {
                emit BonusPaid(user, recipient, owed);
            } else {
                u.owed = owed;
                emit BonusDeferred(user, recipient, owed);
            }
        }
    }

    function pendingTokens(
        uint256,
        address user,
        uint256
    ) external view returns (IERC20[] memory tokens, uint256[] memory amounts) {
        tokens = new IERC20[](1);
        amounts = new uint256[](1);
        tokens[0] = rewardToken;
        amounts[0] = pendingReward(user);
    }

    function fund(uint256 amount) external {
        _update();
        uint256 before = rewardToken.balanceOf(address(this));
        rewardToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = rewardToken.balanceOf(address(this)) - before;
        _reserve += received;
    }

    function setRewardPerSecond(uint256 rewardPerSecond_) external onlyOwner {
        _update();
        rewardPerSecond = rewardPerSecond_;
    }

    function reclaim(uint256 amount, address to) external onlyOwner {
        _update();
        if (amount > _reserve) revert InsufficientReserve(amount, _reserve);
        _reserve -= amount;
        rewardToken.safeTransfer(to, amount);
    }

    function reserve() external view returns (uint256) {
        (, uint256 emitted) = _preview();
        return _reserve - emitted;
    }

    function userInfo(address user) external view returns (UserInfo memory) {
        return _users[user];
    }

    function pendingReward(address user) public view returns (uint256) {
        (uint256 acc, ) = _preview();
        UserInfo storage u = _users[user];
        return u.owed + _earned(u.amount, acc, u.accRewardPerSharePaid);
    }

    function _update() private returns (uint256 acc) {
        uint256 emitted;
        (acc, emitted) = _preview();
        _accRewardPerShare = acc;
        _reserve -= emitted;
        _lastUpdateTime = block.timestamp;
    }

    /// @dev acc += min(rate * dt, reserve) * 1e30 / totalStaked; nothing is emitted with no stake.
    function _preview() private view returns (uint256 acc, uint256 emitted) {
        acc = _accRewardPerShare;
        uint256 staked = totalStaked;
        if (staked == 0) return (acc, 0);
        emitted = Math.min(rewardPerSecond * (block.timestamp - _lastUpdateTime), _reserve);
        acc += Math.mulDiv(emitted, SHARE_SCALE, staked);
    }

    function _earned(uint256 amount, uint256 acc, uint256 paid) private pure returns (uint256) {
        return Math.mulDiv(amount, acc - paid, SHARE_SCALE);
    }
}
