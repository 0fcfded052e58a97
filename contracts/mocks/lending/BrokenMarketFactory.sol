// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {MarketFactory} from "../../lending/MarketFactory.sol";

/// @title Test-only MarketFactory with some of its listing checks switched off by `bugs`
/// @notice Each flag removes one check, so the test guarding it can be shown to fail; everything
/// else is MarketFactory's own code (this contract only overrides its check functions):
/// - OPEN_LISTING: anyone may list (at Sonne the attacker ran the listing steps himself).
/// - LP_COLLATERAL: Uniswap-V2-style LP tokens are accepted as collateral (Cream's donatable price).
/// - FUR_COLLATERAL: the farm's reward token is accepted as collateral.
/// - SAME_TOKEN: the loan token is accepted as its own collateral.
/// - UNCHECKED_SEED: the seed's arrival is not measured (a fee-on-transfer loan token is listed).
/// - ANY_LLTV: lltv is not bounded.
/// - OPEN_INCENTIVES: anyone may set the incentives (once, before the owner does).
/// - VAULT_COLLATERAL: a vault share is judged as itself, not by its asset (a FarmVault share of an
///   LP token is accepted).
contract BrokenMarketFactory is MarketFactory {
    uint256 public constant OPEN_LISTING = 1;
    uint256 public constant LP_COLLATERAL = 2;
    uint256 public constant FUR_COLLATERAL = 4;
    uint256 public constant SAME_TOKEN = 8;
    uint256 public constant UNCHECKED_SEED = 16;
    uint256 public constant ANY_LLTV = 32;
    uint256 public constant OPEN_INCENTIVES = 64;
    uint256 public constant VAULT_COLLATERAL = 128;
    /// @notice The bugs switched on (a sum of the flags above).
    uint256 public immutable bugs;

    constructor(address owner_, uint256 bugs_) MarketFactory(owner_) {
        bugs = bugs_;
    }

    function _checkLister() internal view override {
        if (!_has(OPEN_LISTING)) super._checkLister();
    }

    function _checkIncentivesSetter() internal view override {
        if (!_has(OPEN_INCENTIVES)) super._checkIncentivesSetter();
    }

    function _lltvAllowed(uint256 lltv) internal view override returns (bool) {
        return _has(ANY_LLTV) || super._lltvAllowed(lltv);
    }

    function _seedArrived(uint256 sent, uint256 received) internal view override returns (bool) {
        return _has(UNCHECKED_SEED) || super._seedArrived(sent, received);
    }

    function _isLoanToken(IERC20 loanToken, address token) internal view override returns (bool) {
        return !_has(SAME_TOKEN) && super._isLoanToken(loanToken, token);
    }

    function _furToken() internal view override returns (address) {
        return _has(FUR_COLLATERAL) ? address(0) : super._furToken();
    }

    function _isPairToken(address token) internal view override returns (bool) {
        return !_has(LP_COLLATERAL) && super._isPairToken(token);
    }

    function _vaultAsset(address token) internal view override returns (bool isVault, address held) {
        if (!_has(VAULT_COLLATERAL)) (isVault, held) = super._vaultAsset(token);
    }

    function _has(uint256 bug) private view returns (bool) {
        return bugs & bug != 0;
    }
}
