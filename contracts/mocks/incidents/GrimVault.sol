// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Test-only reproduction of Grim Finance's vault (Dec 2021): `depositFor` credits the balance
/// difference around the pull but has no re-entrancy lock, so a deposit made from inside the pull's
/// token hook is counted by the inner call and again by the outer one.
contract GrimVault {
    IERC20 public immutable token;
    mapping(address user => uint256) public credited;

    constructor(IERC20 token_) {
        token = token_;
    }

    function depositFor(uint256 amount, address user) external {
        uint256 before = token.balanceOf(address(this));
        token.transferFrom(msg.sender, address(this), amount);
        credited[user] += token.balanceOf(address(this)) - before;
    }
}

/// @notice Test-only stake token that, once armed, makes one call from inside its next transfer and
/// ignores the call's outcome (recording it), so the outer deposit carries on either way.
contract ReenteringToken is ERC20 {
    address private _target;
    bytes private _data;
    bool public reentered;
    bool public reentryOk;

    constructor() ERC20("Reentering", "REN") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice The token approves `spender` for its own balance, so the re-entrant call can deposit it.
    function arm(address target, bytes calldata data, address spender) external {
        (_target, _data) = (target, data);
        _approve(address(this), spender, type(uint256).max);
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        address target = _target;
        if (target == address(0) || from == address(0)) return;
        _target = address(0); // one re-entry per arming
        reentered = true;
        (reentryOk, ) = target.call(_data);
    }
}
