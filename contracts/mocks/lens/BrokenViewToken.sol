// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only stake token whose views can be switched to revert (an upgradeable token broken
/// by an upgrade, a paused token): a page listing its pool must still show every other pool.
contract BrokenViewToken is ERC20 {
    error ViewsBroken();

    bool public broken;

    constructor() ERC20("Broken views", "BRK") {
        _mint(msg.sender, 1_000_000e18);
    }

    function breakViews() external {
        broken = true;
    }

    function decimals() public view override returns (uint8) {
        if (broken) revert ViewsBroken();
        return 18;
    }

    function balanceOf(address account) public view override returns (uint256) {
        if (broken) revert ViewsBroken();
        return super.balanceOf(account);
    }
}
