// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test-only reproduction of SushiSwap MISO's auction (August 2021): a payable `batch` that
/// delegatecalls the contract's own functions in a loop. Every delegatecall sees the same
/// msg.value, so `commitEth` credits the ether sent once for each call in the batch, and the
/// refund path then pays out other bidders' ether.
contract MisoBatchSale {
    error CallFailed(uint256 index);
    error RefundFailed();

    mapping(address bidder => uint256) public committed;

    function commitEth() public payable {
        committed[msg.sender] += msg.value;
    }

    /// @notice Gives back `amount` of the caller's commitment.
    function withdraw(uint256 amount) external {
        committed[msg.sender] -= amount;
        (bool ok, ) = msg.sender.call{value: amount}("");
        if (!ok) revert RefundFailed();
    }

    function batch(bytes[] calldata calls) external payable {
        for (uint256 i = 0; i < calls.length; ++i) {
            (bool ok, ) = address(this).delegatecall(calls[i]);
            if (!ok) revert CallFailed(i);
        }
    }
}
