// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFarm} from "./IFarm.sol";
import {IVaultFactory} from "./IVaultFactory.sol";
import {IStakedFUR} from "./IStakedFUR.sol";
import {IMarketFactory} from "./IMarketFactory.sol";

/// @title IFurrowLens
/// @notice View-only aggregation for apps: in one `eth_call`, everything a page shows about the farm,
/// its pools, one user's positions in them, the compounding vaults, staked FUR (sFUR) and the lending
/// markets. Values are raw on-chain amounts (token units, seconds, basis points); no price is
/// computed here (a lending market's oracle price is the market's own): an app prices from the
/// reserves it is given and says so. Lists are paged (`offset`, `limit`); an item whose contracts
/// fail to answer (a token or rewarder that reverts, runs out of gas or returns garbage) comes back
/// with `ok == false` and zeros instead of making the whole call revert.
/// @dev A section is empty while the contract address the lens holds for it is zero: the vault list
/// without a VaultFactory, the sFUR section without sFUR, the market list without a MarketFactory.
// The view structs live only in memory and in ABI-encoded return data (one word per field): storage
// packing does not apply, and their fields are ordered for the reader.
// solhint-disable gas-struct-packing
interface IFurrowLens {
    /// @notice Farm-wide numbers.
    struct FarmView {
        address farm;
        address rewardToken;
        uint256 rewardPerSecond;
        uint256 totalAllocPoint;
        uint256 startTime;
        /// @dev FUR the farm may still mint, and the time its emission is funded until.
        uint256 rewardReserve;
        uint256 fundedUntil;
        uint256 poolCount;
        uint256 vaultCount;
        uint256 timestamp;
        uint256 blockNumber;
    }

    /// @notice The bonus rewarder of a pool, read through the ERC20Rewarder views.
    struct RewarderView {
        address rewarder;
        /// @dev False when the rewarder does not answer the ERC20Rewarder views (other fields zero).
        bool ok;
        address token;
        string symbol;
        uint8 decimals;
        uint256 rewardPerSecond;
        uint256 reserve;
        /// @dev Attached to the farm, a rate above zero and a reserve left to pay it from.
        bool pays;
    }

    /// @notice One farm pool. `isPair` pools carry the pair's tokens, reserves and LP supply.
    struct PoolView {
        uint256 pid;
        bool ok;
        address stakeToken;
        string stakeSymbol;
        uint8 stakeDecimals;
        bool isPair;
        address token0;
        address token1;
        /// @dev Pair tokens' symbols and decimals ("" and 0 when a token does not answer them).
        string symbol0;
        string symbol1;
        uint8 decimals0;
        uint8 decimals1;
        uint256 reserve0;
        uint256 reserve1;
        uint256 lpTotalSupply;
        uint256 allocPoint;
        /// @dev The pool's share of the farm's emission: rewardPerSecond * allocPoint / totalAllocPoint.
        uint256 furPerSecond;
        uint256 totalStaked;
        RewarderView rewarder;
        /// @dev The pool's compounding vault (zero if none or no VaultFactory).
        address vault;
    }

    /// @notice One user's position in one farm pool (all zero for a user who never staked).
    struct PositionView {
        uint256 pid;
        bool ok;
        uint256 staked;
        /// @dev The stake's share of the pair's reserves (rounded down); for a single-token pool,
        /// amount0 is the stake and amount1 is zero.
        uint256 amount0;
        uint256 amount1;
        uint256 pendingFur;
        /// @dev False when the rewarder's pendingTokens fails: bonusTokens/bonusAmounts are then empty.
        bool bonusOk;
        address[] bonusTokens;
        uint256[] bonusAmounts;
        uint256 walletBalance;
        /// @dev What the farm may pull from the user's wallet.
        uint256 allowance;
    }

    /// @notice One compounding vault and one user's holding in it.
    struct VaultView {
        address vault;
        bool ok;
        uint256 pid;
        address asset;
        uint8 decimals;
        uint256 totalAssets;
        uint256 totalSupply;
        /// @dev Assets one whole share (10**decimals) redeems for.
        uint256 pricePerShare;
        uint256 lockedProfit;
        uint256 lastHarvest;
        uint256 performanceFeeBps;
        bool depositsPaused;
        uint256 shares;
        /// @dev What the user's shares redeem for now.
        uint256 assets;
        uint256 walletAssets;
        /// @dev What the vault may pull from the user's wallet.
        uint256 allowance;
    }

    /// @notice One sFUR reward stream and what one user has earned of it.
    struct RewardStreamView {
        address token;
        string symbol;
        uint8 decimals;
        /// @dev All holders together, in units of sFUR's PRECISION (1e27) per second; it pays while
        /// `periodFinish` is after the block's timestamp (and sFUR exists).
        uint256 rate;
        uint256 periodFinish;
        /// @dev sFUR's `earned(user, token)`: owed and not yet claimed.
        uint256 earned;
    }

    /// @notice sFUR (staked FUR) and one user's stake in it. Empty (`stakedFur` zero) without sFUR.
    struct StakingView {
        address stakedFur;
        /// @dev False when sFUR did not answer its views (other fields zero).
        bool ok;
        /// @dev The token sFUR wraps 1:1 (FUR).
        address fur;
        uint256 totalSupply;
        uint256 balance;
        /// @dev Voting power (ERC20Votes): zero until the user delegates, to themself or another.
        uint256 votes;
        address delegatee;
        /// @dev The user's FUR in the wallet, and what sFUR may pull of it (a stake is `depositFor`).
        uint256 walletFur;
        uint256 allowance;
        RewardStreamView[] rewards;
    }

    /// @notice One lending market of the MarketFactory and one user's place in it.
    struct MarketView {
        address market;
        /// @dev False when the market (or a token's balance view) did not answer: other fields zero.
        bool ok;
        address loanToken;
        address collateralToken;
        string loanSymbol;
        string collateralSymbol;
        uint8 loanDecimals;
        uint8 collateralDecimals;
        /// @dev Cash plus borrows with interest to the block (the ERC-4626 totalAssets).
        uint256 totalAssets;
        uint256 totalSupply;
        uint256 totalBorrows;
        uint256 cash;
        /// @dev WAD: borrows / (cash + borrows).
        uint256 utilization;
        /// @dev WAD per second, as the market accrues them (borrow rate x utilization for suppliers).
        uint256 borrowRatePerSecond;
        uint256 supplyRatePerSecond;
        uint256 lltv;
        /// @dev The oracle's price (collateral wei in loan wei, x 1e36); `priceOk` false (price 0)
        /// when the oracle reverts (stale, broken): the market then refuses borrows.
        bool priceOk;
        uint256 price;
        /// @dev The market's BorrowRewards (zero without), its speed for the market (reward token per
        /// second, all borrowers), and what the user has mined there and can claim (pendingReward).
        address borrowRewards;
        uint256 borrowRewardPerSecond;
        uint256 borrowRewardEarned;
        /// @dev The user's supply shares in the wallet and what they redeem for (convertToAssets).
        uint256 shares;
        uint256 assets;
        uint256 collateral;
        /// @dev debtOf: borrowed with interest to the block, rounded up.
        uint256 debt;
        /// @dev WAD; type(uint256).max without debt.
        uint256 healthFactor;
        /// @dev Wallet balances, and what the market may pull of them (supply and collateral both
        /// go to the market).
        uint256 walletLoan;
        uint256 loanAllowance;
        uint256 walletCollateral;
        uint256 collateralAllowance;
    }

    /// @notice What one page refresh needs, in one call.
    struct Overview {
        FarmView farm;
        PoolView[] pools;
        PositionView[] positions;
        VaultView[] vaults;
        StakingView staking;
        MarketView[] markets;
    }

    /// @notice The lens was constructed without a farm.
    error ZeroFarm();

    /// @notice The farm this lens reads.
    function farm() external view returns (IFarm);

    /// @notice The VaultFactory whose vaults this lens lists; zero for none.
    function vaultFactory() external view returns (IVaultFactory);

    /// @notice The sFUR this lens reads; zero for none.
    function stakedFur() external view returns (IStakedFUR);

    /// @notice The MarketFactory whose markets this lens lists; zero for none.
    function marketFactory() external view returns (IMarketFactory);
    /// @notice Gas given to each call into a rewarder, so that a hostile one cannot use up the call.
    function REWARDER_GAS() external view returns (uint256);

    /// @notice Farm-wide numbers at this block.
    function farmView() external view returns (FarmView memory);

    /// @notice Pools `offset` .. `offset + limit - 1` (clipped to the pool count).
    function pools(uint256 offset, uint256 limit) external view returns (PoolView[] memory);

    /// @notice `user`'s positions in pools `offset` .. `offset + limit - 1` (clipped).
    function positions(
        address user,
        uint256 offset,
        uint256 limit
    ) external view returns (PositionView[] memory);

    /// @notice Vaults `offset` .. `offset + limit - 1` of the factory's list (clipped), with `user`'s holding.
    function vaults(address user, uint256 offset, uint256 limit) external view returns (VaultView[] memory);

    /// @notice sFUR's supply and reward streams, and `user`'s stake, votes and earnings; `ok == false`
    /// when sFUR does not answer, all zero (and `stakedFur` zero) when the lens has none.
    function staking(address user) external view returns (StakingView memory);

    /// @notice Markets `offset` .. `offset + limit - 1` of the factory's list (clipped), with `user`'s place.
    function markets(address user, uint256 offset, uint256 limit) external view returns (MarketView[] memory);
    /// @notice The farm, and the pools, `user`'s positions, the vaults, sFUR and the markets in one page.
    function overview(address user, uint256 offset, uint256 limit) external view returns (Overview memory);

    /// @notice Pool `pid`; reverts if any of its contracts does (the lists call it and flag the item).
    function poolAt(uint256 pid) external view returns (PoolView memory);

    /// @notice `user`'s position in pool `pid`; reverts if the pool's token or the farm does.
    function positionAt(address user, uint256 pid) external view returns (PositionView memory);

    /// @notice `user`'s holding in `vault`; reverts if the vault does.
    function vaultAt(address user, address vault) external view returns (VaultView memory);

    /// @notice sFUR and `user`'s stake in it; reverts if sFUR does (`staking` calls it and flags it).
    function stakingAt(address user) external view returns (StakingView memory);

    /// @notice `market` and `user`'s place in it; reverts if the market does (`markets` flags it).
    function marketAt(address user, address market) external view returns (MarketView memory);
    /// @notice The rewarder's views; reverts if it does not answer them.
    function rewarderAt(address rewarder) external view returns (RewarderView memory);

    /// @notice The rewarder's pending bonus for `user` given `pendingFur`; reverts if it does.
    function bonusAt(
        address rewarder,
        uint256 pid,
        address user,
        uint256 pendingFur
    ) external view returns (address[] memory tokens, uint256[] memory amounts);
}
