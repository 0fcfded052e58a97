// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IFarm} from "./IFarm.sol";
import {IRouter} from "./IRouter.sol";

/// @title Furrow vault factory: one compounding vault per farm pool, and their bounded settings
/// @notice The owner (the Timelock) creates vaults and sets the performance fee (at most
/// `MAX_PERFORMANCE_FEE_BPS()`), its recipient, the profit unlock period (between
/// `MIN_UNLOCK_PERIOD()` and `MAX_UNLOCK_PERIOD()`) and a per-vault pause of deposits. None of these
/// can move a depositor's assets: withdrawals are never paused, and vaults send assets only to the
/// owner of the shares being burnt (or whom that owner names).
interface IVaultFactory {
    /// @notice Pool `pid`'s vault was created at `vault`.
    event VaultCreated(uint256 indexed pid, address indexed vault);
    /// @notice The performance fee became `feeBps` basis points of each harvest's profit.
    event PerformanceFeeSet(uint256 feeBps);
    /// @notice Performance-fee shares now go to `recipient`.
    event FeeRecipientSet(address indexed recipient);
    /// @notice Profit from later harvests unlocks linearly over `period` seconds.
    event UnlockPeriodSet(uint256 period);
    /// @notice Deposits into `vault` were paused (`paused`) or resumed.
    event DepositsPausedSet(address indexed vault, bool paused);

    /// @notice Pool `pid` has a vault already, at `vault`.
    error VaultExists(uint256 pid, address vault);
    /// @notice `feeBps` is above `max`.
    error PerformanceFeeTooHigh(uint256 feeBps, uint256 max);
    /// @notice The fee recipient may not be the zero address.
    error ZeroFeeRecipient();
    /// @notice `period` is outside [`min`, `max`].
    error UnlockPeriodOutOfBounds(uint256 period, uint256 min, uint256 max);
    /// @notice `vault` was not created by this factory.
    error UnknownVault(address vault);
    /// @notice The zero address was given for the farm or the router.
    error ZeroAddress();

    /// @notice Upper bound of the performance fee: 1,000 basis points (10%).
    function MAX_PERFORMANCE_FEE_BPS() external view returns (uint256);

    /// @notice Shortest profit unlock period the owner can set: one hour.
    function MIN_UNLOCK_PERIOD() external view returns (uint256);

    /// @notice Longest profit unlock period the owner can set: seven days.
    function MAX_UNLOCK_PERIOD() external view returns (uint256);

    /// @notice The farm whose pools the vaults stake in.
    function farm() external view returns (IFarm);

    /// @notice The router vaults swap and add liquidity through.
    function router() external view returns (IRouter);

    /// @notice Creates the vault of farm pool `pid`. Owner only; one vault per pool.
    function createVault(uint256 pid) external returns (address);

    /// @notice The vault of pool `pid`, or the zero address if there is none.
    function vaultOf(uint256 pid) external view returns (address);

    /// @notice Number of vaults created.
    function vaultsLength() external view returns (uint256);

    /// @notice The `index`-th vault created.
    function allVaults(uint256 index) external view returns (address);

    /// @notice Performance fee in basis points of each harvest's profit (0 at deployment).
    function performanceFeeBps() external view returns (uint256);

    /// @notice Receives the performance fee as vault shares (the owner at deployment).
    function feeRecipient() external view returns (address);

    /// @notice Seconds over which a harvest's profit unlocks (one day at deployment).
    function unlockPeriod() external view returns (uint256);

    /// @notice The three settings a harvest reads, in one call.
    function harvestSettings()
        external
        view
        returns (uint256 performanceFeeBps, address feeRecipient, uint256 unlockPeriod);

    /// @notice Whether deposits (and mints) into `vault` are paused.
    function depositsPaused(address vault) external view returns (bool);

    /// @notice Sets the performance fee (at most `MAX_PERFORMANCE_FEE_BPS()`). Owner only; applies to
    /// later harvests.
    function setPerformanceFee(uint256 feeBps) external;

    /// @notice Sets who receives the performance-fee shares. Owner only.
    function setFeeRecipient(address recipient) external;

    /// @notice Sets the unlock period of later harvests' profit. Owner only; bounded.
    function setUnlockPeriod(uint256 period) external;

    /// @notice Pauses (or resumes) deposits and mints into `vault`. Owner only; withdrawals and
    /// redemptions are never paused.
    function setDepositsPaused(address vault, bool paused) external;
}
