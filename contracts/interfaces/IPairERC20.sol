// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPairERC20
/// @notice The liquidity-provider token every Furrow pair is: a plain ERC-20 with EIP-2612 permit,
/// ABI-identical to Uniswap V2's, plus ERC-5267 `eip712Domain()` so wallets can read the domain.
interface IPairERC20 {
    /// @notice Emitted when `value` LP tokens move from `from` to `to` (mint: from = 0, burn: to = 0).
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice Emitted when `owner` sets `spender`'s allowance to `value` (approve or permit).
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice `account` holds `balance` LP tokens, fewer than the `needed` it tried to move.
    error InsufficientBalance(address account, uint256 balance, uint256 needed);
    /// @notice `spender` may move `allowance` of the owner's LP tokens, fewer than the `needed` it tried.
    error InsufficientAllowance(address spender, uint256 allowance, uint256 needed);
    /// @notice The permit's `deadline` is before the current block's `timestamp`.
    error PermitExpired(uint256 deadline, uint256 timestamp);
    /// @notice The permit was signed by `signer` (zero if the signature is malformed), not by `owner`.
    error InvalidSignature(address signer, address owner);

    /// @notice "Furrow LP", the same for every pair (as V2's "Uniswap V2").
    function name() external pure returns (string memory);

    /// @notice "FURROW-LP".
    function symbol() external pure returns (string memory);

    /// @notice 18.
    function decimals() external pure returns (uint8);

    /// @notice Total LP tokens in existence, including the `MINIMUM_LIQUIDITY` held by address(0).
    function totalSupply() external view returns (uint256);

    /// @notice LP tokens held by `owner`.
    function balanceOf(address owner) external view returns (uint256);

    /// @notice LP tokens `spender` may still move on behalf of `owner`; `type(uint256).max` never decreases.
    function allowance(address owner, address spender) external view returns (uint256);

    /// @notice Lets `spender` move up to `value` of the caller's LP tokens.
    function approve(address spender, uint256 value) external returns (bool);

    /// @notice Moves `value` LP tokens from the caller to `to`. Reverts instead of returning false.
    function transfer(address to, uint256 value) external returns (bool);

    /// @notice Moves `value` LP tokens from `from` to `to` using the caller's allowance.
    function transferFrom(address from, address to, uint256 value) external returns (bool);

    /// @notice The EIP-712 domain separator for the current chain (recomputed if the chain id changed).
    function DOMAIN_SEPARATOR() external view returns (bytes32);

    /// @notice keccak256("Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)").
    function PERMIT_TYPEHASH() external pure returns (bytes32);

    /// @notice The next permit nonce of `owner`.
    function nonces(address owner) external view returns (uint256);

    /// @notice EIP-2612: sets `spender`'s allowance over `owner`'s tokens to `value` from `owner`'s signature.
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;
}
