// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {ERC20Wrapper} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Wrapper.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IFurrowLens} from "../interfaces/IFurrowLens.sol";
import {IFarm} from "../interfaces/IFarm.sol";
import {IVaultFactory} from "../interfaces/IVaultFactory.sol";
import {IFarmVault} from "../interfaces/IFarmVault.sol";
import {IPair} from "../interfaces/IPair.sol";
import {IRewarder} from "../interfaces/IRewarder.sol";
import {IERC20Rewarder} from "../interfaces/IERC20Rewarder.sol";
import {IStakedFUR} from "../interfaces/IStakedFUR.sol";
import {IMarketFactory} from "../interfaces/IMarketFactory.sol";
import {ILendingMarket} from "../interfaces/ILendingMarket.sol";
import {IBorrowRewards} from "../interfaces/IBorrowRewards.sol";

/// @title FurrowLens
/// @notice See {IFurrowLens}. Holds nothing but four addresses and writes nothing.
/// @dev Each list item is read through an external call to this contract (`poolAt`, `positionAt`,
/// `vaultAt`, `stakingAt`, `marketAt`) inside try/catch: whatever goes wrong in an item (a revert,
/// an out-of-gas, return data that does not decode, which a plain try/catch around the outer call
/// would not catch) fails that item only. Calls into rewarders get REWARDER_GAS each, so one that
/// burns gas cannot use up the call.
contract FurrowLens is IFurrowLens {
    /// @inheritdoc IFurrowLens
    uint256 public constant REWARDER_GAS = 200_000;

    /// @inheritdoc IFurrowLens
    IFarm public immutable farm;
    /// @inheritdoc IFurrowLens
    IVaultFactory public immutable vaultFactory;
    /// @inheritdoc IFurrowLens
    IStakedFUR public immutable stakedFur;
    /// @inheritdoc IFurrowLens
    IMarketFactory public immutable marketFactory;

    /// @param farm_ The farm to read.
    /// @param vaultFactory_ Its VaultFactory, or zero for a deployment without vaults.
    /// @param stakedFur_ sFUR, or zero for a deployment without it.
    /// @param marketFactory_ The lending MarketFactory, or zero for a deployment without markets.
    constructor(
        IFarm farm_,
        IVaultFactory vaultFactory_,
        IStakedFUR stakedFur_,
        IMarketFactory marketFactory_
    ) {
        if (address(farm_) == address(0)) revert ZeroFarm();
        farm = farm_;
        vaultFactory = vaultFactory_;
        stakedFur = stakedFur_;
        marketFactory = marketFactory_;
    }

    // ---------------------------------------------------------------------------------------------
    // Pages
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFurrowLens
    function overview(address user, uint256 offset, uint256 limit) external view returns (Overview memory o) {
        o.farm = farmView();
        o.pools = pools(offset, limit);
        o.positions = positions(user, offset, limit);
        o.vaults = vaults(user, offset, limit);
        o.staking = staking(user);
        o.markets = markets(user, offset, limit);
    }

    /// @inheritdoc IFurrowLens
    function farmView() public view returns (FarmView memory f) {
        f.farm = address(farm);
        f.rewardToken = address(farm.rewardToken());
        f.rewardPerSecond = farm.rewardPerSecond();
        f.totalAllocPoint = farm.totalAllocPoint();
        f.startTime = farm.startTime();
        (f.rewardReserve, f.fundedUntil) = farm.rewardReserve();
        f.poolCount = farm.poolLength();
        f.vaultCount = _vaultCount();
        f.timestamp = block.timestamp;
        f.blockNumber = block.number;
    }

    /// @inheritdoc IFurrowLens
    function pools(uint256 offset, uint256 limit) public view returns (PoolView[] memory list) {
        (uint256 start, uint256 n) = _page(offset, limit, farm.poolLength());
        list = new PoolView[](n);
        for (uint256 i; i < n; ++i) {
            try this.poolAt(start + i) returns (PoolView memory p) {
                list[i] = p;
            } catch {
                list[i].pid = start + i;
            }
        }
    }

    /// @inheritdoc IFurrowLens
    function positions(
        address user,
        uint256 offset,
        uint256 limit
    ) public view returns (PositionView[] memory list) {
        (uint256 start, uint256 n) = _page(offset, limit, user == address(0) ? 0 : farm.poolLength());
        list = new PositionView[](n);
        for (uint256 i; i < n; ++i) {
            try this.positionAt(user, start + i) returns (PositionView memory p) {
                list[i] = p;
            } catch {
                list[i].pid = start + i;
            }
        }
    }

    /// @inheritdoc IFurrowLens
    function vaults(
        address user,
        uint256 offset,
        uint256 limit
    ) public view returns (VaultView[] memory list) {
        (uint256 start, uint256 n) = _page(offset, limit, _vaultCount());
        list = new VaultView[](n);
        for (uint256 i; i < n; ++i) {
            address vault = vaultFactory.allVaults(start + i);
            try this.vaultAt(user, vault) returns (VaultView memory v) {
                list[i] = v;
            } catch {
                list[i].vault = vault;
            }
        }
    }

    /// @inheritdoc IFurrowLens
    function staking(address user) public view returns (StakingView memory s) {
        if (address(stakedFur) == address(0)) return s;
        try this.stakingAt(user) returns (StakingView memory v) {
            s = v;
        } catch {
            s.stakedFur = address(stakedFur);
        }
    }

    /// @inheritdoc IFurrowLens
    function markets(
        address user,
        uint256 offset,
        uint256 limit
    ) public view returns (MarketView[] memory list) {
        uint256 total = address(marketFactory) == address(0) ? 0 : marketFactory.allMarketsLength();
        (uint256 start, uint256 n) = _page(offset, limit, total);
        list = new MarketView[](n);
        for (uint256 i; i < n; ++i) {
            address market = marketFactory.allMarkets(start + i);
            try this.marketAt(user, market) returns (MarketView memory v) {
                list[i] = v;
            } catch {
                list[i].market = market;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Items
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IFurrowLens
    function poolAt(uint256 pid) external view returns (PoolView memory p) {
        IFarm.PoolInfo memory info = farm.poolInfo(pid);
        p.pid = pid;
        p.ok = true;
        p.stakeToken = address(farm.lpToken(pid));
        p.stakeDecimals = IERC20Metadata(p.stakeToken).decimals();
        p.stakeSymbol = _symbol(p.stakeToken);
        (p.isPair, p.token0, p.token1, p.reserve0, p.reserve1) = _pair(p.stakeToken);
        if (p.isPair) {
            p.lpTotalSupply = IERC20(p.stakeToken).totalSupply();
            (p.symbol0, p.decimals0) = (_symbol(p.token0), _decimals(p.token0));
            (p.symbol1, p.decimals1) = (_symbol(p.token1), _decimals(p.token1));
        }
        p.allocPoint = info.allocPoint;
        uint256 totalAlloc = farm.totalAllocPoint();
        if (totalAlloc != 0) p.furPerSecond = (farm.rewardPerSecond() * info.allocPoint) / totalAlloc;
        p.totalStaked = info.totalStaked;
        address r = address(farm.rewarder(pid));
        if (r != address(0)) {
            try this.rewarderAt{gas: REWARDER_GAS}(r) returns (RewarderView memory v) {
                p.rewarder = v;
            } catch {
                p.rewarder.rewarder = r;
            }
        }
        if (address(vaultFactory) != address(0)) p.vault = vaultFactory.vaultOf(pid);
    }

    /// @inheritdoc IFurrowLens
    function positionAt(address user, uint256 pid) external view returns (PositionView memory p) {
        p.pid = pid;
        p.ok = true;
        p.staked = farm.userInfo(pid, user).amount;
        p.pendingFur = farm.pendingReward(pid, user);
        IERC20 stake = farm.lpToken(pid);
        p.walletBalance = stake.balanceOf(user);
        p.allowance = stake.allowance(user, address(farm));
        (bool isPair, , , uint256 reserve0, uint256 reserve1) = _pair(address(stake));
        if (!isPair) {
            p.amount0 = p.staked;
        } else if (p.staked != 0) {
            uint256 supply = stake.totalSupply();
            p.amount0 = Math.mulDiv(p.staked, reserve0, supply);
            p.amount1 = Math.mulDiv(p.staked, reserve1, supply);
        }
        address r = address(farm.rewarder(pid));
        p.bonusOk = true;
        if (r != address(0)) {
            try this.bonusAt{gas: REWARDER_GAS}(r, pid, user, p.pendingFur) returns (
                address[] memory tokens,
                uint256[] memory amounts
            ) {
                (p.bonusTokens, p.bonusAmounts) = (tokens, amounts);
            } catch {
                p.bonusOk = false;
            }
        }
    }

    /// @inheritdoc IFurrowLens
    function vaultAt(address user, address vault) external view returns (VaultView memory v) {
        IERC4626 shares = IERC4626(vault);
        v.vault = vault;
        v.ok = true;
        v.pid = IFarmVault(vault).pid();
        v.asset = shares.asset();
        v.decimals = shares.decimals();
        v.totalAssets = shares.totalAssets();
        v.totalSupply = shares.totalSupply();
        v.pricePerShare = shares.convertToAssets(10 ** v.decimals);
        v.lockedProfit = IFarmVault(vault).lockedProfit();
        v.lastHarvest = IFarmVault(vault).lastHarvest();
        v.performanceFeeBps = IFarmVault(vault).performanceFeeBps();
        v.depositsPaused = IFarmVault(vault).depositsPaused();
        if (user != address(0)) {
            v.shares = shares.balanceOf(user);
            v.assets = shares.convertToAssets(v.shares);
            v.walletAssets = IERC20(v.asset).balanceOf(user);
            v.allowance = IERC20(v.asset).allowance(user, vault);
        }
    }

    /// @inheritdoc IFurrowLens
    function stakingAt(address user) external view returns (StakingView memory s) {
        address sFur = address(stakedFur);
        s.stakedFur = sFur;
        s.ok = true;
        s.fur = address(ERC20Wrapper(sFur).underlying());
        s.totalSupply = IERC20(sFur).totalSupply();
        if (user != address(0)) {
            s.balance = IERC20(sFur).balanceOf(user);
            s.votes = IVotes(sFur).getVotes(user);
            s.delegatee = IVotes(sFur).delegates(user);
            s.walletFur = IERC20(s.fur).balanceOf(user);
            s.allowance = IERC20(s.fur).allowance(user, sFur);
        }
        IERC20[] memory tokens = stakedFur.rewardTokens();
        s.rewards = new RewardStreamView[](tokens.length);
        for (uint256 i; i < tokens.length; ++i) {
            RewardStreamView memory r = s.rewards[i];
            r.token = address(tokens[i]);
            (r.symbol, r.decimals) = (_symbol(r.token), _decimals(r.token));
            (r.rate, r.periodFinish, ) = stakedFur.rewardStream(tokens[i]);
            if (user != address(0)) r.earned = stakedFur.earned(user, tokens[i]);
        }
    }

    /// @inheritdoc IFurrowLens
    function marketAt(address user, address market) external view returns (MarketView memory v) {
        ILendingMarket m = ILendingMarket(market);
        v.market = market;
        v.ok = true;
        v.loanToken = m.asset();
        v.collateralToken = address(m.collateralToken());
        (v.loanSymbol, v.loanDecimals) = (_symbol(v.loanToken), _decimals(v.loanToken));
        (v.collateralSymbol, v.collateralDecimals) = (
            _symbol(v.collateralToken),
            _decimals(v.collateralToken)
        );
        v.totalAssets = m.totalAssets();
        v.totalSupply = m.totalSupply();
        v.totalBorrows = m.totalBorrows();
        v.cash = m.cash();
        v.utilization = m.utilization();
        v.borrowRatePerSecond = m.borrowRatePerSecond();
        v.supplyRatePerSecond = m.supplyRatePerSecond();
        v.lltv = m.lltv();
        try m.oracle().price() returns (uint256 p) {
            (v.priceOk, v.price) = (true, p);
        } catch {} // solhint-disable-line no-empty-blocks
        IBorrowRewards rewards = m.borrowRewards();
        if (address(rewards) != address(0)) {
            v.borrowRewards = address(rewards);
            v.borrowRewardPerSecond = rewards.marketConfig(market).rewardPerSecond;
            if (user != address(0)) v.borrowRewardEarned = rewards.pendingReward(market, user);
        }
        if (user != address(0)) {
            v.shares = m.balanceOf(user);
            v.assets = m.convertToAssets(v.shares);
            v.collateral = m.collateralOf(user);
            v.debt = m.debtOf(user);
            v.healthFactor = m.healthFactor(user);
            v.walletLoan = IERC20(v.loanToken).balanceOf(user);
            v.loanAllowance = IERC20(v.loanToken).allowance(user, market);
            v.walletCollateral = IERC20(v.collateralToken).balanceOf(user);
            v.collateralAllowance = IERC20(v.collateralToken).allowance(user, market);
        }
    }

    /// @inheritdoc IFurrowLens
    function rewarderAt(address rewarder) external view returns (RewarderView memory v) {
        IERC20Rewarder r = IERC20Rewarder(rewarder);
        v.rewarder = rewarder;
        v.ok = true;
        v.token = address(r.rewardToken());
        (v.symbol, v.decimals) = (_symbol(v.token), _decimals(v.token));
        v.rewardPerSecond = r.rewardPerSecond();
        v.reserve = r.reserve();
        v.pays = r.phase() == IERC20Rewarder.Phase.Attached && v.rewardPerSecond != 0 && v.reserve != 0;
    }

    /// @inheritdoc IFurrowLens
    function bonusAt(
        address rewarder,
        uint256 pid,
        address user,
        uint256 pendingFur
    ) external view returns (address[] memory tokens, uint256[] memory amounts) {
        IERC20[] memory t;
        (t, amounts) = IRewarder(rewarder).pendingTokens(pid, user, pendingFur);
        // IERC20[] and address[] have the same ABI encoding and memory layout.
        assembly ("memory-safe") {
            tokens := t
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    function _vaultCount() private view returns (uint256) {
        return address(vaultFactory) == address(0) ? 0 : vaultFactory.vaultsLength();
    }

    /// @dev The first index and the length of the page [offset, offset + limit) within [0, total).
    function _page(uint256 offset, uint256 limit, uint256 total) private pure returns (uint256, uint256) {
        if (offset >= total) return (total, 0);
        return (offset, Math.min(limit, total - offset));
    }

    /// @dev A token is read as a pair when token0, token1 and getReserves all answer with words;
    /// a plain ERC-20 (FUR, WETH) has no such functions and is a single-token pool.
    function _pair(
        address token
    ) private view returns (bool isPair, address token0, address token1, uint256 reserve0, uint256 reserve1) {
        bool ok0;
        bool ok1;
        (ok0, token0) = _address(token, IPair.token0.selector);
        (ok1, token1) = _address(token, IPair.token1.selector);
        if (!ok0 || !ok1) return (false, address(0), address(0), 0, 0);
        (bool ok, bytes memory data) = token.staticcall(abi.encodeCall(IPair.getReserves, ()));
        if (!ok || data.length < 64) return (false, address(0), address(0), 0, 0);
        (reserve0, reserve1) = abi.decode(data, (uint256, uint256));
        isPair = true;
    }

    /// @dev A string symbol, or a bytes32 one (older tokens) up to its first zero byte; "" otherwise.
    function _symbol(address token) private view returns (string memory) {
        (bool ok, bytes memory data) = token.staticcall(abi.encodeCall(IERC20Metadata.symbol, ()));
        if (!ok) return "";
        if (data.length == 32) {
            uint256 n;
            while (n < 32 && data[n] != 0) ++n;
            bytes memory b = new bytes(n);
            for (uint256 i; i < n; ++i) b[i] = data[i];
            return string(b);
        }
        if (data.length < 64) return "";
        (uint256 offset, uint256 length) = abi.decode(data, (uint256, uint256));
        // A well-formed string: its offset is 32 and its bytes fit in the data returned.
        if (offset != 32 || length > data.length - 64) return "";
        return abi.decode(data, (string));
    }

    function _decimals(address token) private view returns (uint8) {
        (bool ok, bytes memory data) = token.staticcall(abi.encodeCall(IERC20Metadata.decimals, ()));
        if (!ok || data.length != 32) return 0;
        uint256 d = abi.decode(data, (uint256));
        // A value that does not fit in uint8 is no decimals at all.
        return d > type(uint8).max ? 0 : uint8(d);
    }

    function _address(address target, bytes4 selector) private view returns (bool, address) {
        (bool ok, bytes memory data) = target.staticcall(abi.encodeWithSelector(selector));
        if (!ok || data.length != 32) return (false, address(0));
        uint256 word = abi.decode(data, (uint256));
        if (word >> 160 != 0) return (false, address(0));
        return (true, address(uint160(word)));
    }
}
