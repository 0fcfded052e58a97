// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IWETH} from "../interfaces/IWETH.sol";

/// @notice WETH9-equivalent for tests and local deployments: same ABI and behaviour (an infinite
/// allowance is never spent; sending ether wraps it), custom errors instead of bare reverts.
contract WETH9 is IWETH {
    // ERC-20 metadata names are fixed by the standard, not by the constant-naming rule.
    // solhint-disable const-name-snakecase
    string public constant name = "Wrapped Ether";
    string public constant symbol = "WETH";
    uint8 public constant decimals = 18;
    // solhint-enable const-name-snakecase

    mapping(address account => uint256) public balanceOf;
    mapping(address owner => mapping(address spender => uint256)) public allowance;

    receive() external payable {
        deposit();
    }

    /// @inheritdoc IWETH
    function deposit() public payable {
        balanceOf[msg.sender] += msg.value;
        emit Deposit(msg.sender, msg.value);
    }

    /// @inheritdoc IWETH
    function withdraw(uint256 wad) external {
        uint256 balance = balanceOf[msg.sender];
        if (balance < wad) revert InsufficientBalance(msg.sender, balance, wad);
        // Cannot underflow: checked above.
        unchecked {
            balanceOf[msg.sender] = balance - wad;
        }
        emit Withdrawal(msg.sender, wad);
        (bool ok, ) = msg.sender.call{value: wad}("");
        if (!ok) revert ETHTransferFailed(msg.sender, wad);
    }

    /// @inheritdoc IWETH
    function totalSupply() external view returns (uint256) {
        return address(this).balance;
    }

    /// @inheritdoc IWETH
    function approve(address guy, uint256 wad) external returns (bool) {
        allowance[msg.sender][guy] = wad;
        emit Approval(msg.sender, guy, wad);
        return true;
    }

    /// @inheritdoc IWETH
    function transfer(address dst, uint256 wad) external returns (bool) {
        return transferFrom(msg.sender, dst, wad);
    }

    /// @inheritdoc IWETH
    function transferFrom(address src, address dst, uint256 wad) public returns (bool) {
        uint256 balance = balanceOf[src];
        if (balance < wad) revert InsufficientBalance(src, balance, wad);
        if (src != msg.sender) {
            uint256 allowed = allowance[src][msg.sender];
            if (allowed != type(uint256).max) {
                if (allowed < wad) revert InsufficientAllowance(msg.sender, allowed, wad);
                // Cannot underflow: checked above.
                unchecked {
                    allowance[src][msg.sender] = allowed - wad;
                }
            }
        }
        // Cannot underflow (checked above) nor overflow (balances sum to the ether held).
        unchecked {
            balanceOf[src] = balance - wad;
            balanceOf[dst] += wad;
        }
        emit Transfer(src, dst, wad);
        return true;
    }
}
