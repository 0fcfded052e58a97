// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IFarm} from "../interfaces/IFarm.sol";
import {IFarmVault} from "../interfaces/IFarmVault.sol";
import {IVaultFactory} from "../interfaces/IVaultFactory.sol";
import {IRouter} from "../interfaces/IRouter.sol";
import {IRewarder} from "../interfaces/IRewarder.sol";
import {IPair} from "../interfaces/IPair.sol";
import {IPairFactory} from "../interfaces/IPairFactory.sol";
import {ZapMath} from "../libraries/ZapMath.sol";
import {VaultOracle} from "./VaultOracle.sol";

/// @title FarmVault
/// @notice See {IFarmVault}. Deployed by {VaultFactory}, one per farm pool.
contract FarmVault is ERC4626, ReentrancyGuardTransient, VaultOracle {
    using SafeERC20 for IERC20;

    /// @inheritdoc IFarmVault
    uint256 public constant HARVEST_BOUNTY_BPS = 1_000;
    uint256 private constant MAX_STAKE = type(uint104).max; // the farm's per-pool cap
    uint256 private constant MAX_BONUS_TOKENS = 4;
    uint256 private constant REWARDER_VIEW_GAS = 100_000;

    /// @inheritdoc IFarmVault
    IVaultFactory public immutable factory;
    /// @inheritdoc IFarmVault
    IFarm public immutable farm;
    /// @inheritdoc IFarmVault
    uint256 public immutable pid;
    IRouter private immutable _router;
    IPairFactory private immutable _pairs;
    address private immutable _weth;
    IERC20 private immutable _fur;
    /// @dev The asset's pair tokens, or (asset, 0) when the asset is not a pair of the router's factory.
    address private immutable _token0;
    address private immutable _token1;

    /// @dev Assets staked by the vault, counted by the vault (donations are not counted).
    uint256 private _totalStaked;

    /// @dev The lock of the last harvest, read together by `lockedProfit`, and the deposit pause,
    /// which a deposit reads in the same slot. One slot.
    struct Lock {
        uint104 locked; // locked profit right after the last harvest (<= staked < 2^104)
        uint64 lastHarvest;
        uint64 period; // unlock period the last harvest started with
        bool depositsPaused; // mirrors the factory's setting, which only the factory writes
    }
    Lock private _lock;

    constructor(
        uint256 pid_
    )
        ERC20(
            string.concat("Furrow Vault ", Strings.toString(pid_)),
            string.concat("fv", Strings.toString(pid_))
        )
        ERC4626(IVaultFactory(msg.sender).farm().lpToken(pid_))
    {
        factory = IVaultFactory(msg.sender);
        farm = factory.farm();
        pid = pid_;
        _router = factory.router();
        _pairs = IPairFactory(_router.factory());
        _weth = _router.WETH();
        _fur = IERC20(address(farm.rewardToken()));
        address lp = asset();
        (address t0, address t1) = _pairTokens(lp);
        (_token0, _token1) = t1 == address(0) ? (lp, address(0)) : (t0, t1);
        IERC20(lp).forceApprove(address(farm), type(uint256).max);
        // The router only ever pulls from its caller, so a standing allowance to it exposes nothing
        // and saves each harvest a 0 -> x -> 0 allowance write per token.
        IERC20(address(_fur)).forceApprove(address(_router), type(uint256).max);
        if (t1 != address(0)) {
            IERC20(t0).forceApprove(address(_router), type(uint256).max);
            IERC20(t1).forceApprove(address(_router), type(uint256).max);
            _observe(IPair(lp));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // ERC-4626
    // ---------------------------------------------------------------------------------------------

    /// @notice Assets staked by the vault less the locked profit.
    function totalAssets() public view override returns (uint256) {
        return _totalStaked - lockedProfit();
    }

    /// @notice 0 while deposits are paused; else what the farm's per-pool cap still takes.
    function maxDeposit(address) public view override returns (uint256) {
        if (_lock.depositsPaused) return 0;
        return MAX_STAKE - farm.poolInfo(pid).totalStaked;
    }

    /// @notice The shares `maxDeposit` buys (0 while deposits are paused).
    function maxMint(address receiver) public view override returns (uint256) {
        return previewDeposit(maxDeposit(receiver));
    }

    /// @notice ERC-4626 deposit; reverts with `DepositsPaused` while the factory pauses this vault.
    /// Above the farm's per-pool cap (the only other bound of `maxDeposit`) the farm's own
    /// `StakeTooLarge` reverts the deposit, so the cap is not read twice here.
    function deposit(uint256 assets, address receiver) public override nonReentrant returns (uint256 shares) {
        _checkNotPaused();
        shares = previewDeposit(assets);
        _deposit(_msgSender(), receiver, assets, shares);
    }

    /// @notice ERC-4626 mint; reverts with `DepositsPaused` while the factory pauses this vault.
    function mint(uint256 shares, address receiver) public override nonReentrant returns (uint256) {
        _checkNotPaused();
        return super.mint(shares, receiver);
    }

    function withdraw(
        uint256 assets,
        address receiver,
        address owner
    ) public override nonReentrant returns (uint256) {
        return super.withdraw(assets, receiver, owner);
    }

    function redeem(
        uint256 shares,
        address receiver,
        address owner
    ) public override nonReentrant returns (uint256) {
        return super.redeem(shares, receiver, owner);
    }

    // ---------------------------------------------------------------------------------------------
    // Views
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFarmVault
    function totalStaked() external view returns (uint256) {
        return _totalStaked;
    }

    /// @inheritdoc IFarmVault
    function lockedProfit() public view returns (uint256) {
        Lock memory lock = _lock;
        uint256 end = uint256(lock.lastHarvest) + lock.period;
        if (block.timestamp >= end) return 0;
        return (uint256(lock.locked) * (end - block.timestamp)) / lock.period;
    }

    /// @inheritdoc IFarmVault
    function lastHarvest() external view returns (uint256) {
        return _lock.lastHarvest;
    }

    /// @inheritdoc IFarmVault
    function performanceFeeBps() external view returns (uint256) {
        return factory.performanceFeeBps();
    }

    /// @inheritdoc IFarmVault
    function feeRecipient() external view returns (address) {
        return factory.feeRecipient();
    }

    /// @inheritdoc IFarmVault
    function depositsPaused() external view returns (bool) {
        return _lock.depositsPaused;
    }

    /// @inheritdoc IFarmVault
    function setDepositsPaused(bool paused) external {
        if (msg.sender != address(factory)) revert NotFactory(msg.sender);
        _lock.depositsPaused = paused;
    }

    /// @inheritdoc IFarmVault
    function pendingRewards() external view returns (address[] memory tokens, uint256[] memory amounts) {
        uint256 fur = farm.pendingReward(pid, address(this));
        (IERC20[] memory bonus, uint256[] memory owed) = _bonusTokens(fur);
        tokens = new address[](bonus.length + 1);
        amounts = new uint256[](bonus.length + 1);
        tokens[0] = address(_fur);
        amounts[0] = fur + _fur.balanceOf(address(this));
        for (uint256 i; i < bonus.length; ++i) {
            tokens[i + 1] = address(bonus[i]);
            amounts[i + 1] = owed[i] + bonus[i].balanceOf(address(this));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Harvest
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFarmVault
    function harvest(uint256 minAssetsAdded) external nonReentrant returns (uint256 assetsAdded) {
        IERC20 lp = IERC20(asset());
        uint256 before = lp.balanceOf(address(this));
        farm.harvest(pid, address(this));
        (IERC20[] memory bonus, ) = _bonusTokens(0);
        _convert(address(_fur));
        for (uint256 i; i < bonus.length; ++i) _convert(address(bonus[i]));
        if (_token1 != address(0)) _addLiquidity(IPair(address(lp)));
        assetsAdded = lp.balanceOf(address(this)) - before;
        if (assetsAdded < minAssetsAdded) revert InsufficientAssetsAdded(assetsAdded, minAssetsAdded);
        if (assetsAdded != 0) farm.deposit(pid, assetsAdded, address(this));
        (uint256 feeShares, uint256 bounty, uint256 locked) = _account(assetsAdded);
        emit Harvested(msg.sender, assetsAdded, feeShares, bounty, locked);
    }

    /// @inheritdoc IFarmVault
    function observe() external nonReentrant {
        if (_token1 != address(0)) _observe(IPair(asset()));
        (IERC20[] memory bonus, ) = _bonusTokens(0);
        _observeRoute(address(_fur));
        for (uint256 i; i < bonus.length; ++i) _observeRoute(address(bonus[i]));
    }

    /// @dev Counts `assetsAdded` as staked, mints the fee (priced before the profit counts, so holders'
    /// share price is unchanged by it) and locks the rest on top of what is still locked.
    function _account(
        uint256 assetsAdded
    ) private returns (uint256 feeShares, uint256 bounty, uint256 locked) {
        (uint256 feeBps, address recipient, uint256 period) = factory.harvestSettings();
        uint256 feeAssets = (assetsAdded * feeBps) / BPS;
        if (feeAssets != 0) {
            feeShares = _convertToShares(feeAssets, Math.Rounding.Floor);
            bounty = (feeShares * HARVEST_BOUNTY_BPS) / BPS;
            if (bounty != 0) _mint(msg.sender, bounty);
            _mint(recipient, feeShares - bounty);
        }
        locked = lockedProfit() + assetsAdded - feeAssets;
        _totalStaked += assetsAdded;
        // locked <= _totalStaked < 2^104 (the farm's cap); the unlock period is <= 7 days.
        _lock = Lock(uint104(locked), uint64(block.timestamp), uint64(period), _lock.depositsPaused);
    }

    /// @dev Swaps the vault's whole balance of reward `token` into a pool token (the asset, for a
    /// single-token pool), or keeps it when there is no route or price yet, or the swap fails.
    function _convert(address token) private {
        if (token == _token0 || token == _token1) return;
        uint256 amount = IERC20(token).balanceOf(address(this));
        if (amount == 0) return;
        (address[] memory path, bool found) = _route(token);
        uint256 minOut;
        bool priced = found;
        for (uint256 i; priced && i + 1 < path.length; ++i) {
            IPair pair = IPair(_pairs.getPair(path[i], path[i + 1]));
            (minOut, priced) = _minAmountOut(pair, path[i], i == 0 ? amount : minOut);
            _observe(pair);
        }
        if (priced) {
            _approveRouter(IERC20(token), amount);
            try
                _router.swapExactTokensForTokensSupportingFeeOnTransferTokens(
                    amount,
                    minOut,
                    path,
                    address(this),
                    block.timestamp
                )
            {
                return;
            } catch {} // solhint-disable-line no-empty-blocks
        }
        emit RewardKept(token, amount);
    }

    /// @dev Swaps the closed-form share of the excess side into the other, then adds all it can.
    function _addLiquidity(IPair pair) private {
        uint256 b0 = IERC20(_token0).balanceOf(address(this));
        uint256 b1 = IERC20(_token1).balanceOf(address(this));
        if (b0 == 0 && b1 == 0) return;
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        // The side worth more than the other at the pair's ratio swaps the closed-form part of its excess.
        bool ok =
            b0 * r1 > b1 * r0
                ? _swapExcess(pair, _token0, _token1, b0 - (b1 * r0) / r1, r0, r1)
                : _swapExcess(pair, _token1, _token0, b1 - (b0 * r1) / r0, r1, r0);
        if (ok) _addAll();
    }

    /// @dev Swaps the part of `excess` of `tIn` (pair reserves `rIn`, `rOut`) that leaves no leftover,
    /// at a TWAP-derived minimum; false when the pair has no usable TWAP yet, or the swap would pay
    /// nothing (dust, which the pair would refuse: it waits for a later harvest).
    function _swapExcess(
        IPair pair,
        address tIn,
        address tOut,
        uint256 excess,
        uint256 rIn,
        uint256 rOut
    ) private returns (bool) {
        uint256 swapIn = ZapMath.swapAmountDown(rIn, excess);
        (uint256 minOut, bool priced) = _minAmountOut(pair, tIn, swapIn);
        _observe(pair);
        if (!priced) return false;
        if (swapIn != 0) {
            if ((swapIn * 997 * rOut) / (rIn * 1000 + swapIn * 997) == 0) return false;
            address[] memory path = new address[](2);
            (path[0], path[1]) = (tIn, tOut);
            _router.swapExactTokensForTokensSupportingFeeOnTransferTokens(
                swapIn,
                minOut,
                path,
                address(this),
                block.timestamp
            );
        }
        return true;
    }

    /// @dev Adds both balances at the pair's ratio (which the swap's guard checked against the TWAP).
    function _addAll() private {
        uint256 b0 = IERC20(_token0).balanceOf(address(this));
        uint256 b1 = IERC20(_token1).balanceOf(address(this));
        if (b0 == 0 || b1 == 0) return;
        // An add that cannot mint (a few wei left over or donated, worth less than one LP wei) must not
        // block the harvest: the balances wait for the next one, as does what the add did not use.
        // The caller's minAssetsAdded still bounds the result.
        try
            _router.addLiquidity(
                _token0,
                _token1,
                b0,
                b1,
                (b0 * (BPS - MAX_PRICE_DEVIATION_BPS)) / BPS,
                (b1 * (BPS - MAX_PRICE_DEVIATION_BPS)) / BPS,
                address(this),
                block.timestamp
            )
        {} catch {} // solhint-disable-line no-empty-blocks
    }

    /// @dev A standing allowance for a bonus token (FUR and the pool tokens have one from the start).
    function _approveRouter(IERC20 token, uint256 amount) private {
        if (address(token) != address(_fur) && token.allowance(address(this), address(_router)) < amount)
            token.forceApprove(address(_router), type(uint256).max);
    }

    function _observeRoute(address token) private {
        if (token == _token0 || token == _token1) return;
        (address[] memory path, bool found) = _route(token);
        if (!found) return;
        for (uint256 i; i + 1 < path.length; ++i) _observe(IPair(_pairs.getPair(path[i], path[i + 1])));
    }

    /// @dev A path from `token` to a pool token: direct to token0, direct to token1, then via WETH.
    function _route(address token) private view returns (address[] memory path, bool found) {
        address[2] memory targets = [_token0, _token1];
        for (uint256 i; i < 2; ++i) {
            address t = targets[i];
            if (t == address(0)) break;
            if (_pairs.getPair(token, t) != address(0)) {
                path = new address[](2);
                (path[0], path[1]) = (token, t);
                return (path, true);
            }
        }
        if (token == _weth) return (path, false);
        for (uint256 i; i < 2; ++i) {
            address t = targets[i];
            if (t == address(0)) break;
            if (
                t != _weth &&
                _pairs.getPair(token, _weth) != address(0) &&
                _pairs.getPair(_weth, t) != address(0)
            ) {
                path = new address[](3);
                (path[0], path[1], path[2]) = (token, _weth, t);
                return (path, true);
            }
        }
    }

    /// @dev The pool rewarder's tokens (at most MAX_BONUS_TOKENS, FUR and pool tokens included as
    /// given) and what it owes the vault; empty when there is none or its view fails or burns gas.
    function _bonusTokens(
        uint256 furPending
    ) private view returns (IERC20[] memory tokens, uint256[] memory amounts) {
        IRewarder r = farm.rewarder(pid);
        if (address(r) == address(0)) return (tokens, amounts);
        try r.pendingTokens{gas: REWARDER_VIEW_GAS}(pid, address(this), furPending) returns (
            IERC20[] memory t,
            uint256[] memory a
        ) {
            if (t.length > MAX_BONUS_TOKENS || a.length != t.length) return (tokens, amounts);
            for (uint256 i; i < t.length; ++i) if (address(t[i]) == address(_fur)) return (tokens, amounts);
            return (t, a);
        } catch {
            return (tokens, amounts);
        }
    }

    /// @dev The tokens of `lp` if it is a pair of the router's factory, else (0, 0).
    function _pairTokens(address lp) private view returns (address t0, address t1) {
        if (lp.code.length == 0) return (t0, t1);
        try IPair(lp).token0() returns (address a) {
            try IPair(lp).token1() returns (address b) {
                if (_pairs.getPair(a, b) == lp) return (a, b);
            } catch {} // solhint-disable-line no-empty-blocks
        } catch {} // solhint-disable-line no-empty-blocks
    }

    // ---------------------------------------------------------------------------------------------
    // Staking hooks and ERC-4626 settings
    // ---------------------------------------------------------------------------------------------

    /// @dev Pulls the assets and stakes them in the same transaction.
    function _transferIn(address from, uint256 assets) internal override {
        super._transferIn(from, assets);
        _totalStaked += assets;
        farm.deposit(pid, assets, address(this));
    }

    /// @dev Unstakes to the vault, then pays the receiver: the farm has a pool rewarder pay the
    /// vault's whole bonus to a withdrawal's recipient, and that bonus belongs to every holder.
    function _transferOut(address to, uint256 assets) internal override {
        _totalStaked -= assets;
        farm.withdraw(pid, assets, address(this));
        super._transferOut(to, assets);
    }

    function _checkNotPaused() private view {
        if (_lock.depositsPaused) revert DepositsPaused();
    }

    /// @dev 10^6 virtual shares per virtual asset: an inflation attack costs ~10^6 times its gain.
    function _decimalsOffset() internal pure override returns (uint8) {
        return 6;
    }

    function decimals() public view override returns (uint8) {
        return super.decimals();
    }
}
