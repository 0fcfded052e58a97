// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRouter} from "../interfaces/IRouter.sol";

/// @title PairCalls
/// @notice The router's three calls into a pair. The pair is ours (a CREATE2 address of our
/// factory), so its answers need no ABI validation; its revert data is bubbled up unchanged.
/// Selectors are literals (named in a comment beside each, pinned by test/amm/Layout.test.ts):
/// `X.selector` in a local made the Router's code ~800 bytes larger (deploy.Router +177,601).
/// @dev gas: -780 on amm.swap.1hop, -1,551 on amm.swap.2hop, -780 on amm.swap.eth, -513 on
/// amm.addLiquidity, -269 on amm.removeLiquidity, -163,435 on deploy.Router (plain
/// `IPair(pair).getReserves()` after a code-size check, `.burn(to)`, `.swap(..., "")`)
library PairCalls {
    /// @dev The pair's reserves ordered as (tokenA, tokenB); reverts with PairNotFound if the pair
    /// has no code. Every pair `swap` reaches went through here first in the same call.
    function reserves(
        address pair,
        address tokenA,
        address tokenB
    ) internal view returns (uint256 reserveA, uint256 reserveB) {
        uint256 reserve0;
        uint256 reserve1;
        bool found;
        assembly ("memory-safe") {
            mstore(0x00, 0x0902f1ac00000000000000000000000000000000000000000000000000000000) // getReserves()
            if iszero(staticcall(gas(), pair, 0x00, 0x04, 0x00, 0x40)) {
                let ptr := mload(0x40)
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
            // A contract-less address "succeeds" with no return data.
            found := gt(returndatasize(), 0x3f)
            reserve0 := mload(0x00)
            reserve1 := mload(0x20)
        }
        if (!found) revert IRouter.PairNotFound(tokenA, tokenB);
        (reserveA, reserveB) = tokenA < tokenB ? (reserve0, reserve1) : (reserve1, reserve0);
    }

    /// @dev `pair.burn(to)`. The pair just accepted the LP tokens (returning true), so it has code,
    /// and its answer is two clean words.
    function burn(address pair, address to) internal returns (uint256 amount0, uint256 amount1) {
        assembly ("memory-safe") {
            mstore(0x00, 0x89afcb4400000000000000000000000000000000000000000000000000000000) // burn(address)
            mstore(0x04, to)
            if iszero(call(gas(), pair, 0, 0x00, 0x24, 0x00, 0x40)) {
                let ptr := mload(0x40)
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
            amount0 := mload(0x00)
            amount1 := mload(0x20)
        }
    }

    /// @dev `pair.swap(amount0Out, amount1Out, to, "")`. No code-size check: callers reach `pair`
    /// only after `reserves` found code there.
    function swap(address pair, uint256 amount0Out, uint256 amount1Out, address to) internal {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            // swap(uint256,uint256,address,bytes)
            mstore(ptr, 0x022c0d9f00000000000000000000000000000000000000000000000000000000)
            mstore(add(ptr, 0x04), amount0Out)
            mstore(add(ptr, 0x24), amount1Out)
            mstore(add(ptr, 0x44), to)
            mstore(add(ptr, 0x64), 0x80) // offset of `data`
            mstore(add(ptr, 0x84), 0) // data.length
            if iszero(call(gas(), pair, 0, ptr, 0xa4, 0x00, 0x00)) {
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
        }
    }
}
