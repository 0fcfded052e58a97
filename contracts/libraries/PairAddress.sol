// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title PairAddress
/// @notice Where a factory's pair for two tokens lives, computed without a call. The init-code
/// hash is a parameter: callers take it from `IPairFactory.PAIR_INIT_CODE_HASH()`, which the
/// factory derives from the compiled Pair, so no hand-kept constant can go stale.
library PairAddress {
    /// @notice Both tokens are `token`.
    error IdenticalAddresses(address token);
    /// @notice One of the tokens is address(0).
    error ZeroAddress();

    /// @notice The two tokens in pair order (lower address first).
    function sortTokens(
        address tokenA,
        address tokenB
    ) internal pure returns (address token0, address token1) {
        if (tokenA == tokenB) revert IdenticalAddresses(tokenA);
        (token0, token1) = tokenA < tokenB ? (tokenA, tokenB) : (tokenB, tokenA);
        if (token0 == address(0)) revert ZeroAddress();
    }

    /// @notice CREATE2(factory, salt = keccak256(token0 ‖ token1), initCodeHash) for sorted tokens.
    /// @dev gas: -280,790 on deploy.Router (10.2%), -333 on amm.swap.2hop (0.26%) against
    /// `keccak256(abi.encodePacked(hex"ff", factory, salt, initCodeHash))` (measured with npm run bench).
    function compute(
        address factory,
        bytes32 initCodeHash,
        address token0,
        address token1
    ) internal pure returns (address pair) {
        assembly ("memory-safe") {
            // salt = keccak256(abi.encodePacked(token0, token1)), in scratch space.
            mstore(0x00, shl(96, token0))
            mstore(0x14, shl(96, token1))
            let salt := keccak256(0x00, 0x28)
            // keccak256(0xff ‖ factory ‖ salt ‖ initCodeHash) at the free pointer, not kept.
            let ptr := mload(0x40)
            mstore(ptr, or(shl(160, 0xff), factory))
            mstore(add(ptr, 0x20), salt)
            mstore(add(ptr, 0x40), initCodeHash)
            pair := and(keccak256(add(ptr, 11), 85), 0xffffffffffffffffffffffffffffffffffffffff)
        }
    }

    /// @notice `compute` for unsorted tokens.
    function pairFor(
        address factory,
        bytes32 initCodeHash,
        address tokenA,
        address tokenB
    ) internal pure returns (address) {
        (address token0, address token1) = sortTokens(tokenA, tokenB);
        return compute(factory, initCodeHash, token0, token1);
    }
}
