// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IInterestRateModel} from "./IInterestRateModel.sol";

/// @title A two-slope ("kinked") interest rate model
/// @notice With utilisation u = borrows / (cash + borrows) (1e18-scaled; 0 when both are zero), the rate
/// per second is `base + u * slope1 / 1e18` up to the kink, and
/// `base + kink * slope1 / 1e18 + (u - kink) * slope2 / 1e18` above it. All parameters are per second
/// and 1e18-scaled, fixed in the constructor, and bounded so that the rate can never exceed
/// `MAX_RATE_PER_SECOND()` (about 1,000% a year).
interface IKinkedRateModel is IInterestRateModel {
    /// @notice The parameters would allow a rate above `max`, or the kink is not in (0, 1e18).
    error InvalidRateParameters(uint256 base, uint256 slope1, uint256 slope2, uint256 kink, uint256 max);

    /// @notice The rate at zero utilisation.
    function baseRatePerSecond() external view returns (uint256);

    /// @notice The slope below the kink (added per unit of utilisation).
    function slope1PerSecond() external view returns (uint256);

    /// @notice The slope above the kink.
    function slope2PerSecond() external view returns (uint256);

    /// @notice The utilisation at which the slope changes, 1e18-scaled.
    function kink() external view returns (uint256);

    /// @notice The bound the rate at 100% utilisation must respect.
    function MAX_RATE_PER_SECOND() external view returns (uint256);

    /// @notice Utilisation for `cash` and `borrows`, 1e18-scaled.
    function utilization(uint256 cash, uint256 borrows) external pure returns (uint256);
}
