// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPair} from "../interfaces/IPair.sol";
import {IPairFactory} from "../interfaces/IPairFactory.sol";
import {AmmMath} from "../libraries/AmmMath.sol";
import {SafeTransfer} from "../libraries/SafeTransfer.sol";
import {PairCalls} from "./PairCalls.sol";
import {RouterImmutableState} from "./RouterImmutableState.sol";

/// @title RouterLiquidity
/// @notice How the router sizes and delivers a deposit: V2's optimal amounts at the pool's ratio,
/// and, for fee-on-transfer tokens, a deposit measured at the pair and topped up to that ratio.
abstract contract RouterLiquidity is RouterImmutableState {
    using SafeTransfer for address;

    // Top-ups of a fee-taking token's transfer in addLiquiditySupportingFeeOnTransferTokens: two
    // make a fee that is a fraction of the amount rounded down arrive exactly (see _transferExactly).
    uint256 private constant _MAX_TOP_UPS = 2;

    /// @dev V2's optimal amounts at the current ratio; creates the pair when it does not exist.
    function _addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin
    ) internal returns (uint256 amountA, uint256 amountB, address pair) {
        pair = _pairFor(tokenA, tokenB);
        if (pair.code.length == 0) IPairFactory(factory).createPair(tokenA, tokenB);
        (uint256 reserveA, uint256 reserveB) = PairCalls.reserves(pair, tokenA, tokenB);
        if (reserveA == 0 && reserveB == 0) return (amountADesired, amountBDesired, pair);

        uint256 amountBOptimal = AmmMath.quote(amountADesired, reserveA, reserveB);
        if (amountBOptimal <= amountBDesired) {
            if (amountBOptimal < amountBMin) revert InsufficientBAmount(amountBOptimal, amountBMin);
            return (amountADesired, amountBOptimal, pair);
        }
        // amountBOptimal > amountBDesired implies amountAOptimal <= amountADesired (quotes round
        // down), so V2's assert is not repeated here.
        uint256 amountAOptimal = AmmMath.quote(amountBDesired, reserveB, reserveA);
        if (amountAOptimal < amountAMin) revert InsufficientAAmount(amountAOptimal, amountAMin);
        return (amountAOptimal, amountBDesired, pair);
    }

    /// @dev Pulls both amounts from the caller into `pair` and mints the LP tokens to `to`.
    function _pullAndMint(
        address tokenA,
        address tokenB,
        uint256 amountA,
        uint256 amountB,
        address pair,
        address to
    ) internal returns (uint256) {
        tokenA.safeTransferFrom(msg.sender, pair, amountA);
        tokenB.safeTransferFrom(msg.sender, pair, amountB);
        return IPair(pair).mint(to);
    }

    /// @dev Sends `amountFirst` of `first` from the caller into `pair`, then exactly the `second`
    /// that matches what arrived at the pool's price (all of `maxSecond` into an empty pair),
    /// spending at most `maxSecond`. Returns what the pair received of each: a deposit in the
    /// pool's ratio, so the LP minted is worth all of it and the other LPs are given nothing.
    function _depositMatched(
        address first,
        address second,
        uint256 amountFirst,
        uint256 maxSecond,
        address pair
    ) internal returns (uint256 receivedFirst, uint256 receivedSecond) {
        (uint256 reserveFirst, uint256 reserveSecond) = PairCalls.reserves(pair, first, second);
        receivedFirst = _transferMeasured(first, pair, amountFirst);
        // Both reserves are zero or both non-zero here (_addLiquidity quoted against them).
        if (reserveFirst == 0) return (receivedFirst, _transferMeasured(second, pair, maxSecond));
        // Within maxSecond: receivedFirst <= amountFirst, which _addLiquidity sized so that its
        // quote is.
        uint256 needed = AmmMath.quote(receivedFirst, reserveFirst, reserveSecond);
        receivedSecond = _transferExactly(second, pair, needed, maxSecond);
    }

    /// @dev Sends `token` from the caller to `pair` until the pair has received exactly `needed`,
    /// spending at most `maxSpent`; reverts with FeeOnTransferShortfall if it cannot.
    function _transferExactly(
        address token,
        address pair,
        uint256 needed,
        uint256 maxSpent
    ) private returns (uint256 received) {
        received = _transferMeasured(token, pair, needed);
        uint256 spent = needed;
        // A fee was taken: send the shortfall grossed up at the rate seen so far. Rounded down, this
        // never overpays a fee that is a fraction of the amount rounded down (the usual kind); the
        // few wei such a fee's rounding can leave short arrive whole with the second top-up.
        for (uint256 i; i < _MAX_TOP_UPS && received < needed && received != 0; ++i) {
            uint256 shortfall;
            uint256 left;
            /// @dev gas: unchecked, or every swap pays +42 a hop (amm.swap.1hop, .2hop, .eth): more
            /// uses of the compiler's shared overflow checks stop it inlining them in AmmMath.
            // Cannot underflow: received < needed (loop condition), and spent <= maxSpent (needed
            // is, see _depositMatched, and each top-up is capped to what is left).
            unchecked {
                shortfall = needed - received;
                left = maxSpent - spent;
            }
            uint256 topUp = (shortfall * spent) / received;
            if (topUp > left) topUp = left;
            if (topUp == 0) break;
            uint256 arrived = _transferMeasured(token, pair, topUp);
            // Cannot overflow: spent + topUp <= maxSpent, and received is part of the pair's balance.
            unchecked {
                received += arrived;
                spent += topUp;
            }
        }
        if (received != needed) revert FeeOnTransferShortfall(token, received, needed);
    }

    /// @dev Sends `amount` of `token` from the caller to `pair`; returns what the pair received.
    function _transferMeasured(address token, address pair, uint256 amount) private returns (uint256) {
        uint256 before = IERC20(token).balanceOf(pair);
        token.safeTransferFrom(msg.sender, pair, amount);
        return IERC20(token).balanceOf(pair) - before;
    }

    function _permit(
        address pair,
        uint256 liquidity,
        uint256 deadline,
        bool approveMax,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) internal {
        uint256 value = approveMax ? type(uint256).max : liquidity;
        IPair(pair).permit(msg.sender, address(this), value, deadline, v, r, s);
    }
}
