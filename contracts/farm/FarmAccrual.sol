// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IFarm} from "../interfaces/IFarm.sol";
import {FUR_MINTER_ROLE, IRewardToken} from "../interfaces/IRewardToken.sol";

/// @title FarmAccrual
/// @notice The farm's accounting: the global index, its FUR backing, and how a pool catches up to it.
/// {Farm} adds pools, users and the owner on top. Nothing here moves a user's stake.
abstract contract FarmAccrual is IFarm {
    /// @inheritdoc IFarm
    uint256 public constant MAX_REWARD_PER_SECOND = 100e18;
    /// @notice FUR is minted this far ahead of the emission it backs (one mint per day at most).
    uint256 public constant MINT_BATCH_DURATION = 1 days;

    /// @dev S_G: scale of the global index. Its rounding costs a pool < allocPoint / 1e18 wei per
    /// update (< 4.3e-9 wei for allocPoint < 2^32), and one wei of emission still moves the index
    /// while totalAllocPoint < 1e18.
    uint256 private constant ALLOC_SCALE = 1e18;
    /// @dev S: scale of the per-share index. S >= 1e30 >= totalStaked makes every wei of pool reward
    /// move the index and bounds a staker's rounding loss by amount / S <= 1 wei per update.
    uint256 internal constant SHARE_SCALE = 1e30;
    /// @dev S / S_G, so a pool's index moves with a single rounding (see `_accruePool`).
    uint256 private constant SCALE_RATIO = SHARE_SCALE / ALLOC_SCALE;

    /// @inheritdoc IFarm
    IRewardToken public immutable rewardToken;
    /// @inheritdoc IFarm
    uint256 public immutable startTime;

    /// @dev One slot, read and written by every action that moves time, and by `add`/`set` (which
    /// change the weights, so they write nothing else here): the global index G (mod 2^152;
    /// differences stay exact while one pool's unsettled reward is < 5.7e27 wei, 57x the FUR cap), the
    /// last time it moved (uint32: until 2106) and the weights' sum (2^32 pools of < 2^32 each).
    struct Emission {
        uint152 accRewardPerAllocPoint;
        uint32 lastUpdateTime;
        uint64 totalAllocPoint;
    }

    /// @dev One slot, read when time moves and written only when FUR is minted, the rate changes, a
    /// pool is added, or an empty pool gives its share back: the rate (<= 1e20 < 2^72); emission up to
    /// `fundedUntil` at that rate is backed by FUR the farm holds, and `reserve` is backing FUR beyond
    /// that. `reserve` never exceeds the FUR the farm minted, at most 2^32 s of emission at <= 1e20/s
    /// plus one batch (< 2^99), so uint120 holds it. The pool count lives here because `add` writes
    /// this slot anyway.
    struct Budget {
        uint72 rewardPerSecond;
        uint32 fundedUntil;
        uint120 reserve;
        uint32 poolCount;
    }

    /// @dev Two slots per pool: slot 0 the per-share index (mod 2^192, same bound as G), weight and
    /// existence; slot 1 the global index the pool last caught up to and the stake (uint104: 2e31,
    /// above the 1e30 the precision is stated for). A pool's update writes both, once.
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

    Emission internal _emission;
    Budget internal _budget;

    constructor(IRewardToken rewardToken_, uint256 rewardPerSecond_, uint256 startTime_) {
        if (address(rewardToken_) == address(0)) revert ZeroAddressToken();
        _checkRewardPerSecond(rewardPerSecond_);
        if (startTime_ > type(uint32).max) revert StartTimeTooLate(startTime_, type(uint32).max);
        rewardToken = rewardToken_;
        startTime = startTime_;
        // Fits: startTime_ checked above, block.timestamp < 2^32 until 2106.
        _emission.lastUpdateTime = uint32(Math.max(startTime_, block.timestamp));
        _budget.rewardPerSecond = uint72(rewardPerSecond_); // <= 1e20 < 2^72, checked above
        emit LogRewardPerSecond(rewardPerSecond_);
    }

    /// @inheritdoc IFarm
    function rewardPerSecond() external view returns (uint256) {
        return _budget.rewardPerSecond;
    }

    /// @inheritdoc IFarm
    function totalAllocPoint() external view returns (uint256) {
        return _emission.totalAllocPoint;
    }

    /// @inheritdoc IFarm
    function accRewardPerAllocPoint() external view returns (uint256) {
        return _previewGlobal();
    }

    /// @inheritdoc IFarm
    function rewardReserve() external view returns (uint256 reserve, uint256 fundedUntil) {
        Budget memory b = _budget;
        return (b.reserve, b.fundedUntil);
    }

    /// @dev Brings G up to now at the current weights (minting what `_advance` asks for), then
    /// replaces `allocRemoved` of them by `allocAdded` (both < 2^32; `allocRemoved` is part of the
    /// sum). Returns the new G.
    function _updateGlobal(uint256 allocRemoved, uint256 allocAdded) internal returns (uint152) {
        Emission memory e = _emission;
        if (block.timestamp > e.lastUpdateTime) {
            Budget memory b = _budget;
            (uint256 toMint, bool budgetChanged) = _advance(e, b);
            if (toMint != 0) {
                rewardToken.mint(address(this), toMint);
                emit RewardsMinted(toMint);
            }
            if (budgetChanged) _budget = b;
        } else if (allocRemoved == allocAdded) {
            return e.accRewardPerAllocPoint; // nothing changed
        }
        if (allocRemoved != allocAdded) {
            // Both casts fit (< 2^32); the uint64 arithmetic is checked (2^32 pools to overflow).
            e.totalAllocPoint = e.totalAllocPoint - uint64(allocRemoved) + uint64(allocAdded);
        }
        _storeEmission(e);
        return e.accRewardPerAllocPoint;
    }

    /// @dev G as of now, without writing or minting (views).
    function _previewGlobal() internal view returns (uint152) {
        Emission memory e = _emission;
        if (block.timestamp > e.lastUpdateTime) {
            Budget memory b = _budget;
            _advance(e, b);
        }
        return e.accRewardPerAllocPoint;
    }

    /// @dev Moves `e` and `b` (copies of the two slots, edited in place) from `e.lastUpdateTime`,
    /// which is in the past, to now: G += emitted * S_G / totalAllocPoint, where `emitted` is
    /// rate * elapsed while backed by minted FUR, less once the cap (or a lost MINTER_ROLE) stops it.
    /// Returns the FUR to mint first and whether `b` changed.
    function _advance(
        Emission memory e,
        Budget memory b
    ) private view returns (uint256 toMint, bool budgetChanged) {
        uint256 last = e.lastUpdateTime;
        e.lastUpdateTime = uint32(block.timestamp); // < 2^32 until 2106
        uint256 rate = b.rewardPerSecond;
        if (rate == 0) return (0, false);
        if (e.totalAllocPoint == 0) {
            // Nothing is emitted while no pool has weight: keep the FUR that backed the elapsed time.
            if (b.fundedUntil > last) {
                b.reserve += uint120(rate * (Math.min(block.timestamp, b.fundedUntil) - last));
                budgetChanged = true;
            }
            return (0, budgetChanged);
        }
        uint256 emitted;
        if (block.timestamp <= b.fundedUntil) {
            // now > last (the caller's condition); rate < 2^72 and now - last < 2^32.
            unchecked {
                emitted = rate * (block.timestamp - last);
            }
        } else {
            (emitted, toMint) = _fund(b, last, rate);
            budgetChanged = true;
        }
        // emitted is backed by minted FUR (< 1e27), so emitted * 1e18 < 2^152: the wrap never
        // happens in one step; G itself is meant to wrap over the farm's life.
        unchecked {
            e.accRewardPerAllocPoint += uint152((emitted * ALLOC_SCALE) / e.totalAllocPoint);
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
            b.reserve = uint120(left - secs * rate); // < rate unless capped; always <= minted FUR
            emitted = rate * elapsed;
        } else {
            b.fundedUntil = uint32(block.timestamp);
            b.reserve = 0;
            emitted = rate * covered + available;
        }
    }

    function _mintable() private view returns (uint256) {
        IRewardToken token = rewardToken;
        if (!IAccessControl(address(token)).hasRole(FUR_MINTER_ROLE, address(this))) return 0;
        return token.mintableSupply();
    }

    /// @dev Moves a pool (`st`, `sk`: copies of its two slots, edited in place) to the global index
    /// `g`; the caller writes what it changes, each slot once. An empty pool's share is owed to
    /// nobody: it goes back to the budget here. Returns whether the pool was behind G (so both of
    /// its slots changed).
    function _catchUp(PoolState memory st, PoolStake memory sk, uint152 g) internal returns (bool) {
        if (sk.accRewardPerAllocPoint == g) return false;
        uint256 refund = _accruePool(st, sk, g);
        if (refund != 0) _budget.reserve += uint120(refund); // checked add
        return true;
    }

    /// @dev acc += allocPoint * dG * (S / S_G) / totalStaked: one rounding per pool update.
    /// Returns the pool's reward when it has no stake (to be given back to the budget).
    function _accruePool(
        PoolState memory st,
        PoolStake memory sk,
        uint152 g
    ) internal pure returns (uint256 refund) {
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

    /// @dev `_emission = e` without the read-modify-write solc emits for this three-field struct: the
    /// fields are packed as solc lays them out (first field in the low bits) and fill 248 bits;
    /// test/farm/Layout.test.ts pins the layout with eth_getStorageAt.
    /// @dev gas: -23,752 on deploy.Farm (0.6%), -133 on farm.deposit and every farm.* id (plain
    /// `_emission = e`); under 1%, kept because plain makes deploy.Farm 0.6% dearer, over the 0.3%
    /// issue 10 allows.
    function _storeEmission(Emission memory e) private {
        uint256 word =
            uint256(e.accRewardPerAllocPoint) |
                (uint256(e.lastUpdateTime) << 152) |
                (uint256(e.totalAllocPoint) << 184);
        assembly ("memory-safe") {
            sstore(_emission.slot, word)
        }
    }

    /// @dev `pool.state = st`, packed by hand for the same reason as `_storeEmission` (232 bits).
    /// @dev gas: -133,811 on deploy.Farm (3.5%), -119 on farm.deposit (plain `pool.state = st`)
    function _storeState(Pool storage pool, PoolState memory st) internal {
        uint256 word =
            uint256(st.accRewardPerShare) |
                (uint256(st.allocPoint) << 192) |
                (st.exists ? uint256(1) << 224 : 0);
        assembly ("memory-safe") {
            sstore(pool.slot, word)
        }
    }

    function _checkRewardPerSecond(uint256 rewardPerSecond_) internal pure {
        if (rewardPerSecond_ > MAX_REWARD_PER_SECOND) {
            revert RewardPerSecondTooLarge(rewardPerSecond_, MAX_REWARD_PER_SECOND);
        }
    }
}
