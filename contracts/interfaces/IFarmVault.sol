// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFarm} from "./IFarm.sol";
import {IVaultFactory} from "./IVaultFactory.sol";

/// @title Furrow compounding vault: an ERC-4626 over one farm pool's stake token
/// @notice `asset()` is `farm().lpToken(pid())`. Deposits are staked in the farm in the same
/// transaction and withdrawals unstake; the vault counts its assets itself, so tokens or shares sent
/// straight to it never move the share price. Shares carry a decimals offset of 6 (virtual shares),
/// which makes a first-depositor inflation attack cost the attacker about 10^6 times what it takes.
///
/// `harvest` claims the pool's FUR and bonus tokens, swaps them through the Router into the asset
/// (for a pair: into one side, then the closed-form amount into the other side, then adds liquidity)
/// and stakes the result. Every swap's minimum out is the output at the pair's time-weighted price
/// (V2 cumulative prices, over at least `TWAP_WINDOW()` seconds of observations the vault keeps) less
/// `MAX_PRICE_DEVIATION_BPS()`; a pair whose spot price is further than that from its TWAP makes the
/// harvest revert. The profit (less the performance fee, minted as shares) is locked and unlocks
/// linearly over the factory's unlock period: `totalAssets()` excludes `lockedProfit()`.
interface IFarmVault {
    /// @notice `caller` harvested: `assetsAdded` staked, `feeShares` minted to the fee recipient and
    /// `bountyShares` (out of the fee) to the caller; `locked` is the locked profit after it.
    event Harvested(
        address indexed caller,
        uint256 assetsAdded,
        uint256 feeShares,
        uint256 bountyShares,
        uint256 locked
    );
    /// @notice `amount` of reward `token` stayed in the vault: no route, no price yet, or its swap failed.
    event RewardKept(address indexed token, uint256 amount);
    /// @notice A price observation of `pair` was recorded.
    event ObservationRecorded(address indexed pair, uint256 timestamp);

    /// @notice Deposits into this vault are paused by the factory's owner (withdrawals never are).
    error DepositsPaused();
    /// @notice The harvest staked `assetsAdded`, less than the caller's `minAssetsAdded`.
    error InsufficientAssetsAdded(uint256 assetsAdded, uint256 minAssetsAdded);
    /// @notice `pair`'s spot price `spot` is more than the allowed deviation from its TWAP `twap`
    /// (both UQ112x112, token1 per token0).
    error PriceDeviation(address pair, uint256 spot, uint256 twap);
    /// @notice Only the factory may construct vaults with itself as the factory, or pause them.
    error NotFactory(address caller);

    /// @notice The factory holding this vault's fee, pause and unlock settings.
    function factory() external view returns (IVaultFactory);

    /// @notice The farm the vault stakes in.
    function farm() external view returns (IFarm);

    /// @notice The farm pool the vault stakes in.
    function pid() external view returns (uint256);

    /// @notice Minimum age of the observation a TWAP is taken from: 30 minutes.
    function TWAP_WINDOW() external view returns (uint256);

    /// @notice Largest accepted distance of a price (and of a swap's output) from its TWAP: 200 bps.
    function MAX_PRICE_DEVIATION_BPS() external view returns (uint256);

    /// @notice Part of the performance fee paid to the harvest's caller: 1,000 bps of the fee shares.
    function HARVEST_BOUNTY_BPS() external view returns (uint256);

    /// @notice Assets staked by the vault (its own count, including locked profit).
    function totalStaked() external view returns (uint256);

    /// @notice The part of harvested profit not yet counted in `totalAssets()`.
    function lockedProfit() external view returns (uint256);

    /// @notice Timestamp of the last harvest (0 before the first).
    function lastHarvest() external view returns (uint256);

    /// @notice The factory's performance fee, in basis points.
    function performanceFeeBps() external view returns (uint256);

    /// @notice The factory's fee recipient.
    function feeRecipient() external view returns (address);

    /// @notice Whether the factory's owner has paused deposits into this vault (withdrawals never are).
    function depositsPaused() external view returns (bool);

    /// @notice Sets the deposit pause; only the factory (`VaultFactory.setDepositsPaused`) may.
    function setDepositsPaused(bool paused) external;

    /// @notice The reward tokens a harvest would collect now (FUR first, then the rewarder's) and the
    /// amounts: pending in the farm and rewarder plus what the vault already holds.
    function pendingRewards() external view returns (address[] memory tokens, uint256[] memory amounts);

    /// @notice Claims, swaps, adds liquidity, stakes, mints the fee; reverts unless it staked at least
    /// `minAssetsAdded`. Permissionless.
    function harvest(uint256 minAssetsAdded) external returns (uint256 assetsAdded);

    /// @notice Records a price observation of each pair a harvest would swap through, where the
    /// newest one is older than `TWAP_WINDOW()`. Permissionless.
    function observe() external;
}
