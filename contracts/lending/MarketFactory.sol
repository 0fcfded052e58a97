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
    uint256 public constant MAX_VAULT_DEPTH = 3;

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
    ) external returns (address market) {
        _checkLister();
        if (
            address(loanToken) == address(0) ||
            address(collateralToken) == address(0) ||
            address(oracle) == address(0) ||
            address(irm) == address(0)
        ) revert ZeroAddress();
        if (!_lltvAllowed(lltv)) revert InvalidLltv(lltv);
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
        if (!_seedArrived(seedAssets, received))
            revert FeeOnTransferLoanToken(loanToken, seedAssets, received);
        loanToken.forceApprove(market, seedAssets);
        LendingMarket(market).deposit(seedAssets, SEED_RECIPIENT);

        emit MarketCreated(market, loanToken, collateralToken, oracle, irm, lltv, seedAssets);
    }

    /// @inheritdoc IMarketFactory
    function setIncentives(IFarm farm_, IBorrowRewards borrowRewards_) external {
        _checkIncentivesSetter();
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

    // ------------------------------------------------------------------ listing checks
    // Each check is its own internal function so that the test-only BrokenMarketFactory (a subclass)
    // can switch exactly one off and show the test guarding it fail; nothing else overrides them.

    /// @dev Who may list: the owner.
    function _checkLister() internal view virtual {
        _checkOwner();
    }

    /// @dev Who may set the incentives (once): the owner.
    function _checkIncentivesSetter() internal view virtual {
        _checkOwner();
    }

    /// @dev lltv in (0, MAX_LLTV].
    function _lltvAllowed(uint256 lltv) internal view virtual returns (bool) {
        return lltv != 0 && lltv <= MAX_LLTV;
    }

    /// @dev The seed arrived whole (the market counts its cash by what it is sent).
    function _seedArrived(uint256 sent, uint256 received) internal view virtual returns (bool) {
        return received == sent;
    }

    /// @dev Refused: the loan token itself, FUR (priced only by Furrow's pools), any token that is the
    /// pair its own factory lists for its token0 / token1 (a Uniswap-V2-style LP token, Furrow's
    /// included: its price is its pool's, which a flash loan moves), and a vault share (a token
    /// answering ERC-4626's `asset()` with a contract) whose asset is refused, through at most
    /// MAX_VAULT_DEPTH vaults: a share is worth what it holds, so a FarmVault share is an LP token.
    function _collateralAllowed(IERC20 loanToken, IERC20 collateral) internal view virtual returns (bool) {
        address token = address(collateral);
        address fur = _furToken();
        for (uint256 depth; depth <= MAX_VAULT_DEPTH; ++depth) {
            if (_isLoanToken(loanToken, token) || (fur != address(0) && token == fur) || _isPairToken(token))
                return false;
            (bool isVault, address held) = _vaultAsset(token);
            if (!isVault) return true;
            token = held;
        }
        // A deeper (or circular) chain of vaults is not followed to its end, so it is not accepted.
        return false;
    }

    function _isLoanToken(IERC20 loanToken, address token) internal view virtual returns (bool) {
        return token == address(loanToken);
    }

    /// @dev FUR, the farm's reward token; zero until the incentives are set (the factory does not know it).
    function _furToken() internal view virtual returns (address) {
        IFarm farm_ = farm;
        return address(farm_) == address(0) ? address(0) : address(farm_.rewardToken());
    }

    function _isPairToken(address token) internal view virtual returns (bool) {
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

    /// @dev Whether `token` answers `asset()` with a contract, and which.
    function _vaultAsset(address token) internal view virtual returns (bool isVault, address held) {
        (bool ok, address value) = _readAddress(token, bytes4(keccak256("asset()")));
        isVault = ok && value.code.length != 0;
        if (isVault) held = value;
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
