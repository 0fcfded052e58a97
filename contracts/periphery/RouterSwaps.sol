// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {AmmMath} from "../libraries/AmmMath.sol";
import {SafeTransfer} from "../libraries/SafeTransfer.sol";
import {PairCalls} from "./PairCalls.sol";
import {Path} from "./Path.sol";
import {RouterPayments} from "./RouterPayments.sol";

/// @title RouterSwaps
/// @notice The hops behind the router's swaps: quoted ones (amounts computed first, then paid out
/// pair to pair) and fee-on-transfer ones (each pair swaps what it actually received). Callers
/// check the path's length once (`Path.hops`) and pass the hop count on.
abstract contract RouterSwaps is RouterPayments {
    using SafeTransfer for address;

    function _checkOutput(uint256[] memory amounts, uint256 amountOutMin) internal pure {
        uint256 amountOut = amounts[amounts.length - 1];
        if (amountOut < amountOutMin) revert InsufficientOutputAmount(amountOut, amountOutMin);
    }

    function _checkInput(uint256[] memory amounts, uint256 amountInMax) internal pure {
        if (amounts[0] > amountInMax) revert ExcessiveInputAmount(amounts[0], amountInMax);
    }

    /// @dev The hops of a path that must start at WETH.
    function _hopsFromWETH(address[] calldata path) internal view returns (uint256 hops) {
        hops = Path.hops(path);
        _checkWETH(Path.at(path, 0));
    }

    /// @dev The hops of a path that must end at WETH.
    function _hopsToWETH(address[] calldata path) internal view returns (uint256 hops) {
        hops = Path.hops(path);
        _checkWETH(Path.at(path, hops));
    }

    function _checkWETH(address token) private view {
        if (token != WETH) revert InvalidPathToken(token, WETH);
    }

    /// @dev Chained quotes along `path`, and the pair of every hop (computed once, reused by _swap).
    function _amountsOut(
        uint256 amountIn,
        address[] calldata path,
        uint256 hops
    ) internal view returns (uint256[] memory amounts, address[] memory pairs) {
        amounts = new uint256[](hops + 1);
        pairs = new address[](hops);
        amounts[0] = amountIn;
        address input = Path.at(path, 0);
        for (uint256 i; i < hops; ++i) {
            address output = Path.at(path, i + 1);
            address pair = _pairFor(input, output);
            pairs[i] = pair;
            (uint256 reserveIn, uint256 reserveOut) = PairCalls.reserves(pair, input, output);
            amountIn = AmmMath.getAmountOut(amountIn, reserveIn, reserveOut);
            amounts[i + 1] = amountIn;
            input = output;
        }
    }

    /// @dev Chained input quotes backwards along `path`, and the pair of every hop.
    function _amountsIn(
        uint256 amountOut,
        address[] calldata path,
        uint256 hops
    ) internal view returns (uint256[] memory amounts, address[] memory pairs) {
        amounts = new uint256[](hops + 1);
        pairs = new address[](hops);
        amounts[hops] = amountOut;
        address output = Path.at(path, hops);
        for (uint256 i = hops; i > 0; --i) {
            address input = Path.at(path, i - 1);
            address pair = _pairFor(input, output);
            pairs[i - 1] = pair;
            (uint256 reserveIn, uint256 reserveOut) = PairCalls.reserves(pair, input, output);
            amountOut = AmmMath.getAmountIn(amountOut, reserveIn, reserveOut);
            amounts[i - 1] = amountOut;
            output = input;
        }
    }

    /// @dev Runs the hops of a quoted swap; the first pair already holds amounts[0].
    function _swap(
        uint256[] memory amounts,
        address[] calldata path,
        address[] memory pairs,
        address to
    ) internal {
        uint256 hops = pairs.length;
        bool zeroForOne = Path.zeroForOne(path, 0);
        for (uint256 i; i < hops; ++i) {
            uint256 amountOut = amounts[i + 1];
            address next = to;
            bool nextZeroForOne;
            if (i + 1 < hops) {
                next = pairs[i + 1];
                nextZeroForOne = Path.zeroForOne(path, i + 1);
            }
            if (zeroForOne) PairCalls.swap(pairs[i], 0, amountOut, next);
            else PairCalls.swap(pairs[i], amountOut, 0, next);
            zeroForOne = nextZeroForOne;
        }
    }

    /// @dev A fee-on-transfer swap of `amountIn` of path[0], pulled from the caller or, if `wrap`,
    /// wrapped from the call's ether, and delivered to `to`; returns what each holder received.
    function _swapExactFeeOnTransfer(
        uint256 amountIn,
        bool wrap,
        uint256 amountOutMin,
        address[] calldata path,
        uint256 hops,
        address to
    ) internal returns (uint256[] memory amounts) {
        address input = Path.at(path, 0);
        address firstPair = _pairFor(input, Path.at(path, 1));
        if (wrap) _wrapTo(firstPair, amountIn);
        else input.safeTransferFrom(msg.sender, firstPair, amountIn);
        amounts = _swapFeeOnTransfer(path, hops, firstPair, to);
        amounts[0] = amountIn;
        _checkOutput(amounts, amountOutMin);
    }

    /// @dev Hops that swap whatever each pair actually received. Returns, per token of the path,
    /// what its holder actually received (amounts[0] is left for the caller); the last entry is
    /// measured as the change of `to`'s balance.
    function _swapFeeOnTransfer(
        address[] calldata path,
        uint256 hops,
        address firstPair,
        address to
    ) private returns (uint256[] memory amounts) {
        amounts = new uint256[](hops + 1);
        address last = Path.at(path, hops);
        uint256 balanceBefore = IERC20(last).balanceOf(to);
        address pair = firstPair;
        for (uint256 i; i < hops; ++i) {
            address next = i + 1 < hops ? _pairFor(Path.at(path, i + 1), Path.at(path, i + 2)) : to;
            uint256 amountInput = _swapReceived(pair, Path.at(path, i), Path.at(path, i + 1), next);
            if (i != 0) amounts[i] = amountInput;
            pair = next;
        }
        amounts[hops] = IERC20(last).balanceOf(to) - balanceBefore;
    }

    /// @dev One fee-on-transfer hop: swaps what `pair` actually received of `input` and sends the
    /// output to `next`. Returns that received amount.
    function _swapReceived(
        address pair,
        address input,
        address output,
        address next
    ) private returns (uint256 amountInput) {
        (uint256 reserveIn, uint256 reserveOut) = PairCalls.reserves(pair, input, output);
        amountInput = IERC20(input).balanceOf(pair) - reserveIn;
        uint256 amountOutput = AmmMath.getAmountOut(amountInput, reserveIn, reserveOut);
        (uint256 amount0Out, uint256 amount1Out) = input < output
            ? (uint256(0), amountOutput)
            : (amountOutput, uint256(0));
        PairCalls.swap(pair, amount0Out, amount1Out, next);
    }
}
