// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPriceOracle} from "./IPriceOracle.sol";
import {IInterestRateModel} from "./IInterestRateModel.sol";
import {IBorrowRewards} from "./IBorrowRewards.sol";
import {IFarm} from "./IFarm.sol";

/// @title Lists Furrow's isolated lending markets
/// @notice The owner (the Timelock) lists a market in one transaction that deploys it and deposits
/// `seedAssets` for a dead address, so no market is ever empty and no listing step can be run out of
/// order by someone else. One market per (loan token, collateral token). Refused as collateral: the
/// loan token itself, FUR (once the farm is known), any Uniswap-V2-style LP token (FUR and LP tokens
/// are priced only by pools a flash loan moves), and a vault share (ERC-4626 `asset()`) of any of
/// these, through up to MAX_VAULT_DEPTH vaults. Refused as loan token: fee-on-transfer tokens (the
/// seed must arrive whole).
interface IMarketFactory {
    /// @notice `market` lends `loanToken` against `collateralToken`.
    event MarketCreated(
        address indexed market,
        IERC20 indexed loanToken,
        IERC20 indexed collateralToken,
        IPriceOracle oracle,
        IInterestRateModel irm,
        uint256 lltv,
        uint256 seedAssets
    );
    /// @notice The farm (whose token is refused as collateral) and borrower rewards were set.
    event IncentivesSet(IFarm farm, IBorrowRewards borrowRewards);

    /// @notice `lltv` is not in (0, `MAX_LLTV()`].
    error InvalidLltv(uint256 lltv);
    /// @notice `token` may not be the collateral (the loan token, FUR, an LP token, or a vault share
    /// of one of them).
    error CollateralNotAllowed(IERC20 token);
    /// @notice Of the `sent` seed of `token`, only `received` arrived: a fee-on-transfer loan token.
    error FeeOnTransferLoanToken(IERC20 token, uint256 sent, uint256 received);
    /// @notice A market for this pair exists at `market`.
    error MarketExists(address market);
    /// @notice `seedAssets` is below `MIN_SEED_ASSETS()`.
    error SeedTooSmall(uint256 seedAssets, uint256 min);
    /// @notice The zero address was given.
    error ZeroAddress();
    /// @notice The incentives were already set.
    error IncentivesAlreadySet();
    /// @notice The rewards contract serves another farm or factory.
    error IncentivesMismatch();

    /// @notice Upper bound on a market's lltv (0.95e18).
    function MAX_LLTV() external view returns (uint256);

    /// @notice How many vaults deep a collateral share is followed to its asset (3); deeper is refused.
    function MAX_VAULT_DEPTH() external view returns (uint256);

    /// @notice Least seed deposit.
    function MIN_SEED_ASSETS() external view returns (uint256);

    /// @notice Where seed shares go (nobody holds its key).
    function SEED_RECIPIENT() external view returns (address);

    /// @notice The farm whose reward token is refused as collateral (zero until set).
    function farm() external view returns (IFarm);

    /// @notice Borrower rewards that new markets report to (zero until set; markets keep theirs).
    function borrowRewards() external view returns (IBorrowRewards);

    /// @notice Whether `market` was created here.
    function isMarket(address market) external view returns (bool);

    /// @notice The market for (`loanToken`, `collateralToken`), or zero.
    function getMarket(IERC20 loanToken, IERC20 collateralToken) external view returns (address);

    /// @notice Market `i` in listing order.
    function allMarkets(uint256 i) external view returns (address);

    /// @notice Number of markets.
    function allMarketsLength() external view returns (uint256);

    /// @notice Deploy a market and seed it with `seedAssets` of `loanToken` from the caller (owner).
    function createMarket(
        IERC20 loanToken,
        IERC20 collateralToken,
        IPriceOracle oracle,
        IInterestRateModel irm,
        uint256 lltv,
        uint256 seedAssets
    ) external returns (address market);

    /// @notice Set, once, the farm and the borrower rewards new markets report to (owner).
    function setIncentives(IFarm farm_, IBorrowRewards borrowRewards_) external;
}
