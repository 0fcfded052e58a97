// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ITransferHooks} from "./Erc777LikeToken.sol";

/// @notice Test-only attacker: runs a list of calls atomically (as a flash-loan contract would) and,
/// once armed, makes one call of its choice from inside an ERC-777 hook: `tokensToSend` (its tokens
/// about to leave: the imBTC re-entry) or `tokensReceived` (tokens arriving mid-swap). Every revert
/// is bubbled up, so a test sees the target's own error.
contract HookAttacker is ITransferHooks {
    struct Call {
        address target;
        bytes data;
    }

    address public reentryTarget;
    bytes public reentryData;
    bool public reenterOnSend;
    uint256 public reentries;

    /// @notice The next hook of the chosen kind calls `target` with `data`, once.
    function arm(address target, bytes calldata data, bool onSend) external {
        reentryTarget = target;
        reentryData = data;
        reenterOnSend = onSend;
    }

    function run(Call[] calldata calls) external {
        for (uint256 i = 0; i < calls.length; ++i) _call(calls[i].target, calls[i].data);
    }

    function tokensToSend(address, address, address, uint256) external {
        if (reenterOnSend) _reenter();
    }

    function tokensReceived(address, address, address, uint256) external {
        if (!reenterOnSend) _reenter();
    }

    function _reenter() private {
        address target = reentryTarget;
        if (target == address(0)) return;
        reentryTarget = address(0); // one shot: the nested call's own transfers run the hook again
        ++reentries;
        _call(target, reentryData);
    }

    function _call(address target, bytes memory data) private {
        (bool ok, bytes memory result) = target.call(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
    }
}
