// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC5267} from "@openzeppelin/contracts/interfaces/IERC5267.sol";
import {IPairERC20} from "../interfaces/IPairERC20.sol";

/// @title LPToken
/// @notice The ERC-20 + EIP-2612 half of a Pair. Written lean on purpose: its runtime code is
/// deployed with every pair, so each byte costs 200 gas in `createPair` (OpenZeppelin's
/// ERC20Permit would bring strings in storage, ShortStrings and Nonces for the same behaviour).
abstract contract LPToken is IPairERC20, IERC5267 {
    /// @inheritdoc IPairERC20
    bytes32 public constant PERMIT_TYPEHASH = keccak256(
        "Permit(address owner,address spender,uint256 value,uint256 nonce,uint256 deadline)"
    );
    bytes32 private constant _DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
    );
    bytes32 private constant _NAME_HASH = keccak256("Furrow LP");
    bytes32 private constant _VERSION_HASH = keccak256("1");

    // The domain is cached for the chain the pair was deployed on and recomputed on any other
    // (a fork, or after a chain split), so a permit signed for one chain never works on another.
    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;

    /// @inheritdoc IPairERC20
    uint256 public totalSupply;
    /// @inheritdoc IPairERC20
    mapping(address owner => uint256) public balanceOf;
    /// @inheritdoc IPairERC20
    mapping(address owner => mapping(address spender => uint256)) public allowance;
    /// @inheritdoc IPairERC20
    mapping(address owner => uint256) public nonces;

    constructor() {
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = _domainSeparator();
    }

    /// @inheritdoc IPairERC20
    function name() external pure returns (string memory) {
        return "Furrow LP";
    }

    /// @inheritdoc IPairERC20
    function symbol() external pure returns (string memory) {
        return "FURROW-LP";
    }

    /// @inheritdoc IPairERC20
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @inheritdoc IPairERC20
    function approve(address spender, uint256 value) external returns (bool) {
        _approve(msg.sender, spender, value);
        return true;
    }

    /// @inheritdoc IPairERC20
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @inheritdoc IPairERC20
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        // An infinite allowance is never spent (saves a storage write per router call).
        if (allowed != type(uint256).max) {
            if (allowed < value) revert InsufficientAllowance(msg.sender, allowed, value);
            // Cannot underflow: checked just above.
            unchecked {
                allowance[from][msg.sender] = allowed - value;
            }
        }
        _transfer(from, to, value);
        return true;
    }

    /// @inheritdoc IPairERC20
    function DOMAIN_SEPARATOR() public view returns (bytes32) {
        return block.chainid == _cachedChainId ? _cachedDomainSeparator : _domainSeparator();
    }

    /// @inheritdoc IPairERC20
    function permit(
        address owner,
        address spender,
        uint256 value,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external {
        if (deadline < block.timestamp) revert PermitExpired(deadline, block.timestamp);
        bytes32 digest;
        // A nonce cannot realistically reach 2**256.
        unchecked {
            digest = keccak256(
                abi.encodePacked(
                    "\x19\x01",
                    DOMAIN_SEPARATOR(),
                    keccak256(abi.encode(PERMIT_TYPEHASH, owner, spender, value, nonces[owner]++, deadline))
                )
            );
        }
        address signer = ecrecover(digest, v, r, s);
        if (signer == address(0) || signer != owner) revert InvalidSignature(signer, owner);
        _approve(owner, spender, value);
    }

    /// @inheritdoc IERC5267
    function eip712Domain()
        external
        view
        returns (
            bytes1 fields,
            string memory name_,
            string memory version,
            uint256 chainId,
            address verifyingContract,
            bytes32 salt,
            uint256[] memory extensions
        )
    {
        // 0x0f: name, version, chainId and verifyingContract are used; no salt, no extensions.
        return (hex"0f", "Furrow LP", "1", block.chainid, address(this), bytes32(0), new uint256[](0));
    }

    function _domainSeparator() private view returns (bytes32) {
        return
            keccak256(abi.encode(_DOMAIN_TYPEHASH, _NAME_HASH, _VERSION_HASH, block.chainid, address(this)));
    }

    function _approve(address owner, address spender, uint256 value) private {
        allowance[owner][spender] = value;
        emit Approval(owner, spender, value);
    }

    function _transfer(address from, address to, uint256 value) private {
        uint256 balance = balanceOf[from];
        if (balance < value) revert InsufficientBalance(from, balance, value);
        // Cannot underflow (checked above) nor overflow (the sum of balances is totalSupply).
        unchecked {
            balanceOf[from] = balance - value;
            balanceOf[to] += value;
        }
        emit Transfer(from, to, value);
    }

    function _mint(address to, uint256 value) internal {
        totalSupply += value;
        // Cannot overflow: the sum of balances is totalSupply, which just did not.
        unchecked {
            balanceOf[to] += value;
        }
        emit Transfer(address(0), to, value);
    }

    function _burn(address from, uint256 value) internal {
        balanceOf[from] -= value;
        // Cannot underflow: `value` was part of `from`'s balance (checked just above), hence of the supply.
        unchecked {
            totalSupply -= value;
        }
        emit Transfer(from, address(0), value);
    }
}
