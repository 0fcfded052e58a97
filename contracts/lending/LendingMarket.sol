// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {ILendingMarket} from "../interfaces/ILendingMarket.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {IInterestRateModel} from "../interfaces/IInterestRateModel.sol";
import {IBorrowRewards} from "../interfaces/IBorrowRewards.sol";
import {LendingMath} from "../libraries/LendingMath.sol";

/// @title One isolated lending market (loan token, collateral token), immutable, deployed by MarketFactory
contract LendingMarket is ILendingMarket, ERC4626, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;
    using SafeCast for uint256;
    using LendingMath for uint256;

    uint256 private constant WAD = 1e18;
    uint256 private constant PRICE_SCALE = 1e36;
    uint256 private constant MAX_CAP = type(uint128).max;

    /// @inheritdoc ILendingMarket
    uint256 public constant MAX_LIQUIDATION_INCENTIVE = 1.15e18;
    /// @inheritdoc ILendingMarket
    uint256 public constant STALE_LIQUIDATION_HEALTH = 0.95e18;
    /// @inheritdoc ILendingMarket
    /// @dev 1,000% a year, as KinkedRateModel's bound: a foreign model cannot make debt explode.
    uint256 public constant MAX_BORROW_RATE_PER_SECOND = 10e18 / uint256(365 days);

    /// @inheritdoc ILendingMarket
    IERC20 public immutable collateralToken;
    /// @inheritdoc ILendingMarket
    IPriceOracle public immutable oracle;
    /// @inheritdoc ILendingMarket
    IInterestRateModel public immutable irm;
    /// @inheritdoc ILendingMarket
    uint256 public immutable lltv;
    /// @inheritdoc ILendingMarket
    uint256 public immutable liquidationIncentive;
    /// @inheritdoc ILendingMarket
    address public immutable factory;
    /// @inheritdoc ILendingMarket
    IBorrowRewards public immutable borrowRewards;

    /// @dev Borrow totals: read and written together by every debt change.
    struct Borrows {
        uint128 assets;
        uint128 shares;
    }

    /// @dev Cash and the accrual clock share a slot: a deposit writes both in one SSTORE. The clock is a
    /// uint128 (a uint64 would do) so the struct fills the slot: a whole-struct write is then one
    /// SSTORE with no read-back of the unused bits.
    /// @dev gas: -196 on lending.repay (with the in-memory accrual of `_accrued`, -449 together)
    struct Ledger {
        uint128 cash;
        uint128 lastAccrual;
    }

    /// @dev Both caps in one slot, read by deposits and borrows.
    struct Caps {
        uint128 supply;
        uint128 borrow;
    }

    Borrows private _borrows;
    Ledger private _ledger;
    Caps private _caps;
    uint256 private _lastPrice;
    uint256 private _totalBadDebt;
    mapping(address account => Position) private _positions;

    /// @param loanToken The token lent (the ERC-4626 asset).
    /// @param collateralToken_ The token borrowers post.
    /// @param oracle_ Collateral price in loan-token units, 1e36-scaled.
    /// @param irm_ Interest rate model.
    /// @param lltv_ Liquidation loan-to-value, 1e18-scaled (checked by the factory).
    /// @param borrowRewards_ Where debt changes are reported (zero: none).
    /// @param factory_ The MarketFactory (its owner sets the caps).
    /// @param name_ Share token name.
    /// @param symbol_ Share token symbol.
    constructor(
        IERC20 loanToken,
        IERC20 collateralToken_,
        IPriceOracle oracle_,
        IInterestRateModel irm_,
        uint256 lltv_,
        IBorrowRewards borrowRewards_,
        address factory_,
        string memory name_,
        string memory symbol_
    ) ERC20(name_, symbol_) ERC4626(loanToken) {
        collateralToken = collateralToken_;
        oracle = oracle_;
        irm = irm_;
        lltv = lltv_;
        factory = factory_;
        borrowRewards = borrowRewards_;
        liquidationIncentive = Math.min(MAX_LIQUIDATION_INCENTIVE, (WAD * WAD) / ((3 * lltv_) / 10 + 0.7e18));
        _ledger.lastAccrual = uint128(block.timestamp);
        _caps = Caps(uint128(MAX_CAP), uint128(MAX_CAP));
        try oracle_.price() returns (uint256 p) {
            _lastPrice = p;
        } catch {} // solhint-disable-line no-empty-blocks
    }

    // ------------------------------------------------------------------ supply side (ERC-4626)

    /// @inheritdoc ERC4626
    function totalAssets() public view override(ERC4626, IERC4626) returns (uint256) {
        (uint256 borrows, ) = _accruedBorrows();
        return _ledger.cash + borrows;
    }

    /// @inheritdoc ERC4626
    function deposit(
        uint256 assets,
        address receiver
    ) public override(ERC4626, IERC4626) nonReentrant returns (uint256) {
        _accrue();
        return super.deposit(assets, receiver);
    }

    /// @inheritdoc ERC4626
    function mint(
        uint256 shares,
        address receiver
    ) public override(ERC4626, IERC4626) nonReentrant returns (uint256) {
        _accrue();
        return super.mint(shares, receiver);
    }

    /// @inheritdoc ERC4626
    function withdraw(
        uint256 assets,
        address receiver,
        address owner
    ) public override(ERC4626, IERC4626) nonReentrant returns (uint256) {
        _accrue();
        return super.withdraw(assets, receiver, owner);
    }

    /// @inheritdoc ERC4626
    function redeem(
        uint256 shares,
        address receiver,
        address owner
    ) public override(ERC4626, IERC4626) nonReentrant returns (uint256) {
        _accrue();
        return super.redeem(shares, receiver, owner);
    }

    /// @inheritdoc ERC4626
    /// @dev What the supply cap leaves; the cap binds new deposits only.
    function maxDeposit(address) public view override(ERC4626, IERC4626) returns (uint256) {
        uint256 assets = totalAssets();
        uint256 cap = _caps.supply;
        return cap > assets ? cap - assets : 0;
    }

    /// @inheritdoc ERC4626
    function maxMint(address receiver) public view override(ERC4626, IERC4626) returns (uint256) {
        return _convertToShares(maxDeposit(receiver), Math.Rounding.Floor);
    }

    /// @inheritdoc ERC4626
    /// @dev Bounded by the cash on hand: borrowed assets come back as borrowers repay.
    function maxWithdraw(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        return Math.min(super.maxWithdraw(owner), _ledger.cash);
    }

    /// @inheritdoc ERC4626
    function maxRedeem(address owner) public view override(ERC4626, IERC4626) returns (uint256) {
        return Math.min(balanceOf(owner), _convertToShares(_ledger.cash, Math.Rounding.Floor));
    }

    function _transferIn(address from, uint256 assets) internal override {
        super._transferIn(from, assets);
        _ledger.cash = (_ledger.cash + assets).toUint128();
    }

    function _transferOut(address to, uint256 assets) internal override {
        uint256 cash_ = _ledger.cash;
        if (assets > cash_) revert InsufficientCash(assets, cash_);
        // cannot underflow: checked above
        unchecked {
            _ledger.cash = uint128(cash_ - assets);
        }
        super._transferOut(to, assets);
    }

    function _decimalsOffset() internal pure override returns (uint8) {
        return 6;
    }

    // ------------------------------------------------------------------ borrow side

    /// @inheritdoc ILendingMarket
    function accrueInterest() external nonReentrant {
        _accrue();
    }

    /// @inheritdoc ILendingMarket
    function supplyCollateral(uint256 amount, address onBehalf) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        if (onBehalf == address(0)) revert ZeroAddress();
        uint256 before = collateralToken.balanceOf(address(this));
        collateralToken.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = collateralToken.balanceOf(address(this)) - before;
        if (received != amount) revert TransferShortfall(amount, received);
        Position storage p = _positions[onBehalf];
        p.collateral = (p.collateral + amount).toUint128();
        emit CollateralSupplied(msg.sender, onBehalf, amount);
    }

    /// @inheritdoc ILendingMarket
    function withdrawCollateral(uint256 amount, address receiver) external nonReentrant {
        if (amount == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress();
        _accrue();
        Position memory p = _positions[msg.sender];
        if (amount > p.collateral) revert InsufficientCollateral(amount, p.collateral);
        // cannot underflow: checked above
        unchecked {
            p.collateral -= uint128(amount);
        }
        _positions[msg.sender] = p;
        if (p.borrowShares != 0) _requireHealthy(msg.sender, p, _borrows);
        collateralToken.safeTransfer(receiver, amount);
        emit CollateralWithdrawn(msg.sender, receiver, amount);
    }

    /// @inheritdoc ILendingMarket
    function borrow(uint256 assets, address receiver) external nonReentrant {
        if (assets == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress();
        (Ledger memory ledger, Borrows memory b) = _accrued();
        if (assets > ledger.cash) revert InsufficientCash(assets, ledger.cash);
        uint256 newBorrows = b.assets + assets;
        if (newBorrows > _caps.borrow) revert BorrowCapExceeded(newBorrows, _caps.borrow);
        uint256 shares = assets.toSharesUp(b.assets, b.shares);
        Position memory p = _positions[msg.sender];
        _report(msg.sender, p.borrowShares, b.shares);
        p.borrowShares = (p.borrowShares + shares).toUint128();
        b.assets = uint128(newBorrows); // <= borrow cap <= uint128 max
        b.shares = (b.shares + shares).toUint128();
        // cannot underflow: assets <= cash checked above
        unchecked {
            ledger.cash -= uint128(assets);
        }
        _positions[msg.sender] = p;
        _borrows = b;
        _ledger = ledger;
        _requireHealthy(msg.sender, p, b);
        IERC20(asset()).safeTransfer(receiver, assets);
        emit Borrowed(msg.sender, receiver, assets, shares);
    }

    /// @inheritdoc ILendingMarket
    function repay(uint256 assets, address onBehalf) external nonReentrant returns (uint256 repaid) {
        if (assets == 0) revert ZeroAmount();
        if (onBehalf == address(0)) revert ZeroAddress();
        (Ledger memory ledger, Borrows memory b) = _accrued();
        Position memory p = _positions[onBehalf];
        if (p.borrowShares == 0) revert NoDebt(onBehalf);
        uint256 shares =
            assets == type(uint256).max ? p.borrowShares : assets.toSharesDown(b.assets, b.shares);
        if (shares > p.borrowShares) shares = p.borrowShares;
        if (shares == 0) revert ZeroAmount();
        repaid = shares.toAssetsUp(b.assets, b.shares);
        _report(onBehalf, p.borrowShares, b.shares);
        _burnDebt(p, b, shares, repaid);
        _positions[onBehalf] = p;
        _borrows = b;
        ledger.cash = (ledger.cash + repaid).toUint128();
        _ledger = ledger;
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), repaid);
        emit Repaid(msg.sender, onBehalf, repaid, shares);
    }

    /// @inheritdoc ILendingMarket
    function liquidate(
        address borrower,
        uint256 repayAssets,
        address receiver
    ) external nonReentrant returns (uint256 seized) {
        if (repayAssets == 0) revert ZeroAmount();
        if (receiver == address(0)) revert ZeroAddress();
        (Ledger memory ledger, Borrows memory b) = _accrued();
        Position memory p = _positions[borrower];
        if (p.borrowShares == 0) revert NoDebt(borrower);
        (uint256 price_, bool fresh) = _liquidationPrice();
        {
            uint256 health = _health(p, b, price_);
            uint256 threshold = fresh ? WAD : STALE_LIQUIDATION_HEALTH;
            if (health >= threshold) revert Healthy(borrower, health, threshold);
        }
        uint256 shares =
            repayAssets == type(uint256).max ? p.borrowShares : repayAssets.toSharesDown(b.assets, b.shares);
        if (shares > p.borrowShares) shares = p.borrowShares;
        if (shares == 0) revert ZeroAmount();
        uint256 repaid = shares.toAssetsUp(b.assets, b.shares);
        seized = repaid.mulDivDown(liquidationIncentive, WAD).mulDivDown(PRICE_SCALE, price_);
        if (seized > p.collateral) {
            // Not enough collateral for the asked repayment: take all of it, for what it is worth.
            seized = p.collateral;
            repaid = seized.mulDivUp(price_, PRICE_SCALE).mulDivUp(WAD, liquidationIncentive);
            shares = Math.min(repaid.toSharesDown(b.assets, b.shares), p.borrowShares);
        }
        _report(borrower, p.borrowShares, b.shares);
        _burnDebt(p, b, shares, repaid);
        // cannot underflow: seized <= collateral
        unchecked {
            p.collateral -= uint128(seized);
        }
        if (p.collateral == 0 && p.borrowShares != 0) _realizeBadDebt(borrower, p, b);
        _positions[borrower] = p;
        _borrows = b;
        ledger.cash = (ledger.cash + repaid).toUint128();
        _ledger = ledger;
        IERC20(asset()).safeTransferFrom(msg.sender, address(this), repaid);
        collateralToken.safeTransfer(receiver, seized);
        emit Liquidated(msg.sender, borrower, receiver, repaid, shares, seized);
    }

    /// @inheritdoc ILendingMarket
    function setCaps(uint256 supplyCap_, uint256 borrowCap_) external {
        if (msg.sender != Ownable(factory).owner()) revert NotFactoryOwner(msg.sender);
        if (supplyCap_ > MAX_CAP) revert CapTooLarge(supplyCap_, MAX_CAP);
        if (borrowCap_ > MAX_CAP) revert CapTooLarge(borrowCap_, MAX_CAP);
        _caps = Caps(uint128(supplyCap_), uint128(borrowCap_));
        emit CapsSet(supplyCap_, borrowCap_);
    }

    // ------------------------------------------------------------------ views

    /// @inheritdoc ILendingMarket
    function cash() external view returns (uint256) {
        return _ledger.cash;
    }

    /// @inheritdoc ILendingMarket
    function totalBorrows() public view returns (uint256 borrows) {
        (borrows, ) = _accruedBorrows();
    }

    /// @inheritdoc ILendingMarket
    function totalBorrowShares() external view returns (uint256) {
        return _borrows.shares;
    }

    /// @inheritdoc ILendingMarket
    function totalBadDebt() external view returns (uint256) {
        return _totalBadDebt;
    }

    /// @inheritdoc ILendingMarket
    function lastAccrual() external view returns (uint256) {
        return _ledger.lastAccrual;
    }

    /// @inheritdoc ILendingMarket
    function lastPrice() external view returns (uint256) {
        return _lastPrice;
    }

    /// @inheritdoc ILendingMarket
    function utilization() public view returns (uint256) {
        uint256 borrows = totalBorrows();
        if (borrows == 0) return 0;
        return borrows.mulDivDown(WAD, _ledger.cash + borrows);
    }

    /// @inheritdoc ILendingMarket
    function borrowRatePerSecond() public view returns (uint256) {
        return _rate(_ledger.cash, totalBorrows());
    }

    /// @inheritdoc ILendingMarket
    function supplyRatePerSecond() external view returns (uint256) {
        return borrowRatePerSecond().mulDivDown(utilization(), WAD);
    }

    /// @inheritdoc ILendingMarket
    function collateralOf(address account) external view returns (uint256) {
        return _positions[account].collateral;
    }

    /// @inheritdoc ILendingMarket
    function borrowSharesOf(address account) external view returns (uint256) {
        return _positions[account].borrowShares;
    }

    /// @inheritdoc ILendingMarket
    function debtOf(address account) external view returns (uint256) {
        (uint256 borrows, uint256 shares) = _accruedBorrows();
        return uint256(_positions[account].borrowShares).toAssetsUp(borrows, shares);
    }

    /// @inheritdoc ILendingMarket
    function healthFactor(address account) external view returns (uint256) {
        Position memory p = _positions[account];
        if (p.borrowShares == 0) return type(uint256).max;
        (uint256 borrows, uint256 shares) = _accruedBorrows();
        uint256 price_ = _lastPrice;
        try oracle.price() returns (uint256 fresh) {
            if (fresh != 0) price_ = fresh;
        } catch {} // solhint-disable-line no-empty-blocks
        return _health(p, Borrows(uint128(borrows), uint128(shares)), price_);
    }

    /// @inheritdoc ILendingMarket
    function supplyCap() external view returns (uint256) {
        return _caps.supply;
    }

    /// @inheritdoc ILendingMarket
    function borrowCap() external view returns (uint256) {
        return _caps.borrow;
    }

    // ------------------------------------------------------------------ internals

    function _rate(uint256 cash_, uint256 borrows) private view returns (uint256) {
        return Math.min(irm.borrowRatePerSecond(cash_, borrows), MAX_BORROW_RATE_PER_SECOND);
    }

    /// @dev Interest from the last accrual to now, capped so total borrows stay within uint128.
    function _interest(
        uint256 borrows,
        uint256 cash_,
        uint256 elapsed
    ) private view returns (uint256 interest) {
        interest = borrows.mulDivDown(LendingMath.compoundedGrowth(_rate(cash_, borrows), elapsed), WAD);
        // cannot underflow: borrows is a uint128 total, <= MAX_CAP
        unchecked {
            if (interest > MAX_CAP - borrows) interest = MAX_CAP - borrows;
        }
    }

    function _accruedBorrows() private view returns (uint256 borrows, uint256 shares) {
        Borrows memory b = _borrows;
        Ledger memory ledger = _ledger;
        borrows = b.assets;
        shares = b.shares;
        uint256 elapsed = block.timestamp - ledger.lastAccrual;
        if (elapsed != 0 && borrows != 0) borrows += _interest(borrows, ledger.cash, elapsed);
    }

    /// @dev Interest to now applied to memory copies of the two accrual slots; the caller (borrow, repay,
    /// liquidate: each changes both) must write both back, once each with its own change, instead of
    /// each slot twice (accrual, then the action).
    function _accrued() private returns (Ledger memory ledger, Borrows memory b) {
        ledger = _ledger;
        b = _borrows;
        uint256 elapsed;
        // cannot underflow: the clock is only ever set to block.timestamp, which never decreases
        unchecked {
            elapsed = block.timestamp - ledger.lastAccrual;
        }
        if (elapsed == 0) return (ledger, b);
        ledger.lastAccrual = uint128(block.timestamp); // a timestamp fits 128 bits

        if (b.assets == 0) return (ledger, b);
        uint256 interest = _interest(b.assets, ledger.cash, elapsed);
        if (interest == 0) return (ledger, b);
        // cannot overflow: _interest caps interest at MAX_CAP - b.assets
        unchecked {
            b.assets += uint128(interest);
        }
        emit InterestAccrued(interest);
    }

    function _accrue() private {
        Ledger memory ledger = _ledger;
        uint256 elapsed = block.timestamp - ledger.lastAccrual;
        if (elapsed == 0) return;
        _ledger.lastAccrual = uint128(block.timestamp); // a timestamp fits 128 bits
        uint256 borrows = _borrows.assets;
        if (borrows == 0) return;
        uint256 interest = _interest(borrows, ledger.cash, elapsed);
        if (interest == 0) return;
        borrows += interest;
        _borrows.assets = uint128(borrows); // capped at uint128 max by _interest
        emit InterestAccrued(interest);
    }

    /// @dev Tell the borrower rewards, before the change, what `account` and the market held.
    /// @dev A plain call, not a high-level one: the rewards contract is fixed at creation and has code
    /// (the factory read its `farm()` before taking it), so the compiler's EXTCODESIZE check is
    /// redundant; a revert in it is bubbled up unchanged.
    /// @dev gas: -110 on lending.repay
    function _report(address account, uint256 accountShares, uint256 totalShares) private {
        if (address(borrowRewards) == address(0)) return;
        (bool ok, bytes memory reason) = address(borrowRewards).call(
            abi.encodeCall(IBorrowRewards.onBorrowChange, (account, accountShares, totalShares))
        );
        if (!ok) {
            // bubble the rewards contract's revert data as is
            assembly ("memory-safe") {
                revert(add(reason, 32), mload(reason))
            }
        }
    }

    function _burnDebt(Position memory p, Borrows memory b, uint256 shares, uint256 assets) private pure {
        // shares <= the account's shares <= total shares; assets may pass total assets by the rounding up
        // of the last repayment, which then clears the total.
        // cannot underflow: shares <= p.borrowShares (callers cap it), and an account's shares are part of
        // the total
        unchecked {
            p.borrowShares -= uint128(shares);
            b.shares -= uint128(shares);
        }
        // Once the last share is gone, so is the virtual shares' part of the total (a few wei that
        // nobody owes): left there, it would keep accruing interest that no borrower pays.
        b.assets = assets >= b.assets || b.shares == 0 ? 0 : b.assets - uint128(assets);
    }

    function _realizeBadDebt(address borrower, Position memory p, Borrows memory b) private {
        uint256 shares = p.borrowShares;
        // The last borrower's bad debt is all that is left, the virtual shares' part included.
        uint256 bad =
            shares == b.shares ? b.assets : Math.min(shares.toAssetsUp(b.assets, b.shares), b.assets);
        b.assets -= uint128(bad);
        b.shares -= uint128(shares);
        p.borrowShares = 0;
        _totalBadDebt += bad;
        emit BadDebtRealized(borrower, bad, shares);
    }

    function _health(Position memory p, Borrows memory b, uint256 price_) private view returns (uint256) {
        if (p.borrowShares == 0) return type(uint256).max;
        uint256 debt = uint256(p.borrowShares).toAssetsUp(b.assets, b.shares);
        uint256 maxDebt = uint256(p.collateral).mulDivDown(price_, PRICE_SCALE).mulDivDown(lltv, WAD);
        return maxDebt.mulDivDown(WAD, debt);
    }

    function _requireHealthy(address account, Position memory p, Borrows memory b) private {
        uint256 health = _health(p, b, _freshPrice());
        if (health < WAD) revert Unhealthy(account, health);
    }

    function _freshPrice() private returns (uint256 price_) {
        try oracle.price() returns (uint256 p) {
            price_ = p;
        } catch {
            revert PriceUnavailable();
        }
        if (price_ == 0) revert PriceUnavailable();
        if (price_ != _lastPrice) _lastPrice = price_;
    }

    function _liquidationPrice() private returns (uint256 price_, bool fresh) {
        try oracle.price() returns (uint256 p) {
            if (p != 0) {
                if (p != _lastPrice) _lastPrice = p;
                return (p, true);
            }
        } catch {} // solhint-disable-line no-empty-blocks
        price_ = _lastPrice;
        if (price_ == 0) revert PriceUnavailable();
    }
}
