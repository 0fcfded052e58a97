// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IRouter} from "../interfaces/IRouter.sol";

/// @title Path
/// @notice Reading a swap path (a token list, one hop per neighbouring pair). Every router function
/// reads its path through `at`, after `hops` checked its length once.
library Path {
    /// @dev The number of hops (tokens - 1); reverts with InvalidPath below two tokens.
    function hops(address[] calldata path) internal pure returns (uint256) {
        if (path.length < 2) revert IRouter.InvalidPath(path.length);
        // Cannot underflow: at least two tokens.
        unchecked {
            return path.length - 1;
        }
    }

    /// @dev path[i] for an i the caller knows to be at most `hops(path)`: skips the bounds check of
    /// every indexed read. The word is masked to an address, as the pair addresses are computed
    /// from that same masked value.
    /// @dev gas: -261 on amm.swap.1hop, -510 on amm.swap.2hop, -294 on amm.swap.eth, -244,730 on
    /// deploy.Router (plain `path[i]`)
    function at(address[] calldata path, uint256 i) internal pure returns (address token) {
        assembly ("memory-safe") {
            token := and(
                calldataload(add(path.offset, shl(5, i))),
                0xffffffffffffffffffffffffffffffffffffffff
            )
        }
    }

    /// @dev Whether the hop from path[i] to path[i + 1] swaps token0 for token1.
    function zeroForOne(address[] calldata path, uint256 i) internal pure returns (bool) {
        return at(path, i) < at(path, i + 1);
    }
}
