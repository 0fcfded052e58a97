// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IMarketFactory} from "../interfaces/IMarketFactory.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {IInterestRateModel} from "../interfaces/IInterestRateModel.sol";
import {IBorrowRewards} from "../interfaces/IBorrowRewards.sol";
import {IFarm} from "../interfaces/IFarm.sol";
import {LendingMarket} from "./LendingMarket.sol";
import {MarketDeployer} from "./MarketDeployer.sol";

/// @title Lists Furrow's lending markets, each seeded in the transaction that creates it
contract MarketFactory is IMarketFactory, Ownable {
    using SafeERC20 for IERC20;

    /// @inheritdoc IMarketFactory
    uint256 public constant MAX_LLTV = 0.95e18;
    /// @inheritdoc IMarketFactory
    uint256 public constant MIN_SEED_ASSETS = 1000;
    /// @inheritdoc IMarketFactory
    address public constant SEED_RECIPIENT = 0x000000000000000000000000000000000000dEaD;

    /// @inheritdoc IMarketFactory
    IFarm public farm;
    /// @inheritdoc IMarketFactory
    IBorrowRewards public borrowRewards;
    /// @inheritdoc IMarketFactory
    mapping(address market => bool) public isMarket;
    /// @inheritdoc IMarketFactory
    address[] public allMarkets;
    mapping(IERC20 loanToken => mapping(IERC20 collateralToken => address)) private _markets;

    /// @notice Holds the market's creation code (it does not fit in this contract's).
    MarketDeployer public immutable deployer;

    /// @param owner_ The owner (the Timelock): lists markets, sets caps, sets the incentives once.
    constructor(address owner_) Ownable(owner_) {
        deployer = new MarketDeployer();
    }

    /// @inheritdoc IMarketFactory
    function createMarket(
        IERC20 loanToken,
        IERC20 collateralToken,
        IPriceOracle oracle,
        IInterestRateModel irm,
        uint256 lltv,
        uint256 seedAssets
    ) external onlyOwner returns (address market) {
        if (
            address(loanToken) == address(0) ||
            address(collateralToken) == address(0) ||
            address(oracle) == address(0) ||
            address(irm) == address(0)
        ) revert ZeroAddress();
        if (lltv == 0 || lltv > MAX_LLTV) revert InvalidLltv(lltv);
        if (seedAssets < MIN_SEED_ASSETS) revert SeedTooSmall(seedAssets, MIN_SEED_ASSETS);
        address existing = _markets[loanToken][collateralToken];
        if (existing != address(0)) revert MarketExists(existing);
        if (!_collateralAllowed(loanToken, collateralToken)) revert CollateralNotAllowed(collateralToken);

        IBorrowRewards rewards = borrowRewards;
        string memory pair = string.concat(_symbol(loanToken), "/", _symbol(collateralToken));
        market = deployer.deploy(
            loanToken,
            collateralToken,
            oracle,
            irm,
            lltv,
            rewards,
            string.concat("Furrow Lending ", pair),
            string.concat("fl", pair)
        );
        _markets[loanToken][collateralToken] = market;
        isMarket[market] = true;
        allMarkets.push(market);
        if (address(rewards) != address(0)) rewards.addMarket(market);

        // The seed arrives whole (no fee-on-transfer loan token) and is deposited for nobody.
        uint256 before = loanToken.balanceOf(address(this));
        loanToken.safeTransferFrom(msg.sender, address(this), seedAssets);
        uint256 received = loanToken.balanceOf(address(this)) - before;
        if (received != seedAssets) revert CollateralNotAllowed(loanToken);
        loanToken.forceApprove(market, seedAssets);
        LendingMarket(market).deposit(seedAssets, SEED_RECIPIENT);

        emit MarketCreated(market, loanToken, collateralToken, oracle, irm, lltv, seedAssets);
    }

    /// @inheritdoc IMarketFactory
    function setIncentives(IFarm farm_, IBorrowRewards borrowRewards_) external onlyOwner {
        if (address(farm) != address(0)) revert IncentivesAlreadySet();
        if (address(farm_) == address(0) || address(borrowRewards_) == address(0)) revert ZeroAddress();
        if (borrowRewards_.farm() != farm_ || borrowRewards_.factory() != address(this))
            revert IncentivesMismatch();
        farm = farm_;
        borrowRewards = borrowRewards_;
        emit IncentivesSet(farm_, borrowRewards_);
    }

    /// @inheritdoc IMarketFactory
    function getMarket(IERC20 loanToken, IERC20 collateralToken) external view returns (address) {
        return _markets[loanToken][collateralToken];
    }

    /// @inheritdoc IMarketFactory
    function allMarketsLength() external view returns (uint256) {
        return allMarkets.length;
    }

    /// @dev Refused: the loan token itself, FUR (priced only by Furrow's pools), and any token that is
    /// the pair its own factory lists for its token0 / token1 (a Uniswap-V2-style LP token, Furrow's
    /// included: its price is its pool's, which a flash loan moves).
    function _collateralAllowed(IERC20 loanToken, IERC20 collateral) private view returns (bool) {
        if (collateral == loanToken) return false;
        IFarm farm_ = farm;
        if (address(farm_) != address(0) && address(farm_.rewardToken()) == address(collateral)) return false;
        return !_isPairToken(address(collateral));
    }

    function _isPairToken(address token) private view returns (bool) {
        (bool ok0, address t0) = _readAddress(token, bytes4(keccak256("token0()")));
        if (!ok0) return false;
        (bool ok1, address t1) = _readAddress(token, bytes4(keccak256("token1()")));
        (bool okF, address pairFactory) = _readAddress(token, bytes4(keccak256("factory()")));
        if (!ok1 || !okF || pairFactory.code.length == 0) return false;
        (bool okP, bytes memory data) = pairFactory.staticcall(
            abi.encodeWithSignature("getPair(address,address)", t0, t1)
        );
        return okP && data.length >= 32 && abi.decode(data, (address)) == token;
    }

    function _readAddress(address target, bytes4 selector) private view returns (bool ok, address value) {
        bytes memory data;
        (ok, data) = target.staticcall(abi.encodeWithSelector(selector));
        ok = ok && data.length >= 32;
        if (ok) value = address(uint160(uint256(bytes32(data))));
    }

    function _symbol(IERC20 token) private view returns (string memory) {
        (bool ok, bytes memory data) = address(token).staticcall(abi.encodeCall(IERC20Metadata.symbol, ()));
        if (!ok || data.length < 64) return "?";
        return abi.decode(data, (string));
    }
}
