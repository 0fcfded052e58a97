// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title SafeTransfer
/// @notice ERC-20 and ether transfers that accept tokens returning nothing (USDT style), revert
/// with a custom error when a token returns false, and bubble up a token's own revert data (so a
/// reentrancy error raised inside a token hook reaches the caller unchanged).
/// @dev gas: -1,359 on amm.removeLiquidity (1.3%), -919 on amm.swap.1hop (1.1%), -226,030 on
/// deploy.Router (8.2%) against the same checks in plain Solidity (`token.call(abi.encodeWithSelector
/// (...))`, then `abi.decode` of the return data), measured with npm run bench.
library SafeTransfer {
    /// @notice `token.transfer(to, amount)` returned false or called a contract-less address.
    error TransferFailed(address token, address to, uint256 amount);
    /// @notice `token.transferFrom(from, to, amount)` returned false or called a contract-less address.
    error TransferFromFailed(address token, address from, address to, uint256 amount);
    /// @notice Sending `amount` wei to `to` failed.
    error ETHTransferFailed(address to, uint256 amount);

    function safeTransfer(address token, address to, uint256 amount) internal {
        bool ok;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, 0xa9059cbb00000000000000000000000000000000000000000000000000000000) // transfer(address,uint256)
            mstore(add(ptr, 0x04), to)
            mstore(add(ptr, 0x24), amount)
            ok := call(gas(), token, 0, ptr, 0x44, 0x00, 0x20)
            if iszero(ok) {
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
            // Success is `true` returned, or nothing returned by an address that has code.
            switch returndatasize()
            case 0 {
                ok := gt(extcodesize(token), 0)
            }
            default {
                ok := and(gt(returndatasize(), 31), eq(mload(0x00), 1))
            }
        }
        if (!ok) revert TransferFailed(token, to, amount);
    }

    function safeTransferFrom(address token, address from, address to, uint256 amount) internal {
        bool ok;
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            // transferFrom(address,address,uint256)
            mstore(ptr, 0x23b872dd00000000000000000000000000000000000000000000000000000000)
            mstore(add(ptr, 0x04), from)
            mstore(add(ptr, 0x24), to)
            mstore(add(ptr, 0x44), amount)
            ok := call(gas(), token, 0, ptr, 0x64, 0x00, 0x20)
            if iszero(ok) {
                returndatacopy(ptr, 0, returndatasize())
                revert(ptr, returndatasize())
            }
            // Success is `true` returned, or nothing returned by an address that has code.
            switch returndatasize()
            case 0 {
                ok := gt(extcodesize(token), 0)
            }
            default {
                ok := and(gt(returndatasize(), 31), eq(mload(0x00), 1))
            }
        }
        if (!ok) revert TransferFromFailed(token, from, to, amount);
    }

    function safeTransferETH(address to, uint256 amount) internal {
        bool ok;
        assembly ("memory-safe") {
            ok := call(gas(), to, amount, 0, 0, 0, 0)
        }
        if (!ok) revert ETHTransferFailed(to, amount);
    }
}
