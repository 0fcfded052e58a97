// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only stake token that, once armed, calls `target` with `data` from inside every
/// transfer (deposit pulls and withdraw pushes alike), bubbling up any revert: a hostile token that
/// tries to re-enter the farm.
contract ReentrantStakeToken is ERC20 {
    address public reentryTarget;
    bytes public reentryData;

    constructor() ERC20("Reentrant", "REE") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address target_, bytes calldata data_) external {
        reentryTarget = target_;
        reentryData = data_;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address t = reentryTarget;
        if (t == address(0) || from == address(0)) return;
        reentryTarget = address(0); // one re-entry attempt per arming
        (bool ok, bytes memory ret) = t.call(reentryData);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 0x20), mload(ret))
            }
        }
    }
}
