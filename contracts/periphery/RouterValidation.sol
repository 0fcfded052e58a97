// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IRouter} from "../interfaces/IRouter.sol";

/// @title RouterValidation
/// @notice The deadline check every state-changing router function runs first.
abstract contract RouterValidation is IRouter {
    modifier ensure(uint256 deadline) {
        if (deadline < block.timestamp) revert Expired(deadline, block.timestamp);
        _;
    }
}
