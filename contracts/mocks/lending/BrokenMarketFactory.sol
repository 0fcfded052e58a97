// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {IMarketFactory} from "../../interfaces/IMarketFactory.sol";
import {IPriceOracle} from "../../interfaces/IPriceOracle.sol";
import {IInterestRateModel} from "../../interfaces/IInterestRateModel.sol";
import {IBorrowRewards} from "../../interfaces/IBorrowRewards.sol";
import {IFarm} from "../../interfaces/IFarm.sol";
import {LendingMarket} from "../../lending/LendingMarket.sol";
import {MarketDeployer} from "../../lending/MarketDeployer.sol";

/// @title Test-only copy of MarketFactory with its listing checks switched off by `bugs`
/// @notice Each flag removes one check, so the test guarding it can be shown to fail:
/// - OPEN_LISTING: anyone may list (at Sonne the attacker ran the listing steps himself).
/// - LP_COLLATERAL: Uniswap-V2-style LP tokens are accepted as collateral (Cream's donatable price).
/// - FUR_COLLATERAL: the farm's reward token is accepted as collateral.
/// - SAME_TOKEN: the loan token is accepted as its own collateral.
/// - UNCHECKED_SEED: the seed's arrival is not measured (a fee-on-transfer loan token is listed).
/// - ANY_LLTV: lltv is not bounded.
/// - OPEN_INCENTIVES: anyone may set the incentives (once, before the owner does).
contract BrokenMarketFactory is IMarketFactory, Ownable {
    using SafeERC20 for IERC20;

    uint256 public constant OPEN_LISTING = 1;
    uint256 public constant LP_COLLATERAL = 2;
    uint256 public constant FUR_COLLATERAL = 4;
    uint256 public constant SAME_TOKEN = 8;
    uint256 public constant UNCHECKED_SEED = 16;
    uint256 public constant ANY_LLTV = 32;
    uint256 public constant OPEN_INCENTIVES = 64;
    /// @notice The bugs switched on (a sum of the flags above).
    uint256 public immutable bugs;

    uint256 public constant MAX_LLTV = 0.95e18;
    uint256 public constant MIN_SEED_ASSETS = 1000;
    address public constant SEED_RECIPIENT = 0x000000000000000000000000000000000000dEaD;

    IFarm public farm;
    IBorrowRewards public borrowRewards;
    mapping(address market => bool) public isMarket;
    address[] public allMarkets;
    mapping(IERC20 loanToken => mapping(IERC20 collateralToken => address)) private _markets;

    /// @notice Holds the market's creation code (it does not fit in this contract's).
    MarketDeployer public immutable deployer;

    /// @param owner_ The owner (the Timelock): lists markets, sets caps, sets the incentives once.
    constructor(address owner_, uint256 bugs_) Ownable(owner_) {
        bugs = bugs_;
        deployer = new MarketDeployer();
    }

    function createMarket(
        IERC20 loanToken,
        IERC20 collateralToken,
        IPriceOracle oracle,
        IInterestRateModel irm,
        uint256 lltv,
        uint256 seedAssets
    ) external returns (address market) {
        if (!_has(OPEN_LISTING)) _checkOwner();
        if (
            address(loanToken) == address(0) ||
            address(collateralToken) == address(0) ||
            address(oracle) == address(0) ||
            address(irm) == address(0)
        ) revert ZeroAddress();
        if (!_has(ANY_LLTV) && (lltv == 0 || lltv > MAX_LLTV)) revert InvalidLltv(lltv);
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
        if (!_has(UNCHECKED_SEED) && received != seedAssets) revert CollateralNotAllowed(loanToken);
        loanToken.forceApprove(market, seedAssets);
        LendingMarket(market).deposit(seedAssets, SEED_RECIPIENT);

        emit MarketCreated(market, loanToken, collateralToken, oracle, irm, lltv, seedAssets);
    }

    function setIncentives(IFarm farm_, IBorrowRewards borrowRewards_) external {
        if (!_has(OPEN_INCENTIVES)) _checkOwner();
        if (address(farm) != address(0)) revert IncentivesAlreadySet();
        if (address(farm_) == address(0) || address(borrowRewards_) == address(0)) revert ZeroAddress();
        if (borrowRewards_.farm() != farm_ || borrowRewards_.factory() != address(this))
            revert IncentivesMismatch();
        farm = farm_;
        borrowRewards = borrowRewards_;
        emit IncentivesSet(farm_, borrowRewards_);
    }

    function getMarket(IERC20 loanToken, IERC20 collateralToken) external view returns (address) {
        return _markets[loanToken][collateralToken];
    }

    function allMarketsLength() external view returns (uint256) {
        return allMarkets.length;
    }

    /// @dev Refused: the loan token itself, FUR (priced only by Furrow's pools), and any token that is
    /// the pair its own factory lists for its token0 / token1 (a Uniswap-V2-style LP token, Furrow's
    /// included: its price is its pool's, which a flash loan moves).
    function _collateralAllowed(IERC20 loanToken, IERC20 collateral) private view returns (bool) {
        if (!_has(SAME_TOKEN) && collateral == loanToken) return false;
        IFarm farm_ = farm;
        if (
            !_has(FUR_COLLATERAL) &&
            address(farm_) != address(0) &&
            address(farm_.rewardToken()) == address(collateral)
        ) return false;
        return _has(LP_COLLATERAL) || !_isPairToken(address(collateral));
    }

    function _has(uint256 bug) private view returns (bool) {
        return bugs & bug != 0;
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
