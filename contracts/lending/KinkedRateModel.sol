// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IKinkedRateModel} from "../interfaces/IKinkedRateModel.sol";
import {IInterestRateModel} from "../interfaces/IInterestRateModel.sol";

/// @title Two-slope interest rate model, immutable
contract KinkedRateModel is IKinkedRateModel {
    uint256 private constant WAD = 1e18;

    /// @inheritdoc IKinkedRateModel
    /// @dev 1,000% a year: 10e18 / 365 days, rounded down.
    uint256 public constant MAX_RATE_PER_SECOND = 10e18 / uint256(365 days);

    /// @inheritdoc IKinkedRateModel
    uint256 public immutable baseRatePerSecond;
    /// @inheritdoc IKinkedRateModel
    uint256 public immutable slope1PerSecond;
    /// @inheritdoc IKinkedRateModel
    uint256 public immutable slope2PerSecond;
    /// @inheritdoc IKinkedRateModel
    uint256 public immutable kink;

    /// @param base Rate at zero utilisation, per second, 1e18-scaled.
    /// @param slope1 Rate added from 0 to 100% utilisation below the kink, per second.
    /// @param slope2 Rate added from 0 to 100% utilisation above the kink, per second.
    /// @param kink_ Utilisation of the kink, in (0, 1e18).
    constructor(uint256 base, uint256 slope1, uint256 slope2, uint256 kink_) {
        // The rate is largest at 100% utilisation; bound each term first so the sum cannot overflow.
        if (
            kink_ == 0 ||
            kink_ >= WAD ||
            base > MAX_RATE_PER_SECOND ||
            slope1 > MAX_RATE_PER_SECOND ||
            slope2 > MAX_RATE_PER_SECOND ||
            base + (kink_ * slope1) / WAD + ((WAD - kink_) * slope2) / WAD > MAX_RATE_PER_SECOND
        ) revert InvalidRateParameters(base, slope1, slope2, kink_, MAX_RATE_PER_SECOND);
        baseRatePerSecond = base;
        slope1PerSecond = slope1;
        slope2PerSecond = slope2;
        kink = kink_;
    }

    /// @inheritdoc IKinkedRateModel
    function utilization(uint256 cash, uint256 borrows) public pure returns (uint256) {
        if (borrows == 0) return 0;
        return (borrows * WAD) / (cash + borrows);
    }

    /// @inheritdoc IInterestRateModel
    function borrowRatePerSecond(uint256 cash, uint256 borrows) external view returns (uint256) {
        uint256 u = utilization(cash, borrows);
        if (u <= kink) return baseRatePerSecond + (u * slope1PerSecond) / WAD;
        return baseRatePerSecond + (kink * slope1PerSecond) / WAD + ((u - kink) * slope2PerSecond) / WAD;
    }
}
