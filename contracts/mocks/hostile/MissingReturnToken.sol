// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test-only token whose transfer/transferFrom/approve return nothing (USDT, BNB style).
/// Failures revert, as on USDT. Callers must use SafeERC20-style low-level calls.
contract MissingReturnToken {
    // ERC-20 metadata names are fixed by the standard, not by the constant-naming rule.
    // solhint-disable const-name-snakecase
    string public constant name = "Missing Return";
    string public constant symbol = "MRT";
    uint8 public constant decimals = 18;
    // solhint-enable const-name-snakecase
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    error InsufficientBalance();
    error InsufficientAllowance();

    function mint(address to, uint256 amount) external {
        totalSupply += amount;
        balanceOf[to] += amount;
        emit Transfer(address(0), to, amount);
    }

    function approve(address spender, uint256 amount) external {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
    }

    function transfer(address to, uint256 amount) external {
        _move(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert InsufficientAllowance();
            allowance[from][msg.sender] = allowed - amount;
        }
        _move(from, to, amount);
    }

    function _move(address from, address to, uint256 amount) private {
        if (balanceOf[from] < amount) revert InsufficientBalance();
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        emit Transfer(from, to, amount);
    }
}
