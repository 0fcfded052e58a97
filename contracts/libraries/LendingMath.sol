// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title Lending market arithmetic: shares, compounding, rounding named by direction
/// @notice Borrow shares convert with one virtual asset and `VIRTUAL_SHARES` virtual shares (so the first
/// borrower cannot set the share price, and a share is never worth zero); debt rounds up, everything
/// owed to a supplier or a liquidator rounds down.
library LendingMath {
    uint256 internal constant WAD = 1e18;
    /// @dev Virtual shares per virtual asset on the borrow side (Morpho Blue's 1e6).
    uint256 internal constant VIRTUAL_SHARES = 1e6;
    uint256 internal constant VIRTUAL_ASSETS = 1;
    /// @dev Bound on rate x elapsed fed to the series: e^1e22/1e18 is far beyond any debt that fits a
    /// uint128, and x^3 stays below 2^256 (1e66).
    uint256 internal constant MAX_EXPONENT = 1e22;

    function mulDivDown(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return Math.mulDiv(x, y, d);
    }

    function mulDivUp(uint256 x, uint256 y, uint256 d) internal pure returns (uint256) {
        return Math.mulDiv(x, y, d, Math.Rounding.Ceil);
    }

    function toSharesDown(
        uint256 assets,
        uint256 totalAssets,
        uint256 totalShares
    ) internal pure returns (uint256) {
        return mulDivDown(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
    }

    function toSharesUp(
        uint256 assets,
        uint256 totalAssets,
        uint256 totalShares
    ) internal pure returns (uint256) {
        return mulDivUp(assets, totalShares + VIRTUAL_SHARES, totalAssets + VIRTUAL_ASSETS);
    }

    function toAssetsDown(
        uint256 shares,
        uint256 totalAssets,
        uint256 totalShares
    ) internal pure returns (uint256) {
        return mulDivDown(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
    }

    function toAssetsUp(
        uint256 shares,
        uint256 totalAssets,
        uint256 totalShares
    ) internal pure returns (uint256) {
        return mulDivUp(shares, totalAssets + VIRTUAL_ASSETS, totalShares + VIRTUAL_SHARES);
    }

    /// @notice e^(rate * elapsed) - 1 to three terms of its series, 1e18-scaled (x + x^2/2 + x^3/6):
    /// continuous compounding, slightly under (borrowers are never over-charged by the series).
    function compoundedGrowth(uint256 ratePerSecond, uint256 elapsed) internal pure returns (uint256) {
        uint256 x = ratePerSecond * elapsed;
        if (x > MAX_EXPONENT) x = MAX_EXPONENT;
        uint256 x2 = (x * x) / (2 * WAD);
        uint256 x3 = (x2 * x) / (3 * WAD);
        return x + x2 + x3;
    }
}
