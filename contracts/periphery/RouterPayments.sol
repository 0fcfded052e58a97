// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {SafeTransfer} from "../libraries/SafeTransfer.sol";
import {RouterImmutableState} from "./RouterImmutableState.sol";

/// @title RouterPayments
/// @notice Ether in and out of the router: wrapping into a pair, unwrapping to a recipient, and
/// refunding what a payable call did not spend.
abstract contract RouterPayments is RouterImmutableState {
    using SafeTransfer for address;

    /// @dev Ether arrives only from WETH.withdraw; anything else would be stuck.
    receive() external payable {
        if (msg.sender != WETH) revert OnlyWETH(msg.sender);
    }

    /// @dev Wraps `amount` of the call's ether and sends the WETH to `to` (a pair). WETH is set at
    /// construction, so its call skips the code-size check and ABI handling; a code-less WETH then
    /// fails at the transfer with TransferFailed.
    /// @dev gas: -282 on amm.swap.eth (plain `IWETH(WETH).deposit{value: amount}()`)
    function _wrapTo(address to, uint256 amount) internal {
        address weth = WETH;
        assembly ("memory-safe") {
            mstore(0x00, 0xd0e30db000000000000000000000000000000000000000000000000000000000) // deposit()
            if iszero(call(gas(), weth, amount, 0x00, 0x04, 0x00, 0x00)) {
                let ptr := mload(0x40)
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
        }
        WETH.safeTransfer(to, amount);
    }

    /// @dev Unwraps `amount` of the router's WETH and sends the ether to `to`; the same plain call
    /// as `_wrapTo` (one idiom for both; no bench id measures an unwrap).
    function _unwrapTo(address to, uint256 amount) internal {
        address weth = WETH;
        assembly ("memory-safe") {
            mstore(0x00, 0x2e1a7d4d00000000000000000000000000000000000000000000000000000000) // withdraw(uint256)
            mstore(0x04, amount)
            if iszero(call(gas(), weth, 0, 0x00, 0x24, 0x00, 0x00)) {
                let ptr := mload(0x40)
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
        }
        to.safeTransferETH(amount);
    }

    /// @dev Sends the caller back the part of msg.value above `spent`.
    function _refundETH(uint256 spent) internal {
        // Cannot underflow: only when msg.value > spent.
        unchecked {
            if (msg.value > spent) msg.sender.safeTransferETH(msg.value - spent);
        }
    }
}
