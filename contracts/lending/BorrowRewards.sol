// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IBorrowRewards} from "../interfaces/IBorrowRewards.sol";
import {IFarm} from "../interfaces/IFarm.sol";
import {ILendingMarket} from "../interfaces/ILendingMarket.sol";

/// @title Borrower mining across Furrow's lending markets
contract BorrowRewards is IBorrowRewards, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    uint256 private constant INDEX_SCALE = 1e24;

    /// @inheritdoc IBorrowRewards
    IFarm public immutable farm;
    /// @inheritdoc IBorrowRewards
    IERC20 public immutable rewardToken;
    /// @inheritdoc IBorrowRewards
    address public immutable factory;

    mapping(address market => MarketState) private _state;
    mapping(address market => MarketConfig) private _config;
    mapping(address market => mapping(address account => AccountState)) private _accounts;
    /// @dev allocated: emitted (credited to some index) and not yet claimed; reserve: not yet emitted, as
    /// last counted (balance - allocated, refreshed by fund / sync). One slot: every emission moves
    /// tokens from one to the other.
    struct Totals {
        uint128 allocated;
        uint128 reserve;
    }

    Totals private _totals;

    /// @param farm_ The farm whose pool speeds bound the markets' speeds.
    /// @param rewardToken_ The token paid (FUR, or any token).
    /// @param factory_ The market factory that lists markets here.
    /// @param owner_ The owner (the Timelock): sets speeds, reclaims the unallocated reserve.
    constructor(IFarm farm_, IERC20 rewardToken_, address factory_, address owner_) Ownable(owner_) {
        if (address(farm_) == address(0) || address(rewardToken_) == address(0) || factory_ == address(0)) {
            revert ZeroAddress();
        }
        farm = farm_;
        rewardToken = rewardToken_;
        factory = factory_;
    }

    // ------------------------------------------------------------------ markets report

    /// @inheritdoc IBorrowRewards
    function addMarket(address market) external {
        if (msg.sender != factory) revert NotFactory(msg.sender);
        _state[market] = MarketState(0, uint40(block.timestamp), true);
        emit MarketAdded(market);
    }

    /// @inheritdoc IBorrowRewards
    function onBorrowChange(address account, uint256 accountShares, uint256 totalShares) external {
        MarketState memory s = _state[msg.sender];
        if (!s.listed) revert NotMarket(msg.sender);
        uint160 index = _accrueMarket(msg.sender, s, totalShares);
        _settle(msg.sender, account, accountShares, index);
    }

    /// @inheritdoc IBorrowRewards
    function claim(address market, address to) external nonReentrant returns (uint256 amount) {
        if (to == address(0)) revert ZeroAddress();
        MarketState memory s = _state[market];
        if (!s.listed) revert NotMarket(market);
        uint160 index = _accrueMarket(market, s, ILendingMarket(market).totalBorrowShares());
        AccountState memory a = _settle(
            market,
            msg.sender,
            ILendingMarket(market).borrowSharesOf(msg.sender),
            index
        );
        amount = a.owed;
        if (amount == 0) return 0;
        _accounts[market][msg.sender].owed = 0;
        _totals.allocated -= uint128(amount); // owed amounts are part of allocated
        rewardToken.safeTransfer(to, amount);
        emit RewardClaimed(market, msg.sender, to, amount);
    }

    // ------------------------------------------------------------------ funding and speeds

    /// @inheritdoc IBorrowRewards
    function fund(uint256 amount) external nonReentrant {
        uint256 before = rewardToken.balanceOf(address(this));
        rewardToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = rewardToken.balanceOf(address(this)) - before;
        _sync();
        emit Funded(msg.sender, received);
    }

    /// @inheritdoc IBorrowRewards
    function sync() external nonReentrant {
        _sync();
    }

    /// @inheritdoc IBorrowRewards
    function reclaim(uint256 amount, address to) external onlyOwner nonReentrant {
        if (to == address(0)) revert ZeroAddress();
        _sync();
        uint256 reserve_ = _totals.reserve;
        if (amount > reserve_) revert InsufficientReserve(amount, reserve_);
        _totals.reserve = uint128(reserve_ - amount);
        rewardToken.safeTransfer(to, amount);
        emit Reclaimed(to, amount);
    }

    /// @inheritdoc IBorrowRewards
    function setRewardSpeed(address market, uint256 pid, uint256 rewardPerSecond) external onlyOwner {
        MarketState memory s = _state[market];
        if (!s.listed) revert NotMarket(market);
        if (pid >= farm.poolLength() || address(farm.lpToken(pid)) != market)
            revert PoolMismatch(market, pid);
        uint256 bound = supplySpeed(pid);
        if (rewardPerSecond > bound) revert SpeedAboveSupplySide(rewardPerSecond, bound);
        if (rewardPerSecond > type(uint96).max) revert SpeedTooLarge(rewardPerSecond);
        _accrueMarket(market, s, ILendingMarket(market).totalBorrowShares());
        // pid < poolLength, which the farm keeps far below 2^32
        _config[market] = MarketConfig(uint96(rewardPerSecond), uint32(pid));
        emit RewardSpeedSet(market, pid, rewardPerSecond);
    }

    /// @inheritdoc IBorrowRewards
    function syncSpeed(address market) external {
        MarketState memory s = _state[market];
        if (!s.listed) revert NotMarket(market);
        MarketConfig memory c = _config[market];
        uint256 bound = supplySpeed(c.pid);
        if (c.rewardPerSecond <= bound) return;
        _accrueMarket(market, s, ILendingMarket(market).totalBorrowShares());
        _config[market].rewardPerSecond = uint96(bound); // < the stored uint96 speed
        emit RewardSpeedSet(market, c.pid, bound);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc IBorrowRewards
    function reserve() external view returns (uint256) {
        return _totals.reserve;
    }

    /// @inheritdoc IBorrowRewards
    function supplySpeed(uint256 pid) public view returns (uint256) {
        uint256 total = farm.totalAllocPoint();
        if (total == 0) return 0;
        return Math.mulDiv(farm.rewardPerSecond(), farm.poolInfo(pid).allocPoint, total);
    }

    /// @inheritdoc IBorrowRewards
    function marketState(address market) external view returns (MarketState memory) {
        return _state[market];
    }

    /// @inheritdoc IBorrowRewards
    function marketConfig(address market) external view returns (MarketConfig memory) {
        return _config[market];
    }

    /// @inheritdoc IBorrowRewards
    function accountState(address market, address account) external view returns (AccountState memory) {
        return _accounts[market][account];
    }

    /// @inheritdoc IBorrowRewards
    function pendingReward(address market, address account) external view returns (uint256) {
        MarketState memory s = _state[market];
        if (!s.listed) return 0;
        uint256 total = ILendingMarket(market).totalBorrowShares();
        (uint160 index, ) = _grow(s, _config[market].rewardPerSecond, total, _totals.reserve);
        AccountState memory a = _accounts[market][account];
        return _owed(a, ILendingMarket(market).borrowSharesOf(account), index);
    }

    // ------------------------------------------------------------------ internals

    /// @dev The index after emitting from `s.lastUpdate` to now over `totalShares`, limited by the reserve,
    /// and what was credited: all of the emission, so that what accounts are owed (each rounded down from
    /// index differences spanning several emissions) never passes what was allocated; the index's
    /// rounding-down part (< totalShares / 1e24 per emission) is owed to nobody. An emission too small
    /// to move the index credits nothing and stays in the reserve.
    function _grow(
        MarketState memory s,
        uint256 rewardPerSecond,
        uint256 totalShares,
        uint256 reserve_
    ) private view returns (uint160 index, uint256 credited) {
        index = s.index;
        if (totalShares == 0 || rewardPerSecond == 0) return (index, 0);
        uint256 emitted = Math.min(rewardPerSecond * (block.timestamp - s.lastUpdate), reserve_);
        uint256 delta = Math.mulDiv(emitted, INDEX_SCALE, totalShares);
        if (delta == 0) return (index, 0);
        credited = emitted;
        // The index wraps at 2^160 by design: only differences of it are used.
        unchecked {
            index += uint160(delta);
        }
    }

    function _accrueMarket(
        address market,
        MarketState memory s,
        uint256 totalShares
    ) private returns (uint160) {
        if (s.lastUpdate == block.timestamp) return s.index;
        uint256 rewardPerSecond = _config[market].rewardPerSecond;
        uint160 index = s.index;
        if (rewardPerSecond != 0 && totalShares != 0) {
            Totals memory t = _totals;
            uint256 credited;
            (index, credited) = _grow(s, rewardPerSecond, totalShares, t.reserve);
            // credited <= reserve, and allocated + reserve <= the token balance
            if (credited != 0) _storeTotals(t.allocated + uint128(credited), t.reserve - uint128(credited));
        }
        // A uint40 of seconds lasts 34,000 years.
        _storeMarketState(_state[market], index, uint40(block.timestamp));
        return index;
    }

    /// @dev `_totals = Totals(allocated, reserve_)` in one write: via-IR writes a struct to storage
    /// field by field (a second SSTORE of the same slot). Fields as solc lays them out, the first in
    /// the low bits; test/lending/Layout.test.ts pins the layout with eth_getStorageAt.
    /// @dev gas: -490 on lending.repay, about as much on lending.borrow and lending.liquidate (plain assignment)
    function _storeTotals(uint128 allocated, uint128 reserve_) private {
        uint256 word = uint256(allocated) | (uint256(reserve_) << 128);
        assembly ("memory-safe") {
            sstore(_totals.slot, word)
        }
    }

    /// @dev `st = MarketState(index, lastUpdate, true)` in one write, for the same reason (208 bits).
    /// @dev gas: -517 on lending.repay, about as much on lending.borrow and lending.liquidate (plain assignment)
    function _storeMarketState(MarketState storage st, uint160 index, uint40 lastUpdate) private {
        uint256 word = uint256(index) | (uint256(lastUpdate) << 160) | (uint256(1) << 200);
        assembly ("memory-safe") {
            sstore(st.slot, word)
        }
    }

    function _owed(AccountState memory a, uint256 shares, uint160 index) private pure returns (uint256) {
        uint160 delta;
        // The index wraps at 2^160 by design: the difference is right modulo 2^160.
        unchecked {
            delta = index - a.index;
        }
        return a.owed + Math.mulDiv(shares, delta, INDEX_SCALE);
    }

    function _settle(
        address market,
        address account,
        uint256 shares,
        uint160 index
    ) private returns (AccountState memory a) {
        a = _accounts[market][account];
        if (a.index == index) return a;
        a.owed = uint96(Math.min(_owed(a, shares, index), type(uint96).max));
        a.index = index;
        _accounts[market][account] = a;
    }

    function _sync() private {
        Totals memory t = _totals;
        t.reserve = SafeCast.toUint128(rewardToken.balanceOf(address(this)) - t.allocated);
        _totals = t;
    }
}
