// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only reward token whose `transfer` (not `transferFrom`, so it can still be notified)
/// can be made to revert, return false, or burn all the gas it is given.
contract BreakableToken is ERC20 {
    enum Mode {
        Ok,
        Revert,
        ReturnFalse,
        BurnGas
    }

    Mode public mode;

    error Broken();

    constructor() ERC20("Breakable", "BRK") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function setMode(Mode mode_) external {
        mode = mode_;
    }

    function transfer(address to, uint256 value) public override returns (bool) {
        if (mode == Mode.Revert) revert Broken();
        if (mode == Mode.ReturnFalse) return false;
        if (mode == Mode.BurnGas) {
            // solhint-disable-next-line no-empty-blocks
            while (gasleft() > 0) {}
        }
        return super.transfer(to, value);
    }
}
