// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Test-only reproduction of PancakeSwap's SYRUP bug (2020-21): staking mints a transferable
/// receipt 1:1 and leaving burns it, but `emergencyWithdraw` returns the stake and leaves the receipt,
/// so receipts (votes, claims on the bar) outlive the stake they stood for.
contract ReceiptChef is ERC20 {
    IERC20 public immutable stakeToken;
    mapping(address user => uint256) public staked;

    constructor(IERC20 stakeToken_) ERC20("Syrup", "SYRUP") {
        stakeToken = stakeToken_;
    }

    function enterStaking(uint256 amount) external {
        stakeToken.transferFrom(msg.sender, address(this), amount);
        staked[msg.sender] += amount;
        _mint(msg.sender, amount);
    }

    function leaveStaking(uint256 amount) external {
        staked[msg.sender] -= amount;
        _burn(msg.sender, amount);
        stakeToken.transfer(msg.sender, amount);
    }

    function emergencyWithdraw() external {
        uint256 amount = staked[msg.sender];
        staked[msg.sender] = 0;
        stakeToken.transfer(msg.sender, amount); // the historical bug: no _burn here
    }
}
