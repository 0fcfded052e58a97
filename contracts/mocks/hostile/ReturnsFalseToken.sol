// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test-only token whose transfer and transferFrom return false instead of reverting
/// (as some pre-2018 tokens did); callers must treat false as failure.
contract ReturnsFalseToken {
    mapping(address account => uint256) public balanceOf;

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function transfer(address, uint256) external pure returns (bool) {
        return false;
    }

    function transferFrom(address, address, uint256) external pure returns (bool) {
        return false;
    }
}
