// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice Test-only: an OpenZeppelin ERC-20 + permit with one chosen flaw, for showing that the
/// shared behaviour suite (test/behaviours/erc20.ts) fails on each flaw it claims to catch.
/// `Flaw.None` is the unmodified token, which must pass the whole suite.
contract FlawedPermitToken is ERC20, ERC20Permit {
    enum Flaw {
        None,
        /// `permit` checks the signature against the current nonce but never uses it up.
        ReplayablePermit,
        /// `transferFrom` spends an allowance of type(uint256).max like any other.
        SpendsInfiniteAllowance
    }

    bytes32 private constant _PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );

    Flaw public immutable flaw;

    constructor(Flaw flaw_, address holder, uint256 amount) ERC20("Flawed", "FLAW") ERC20Permit("Flawed") {
        flaw = flaw_;
        _mint(holder, amount);
    }

    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) public override {
        if (flaw != Flaw.ReplayablePermit) return super.permit(owner, spender, value, deadline, v, r, s);
        if (block.timestamp > deadline) revert ERC2612ExpiredSignature(deadline);
        bytes32 digest = _hashTypedDataV4(
            keccak256(abi.encode(_PERMIT_TYPEHASH, owner, spender, value, nonces(owner), deadline))
        );
        address signer = ECDSA.recover(digest, v, r, s);
        if (signer != owner) revert ERC2612InvalidSigner(signer, owner);
        _approve(owner, spender, value);
    }

    function _spendAllowance(address owner, address spender, uint256 value) internal override {
        if (flaw != Flaw.SpendsInfiniteAllowance) return super._spendAllowance(owner, spender, value);
        uint256 allowed = allowance(owner, spender);
        if (allowed < value) revert ERC20InsufficientAllowance(spender, allowed, value);
        _approve(owner, spender, allowed - value, false);
    }
}
