// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IERC20Rewarder} from "../interfaces/IERC20Rewarder.sol";
import {IRewarder} from "../interfaces/IRewarder.sol";
import {IFarm} from "../interfaces/IFarm.sol";

/// @title ERC20Rewarder
/// @notice See {IERC20Rewarder}.
contract ERC20Rewarder is IERC20Rewarder, Ownable2Step {
    using SafeERC20 for IERC20;

    /// @inheritdoc IERC20Rewarder
    uint256 public constant MAX_REWARD_PER_SECOND = 1e24;

    /// @dev Same scale and reasoning as the farm's per-share index: every wei emitted moves the index
    /// for stakes up to 1e30.
    uint256 private constant SHARE_SCALE = 1e30;
    /// @dev Gas kept back from the bonus transfer for what follows it (at most one fresh storage write
    /// and an event), so a recipient that burns all it is given cannot make this call run out of gas
    /// after the transfer and roll back the stake it recorded first.
    uint256 private constant AFTER_TRANSFER_GAS = 40_000;

    /// @inheritdoc IERC20Rewarder
    IFarm public immutable farm;
    /// @inheritdoc IERC20Rewarder
    uint256 public immutable pid;
    /// @inheritdoc IERC20Rewarder
    IERC20 public immutable rewardToken;
    /// @inheritdoc IERC20Rewarder
    uint256 public rewardPerSecond;
    /// @inheritdoc IERC20Rewarder
    uint256 public totalStaked;
    /// @inheritdoc IERC20Rewarder
    Phase public phase;
    /// @dev Time the index was last moved to (meaningful while attached).
    uint64 private _lastUpdateTime;

    uint256 private _accRewardPerShare;
    /// @dev Tokens emitted and not yet paid out (owed or earned): the balance beyond it is the reserve.
    uint256 private _allocated;
    /// @dev The farm pool's per-share index at the detach, to recognise positions untouched since.
    uint256 private _poolIndexAtDetach;

    /// @dev `synced`: the farm has reported this user since the attach, so `amount` is their stake.
    struct Staker {
        uint248 amount;
        bool synced;
        uint256 owed;
        uint256 accRewardPerSharePaid;
    }
    mapping(address user => Staker) private _stakers;

    /// @param farm_ The farm whose pool `pid_` this rewarder serves.
    /// @param pid_ The pool.
    /// @param rewardToken_ The bonus token (fund it with `fund` or a plain transfer).
    /// @param rewardPerSecond_ Initial emission rate (<= MAX_REWARD_PER_SECOND).
    /// @param owner_ Sets the rate and reclaims unallocated funds.
    constructor(
        IFarm farm_,
        uint256 pid_,
        IERC20 rewardToken_,
        uint256 rewardPerSecond_,
        address owner_
    ) Ownable(owner_) {
        if (address(farm_) == address(0) || address(rewardToken_) == address(0)) revert ZeroAddress();
        _checkRate(rewardPerSecond_);
        farm = farm_;
        pid = pid_;
        rewardToken = rewardToken_;
        rewardPerSecond = rewardPerSecond_;
        emit RewardPerSecondSet(rewardPerSecond_);
    }

    // ---------------------------------------------------------------------------------------------
    // Farm hooks
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IRewarder
    function onAttach(uint256 pid_, uint256 totalStaked_) external {
        _checkFarm(pid_);
        if (phase != Phase.Idle) revert WrongPhase(phase);
        phase = Phase.Attached;
        _lastUpdateTime = uint64(block.timestamp);
        totalStaked = totalStaked_;
        emit Attached(totalStaked_);
    }

    /// @inheritdoc IRewarder
    function onDetach(uint256 pid_) external {
        _checkFarm(pid_);
        if (phase != Phase.Attached) revert WrongPhase(phase);
        _update();
        phase = Phase.Detached;
        _poolIndexAtDetach = farm.poolInfo(pid_).accRewardPerShare;
        emit Detached();
    }

    /// @inheritdoc IRewarder
    /// @dev Every state write happens before the transfer, which gets all but `AFTER_TRANSFER_GAS`.
    function onReward(uint256 pid_, address user, address recipient, uint256, uint256 newLpAmount) external {
        _checkFarm(pid_);
        if (phase != Phase.Attached) revert WrongPhase(phase);
        uint256 acc = _update();
        Staker storage s = _stakers[user];
        uint256 old = s.synced ? s.amount : _stakeSinceAttach(newLpAmount);
        uint256 owed = s.owed + _earned(old, acc, s.accRewardPerSharePaid);
        totalStaked = totalStaked - old + newLpAmount;
        // The farm's stakes are < 2^104.
        (s.amount, s.synced) = (uint248(newLpAmount), true);
        s.accRewardPerSharePaid = acc;
        if (owed == 0) return;
        if (s.owed != 0) s.owed = 0;
        if (_tryTransfer(recipient, owed)) {
            _allocated -= owed;
            emit BonusPaid(user, recipient, owed);
        } else {
            s.owed = owed;
            emit BonusDeferred(user, recipient, owed);
        }
    }

    /// @inheritdoc IRewarder
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

    // ---------------------------------------------------------------------------------------------
    // Funding, owner, claim
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IERC20Rewarder
    function fund(uint256 amount) external {
        _update(); // emission so far is measured against the balance before these tokens
        uint256 before = rewardToken.balanceOf(address(this));
        rewardToken.safeTransferFrom(msg.sender, address(this), amount);
        emit Funded(msg.sender, rewardToken.balanceOf(address(this)) - before);
    }

    /// @inheritdoc IERC20Rewarder
    function setRewardPerSecond(uint256 rewardPerSecond_) external onlyOwner {
        _checkRate(rewardPerSecond_);
        _update();
        rewardPerSecond = rewardPerSecond_;
        emit RewardPerSecondSet(rewardPerSecond_);
    }

    /// @inheritdoc IERC20Rewarder
    function reclaim(uint256 amount, address to) external onlyOwner {
        if (to == address(0)) revert ZeroAddress();
        _update();
        uint256 available = _unallocated();
        if (amount > available) revert InsufficientReserve(amount, available);
        rewardToken.safeTransfer(to, amount);
        emit Reclaimed(to, amount);
    }

    /// @inheritdoc IERC20Rewarder
    function sync(address[] calldata users) external {
        if (phase != Phase.Attached) revert WrongPhase(phase);
        for (uint256 i; i < users.length; ++i) {
            Staker storage s = _stakers[users[i]];
            if (s.synced) continue;
            // Unreported since the attach: the stake is the same as then, and the index paid is the
            // attach's (0), so recording it changes no amount owed, only makes it survive a detach.
            (s.amount, s.synced) = (uint248(farm.userInfo(pid, users[i]).amount), true);
        }
    }

    /// @inheritdoc IERC20Rewarder
    function claim(address to) external returns (uint256 amount) {
        if (to == address(0)) revert ZeroAddress();
        if (phase != Phase.Detached) revert WrongPhase(phase);
        Staker storage s = _stakers[msg.sender];
        uint256 acc = _accRewardPerShare;
        amount = s.owed + _earned(_stakeAtDetach(msg.sender, s), acc, s.accRewardPerSharePaid);
        (s.amount, s.synced, s.owed, s.accRewardPerSharePaid) = (0, true, 0, acc);
        if (amount != 0) {
            _allocated -= amount;
            rewardToken.safeTransfer(to, amount);
            emit BonusPaid(msg.sender, to, amount);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IERC20Rewarder
    function reserve() external view returns (uint256) {
        (, uint256 emitted) = _preview();
        return _unallocated() - emitted;
    }

    /// @inheritdoc IERC20Rewarder
    function userInfo(address user) external view returns (UserInfo memory) {
        Staker storage s = _stakers[user];
        return UserInfo(_currentStake(user, s), s.owed, s.accRewardPerSharePaid);
    }

    /// @inheritdoc IERC20Rewarder
    function pendingReward(address user) public view returns (uint256) {
        (uint256 acc, ) = _preview();
        Staker storage s = _stakers[user];
        return s.owed + _earned(_currentStake(user, s), acc, s.accRewardPerSharePaid);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _update() private returns (uint256 acc) {
        uint256 emitted;
        (acc, emitted) = _preview();
        if (phase != Phase.Attached) return acc;
        _lastUpdateTime = uint64(block.timestamp);
        if (emitted == 0) return acc;
        _accRewardPerShare = acc;
        _allocated += emitted;
    }

    /// @dev acc += min(rate * dt, reserve) * 1e30 / totalStaked while attached; nothing is emitted
    /// with no stake (the time is not made up later).
    function _preview() private view returns (uint256 acc, uint256 emitted) {
        acc = _accRewardPerShare;
        uint256 staked = totalStaked;
        if (phase != Phase.Attached || staked == 0) return (acc, 0);
        // rate <= 1e24 and dt < 2^64: no overflow.
        emitted = Math.min(rewardPerSecond * (block.timestamp - _lastUpdateTime), _unallocated());
        acc += Math.mulDiv(emitted, SHARE_SCALE, staked);
    }

    /// @dev Saturates: a token whose balances shrink on their own must not brick the hooks.
    function _unallocated() private view returns (uint256) {
        uint256 balance = rewardToken.balanceOf(address(this));
        uint256 allocated = _allocated;
        return balance > allocated ? balance - allocated : 0;
    }

    /// @dev A user first reported since the attach has had one stake since then (every change is
    /// reported): the farm's total after this change, less the change, is the total this rewarder
    /// knew, so that stake is `newLpAmount - (farmTotal - totalStaked)`.
    function _stakeSinceAttach(uint256 newLpAmount) private view returns (uint256) {
        uint256 farmTotal = farm.poolInfo(pid).totalStaked;
        uint256 known = totalStaked + newLpAmount;
        return known > farmTotal ? known - farmTotal : 0;
    }

    /// @dev The stake to count for `user` now (views): reported, or their farm stake if unreported.
    function _currentStake(address user, Staker storage s) private view returns (uint256) {
        if (s.synced) return s.amount;
        if (phase == Phase.Attached) return farm.userInfo(pid, user).amount;
        if (phase == Phase.Detached) return _stakeAtDetach(user, s);
        return 0;
    }

    /// @dev After the detach: a user never reported while attached counts with their farm stake only if
    /// their farm position is older than the detach (index paid below the pool's index then); one
    /// changed after the detach cannot show what it was, and counts as 0.
    function _stakeAtDetach(address user, Staker storage s) private view returns (uint256) {
        if (s.synced) return s.amount;
        IFarm.UserInfo memory u = farm.userInfo(pid, user);
        return u.accRewardPerSharePaid < _poolIndexAtDetach ? u.amount : 0;
    }

    /// @dev `rewardToken.transfer(to, amount)` with all gas but `AFTER_TRANSFER_GAS`, reading at most
    /// 32 bytes back; true when it succeeded (empty return data from a contract, or `true`).
    function _tryTransfer(address to, uint256 amount) private returns (bool ok) {
        uint256 g = gasleft();
        if (g <= AFTER_TRANSFER_GAS) return false;
        bytes memory data = abi.encodeCall(IERC20.transfer, (to, amount));
        address token = address(rewardToken);
        assembly ("memory-safe") {
            ok := call(sub(g, AFTER_TRANSFER_GAS), token, 0, add(data, 0x20), mload(data), 0, 0x20)
            switch returndatasize()
            case 0 {
                ok := and(ok, gt(extcodesize(token), 0))
            }
            default {
                ok := and(ok, and(gt(returndatasize(), 0x1f), eq(mload(0), 1)))
            }
        }
    }

    function _checkFarm(uint256 pid_) private view {
        if (msg.sender != address(farm)) revert NotFarm(msg.sender);
        if (pid_ != pid) revert WrongPool(pid_, pid);
    }

    function _checkRate(uint256 rate) private pure {
        if (rate > MAX_REWARD_PER_SECOND) revert RewardPerSecondTooLarge(rate, MAX_REWARD_PER_SECOND);
    }

    function _earned(uint256 amount, uint256 acc, uint256 paid) private pure returns (uint256) {
        return Math.mulDiv(amount, acc - paid, SHARE_SCALE);
    }
}
