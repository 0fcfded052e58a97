// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPair} from "../interfaces/IPair.sol";
import {IRouter} from "../interfaces/IRouter.sol";
import {AmmMath} from "../libraries/AmmMath.sol";
import {PairAddress} from "../libraries/PairAddress.sol";
import {SafeTransfer} from "../libraries/SafeTransfer.sol";
import {PairCalls} from "./PairCalls.sol";
import {Path} from "./Path.sol";
import {RouterImmutableState} from "./RouterImmutableState.sol";
import {RouterLiquidity} from "./RouterLiquidity.sol";
import {RouterSwaps} from "./RouterSwaps.sol";
import {RouterValidation} from "./RouterValidation.sol";

/// @title Router
/// @notice Uniswap-V2-Router02-compatible periphery: the V2 ABI, each function a few lines over the
/// parts beside it - {RouterImmutableState} (factory, WETH, init-code hash), {RouterValidation}
/// (deadline), {RouterPayments} (wrap, unwrap, refund), {RouterLiquidity} (deposit sizing),
/// {RouterSwaps} (hops), and the libraries {PairCalls} (calls into a pair) and {Path}.
contract Router is IRouter, RouterValidation, RouterLiquidity, RouterSwaps {
    using SafeTransfer for address;

    constructor(address factory_, address weth_) RouterImmutableState(factory_, weth_) {}

    // ------------------------------------------------------------------ add liquidity

    /// @inheritdoc IRouter
    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256 amountA, uint256 amountB, uint256 liquidity) {
        address pair;
        (amountA, amountB, pair) = _addLiquidity(
            tokenA,
            tokenB,
            amountADesired,
            amountBDesired,
            amountAMin,
            amountBMin
        );
        liquidity = _pullAndMint(tokenA, tokenB, amountA, amountB, pair, to);
    }

    /// @inheritdoc IRouter
    function addLiquidityETH(
        address token,
        uint256 amountTokenDesired,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) returns (uint256 amountToken, uint256 amountETH, uint256 liquidity) {
        address pair;
        (amountToken, amountETH, pair) = _addLiquidity(
            token,
            WETH,
            amountTokenDesired,
            msg.value,
            amountTokenMin,
            amountETHMin
        );
        token.safeTransferFrom(msg.sender, pair, amountToken);
        _wrapTo(pair, amountETH);
        liquidity = IPair(pair).mint(to);
        _refundETH(amountETH);
    }

    /// @inheritdoc IRouter
    function addLiquiditySupportingFeeOnTransferTokens(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256 amountA, uint256 amountB, uint256 liquidity) {
        address pair;
        (amountA, amountB, pair) = _addLiquidity(tokenA, tokenB, amountADesired, amountBDesired, 0, 0);
        // The side used in full goes first (A, unless only B is): what arrives of it is final, and
        // the other side, quoted from that, can pay for its own fee out of its unused desired amount.
        if (amountA < amountADesired) {
            (amountB, amountA) = _depositMatched(tokenB, tokenA, amountB, amountADesired, pair);
        } else {
            (amountA, amountB) = _depositMatched(tokenA, tokenB, amountA, amountBDesired, pair);
        }
        if (amountA < amountAMin) revert InsufficientAAmount(amountA, amountAMin);
        if (amountB < amountBMin) revert InsufficientBAmount(amountB, amountBMin);
        liquidity = IPair(pair).mint(to);
    }

    // ------------------------------------------------------------------ remove liquidity

    /// @inheritdoc IRouter
    function removeLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) public ensure(deadline) returns (uint256 amountA, uint256 amountB) {
        (address token0, address token1) = PairAddress.sortTokens(tokenA, tokenB);
        address pair = _pairForSorted(token0, token1);
        // The LP token is the pair itself; a missing pair fails here with TransferFromFailed.
        pair.safeTransferFrom(msg.sender, pair, liquidity);
        (uint256 amount0, uint256 amount1) = PairCalls.burn(pair, to);
        (amountA, amountB) = tokenA == token0 ? (amount0, amount1) : (amount1, amount0);
        if (amountA < amountAMin) revert InsufficientAAmount(amountA, amountAMin);
        if (amountB < amountBMin) revert InsufficientBAmount(amountB, amountBMin);
    }

    /// @inheritdoc IRouter
    function removeLiquidityETH(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    ) public ensure(deadline) returns (uint256 amountToken, uint256 amountETH) {
        (amountToken, amountETH) = removeLiquidity(
            token,
            WETH,
            liquidity,
            amountTokenMin,
            amountETHMin,
            address(this),
            deadline
        );
        token.safeTransfer(to, amountToken);
        _unwrapTo(to, amountETH);
    }

    /// @inheritdoc IRouter
    function removeLiquidityWithPermit(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline,
        bool approveMax,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 amountA, uint256 amountB) {
        _permit(_pairFor(tokenA, tokenB), liquidity, deadline, approveMax, v, r, s);
        (amountA, amountB) = removeLiquidity(tokenA, tokenB, liquidity, amountAMin, amountBMin, to, deadline);
    }

    /// @inheritdoc IRouter
    function removeLiquidityETHWithPermit(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline,
        bool approveMax,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 amountToken, uint256 amountETH) {
        _permit(_pairFor(token, WETH), liquidity, deadline, approveMax, v, r, s);
        (amountToken, amountETH) = removeLiquidityETH(
            token,
            liquidity,
            amountTokenMin,
            amountETHMin,
            to,
            deadline
        );
    }

    /// @inheritdoc IRouter
    function removeLiquidityETHSupportingFeeOnTransferTokens(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    ) public ensure(deadline) returns (uint256 amountETH) {
        (, amountETH) = removeLiquidity(
            token,
            WETH,
            liquidity,
            amountTokenMin,
            amountETHMin,
            address(this),
            deadline
        );
        token.safeTransfer(to, IERC20(token).balanceOf(address(this)));
        _unwrapTo(to, amountETH);
    }

    /// @inheritdoc IRouter
    function removeLiquidityETHWithPermitSupportingFeeOnTransferTokens(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline,
        bool approveMax,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external returns (uint256 amountETH) {
        _permit(_pairFor(token, WETH), liquidity, deadline, approveMax, v, r, s);
        amountETH = removeLiquidityETHSupportingFeeOnTransferTokens(
            token,
            liquidity,
            amountTokenMin,
            amountETHMin,
            to,
            deadline
        );
    }

    // ------------------------------------------------------------------ swaps

    /// @inheritdoc IRouter
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        address[] memory pairs;
        (amounts, pairs) = _amountsOut(amountIn, path, Path.hops(path));
        _checkOutput(amounts, amountOutMin);
        Path.at(path, 0).safeTransferFrom(msg.sender, pairs[0], amounts[0]);
        _swap(amounts, path, pairs, to);
    }

    /// @inheritdoc IRouter
    function swapTokensForExactTokens(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        address[] memory pairs;
        (amounts, pairs) = _amountsIn(amountOut, path, Path.hops(path));
        _checkInput(amounts, amountInMax);
        Path.at(path, 0).safeTransferFrom(msg.sender, pairs[0], amounts[0]);
        _swap(amounts, path, pairs, to);
    }

    /// @inheritdoc IRouter
    function swapExactETHForTokens(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) returns (uint256[] memory amounts) {
        address[] memory pairs;
        (amounts, pairs) = _amountsOut(msg.value, path, _hopsFromWETH(path));
        _checkOutput(amounts, amountOutMin);
        _wrapTo(pairs[0], amounts[0]);
        _swap(amounts, path, pairs, to);
    }

    /// @inheritdoc IRouter
    function swapTokensForExactETH(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        address[] memory pairs;
        (amounts, pairs) = _amountsIn(amountOut, path, _hopsToWETH(path));
        _checkInput(amounts, amountInMax);
        Path.at(path, 0).safeTransferFrom(msg.sender, pairs[0], amounts[0]);
        _swap(amounts, path, pairs, address(this));
        _unwrapTo(to, amountOut);
    }

    /// @inheritdoc IRouter
    function swapExactTokensForETH(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        uint256 hops = _hopsToWETH(path);
        address[] memory pairs;
        (amounts, pairs) = _amountsOut(amountIn, path, hops);
        _checkOutput(amounts, amountOutMin);
        Path.at(path, 0).safeTransferFrom(msg.sender, pairs[0], amounts[0]);
        _swap(amounts, path, pairs, address(this));
        _unwrapTo(to, amounts[hops]);
    }

    /// @inheritdoc IRouter
    function swapETHForExactTokens(
        uint256 amountOut,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) returns (uint256[] memory amounts) {
        address[] memory pairs;
        (amounts, pairs) = _amountsIn(amountOut, path, _hopsFromWETH(path));
        _checkInput(amounts, msg.value);
        _wrapTo(pairs[0], amounts[0]);
        _swap(amounts, path, pairs, to);
        _refundETH(amounts[0]);
    }

    // ------------------------------------------------------------------ fee-on-transfer swaps

    /// @inheritdoc IRouter
    function swapExactTokensForTokensSupportingFeeOnTransferTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) {
        _swapExactFeeOnTransfer(amountIn, false, amountOutMin, path, Path.hops(path), to);
    }

    /// @inheritdoc IRouter
    function swapExactTokensForTokensFeeOnTransfer(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        amounts = _swapExactFeeOnTransfer(amountIn, false, amountOutMin, path, Path.hops(path), to);
    }

    /// @inheritdoc IRouter
    function swapExactETHForTokensSupportingFeeOnTransferTokens(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) {
        _swapExactFeeOnTransfer(msg.value, true, amountOutMin, path, _hopsFromWETH(path), to);
    }

    /// @inheritdoc IRouter
    function swapExactETHForTokensFeeOnTransfer(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) returns (uint256[] memory amounts) {
        amounts = _swapExactFeeOnTransfer(msg.value, true, amountOutMin, path, _hopsFromWETH(path), to);
    }

    /// @inheritdoc IRouter
    function swapExactTokensForETHSupportingFeeOnTransferTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) {
        _swapExactFeeOnTransferForETH(amountIn, amountOutMin, path, to);
    }

    /// @inheritdoc IRouter
    function swapExactTokensForETHFeeOnTransfer(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        amounts = _swapExactFeeOnTransferForETH(amountIn, amountOutMin, path, to);
    }

    // ------------------------------------------------------------------ quotes

    /// @inheritdoc IRouter
    function quote(uint256 amountA, uint256 reserveA, uint256 reserveB) external pure returns (uint256) {
        return AmmMath.quote(amountA, reserveA, reserveB);
    }

    /// @inheritdoc IRouter
    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256) {
        return AmmMath.getAmountOut(amountIn, reserveIn, reserveOut);
    }

    /// @inheritdoc IRouter
    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256) {
        return AmmMath.getAmountIn(amountOut, reserveIn, reserveOut);
    }

    /// @inheritdoc IRouter
    function getAmountsOut(
        uint256 amountIn,
        address[] calldata path
    ) external view returns (uint256[] memory amounts) {
        (amounts, ) = _amountsOut(amountIn, path, Path.hops(path));
    }

    /// @inheritdoc IRouter
    function getAmountsIn(
        uint256 amountOut,
        address[] calldata path
    ) external view returns (uint256[] memory amounts) {
        (amounts, ) = _amountsIn(amountOut, path, Path.hops(path));
    }

    // ------------------------------------------------------------------ internals

    /// @dev A fee-on-transfer swap ending in WETH, unwrapped to `to`.
    function _swapExactFeeOnTransferForETH(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to
    ) private returns (uint256[] memory amounts) {
        uint256 hops = _hopsToWETH(path);
        amounts = _swapExactFeeOnTransfer(amountIn, false, amountOutMin, path, hops, address(this));
        _unwrapTo(to, amounts[hops]);
    }
}
