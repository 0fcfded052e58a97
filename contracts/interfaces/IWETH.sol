// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IWETH
/// @notice Wrapped ether, as WETH9: ERC-20 backed 1:1 by the ether it holds.
interface IWETH {
    /// @notice `dst` wrapped `wad` wei.
    event Deposit(address indexed dst, uint256 wad);
    /// @notice `src` unwrapped `wad` wei.
    event Withdrawal(address indexed src, uint256 wad);
    /// @notice ERC-20 transfer.
    event Transfer(address indexed src, address indexed dst, uint256 wad);
    /// @notice ERC-20 approval.
    event Approval(address indexed src, address indexed guy, uint256 wad);

    /// @notice `account` holds `balance`, less than `needed`.
    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    /// @notice `spender` may move `allowance`, less than `needed`.
    error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    /// @notice Sending `amount` wei to `to` failed.
    error ETHTransferFailed(address to, uint256 amount);

    /// @notice Wraps msg.value.
    function deposit() external payable;

    /// @notice Unwraps `wad` and sends the ether to the caller.
    function withdraw(uint256 wad) external;

    function totalSupply() external view returns (uint256);

    function balanceOf(address account) external view returns (uint256);

    function allowance(address owner, address spender) external view returns (uint256);

    function approve(address guy, uint256 wad) external returns (bool);

    function transfer(address dst, uint256 wad) external returns (bool);

    function transferFrom(address src, address dst, uint256 wad) external returns (bool);
}
