// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only ERC-20 that burns a fixed `fee` from every transfer (not mints/burns), or the
/// whole amount when it is smaller: a fee that is not a fraction of the amount, so what arrives of
/// a top-up cannot be predicted from the rate seen on an earlier transfer.
contract FlatFeeToken is ERC20 {
    uint256 public immutable fee;

    constructor(uint256 fee_) ERC20("Flat Fee", "FLAT") {
        fee = fee_;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == address(0) || to == address(0)) return super._update(from, to, value);
        uint256 taken = value < fee ? value : fee;
        super._update(from, address(0), taken);
        super._update(from, to, value - taken);
    }
}
