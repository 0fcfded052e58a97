// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ICallee} from "../../interfaces/ICallee.sol";
import {IPair} from "../../interfaces/IPair.sol";

/// @notice Test-only flash-swap receiver: pays back `repayAmount` of `repayToken` (which may be
/// too little, or the other token) inside `uniswapV2Call`, and records what it was called with.
contract FlashBorrower is ICallee {
    event Borrowed(address pair, address sender, uint256 amount0, uint256 amount1, bytes data);

    address public repayToken;
    uint256 public repayAmount;

    function setRepay(address token, uint256 amount) external {
        repayToken = token;
        repayAmount = amount;
    }

    /// @notice Starts a flash swap on `pair` with this contract as receiver.
    function borrow(address pair, uint256 amount0Out, uint256 amount1Out, bytes calldata data) external {
        IPair(pair).swap(amount0Out, amount1Out, address(this), data);
    }

    function uniswapV2Call(address sender, uint256 amount0, uint256 amount1, bytes calldata data) external {
        emit Borrowed(msg.sender, sender, amount0, amount1, data);
        if (repayAmount != 0) IERC20(repayToken).transfer(msg.sender, repayAmount);
    }
}
