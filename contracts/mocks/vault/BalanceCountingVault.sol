// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";

/// @notice Test-only vault with the historical bug (Beefy V7-style): assets counted by `balanceOf`
/// and no decimals offset, so a donation moves the share price and rounds a victim's shares away.
contract BalanceCountingVault is ERC4626 {
    constructor(IERC20 asset_) ERC20("Balance counting", "BCV") ERC4626(asset_) {}
}
