// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Multicall} from "@openzeppelin/contracts/utils/Multicall.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IFarm} from "../interfaces/IFarm.sol";
import {IRewarder} from "../interfaces/IRewarder.sol";
import {IRewardToken} from "../interfaces/IRewardToken.sol";

/// @title Farm
/// @notice See {IFarm}. The only owner functions are `add`, `set` and `setRewardPerSecond` (plus
/// Ownable2Step's ownership transfer): no migrator, no sweep, nothing that moves a user's stake.
contract Farm is IFarm, Ownable2Step, ReentrancyGuardTransient, Multicall {
    using SafeERC20 for IERC20;

    /// @inheritdoc IFarm
    uint256 public constant MAX_REWARD_PER_SECOND = 100e18;
    /// @inheritdoc IFarm
    uint256 public constant MAX_ALLOC_POINT = type(uint32).max;
    /// @inheritdoc IFarm
    uint256 public constant EMERGENCY_REWARDER_GAS = 200_000;
    /// @notice FUR is minted this far ahead of the emission it backs (one mint per day at most).
    uint256 public constant MINT_BATCH_DURATION = 1 days;

    /// @dev S_G: scale of the global index. Its rounding costs a pool < allocPoint / 1e18 wei per
    /// update (< 4.3e-9 wei for allocPoint < 2^32), and one wei of emission still moves the index
    /// while totalAllocPoint < 1e18.
    uint256 private constant ALLOC_SCALE = 1e18;
    /// @dev S: scale of the per-share index. S >= 1e30 >= totalStaked makes every wei of pool reward
    /// move the index and bounds a staker's rounding loss by amount / S <= 1 wei per update.
    uint256 private constant SHARE_SCALE = 1e30;
    /// @dev S / S_G, so a pool's index moves with a single rounding (see `_accruePool`).
    uint256 private constant SCALE_RATIO = SHARE_SCALE / ALLOC_SCALE;
    uint256 private constant MAX_STAKE = type(uint104).max;
    bytes32 private constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @inheritdoc IFarm
    IRewardToken public immutable rewardToken;
    /// @inheritdoc IFarm
    uint256 public immutable startTime;

    /// @dev One slot, read and written by every action that moves time: the global index G
    /// (mod 2^152; differences stay exact while one pool's unsettled reward is < 5.7e27 wei, 57x the
    /// FUR cap), the last time it moved (uint32: until 2106) and the rate (<= 1e20 < 2^72).
    struct Emission {
        uint152 accRewardPerAllocPoint;
        uint32 lastUpdateTime;
        uint72 rewardPerSecond;
    }

    /// @dev One slot, read when time moves and written only when FUR is minted, weights change, or
    /// an empty pool gives its share back: emission up to `fundedUntil` at the current rate is backed
    /// by FUR the farm holds, and `reserve` is backing FUR beyond that. The pool count lives here
    /// because `add` writes this slot anyway.
    struct Budget {
        uint64 totalAllocPoint;
        uint32 fundedUntil;
        uint128 reserve;
        uint32 poolCount;
    }

    /// @dev Pool id -> token (+ a copy of "has a rewarder", so paths that read the token skip the
    /// rewarder slot when there is none). One slot.
    struct PoolKey {
        IERC20 lpToken;
        bool hasRewarder;
    }

    /// @dev Two slots per pool, keyed by token so `add` checks for duplicates in the slot it writes:
    /// slot 0 the per-share index (mod 2^192, same bound as G) and weight, slot 1 the global index the
    /// pool last caught up to and the stake (uint104: 2e31, above the 1e30 the precision is stated for).
    struct PoolState {
        uint192 accRewardPerShare;
        uint32 allocPoint;
        bool exists;
    }
    struct PoolStake {
        uint152 accRewardPerAllocPoint;
        uint104 totalStaked;
    }
    struct Pool {
        PoolState state;
        PoolStake stake;
    }

    /// @dev Two slots per user and pool: stake and settled FUR (read together), then the index paid to.
    struct Position {
        uint104 amount;
        uint152 accrued;
    }
    struct Account {
        Position position;
        uint192 accRewardPerSharePaid;
    }

    Emission private _emission;
    Budget private _budget;
    mapping(uint256 pid => PoolKey) private _keys;
    mapping(uint256 pid => IRewarder) private _rewarders;
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
    ) Ownable(owner_) {
        if (address(rewardToken_) == address(0)) revert ZeroAddressToken();
        if (rewardPerSecond_ > MAX_REWARD_PER_SECOND) {
            revert RewardPerSecondTooLarge(rewardPerSecond_, MAX_REWARD_PER_SECOND);
        }
        if (startTime_ > type(uint32).max) revert StartTimeTooLate(startTime_, type(uint32).max);
        rewardToken = rewardToken_;
        startTime = startTime_;
        // Both fit: startTime_ checked above, block.timestamp < 2^32 until 2106, rate <= 1e20 < 2^72.
        _emission.lastUpdateTime = uint32(Math.max(startTime_, block.timestamp));
        _emission.rewardPerSecond = uint72(rewardPerSecond_);
        emit LogRewardPerSecond(rewardPerSecond_);
    }

    // ---------------------------------------------------------------------------------------------
    // Owner
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFarm
    function add(uint256 allocPoint, IERC20 lpToken_, IRewarder rewarder_) external onlyOwner {
        _checkAllocPoint(allocPoint);
        if (address(lpToken_) == address(0)) revert ZeroAddressToken();
        Pool storage pool = _pools[lpToken_];
        if (pool.state.exists) revert PoolExists(lpToken_);
        uint152 g = _updateGlobal();
        // allocPoint < 2^32 (checked), so 2^32 pools are needed to overflow the uint64 total.
        Budget storage budget = _budget;
        budget.totalAllocPoint += uint64(allocPoint);
        uint256 pid = budget.poolCount++; // checked: reverts at 2^32 pools
        pool.state = PoolState({accRewardPerShare: 0, allocPoint: uint32(allocPoint), exists: true});
        pool.stake = PoolStake({accRewardPerAllocPoint: g, totalStaked: 0});
        bool hasRewarder = address(rewarder_) != address(0);
        _keys[pid] = PoolKey({lpToken: lpToken_, hasRewarder: hasRewarder});
        if (hasRewarder) _rewarders[pid] = rewarder_;
        emit LogPoolAddition(pid, allocPoint, lpToken_, rewarder_);
    }

    /// @inheritdoc IFarm
    function set(uint256 pid, uint256 allocPoint, IRewarder rewarder_, bool overwrite) external onlyOwner {
        _checkAllocPoint(allocPoint);
        PoolKey memory key = _key(pid);
        Pool storage pool = _pools[key.lpToken];
        (PoolState memory st, ) = _settlePool(pool, _updateGlobal());
        // Both < 2^32 by the checks in add/set; the total held the old value, so no underflow.
        _budget.totalAllocPoint = _budget.totalAllocPoint - st.allocPoint + uint64(allocPoint);
        st.allocPoint = uint32(allocPoint);
        pool.state = st;
        if (overwrite) {
            key.hasRewarder = address(rewarder_) != address(0);
            _keys[pid] = key;
            _rewarders[pid] = rewarder_;
        } else {
            rewarder_ = key.hasRewarder ? _rewarders[pid] : IRewarder(address(0));
        }
        emit LogSetPool(pid, allocPoint, rewarder_, overwrite);
    }

    /// @inheritdoc IFarm
    function setRewardPerSecond(uint256 rewardPerSecond_) external onlyOwner {
        if (rewardPerSecond_ > MAX_REWARD_PER_SECOND) {
            revert RewardPerSecondTooLarge(rewardPerSecond_, MAX_REWARD_PER_SECOND);
        }
        _updateGlobal();
        Budget memory b = _budget;
        // Backing is kept as time at the old rate; turn what is left of it into an amount.
        if (b.fundedUntil > block.timestamp) {
            b.reserve += uint128(_emission.rewardPerSecond * (b.fundedUntil - block.timestamp));
        }
        b.fundedUntil = uint32(block.timestamp);
        _budget = b;
        _emission.rewardPerSecond = uint72(rewardPerSecond_); // <= 1e20 < 2^72, checked above
        emit LogRewardPerSecond(rewardPerSecond_);
    }

    // ---------------------------------------------------------------------------------------------
    // Users
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFarm
    function updatePool(uint256 pid) external nonReentrant returns (PoolInfo memory) {
        (PoolState memory st, PoolStake memory sk) = _settlePool(_pools[_key(pid).lpToken], _updateGlobal());
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
            IERC20Permit(address(_key(pid).lpToken)).permit(
                msg.sender,
                address(this),
                amount,
                deadline,
                v,
                r,
                s
            )
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
        (PoolKey memory key, , uint192 acc, ) = _update(pid);
        Account storage account = _accounts[pid][msg.sender];
        Position memory pos = _settleUser(account, acc);
        uint256 reward = pos.accrued;
        pos.accrued = 0;
        account.position = pos;
        _payReward(to, reward);
        if (key.hasRewarder) _rewarders[pid].onReward(pid, msg.sender, to, reward, pos.amount);
        emit Harvest(msg.sender, pid, reward);
    }

    /// @inheritdoc IFarm
    function withdrawAndHarvest(uint256 pid, uint256 amount, address to) external nonReentrant {
        _withdraw(pid, amount, to, true);
    }

    /// @inheritdoc IFarm
    function emergencyWithdraw(uint256 pid, address to) external nonReentrant {
        _checkRecipient(to);
        PoolKey memory key = _key(pid);
        Account storage account = _accounts[pid][msg.sender];
        uint256 amount = account.position.amount;
        delete account.position; // forfeits the settled FUR
        // The pool's total includes this user's stake.
        unchecked {
            _pools[key.lpToken].stake.totalStaked -= uint104(amount);
        }
        if (amount != 0) key.lpToken.safeTransfer(to, amount);
        if (key.hasRewarder) _notifyRewarderBounded(pid, to);
        emit EmergencyWithdraw(msg.sender, pid, amount, to);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFarm
    function rewardPerSecond() external view returns (uint256) {
        return _emission.rewardPerSecond;
    }

    /// @inheritdoc IFarm
    function totalAllocPoint() external view returns (uint256) {
        return _budget.totalAllocPoint;
    }

    /// @inheritdoc IFarm
    function poolLength() external view returns (uint256) {
        return _budget.poolCount;
    }

    /// @inheritdoc IFarm
    function lpToken(uint256 pid) external view returns (IERC20) {
        return _key(pid).lpToken;
    }

    /// @inheritdoc IFarm
    function rewarder(uint256 pid) external view returns (IRewarder) {
        _key(pid);
        return _rewarders[pid];
    }

    /// @inheritdoc IFarm
    function poolInfo(uint256 pid) external view returns (PoolInfo memory) {
        Pool storage pool = _pools[_key(pid).lpToken];
        return _poolInfo(pool.state, pool.stake);
    }

    /// @inheritdoc IFarm
    function userInfo(uint256 pid, address user) external view returns (UserInfo memory) {
        _key(pid);
        Account storage account = _accounts[pid][user];
        Position memory pos = account.position;
        return UserInfo(pos.amount, pos.accrued, account.accRewardPerSharePaid);
    }

    /// @inheritdoc IFarm
    function pendingReward(uint256 pid, address user) external view returns (uint256) {
        Pool storage pool = _pools[_key(pid).lpToken];
        (Emission memory e, , , ) = _previewGlobal();
        PoolState memory st = pool.state;
        _accruePool(st, pool.stake, e.accRewardPerAllocPoint);
        Account storage account = _accounts[pid][user];
        Position memory pos = account.position;
        return pos.accrued + _earned(pos.amount, st.accRewardPerShare, account.accRewardPerSharePaid);
    }

    /// @inheritdoc IFarm
    function accRewardPerAllocPoint() external view returns (uint256) {
        (Emission memory e, , , ) = _previewGlobal();
        return e.accRewardPerAllocPoint;
    }

    /// @inheritdoc IFarm
    function rewardReserve() external view returns (uint256 reserve, uint256 fundedUntil) {
        Budget memory b = _budget;
        return (b.reserve, b.fundedUntil);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals: users
    // ---------------------------------------------------------------------------------------------

    function _deposit(uint256 pid, uint256 amount, address to) private {
        _checkRecipient(to);
        (PoolKey memory key, Pool storage pool, uint192 acc, PoolStake memory sk) = _update(pid);
        Account storage account = _accounts[pid][to];
        Position memory pos = _settleUser(account, acc);
        uint256 received = _pull(key.lpToken, amount);
        uint256 total = sk.totalStaked + received;
        if (total > MAX_STAKE) revert StakeTooLarge(total, MAX_STAKE);
        // total < 2^104 (checked) and the user's stake is part of the pool's total.
        unchecked {
            pos.amount += uint104(received);
        }
        sk.totalStaked = uint104(total);
        account.position = pos;
        pool.stake = sk;
        if (key.hasRewarder) _rewarders[pid].onReward(pid, to, to, 0, pos.amount);
        emit Deposit(msg.sender, pid, received, to);
    }

    function _withdraw(uint256 pid, uint256 amount, address to, bool andHarvest) private {
        _checkRecipient(to);
        (PoolKey memory key, Pool storage pool, uint192 acc, PoolStake memory sk) = _update(pid);
        Account storage account = _accounts[pid][msg.sender];
        Position memory pos = _settleUser(account, acc);
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
        if (amount != 0) key.lpToken.safeTransfer(to, amount);
        if (key.hasRewarder) _rewarders[pid].onReward(pid, msg.sender, to, reward, pos.amount);
        emit Withdraw(msg.sender, pid, amount, to);
        if (andHarvest) emit Harvest(msg.sender, pid, reward);
    }

    /// @dev Settles `account` up to the pool index `acc` into its `accrued` (rounding down).
    function _settleUser(Account storage account, uint192 acc) private returns (Position memory pos) {
        pos = account.position;
        uint192 paid = account.accRewardPerSharePaid;
        if (paid == acc) return pos;
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

    /// @dev Tells the rewarder the stake is gone with a fixed gas budget, copying no return data and
    /// ignoring failure: a reverting, gas-burning, return-bombing or code-less rewarder cannot block it.
    function _notifyRewarderBounded(uint256 pid, address to) private {
        IRewarder r = _rewarders[pid];
        uint256 needed = EMERGENCY_REWARDER_GAS + EMERGENCY_REWARDER_GAS / 63 + 10_000;
        if (gasleft() < needed) revert InsufficientGasForRewarder(gasleft(), needed);
        bytes memory data = abi.encodeCall(IRewarder.onReward, (pid, msg.sender, to, 0, 0));
        uint256 gasBudget = EMERGENCY_REWARDER_GAS;
        bool ok;
        assembly ("memory-safe") {
            ok := call(gasBudget, r, 0, add(data, 0x20), mload(data), 0, 0)
        }
        if (!ok || address(r).code.length == 0) emit RewarderFailed(pid, r);
    }

    function _checkRecipient(address to) private pure {
        if (to == address(0)) revert InvalidRecipient(to);
    }

    function _checkAllocPoint(uint256 allocPoint) private pure {
        if (allocPoint > MAX_ALLOC_POINT) revert AllocPointTooLarge(allocPoint, MAX_ALLOC_POINT);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals: accrual
    // ---------------------------------------------------------------------------------------------

    function _key(uint256 pid) private view returns (PoolKey memory key) {
        key = _keys[pid];
        if (address(key.lpToken) == address(0)) revert UnknownPool(pid);
    }

    /// @dev Brings G and pool `pid` up to date; returns what the caller needs to go on.
    function _update(
        uint256 pid
    ) private returns (PoolKey memory key, Pool storage pool, uint192 acc, PoolStake memory sk) {
        key = _key(pid);
        pool = _pools[key.lpToken];
        PoolState memory st;
        (st, sk) = _settlePool(pool, _updateGlobal());
        acc = st.accRewardPerShare;
    }

    /// @dev Moves the pool to the global index `g`, writing only the slots that changed.
    function _settlePool(
        Pool storage pool,
        uint152 g
    ) private returns (PoolState memory st, PoolStake memory sk) {
        st = pool.state;
        sk = pool.stake;
        if (sk.accRewardPerAllocPoint == g) return (st, sk);
        uint192 accBefore = st.accRewardPerShare;
        uint256 refund = _accruePool(st, sk, g);
        pool.stake = sk;
        if (st.accRewardPerShare != accBefore) pool.state = st;
        // An empty pool's share is owed to nobody: it goes back to the budget (checked add).
        if (refund != 0) _budget.reserve += uint128(refund);
    }

    /// @dev acc += allocPoint * dG * (S / S_G) / totalStaked: one rounding per pool update.
    /// Returns the pool's reward when it has no stake (to be given back to the budget).
    function _accruePool(
        PoolState memory st,
        PoolStake memory sk,
        uint152 g
    ) private pure returns (uint256 refund) {
        uint152 dG;
        // G wraps mod 2^152; see Emission for why differences stay exact.
        unchecked {
            dG = g - sk.accRewardPerAllocPoint;
        }
        sk.accRewardPerAllocPoint = g;
        if (dG == 0 || st.allocPoint == 0) return 0;
        if (sk.totalStaked == 0) return (uint256(st.allocPoint) * dG) / ALLOC_SCALE;
        // < 2^32 * 2^152 * 2^40 < 2^256. The per-share index wraps mod 2^192 (see PoolState).
        unchecked {
            st.accRewardPerShare += uint192((uint256(st.allocPoint) * dG * SCALE_RATIO) / sk.totalStaked);
        }
    }

    /// @dev Writes what `_previewGlobal` computed and mints what it asked for.
    function _updateGlobal() private returns (uint152) {
        (Emission memory e, Budget memory b, uint256 toMint, bool budgetChanged) = _previewGlobal();
        if (toMint != 0) {
            rewardToken.mint(address(this), toMint);
            emit RewardsMinted(toMint);
        }
        if (budgetChanged) _budget = b;
        _emission = e;
        return e.accRewardPerAllocPoint;
    }

    /// @dev The global index as of now: G += emitted * S_G / totalAllocPoint, where `emitted` is
    /// rate * elapsed while backed by minted FUR, less once the cap (or a lost MINTER_ROLE) stops it.
    function _previewGlobal()
        private
        view
        returns (Emission memory e, Budget memory b, uint256 toMint, bool budgetChanged)
    {
        e = _emission;
        uint256 last = e.lastUpdateTime;
        if (block.timestamp <= last) return (e, b, 0, false);
        e.lastUpdateTime = uint32(block.timestamp); // < 2^32 until 2106
        uint256 rate = e.rewardPerSecond;
        if (rate == 0) return (e, b, 0, false);
        b = _budget;
        if (b.totalAllocPoint == 0) {
            // Nothing is emitted while no pool has weight: keep the FUR that backed the elapsed time.
            if (b.fundedUntil > last) {
                b.reserve += uint128(rate * (Math.min(block.timestamp, b.fundedUntil) - last));
                budgetChanged = true;
            }
            return (e, b, 0, budgetChanged);
        }
        uint256 emitted;
        if (block.timestamp <= b.fundedUntil) {
            emitted = rate * (block.timestamp - last);
        } else {
            (emitted, toMint) = _fund(b, last, rate);
            budgetChanged = true;
        }
        // emitted is backed by minted FUR (< 1e27), so emitted * 1e18 < 2^152: the wrap never
        // happens in one step; G itself is meant to wrap over the farm's life.
        unchecked {
            e.accRewardPerAllocPoint += uint152((emitted * ALLOC_SCALE) / b.totalAllocPoint);
        }
    }

    /// @dev Emission from `last` to now when the backing ran out before now: uses the reserve, asks to
    /// mint the shortfall plus one batch, and emits only what is backed.
    function _fund(
        Budget memory b,
        uint256 last,
        uint256 rate
    ) private view returns (uint256 emitted, uint256 toMint) {
        uint256 covered = b.fundedUntil > last ? b.fundedUntil - last : 0;
        uint256 elapsed = block.timestamp - last;
        uint256 need = rate * (elapsed - covered);
        uint256 available = b.reserve;
        uint256 wanted = need + rate * MINT_BATCH_DURATION;
        if (available < wanted) {
            toMint = Math.min(wanted - available, _mintable());
            available += toMint;
        }
        if (available >= need) {
            uint256 left = available - need;
            uint256 secs = Math.min(left / rate, type(uint32).max - block.timestamp);
            b.fundedUntil = uint32(block.timestamp + secs); // capped at 2^32 - 1 above
            b.reserve = uint128(left - secs * rate); // < rate unless capped; always <= minted FUR
            emitted = rate * elapsed;
        } else {
            b.fundedUntil = uint32(block.timestamp);
            b.reserve = 0;
            emitted = rate * covered + available;
        }
    }

    function _mintable() private view returns (uint256) {
        IRewardToken token = rewardToken;
        if (!IAccessControl(address(token)).hasRole(MINTER_ROLE, address(this))) return 0;
        return token.mintableSupply();
    }

    function _poolInfo(PoolState memory st, PoolStake memory sk) private pure returns (PoolInfo memory) {
        return PoolInfo(st.accRewardPerShare, sk.accRewardPerAllocPoint, st.allocPoint, sk.totalStaked);
    }
}
