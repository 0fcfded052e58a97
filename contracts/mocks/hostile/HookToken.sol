// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Receiver side of {HookToken} (ERC-777 / ERC-1363 style "tokens received" hook).
interface ITokenReceiver {
    function onTokenReceived(address from, uint256 amount) external;
}

/// @notice Test-only ERC-20 that calls `onTokenReceived` on contract recipients of a transfer, so a
/// recipient can refuse it by reverting with a reason (like ERC-777 / ERC-1363 tokens).
contract HookToken is ERC20 {
    constructor() ERC20("Hook Token", "HOOK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        if (from == address(0) || to.code.length == 0) return;
        // Contracts without the hook revert with no data: accepted. A hook's own revert is bubbled.
        try ITokenReceiver(to).onTokenReceived(from, value) {} catch (bytes memory reason) {
            if (reason.length != 0) {
                assembly ("memory-safe") {
                    revert(add(reason, 0x20), mload(reason))
                }
            }
        }
    }
}

/// @notice Test-only contract that rejects every {HookToken} it is sent, and can act on the farm.
contract RejectingReceiver is ITokenReceiver {
    error Rejected(address from, uint256 amount);

    function onTokenReceived(address from, uint256 amount) external pure {
        revert Rejected(from, amount);
    }
}

/// @notice Test-only recipient that burns nearly all the gas a {HookToken} transfer gives it, then
/// rejects the tokens: the hostile `to` of an emergency withdraw that tries to starve the rewarder.
contract GasBurningReceiver is ITokenReceiver {
    error Burned(uint256 amount);

    uint256 public sink;

    function onTokenReceived(address, uint256 amount) external {
        while (gasleft() > 4_000) {
            sink += 1;
        }
        revert Burned(amount);
    }
}
