// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IWrapperFor {
    function depositFor(address account, uint256 value) external returns (bool);
}

interface IBurnAndNotify {
    function burnAndNotify(address pair) external returns (uint256 received0, uint256 received1);
}

/// @notice Test-only "pair" handed to `StakedFUR.burnAndNotify`: answers `token0` / `token1` as set
/// (the same token twice, if asked) and, on `burn(to)`, either sends `to` what it holds of `gift0` /
/// `gift1` amounts of its two tokens, or re-enters `wrapper.depositFor` with `depositAmount` of the
/// token it holds approved (bubbling the re-entry's revert), or does nothing. `giftThrough` sets a
/// gift and calls `burnAndNotify` itself, in one transaction.
contract HostilePair {
    enum Mode {
        Gift,
        Deposit,
        Nothing
    }

    address public token0;
    address public token1;
    Mode public mode;
    uint256 public gift0;
    uint256 public gift1;
    IWrapperFor public wrapper;
    uint256 public depositAmount;

    constructor(address token0_, address token1_) {
        token0 = token0_;
        token1 = token1_;
    }

    function setGift(uint256 amount0, uint256 amount1) external {
        (mode, gift0, gift1) = (Mode.Gift, amount0, amount1);
    }

    function setDeposit(IWrapperFor wrapper_, IERC20 underlying, uint256 amount) external {
        (mode, wrapper, depositAmount) = (Mode.Deposit, wrapper_, amount);
        underlying.approve(address(wrapper_), amount);
    }

    /// @notice In one transaction: pays `amount0` / `amount1` of what it holds on its next burn and
    /// has `sfur` burn it (the stateful test's notify through `burnAndNotify`).
    function giftThrough(IBurnAndNotify sfur, uint256 amount0, uint256 amount1) external {
        (mode, gift0, gift1) = (Mode.Gift, amount0, amount1);
        sfur.burnAndNotify(address(this));
    }

    function setNothing() external {
        mode = Mode.Nothing;
    }

    function burn(address to) external returns (uint256 amount0, uint256 amount1) {
        if (mode == Mode.Gift) {
            if (gift0 != 0) IERC20(token0).transfer(to, gift0);
            if (gift1 != 0) IERC20(token1).transfer(to, gift1);
            return (gift0, gift1);
        }
        if (mode == Mode.Deposit) wrapper.depositFor(address(this), depositAmount);
    }
}
