// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test-only contract that refuses ether and forwards any call (so it can be the
/// caller or recipient of router operations whose ether refund or payout must then fail).
contract EtherRejecter {
    error Rejected();

    function forward(address target, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory result) = target.call{value: msg.value}(data);
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(result, 0x20), mload(result))
            }
        }
        return result;
    }

    receive() external payable {
        revert Rejected();
    }
}
