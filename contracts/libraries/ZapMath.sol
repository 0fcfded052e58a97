// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @title ZapMath
/// @notice How much of one token to swap in a 0.3%-fee pair so that the rest and the output add
/// liquidity in the pair's ratio, with nothing left over.
/// @dev Swapping s of amountIn into a pair with reserve r of that token (and R of the other) returns
/// o = 997 s R / (1000 r + 997 s). No leftover means (amountIn - s) / (r + s) = o / (R - o), which
/// reduces to 997 s^2 + 1997 r s - 1000 r amountIn = 0, whose positive root is
/// s = (sqrt(r (3988009 r + 3988000 amountIn)) - 1997 r) / 1994  (3988009 = 1997^2, 3988000 = 4*997*1000).
library ZapMath {
    /// @notice The swap amount (rounded down) for `amountIn` against `reserveIn`.
    function swapAmountDown(uint256 reserveIn, uint256 amountIn) internal pure returns (uint256) {
        return (Math.sqrt(reserveIn * (reserveIn * 3988009 + amountIn * 3988000)) - reserveIn * 1997) / 1994;
    }
}
