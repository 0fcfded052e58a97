// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {FUR_MINTER_ROLE, IRewardToken} from "../interfaces/IRewardToken.sol";

/// @title RewardToken (FUR)
/// @notice See {IRewardToken}. The EIP-712 domain separator is rebuilt whenever `block.chainid`
/// differs from the deployment chain (OpenZeppelin EIP712), so permits stay valid on forks and
/// cannot be replayed across chains.
contract RewardToken is ERC20, ERC20Burnable, ERC20Permit, ERC20Votes, AccessControl, IRewardToken {
    /// @inheritdoc IRewardToken
    uint256 public constant MAX_SUPPLY = 100_000_000e18;

    /// @inheritdoc IRewardToken
    bytes32 public constant MINTER_ROLE = FUR_MINTER_ROLE;

    /// @param admin Receives `DEFAULT_ADMIN_ROLE`: the account (in production the timelock)
    /// that grants `MINTER_ROLE`.
    constructor(address admin) ERC20("Furrow", "FUR") ERC20Permit("Furrow") {
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
    }

    /// @inheritdoc IRewardToken
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        uint256 mintable = mintableSupply();
        if (amount > mintable) revert ExceedsMaxSupply(amount, mintable);
        _mint(to, amount);
    }

    /// @inheritdoc IRewardToken
    function mintableSupply() public view returns (uint256) {
        // totalSupply never exceeds MAX_SUPPLY: mint is the only way up and it checks.
        unchecked {
            return MAX_SUPPLY - totalSupply();
        }
    }

    /// @inheritdoc IRewardToken
    function burn(uint256 amount) public override(IRewardToken, ERC20Burnable) {
        super.burn(amount);
    }

    /// @inheritdoc IRewardToken
    function burnFrom(address account, uint256 amount) public override(IRewardToken, ERC20Burnable) {
        super.burnFrom(account, amount);
    }

    /// @notice ERC-6372 clock: seconds, so checkpoints mean the same on every chain.
    function clock() public view override(Votes, IERC6372) returns (uint48) {
        // block.timestamp fits in 48 bits for the next ~8.9 million years.
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(Votes, IERC6372) returns (string memory) {
        return "mode=timestamp";
    }

    function nonces(address owner) public view override(ERC20Permit, Nonces, IERC20Permit) returns (uint256) {
        return super.nonces(owner);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
