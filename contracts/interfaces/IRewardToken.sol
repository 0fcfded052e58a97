// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Permit.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// @dev FUR's minter role, file-level so that the token's `MINTER_ROLE` and the farm's role check
/// (FarmAccrual) are this one constant.
bytes32 constant FUR_MINTER_ROLE = keccak256("MINTER_ROLE");

/// @title Furrow reward and governance token (FUR)
/// @notice ERC-20 with ERC-2612 permit, holder burns, ERC20Votes checkpoints on a timestamp clock
/// (ERC-6372, so voting works on L2s whose block numbers are not a clock) and a hard supply cap.
/// @dev Votes follow balances: every mint, burn and transfer moves voting power between the
/// delegates of the two accounts, so votes(d) always equals the sum of balances delegated to d.
/// (SushiToken only moved votes on `delegate`, which let a holder vote twice by transferring.)
interface IRewardToken is IERC20, IERC20Permit, IERC5805 {
    /// @notice A mint would take the total supply past `MAX_SUPPLY`.
    /// @param amount The amount asked for.
    /// @param mintable What can still be minted (`mintableSupply()`).
    error ExceedsMaxSupply(uint256 amount, uint256 mintable);

    /// @notice Hard cap on the total supply: 100,000,000 FUR, fixed at compile time.
    /// @dev The cap bounds `totalSupply()` (as OpenZeppelin's ERC20Capped does): burned tokens
    /// free room under it.
    function MAX_SUPPLY() external view returns (uint256);

    /// @notice The role allowed to mint; granted and revoked by the admin (governance).
    function MINTER_ROLE() external view returns (bytes32);

    /// @notice What can still be minted before the cap: `MAX_SUPPLY() - totalSupply()`.
    function mintableSupply() external view returns (uint256);

    /// @notice Mints `amount` to `to`. Only `MINTER_ROLE`.
    /// @dev Reverts with `ExceedsMaxSupply` past the cap and with OpenZeppelin's
    /// `AccessControlUnauthorizedAccount(caller, MINTER_ROLE)` for any other caller.
    function mint(address to, uint256 amount) external;

    /// @notice Burns `amount` of the caller's tokens.
    function burn(uint256 amount) external;

    /// @notice Burns `amount` of `account`'s tokens, spending the caller's allowance.
    function burnFrom(address account, uint256 amount) external;
}
