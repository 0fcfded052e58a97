// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IFarm} from "../interfaces/IFarm.sol";
import {IRouter} from "../interfaces/IRouter.sol";
import {IVaultFactory} from "../interfaces/IVaultFactory.sol";
import {FarmVault} from "./FarmVault.sol";

/// @title VaultFactory
/// @notice See {IVaultFactory}. Vaults read their settings from here on every harvest and deposit.
contract VaultFactory is IVaultFactory, Ownable2Step {
    /// @inheritdoc IVaultFactory
    uint256 public constant MAX_PERFORMANCE_FEE_BPS = 1_000;
    /// @inheritdoc IVaultFactory
    uint256 public constant MIN_UNLOCK_PERIOD = 1 hours;
    /// @inheritdoc IVaultFactory
    uint256 public constant MAX_UNLOCK_PERIOD = 7 days;

    /// @inheritdoc IVaultFactory
    IFarm public immutable farm;
    /// @inheritdoc IVaultFactory
    IRouter public immutable router;

    /// @dev Fee and unlock settings, read together by a harvest. One slot.
    struct Settings {
        address feeRecipient;
        uint16 performanceFeeBps; // <= 1,000
        uint32 unlockPeriod; // <= 7 days
    }
    Settings private _settings;

    mapping(uint256 pid => address) private _vaults;
    mapping(address vault => bool) private _isVault;
    address[] private _allVaults;

    /// @param farm_ The farm whose pools get vaults.
    /// @param router_ The router vaults swap through.
    /// @param owner_ The timelock; also the first fee recipient.
    constructor(IFarm farm_, IRouter router_, address owner_) Ownable(owner_) {
        if (address(farm_) == address(0) || address(router_) == address(0)) revert ZeroAddress();
        farm = farm_;
        router = router_;
        _settings = Settings({feeRecipient: owner_, performanceFeeBps: 0, unlockPeriod: 1 days});
    }

    /// @inheritdoc IVaultFactory
    function createVault(uint256 pid) external onlyOwner returns (address vault) {
        vault = _vaults[pid];
        if (vault != address(0)) revert VaultExists(pid, vault);
        vault = address(new FarmVault{salt: bytes32(pid)}(pid));
        _vaults[pid] = vault;
        _isVault[vault] = true;
        _allVaults.push(vault);
        emit VaultCreated(pid, vault);
    }

    /// @inheritdoc IVaultFactory
    function setPerformanceFee(uint256 feeBps) external onlyOwner {
        if (feeBps > MAX_PERFORMANCE_FEE_BPS) revert PerformanceFeeTooHigh(feeBps, MAX_PERFORMANCE_FEE_BPS);
        _settings.performanceFeeBps = uint16(feeBps); // <= 1,000, checked above
        emit PerformanceFeeSet(feeBps);
    }

    /// @inheritdoc IVaultFactory
    function setFeeRecipient(address recipient) external onlyOwner {
        if (recipient == address(0)) revert ZeroFeeRecipient();
        _settings.feeRecipient = recipient;
        emit FeeRecipientSet(recipient);
    }

    /// @inheritdoc IVaultFactory
    function setUnlockPeriod(uint256 period) external onlyOwner {
        if (period < MIN_UNLOCK_PERIOD || period > MAX_UNLOCK_PERIOD) {
            revert UnlockPeriodOutOfBounds(period, MIN_UNLOCK_PERIOD, MAX_UNLOCK_PERIOD);
        }
        _settings.unlockPeriod = uint32(period); // <= 7 days, checked above
        emit UnlockPeriodSet(period);
    }

    /// @inheritdoc IVaultFactory
    function setDepositsPaused(address vault, bool paused) external onlyOwner {
        if (!_isVault[vault]) revert UnknownVault(vault);
        FarmVault(vault).setDepositsPaused(paused);
        emit DepositsPausedSet(vault, paused);
    }

    /// @inheritdoc IVaultFactory
    function vaultOf(uint256 pid) external view returns (address) {
        return _vaults[pid];
    }

    /// @inheritdoc IVaultFactory
    function vaultsLength() external view returns (uint256) {
        return _allVaults.length;
    }

    /// @inheritdoc IVaultFactory
    function allVaults(uint256 index) external view returns (address) {
        return _allVaults[index];
    }

    /// @inheritdoc IVaultFactory
    function performanceFeeBps() external view returns (uint256) {
        return _settings.performanceFeeBps;
    }

    /// @inheritdoc IVaultFactory
    function feeRecipient() external view returns (address) {
        return _settings.feeRecipient;
    }

    /// @inheritdoc IVaultFactory
    function unlockPeriod() external view returns (uint256) {
        return _settings.unlockPeriod;
    }

    /// @inheritdoc IVaultFactory
    function harvestSettings() external view returns (uint256, address, uint256) {
        Settings memory st = _settings;
        return (st.performanceFeeBps, st.feeRecipient, st.unlockPeriod);
    }

    /// @dev The vault holds the setting (in the slot its deposits read); this reads it back.
    function depositsPaused(address vault) external view returns (bool) {
        return _isVault[vault] && FarmVault(vault).depositsPaused();
    }
}
