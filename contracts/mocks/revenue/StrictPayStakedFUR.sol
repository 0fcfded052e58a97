// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {StakedFUR} from "../../revenue/StakedFUR.sol";

/// @notice Test-only StakedFUR with the bug of multi-reward pools that pay every token with a plain
/// safeTransfer: one reward token that reverts makes the whole `getReward` revert, for every token.
contract StrictPayStakedFUR is StakedFUR {
    using SafeERC20 for IERC20;

    constructor(IERC20 fur, address owner_) StakedFUR(fur, owner_) {}

    function _tryTransfer(IERC20 token, address to, uint256 amount) internal override returns (bool) {
        token.safeTransfer(to, amount); // the bug: a failure reverts everything
        return true;
    }
}
