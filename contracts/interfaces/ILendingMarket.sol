// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IPriceOracle} from "./IPriceOracle.sol";
import {IInterestRateModel} from "./IInterestRateModel.sol";
import {IBorrowRewards} from "./IBorrowRewards.sol";

/// @title An isolated, immutable lending market: one loan token, one collateral token
/// @notice Suppliers deposit the loan token through ERC-4626 (`deposit`, `mint`, `withdraw`, `redeem`)
/// and hold shares that earn the borrowers' interest; the shares are what they stake in the Farm to mine
/// FUR. Borrowers post the collateral token, borrow the loan token against it up to `lltv()` of its value
/// at `oracle()`'s price, and pay `irm()`'s rate, accrued every second.
///
/// Accounting: `cash()` is counted by the market (never read from `balanceOf`), so a donation changes
/// no exchange rate and no health factor. `totalAssets()` = cash + total borrows with interest to now;
/// bad debt is taken out of total borrows the moment it is realised. Debt is held as borrow shares
/// (virtual 1e6 shares per virtual asset) so interest accrues to all borrowers at once; debt is
/// rounded up, supplier claims down.
///
/// Prices: a stale or broken oracle stops `borrow` and `withdrawCollateral` (with debt); `deposit`,
/// `mint`, `withdraw`, `redeem`, `supplyCollateral`, `repay` never read it; `liquidate` uses the
/// oracle's price, or when it fails the last price it gave, and then only below
/// `STALE_LIQUIDATION_HEALTH()`.
interface ILendingMarket is IERC4626 {
    /// @notice A borrower's position, packed in one slot (collateral and borrow shares change together).
    struct Position {
        uint128 collateral;
        uint128 borrowShares;
    }

    /// @notice Interest of `interest` was added to total borrows (read the new total with `totalBorrows()`).
    /// @dev One data word: this is emitted by nearly every call (gas: -256 on lending.repay).
    event InterestAccrued(uint256 interest);
    /// @notice `caller` posted `amount` of collateral for `onBehalf`.
    event CollateralSupplied(address indexed caller, address indexed onBehalf, uint256 amount);
    /// @notice `account` took `amount` of its collateral out, to `receiver`.
    event CollateralWithdrawn(address indexed account, address indexed receiver, uint256 amount);
    /// @notice `account` borrowed `assets` (minting `shares` of debt), sent to `receiver`.
    event Borrowed(address indexed account, address indexed receiver, uint256 assets, uint256 shares);
    /// @notice `caller` repaid `assets` of `onBehalf`'s debt, burning `shares`.
    event Repaid(address indexed caller, address indexed onBehalf, uint256 assets, uint256 shares);
    /// @notice `liquidator` repaid `repaidAssets` (`repaidShares`) of `borrower`'s debt and took `seized`
    /// collateral, sent to `receiver`.
    event Liquidated(
        address indexed liquidator,
        address indexed borrower,
        address receiver,
        uint256 repaidAssets,
        uint256 repaidShares,
        uint256 seized
    );
    /// @notice `borrower` had debt of `assets` (`shares`) left with no collateral: it was written off
    /// against suppliers.
    event BadDebtRealized(address indexed borrower, uint256 assets, uint256 shares);
    /// @notice The factory owner set the caps.
    event CapsSet(uint256 supplyCap, uint256 borrowCap);

    /// @notice An amount of zero, or one that rounds to zero shares.
    error ZeroAmount();
    /// @notice The zero address was given as receiver or beneficiary.
    error ZeroAddress();
    /// @notice Only the factory's owner may call this.
    error NotFactoryOwner(address caller);
    /// @notice `account` would end below health 1 (`healthFactor`, 1e18-scaled).
    error Unhealthy(address account, uint256 healthFactor);
    /// @notice `borrower` is at health `healthFactor`, not below the threshold `threshold`.
    error Healthy(address borrower, uint256 healthFactor, uint256 threshold);
    /// @notice Asked for `requested` of the loan token; the market holds only `cash`.
    error InsufficientCash(uint256 requested, uint256 cash);
    /// @notice Asked for `requested` collateral; the account has `collateral`.
    error InsufficientCollateral(uint256 requested, uint256 collateral);
    /// @notice `account` has no debt to repay or liquidate.
    error NoDebt(address account);
    /// @notice The oracle reverted or gave zero: borrows and collateral withdrawals stop.
    error PriceUnavailable();
    /// @notice The borrow would take total borrows to `totalBorrows`, above `cap`.
    error BorrowCapExceeded(uint256 totalBorrows, uint256 cap);
    /// @notice A cap above `max`.
    error CapTooLarge(uint256 cap, uint256 max);
    /// @notice `received` of the collateral arrived where `amount` was sent (fee-on-transfer token).
    error TransferShortfall(uint256 amount, uint256 received);

    /// @notice The collateral token.
    function collateralToken() external view returns (IERC20);

    /// @notice The price of the collateral in loan-token units, 1e36-scaled.
    function oracle() external view returns (IPriceOracle);

    /// @notice The interest rate model.
    function irm() external view returns (IInterestRateModel);

    /// @notice Liquidation loan-to-value, 1e18-scaled: debt may reach `lltv` of the collateral's value.
    function lltv() external view returns (uint256);

    /// @notice What a liquidator receives per unit repaid, 1e18-scaled:
    /// `min(MAX_LIQUIDATION_INCENTIVE, 1e36 / (0.3e18 * lltv / 1e18 + 0.7e18))`.
    function liquidationIncentive() external view returns (uint256);

    /// @notice The factory that deployed this market (its owner sets the caps).
    function factory() external view returns (address);

    /// @notice Borrower rewards this market reports debt changes to (zero: none), fixed at creation.
    function borrowRewards() external view returns (IBorrowRewards);

    /// @notice Loan-token held for suppliers, as counted by the market.
    function cash() external view returns (uint256);

    /// @notice Total borrows with interest accrued to now.
    function totalBorrows() external view returns (uint256);

    /// @notice Total borrow shares.
    function totalBorrowShares() external view returns (uint256);

    /// @notice Bad debt written off since creation (in loan-token units, for reports).
    function totalBadDebt() external view returns (uint256);

    /// @notice When interest was last accrued.
    function lastAccrual() external view returns (uint256);

    /// @notice The last price the oracle gave (the one `liquidate` falls back to).
    function lastPrice() external view returns (uint256);

    /// @notice Total borrows over (cash + total borrows), 1e18-scaled, to now.
    function utilization() external view returns (uint256);

    /// @notice The rate borrowers pay now, per second, 1e18-scaled (the model's, clamped).
    function borrowRatePerSecond() external view returns (uint256);

    /// @notice The rate suppliers earn now: borrow rate times utilisation.
    function supplyRatePerSecond() external view returns (uint256);

    /// @notice `account`'s collateral.
    function collateralOf(address account) external view returns (uint256);

    /// @notice `account`'s borrow shares.
    function borrowSharesOf(address account) external view returns (uint256);

    /// @notice `account`'s debt with interest to now, rounded up.
    function debtOf(address account) external view returns (uint256);

    /// @notice `(collateral * price / 1e36) * lltv / debt`, 1e18-scaled (1e18 = at the limit);
    /// `type(uint256).max` without debt. Uses the oracle's price, or the last one when it fails.
    function healthFactor(address account) external view returns (uint256);

    /// @notice Supply cap on `totalAssets()` (new deposits only) and borrow cap on total borrows.
    function supplyCap() external view returns (uint256);

    /// @notice See `supplyCap`.
    function borrowCap() external view returns (uint256);

    /// @notice Liquidation incentive bound.
    function MAX_LIQUIDATION_INCENTIVE() external view returns (uint256);

    /// @notice Health below which a position may be liquidated while the oracle fails.
    function STALE_LIQUIDATION_HEALTH() external view returns (uint256);

    /// @notice The bound on the borrow rate per second the market applies whatever the model says.
    function MAX_BORROW_RATE_PER_SECOND() external view returns (uint256);

    /// @notice Accrue interest to now.
    function accrueInterest() external;

    /// @notice Post `amount` of collateral for `onBehalf`, pulled from the caller.
    function supplyCollateral(uint256 amount, address onBehalf) external;

    /// @notice Take `amount` of the caller's collateral to `receiver`; must stay healthy.
    function withdrawCollateral(uint256 amount, address receiver) external;

    /// @notice Borrow `assets` for the caller, sent to `receiver`; must stay healthy.
    function borrow(uint256 assets, address receiver) external;

    /// @notice Repay up to `assets` of `onBehalf`'s debt (`type(uint256).max`: all), pulled from the
    /// caller; returns what was charged.
    function repay(uint256 assets, address onBehalf) external returns (uint256 repaid);

    /// @notice Repay up to `repayAssets` of an unhealthy `borrower`'s debt (`type(uint256).max`: all) and
    /// take collateral worth it times `liquidationIncentive()`, sent to `receiver`; returns the
    /// collateral seized. Debt left with no collateral is written off at once.
    function liquidate(
        address borrower,
        uint256 repayAssets,
        address receiver
    ) external returns (uint256 seized);

    /// @notice Set the supply and borrow caps (factory owner only), each at most `type(uint128).max`.
    function setCaps(uint256 supplyCap_, uint256 borrowCap_) external;
}
