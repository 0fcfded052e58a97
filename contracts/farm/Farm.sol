// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IFarm} from "../interfaces/IFarm.sol";
import {IRewarder} from "../interfaces/IRewarder.sol";
import {IRewardToken} from "../interfaces/IRewardToken.sol";
import {FarmAccrual} from "./FarmAccrual.sol";

/// @title Farm
/// @notice See {IFarm}. The only owner functions are `add`, `set` and `setRewardPerSecond` (plus
/// Ownable2Step's ownership transfer): no migrator, no sweep, nothing that moves a user's stake.
/// The accounting (global index, FUR backing, pool catch-up) is in {FarmAccrual}.
contract Farm is Ownable2Step, ReentrancyGuardTransient, Multicall, FarmAccrual {
    using SafeERC20 for IERC20;

    /// @inheritdoc IFarm
    uint256 public constant MAX_ALLOC_POINT = type(uint32).max;
    /// @inheritdoc IFarm
    uint256 public constant EMERGENCY_REWARDER_GAS = 200_000;

    uint256 private constant MAX_STAKE = type(uint104).max;

    /// @dev Pool id -> token (+ a copy of "has a rewarder", so paths that read the token skip the
    /// rewarder slot when there is none). One slot.
    struct PoolKey {
        IERC20 lpToken;
        bool hasRewarder;
    }

    /// @dev Two slots per user and pool: stake and settled FUR (read together), then the index paid to
    /// (always < 2^192, the pool index's range; held as a full word so writing it needs no read).
    struct Position {
        uint104 amount;
        uint152 accrued;
    }
    struct Account {
        Position position;
        uint256 accRewardPerSharePaid;
    }

    mapping(uint256 pid => PoolKey) private _keys;
    mapping(uint256 pid => IRewarder) private _rewarders;
    /// @dev Keyed by token so `add` checks for duplicates in the slot it writes.
    mapping(IERC20 lpToken => Pool) private _pools;
    mapping(uint256 pid => mapping(address user => Account)) private _accounts;

    /// @param rewardToken_ FUR; the farm needs its MINTER_ROLE to pay anything.
    /// @param rewardPerSecond_ Initial emission (<= MAX_REWARD_PER_SECOND).
    /// @param startTime_ Nothing accrues before it (nor before deployment).
    /// @param owner_ The timelock.
    constructor(
        IRewardToken rewardToken_,
        uint256 rewardPerSecond_,
        uint256 startTime_,
        address owner_
    ) Ownable(owner_) FarmAccrual(rewardToken_, rewardPerSecond_, startTime_) {}

    // ---------------------------------------------------------------------------------------------
    // Owner
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFarm
    function add(uint256 allocPoint, IERC20 lpToken_, IRewarder rewarder_) external onlyOwner {
        _checkAllocPoint(allocPoint);
        if (address(lpToken_) == address(0)) revert ZeroAddressToken();
        Pool storage pool = _pools[lpToken_];
        if (pool.state.exists) revert PoolExists(lpToken_);
        uint152 g = _updateGlobal(0, allocPoint);
        uint256 pid = _budget.poolCount++; // checked: reverts at 2^32 pools
        pool.state = PoolState({accRewardPerShare: 0, allocPoint: uint32(allocPoint), exists: true});
        pool.stake = PoolStake({accRewardPerAllocPoint: g, totalStaked: 0});
        bool hasRewarder = address(rewarder_) != address(0);
        _keys[pid] = PoolKey({lpToken: lpToken_, hasRewarder: hasRewarder});
        if (hasRewarder) {
            _rewarders[pid] = rewarder_;
            rewarder_.onAttach(pid, 0);
        }
        emit LogPoolAddition(pid, allocPoint, lpToken_, rewarder_);
    }

    /// @inheritdoc IFarm
    function set(uint256 pid, uint256 allocPoint, IRewarder rewarder_, bool overwrite) external onlyOwner {
        _checkAllocPoint(allocPoint);
        PoolKey memory key = _keys[pid];
        if (address(key.lpToken) == address(0)) revert UnknownPool(pid);
        Pool storage pool = _pools[key.lpToken];
        // The pool is read before G moves only to learn its old weight; it catches up below.
        PoolState memory st = pool.state;
        PoolStake memory sk = pool.stake;
        bool moved = _catchUp(st, sk, _updateGlobal(st.allocPoint, allocPoint));
        st.allocPoint = uint32(allocPoint); // < 2^32, checked above
        _storeState(pool, st);
        if (moved) pool.stake = sk;
        if (overwrite) {
            IRewarder old = key.hasRewarder ? _rewarders[pid] : IRewarder(address(0));
            if (rewarder_ != old) {
                key.hasRewarder = address(rewarder_) != address(0);
                _keys[pid] = key;
                _rewarders[pid] = rewarder_;
                // The pool is up to date: the old rewarder stops here, the new one starts from the
                // stake as it is now. Removing a broken rewarder always works.
                if (address(old) != address(0)) {
                    _callRewarderBounded(pid, old, abi.encodeCall(IRewarder.onDetach, (pid)));
                }
                if (key.hasRewarder) rewarder_.onAttach(pid, sk.totalStaked);
            }
        } else {
            rewarder_ = key.hasRewarder ? _rewarders[pid] : IRewarder(address(0));
        }
        emit LogSetPool(pid, allocPoint, rewarder_, overwrite);
    }

    /// @inheritdoc IFarm
    function setRewardPerSecond(uint256 rewardPerSecond_) external onlyOwner {
        _checkRewardPerSecond(rewardPerSecond_);
        _updateGlobal(0, 0);
        Budget memory b = _budget;
        // Backing is kept as time at the old rate; turn what is left of it into an amount.
        if (b.fundedUntil > block.timestamp) {
            b.reserve += uint120(b.rewardPerSecond * (b.fundedUntil - block.timestamp));
        }
        b.fundedUntil = uint32(block.timestamp);
        b.rewardPerSecond = uint72(rewardPerSecond_); // <= 1e20 < 2^72, checked above
        _budget = b;
        emit LogRewardPerSecond(rewardPerSecond_);
    }

    // ---------------------------------------------------------------------------------------------
    // Users
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFarm
    function updatePool(uint256 pid) external nonReentrant returns (PoolInfo memory) {
        Pool storage pool = _pools[_lpToken(pid)];
        uint152 g = _updateGlobal(0, 0);
        PoolState memory st = pool.state;
        PoolStake memory sk = pool.stake;
        if (_catchUp(st, sk, g)) _writePool(pool, st, sk);
        return _poolInfo(st, sk);
    }

    /// @inheritdoc IFarm
    function deposit(uint256 pid, uint256 amount, address to) external nonReentrant {
        _deposit(pid, amount, to);
    }

    /// @inheritdoc IFarm
    function depositWithPermit(
        uint256 pid,
        uint256 amount,
        address to,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external nonReentrant {
        // A front-run permit only sets the allowance this deposit needs: ignore its failure.
        try
            IERC20Permit(address(_lpToken(pid))).permit(msg.sender, address(this), amount, deadline, v, r, s)
        {
            // solhint-disable-previous-line no-empty-blocks
        } catch {}
        _deposit(pid, amount, to);
    }

    /// @inheritdoc IFarm
    function withdraw(uint256 pid, uint256 amount, address to) external nonReentrant {
        _withdraw(pid, amount, to, false);
    }

    /// @inheritdoc IFarm
    function harvest(uint256 pid, address to) external nonReentrant {
        _checkRecipient(to);
        (IERC20 token, bool hasRewarder) = _key(pid);
        Pool storage pool = _pools[token];
        uint152 g = _updateGlobal(0, 0);
        PoolState memory st = pool.state;
        PoolStake memory sk = pool.stake;
        if (_catchUp(st, sk, g)) _writePool(pool, st, sk);
        Account storage account = _accounts[pid][msg.sender];
        Position memory pos = account.position;
        _settleUser(account, pos, st.accRewardPerShare);
        uint256 reward = pos.accrued;
        if (reward != 0) {
            pos.accrued = 0;
            account.position = pos;
            _payReward(to, reward);
        }
        if (hasRewarder) _notifyRewarder(pid, msg.sender, to, reward, pos.amount);
        emit Harvest(msg.sender, pid, reward);
    }

    /// @inheritdoc IFarm
    function withdrawAndHarvest(uint256 pid, uint256 amount, address to) external nonReentrant {
        _withdraw(pid, amount, to, true);
    }

    /// @inheritdoc IFarm
    function emergencyWithdraw(uint256 pid, address to) external nonReentrant {
        _checkRecipient(to);
        (IERC20 token, bool hasRewarder) = _key(pid);
        Account storage account = _accounts[pid][msg.sender];
        Position memory pos = account.position;
        uint256 amount = pos.amount;
        if (amount != 0 || pos.accrued != 0) {
            delete account.position;
            Pool storage pool = _pools[token];
            // The FUR given up (settled, plus earned at the pool's stored index) goes back to the
            // reserve and backs later emission; the pool's unsettled interval goes to those who stay.
            uint256 forfeited =
                pos.accrued +
                    _earned(amount, pool.state.accRewardPerShare, uint192(account.accRewardPerSharePaid));
            if (forfeited != 0) _budget.reserve += uint120(forfeited); // checked add
            if (amount != 0) {
                // The pool's total includes this user's stake.
                unchecked {
                    pool.stake.totalStaked -= uint104(amount);
                }
            }
        }
        // The rewarder first, so a stake token's hook sees the rewarder up to date too.
        if (hasRewarder) _notifyRewarder(pid, msg.sender, to, 0, 0);
        if (amount != 0) token.safeTransfer(to, amount);
        emit EmergencyWithdraw(msg.sender, pid, amount, to);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFarm
    function poolLength() external view returns (uint256) {
        return _budget.poolCount;
    }

    /// @inheritdoc IFarm
    function lpToken(uint256 pid) external view returns (IERC20) {
        return _lpToken(pid);
    }

    /// @inheritdoc IFarm
    function rewarder(uint256 pid) external view returns (IRewarder) {
        _lpToken(pid);
        return _rewarders[pid];
    }

    /// @inheritdoc IFarm
    function poolInfo(uint256 pid) external view returns (PoolInfo memory) {
        Pool storage pool = _pools[_lpToken(pid)];
        return _poolInfo(pool.state, pool.stake);
    }

    /// @inheritdoc IFarm
    function userInfo(uint256 pid, address user) external view returns (UserInfo memory) {
        _lpToken(pid);
        Account storage account = _accounts[pid][user];
        Position memory pos = account.position;
        return UserInfo(pos.amount, pos.accrued, account.accRewardPerSharePaid);
    }

    /// @inheritdoc IFarm
    function pendingReward(uint256 pid, address user) external view returns (uint256) {
        Pool storage pool = _pools[_lpToken(pid)];
        PoolState memory st = pool.state;
        _accruePool(st, pool.stake, _previewGlobal());
        Account storage account = _accounts[pid][user];
        Position memory pos = account.position;
        return
            pos.accrued + _earned(pos.amount, st.accRewardPerShare, uint192(account.accRewardPerSharePaid));
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _deposit(uint256 pid, uint256 amount, address to) private {
        _checkRecipient(to);
        (IERC20 token, bool hasRewarder) = _key(pid);
        // Pulled before any write: a token hook that reads the farm's views sees the state as it was
        // before this call, whole (no pool index written without its copy of G).
        uint256 received = _pull(token, amount);
        Pool storage pool = _pools[token];
        uint152 g = _updateGlobal(0, 0);
        PoolState memory st = pool.state;
        PoolStake memory sk = pool.stake;
        // The stake slot changes below; only the index slot is written here.
        if (_catchUp(st, sk, g)) _storeState(pool, st);
        Account storage account = _accounts[pid][to];
        Position memory pos = account.position;
        _settleUser(account, pos, st.accRewardPerShare);
        uint256 total = sk.totalStaked + received;
        if (total > MAX_STAKE) revert StakeTooLarge(total, MAX_STAKE);
        // total < 2^104 (checked) and the user's stake is part of the pool's total.
        unchecked {
            pos.amount += uint104(received);
        }
        sk.totalStaked = uint104(total);
        account.position = pos;
        pool.stake = sk;
        if (hasRewarder) _rewarders[pid].onReward(pid, to, to, 0, pos.amount);
        emit Deposit(msg.sender, pid, received, to);
    }

    function _withdraw(uint256 pid, uint256 amount, address to, bool andHarvest) private {
        _checkRecipient(to);
        (IERC20 token, bool hasRewarder) = _key(pid);
        Pool storage pool = _pools[token];
        uint152 g = _updateGlobal(0, 0);
        PoolState memory st = pool.state;
        PoolStake memory sk = pool.stake;
        // The stake slot changes below; only the index slot is written here.
        if (_catchUp(st, sk, g)) _storeState(pool, st);
        Account storage account = _accounts[pid][msg.sender];
        Position memory pos = account.position;
        _settleUser(account, pos, st.accRewardPerShare);
        if (amount > pos.amount) revert InsufficientStake(amount, pos.amount);
        // amount <= the user's stake <= the pool's total.
        unchecked {
            pos.amount -= uint104(amount);
            sk.totalStaked -= uint104(amount);
        }
        uint256 reward;
        if (andHarvest) {
            reward = pos.accrued;
            pos.accrued = 0;
        }
        account.position = pos;
        pool.stake = sk;
        _payReward(to, reward);
        // The rewarder first, so a stake token's hook sees the rewarder up to date too.
        if (hasRewarder) _notifyRewarder(pid, msg.sender, to, reward, pos.amount);
        if (amount != 0) token.safeTransfer(to, amount);
        emit Withdraw(msg.sender, pid, amount, to);
        if (andHarvest) emit Harvest(msg.sender, pid, reward);
    }

    function _writePool(Pool storage pool, PoolState memory st, PoolStake memory sk) private {
        _storeState(pool, st);
        pool.stake = sk;
    }

    /// @dev Settles `account` (its position `pos`, edited in place) up to the pool index `acc` into
    /// `pos.accrued` (rounding down); the caller writes `pos`.
    function _settleUser(Account storage account, Position memory pos, uint192 acc) private {
        uint192 paid = uint192(account.accRewardPerSharePaid); // only ever holds a uint192
        if (paid == acc) return;
        account.accRewardPerSharePaid = acc;
        // Settled FUR is bounded by the FUR the farm minted (< 2^152); checked add anyway.
        pos.accrued += uint152(_earned(pos.amount, acc, paid));
    }

    function _earned(uint256 amount, uint192 acc, uint192 paid) private pure returns (uint256) {
        if (amount == 0) return 0;
        uint192 delta;
        // The index wraps mod 2^192; differences are exact under the bound stated on PoolState.
        unchecked {
            delta = acc - paid;
        }
        return Math.mulDiv(amount, delta, SHARE_SCALE);
    }

    /// @dev Credits what arrived, so fee-on-transfer tokens are accounted for what the farm holds.
    function _pull(IERC20 token, uint256 amount) private returns (uint256) {
        if (amount == 0) return 0;
        uint256 before = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        return token.balanceOf(address(this)) - before;
    }

    function _payReward(address to, uint256 amount) private {
        // The farm holds every settled wei: emission is only credited when backed by minted FUR.
        if (amount != 0) IERC20(address(rewardToken)).safeTransfer(to, amount);
    }

    function _notifyRewarder(
        uint256 pid,
        address user,
        address to,
        uint256 reward,
        uint256 newAmount
    ) private {
        bytes memory data = abi.encodeCall(IRewarder.onReward, (pid, user, to, reward, newAmount));
        _callRewarderBounded(pid, _rewarders[pid], data);
    }

    /// @dev Calls the rewarder with a fixed gas budget, copying no return data and ignoring failure:
    /// a reverting, gas-burning, return-bombing or code-less rewarder cannot block a withdrawal. The
    /// caller must send enough gas for the whole budget, so no one can make the rewarder fail on
    /// purpose (ERC20Rewarder fits its work in the budget whatever its token does).
    function _callRewarderBounded(uint256 pid, IRewarder r, bytes memory data) private {
        uint256 needed = EMERGENCY_REWARDER_GAS + EMERGENCY_REWARDER_GAS / 63 + 10_000;
        if (gasleft() < needed) revert InsufficientGasForRewarder(gasleft(), needed);
        uint256 gasBudget = EMERGENCY_REWARDER_GAS;
        bool ok;
        assembly ("memory-safe") {
            ok := call(gasBudget, r, 0, add(data, 0x20), mload(data), 0, 0)
        }
        if (!ok || address(r).code.length == 0) emit RewarderFailed(pid, r);
    }

    /// @dev Pool `pid`'s token and whether it has a rewarder (one read of its key slot).
    function _key(uint256 pid) private view returns (IERC20 token, bool hasRewarder) {
        PoolKey storage key = _keys[pid];
        (token, hasRewarder) = (key.lpToken, key.hasRewarder);
        if (address(token) == address(0)) revert UnknownPool(pid);
    }

    function _lpToken(uint256 pid) private view returns (IERC20 token) {
        (token, ) = _key(pid);
    }

    function _checkRecipient(address to) private pure {
        if (to == address(0)) revert InvalidRecipient(to);
    }

    function _checkAllocPoint(uint256 allocPoint) private pure {
        if (allocPoint > MAX_ALLOC_POINT) revert AllocPointTooLarge(allocPoint, MAX_ALLOC_POINT);
    }

    function _poolInfo(PoolState memory st, PoolStake memory sk) private pure returns (PoolInfo memory) {
        return PoolInfo(st.accRewardPerShare, sk.accRewardPerAllocPoint, st.allocPoint, sk.totalStaked);
    }
}
