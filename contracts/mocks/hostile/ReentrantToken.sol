// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only hostile ERC-20: once armed, every transfer calls `hookTarget` with `data` (e.g.
/// back into the pair or the router that is moving it) and bubbles up any revert, so a test sees
/// the pair's own error (`Locked`) at the top of the stack.
contract ReentrantToken is ERC20 {
    address public hookTarget;
    bytes public data;
    bool private _inHook;

    constructor() ERC20("Reentrant", "REENT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Lets `spender` move this contract's own tokens (the hook calls from here).
    function approveSelf(address spender, uint256 amount) external {
        _approve(address(this), spender, amount);
    }

    /// @notice Calls `target_` with `data_` from inside every later transfer (zero target: off).
    function arm(address target_, bytes calldata data_) external {
        hookTarget = target_;
        data = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (hookTarget == address(0) || _inHook || from == address(0)) return;
        _inHook = true;
        (bool ok, bytes memory result) = hookTarget.call(data);
        _inHook = false;
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }
}
