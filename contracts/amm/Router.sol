// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPair} from "../interfaces/IPair.sol";
import {IPairFactory} from "../interfaces/IPairFactory.sol";
import {IRouter} from "../interfaces/IRouter.sol";
import {IWETH} from "../interfaces/IWETH.sol";
import {AmmMath} from "../libraries/AmmMath.sol";
import {PairAddress} from "../libraries/PairAddress.sol";
import {SafeTransfer} from "../libraries/SafeTransfer.sol";

/// @title Router
/// @notice Uniswap-V2-Router02-compatible periphery. Pair addresses are computed locally from the
/// factory's init-code hash, read once at construction (no `getPair` call, no hand-kept constant).
contract Router is IRouter {
    using SafeTransfer for address;

    /// @inheritdoc IRouter
    address public immutable factory;
    /// @inheritdoc IRouter
    address public immutable WETH;
    bytes32 private immutable _pairInitCodeHash;

    // Top-ups of a fee-taking token's transfer in addLiquiditySupportingFeeOnTransferTokens: two
    // make a fee that is a fraction of the amount rounded down arrive exactly (see _transferExactly).
    uint256 private constant _MAX_TOP_UPS = 2;

    modifier ensure(uint256 deadline) {
        if (deadline < block.timestamp) revert Expired(deadline, block.timestamp);
        _;
    }

    constructor(address factory_, address weth_) {
        factory = factory_;
        WETH = weth_;
        _pairInitCodeHash = IPairFactory(factory_).PAIR_INIT_CODE_HASH();
    }

    /// @dev Ether arrives only from WETH.withdraw; anything else would be stuck.
    receive() external payable {
        if (msg.sender != WETH) revert OnlyWETH(msg.sender);
    }

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
        // amountETH <= msg.value by construction of _addLiquidity.
        unchecked {
            if (msg.value > amountETH) msg.sender.safeTransferETH(msg.value - amountETH);
        }
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
        address pair = PairAddress.compute(factory, _pairInitCodeHash, token0, token1);
        // The LP token is the pair itself; a missing pair fails here with TransferFromFailed.
        pair.safeTransferFrom(msg.sender, pair, liquidity);
        (uint256 amount0, uint256 amount1) = _callBurn(pair, to);
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
        (amounts, pairs) = _amountsOut(amountIn, path);
        _checkOutput(amounts, amountOutMin);
        _at(path, 0).safeTransferFrom(msg.sender, pairs[0], amounts[0]);
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
        (amounts, pairs) = _amountsIn(amountOut, path);
        if (amounts[0] > amountInMax) revert ExcessiveInputAmount(amounts[0], amountInMax);
        _at(path, 0).safeTransferFrom(msg.sender, pairs[0], amounts[0]);
        _swap(amounts, path, pairs, to);
    }

    /// @inheritdoc IRouter
    function swapExactETHForTokens(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) returns (uint256[] memory amounts) {
        _requireFirstIsWETH(path);
        address[] memory pairs;
        (amounts, pairs) = _amountsOut(msg.value, path);
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
        _requireLastIsWETH(path);
        address[] memory pairs;
        (amounts, pairs) = _amountsIn(amountOut, path);
        if (amounts[0] > amountInMax) revert ExcessiveInputAmount(amounts[0], amountInMax);
        _at(path, 0).safeTransferFrom(msg.sender, pairs[0], amounts[0]);
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
        _requireLastIsWETH(path);
        address[] memory pairs;
        (amounts, pairs) = _amountsOut(amountIn, path);
        _checkOutput(amounts, amountOutMin);
        _at(path, 0).safeTransferFrom(msg.sender, pairs[0], amounts[0]);
        _swap(amounts, path, pairs, address(this));
        _unwrapTo(to, amounts[amounts.length - 1]);
    }

    /// @inheritdoc IRouter
    function swapETHForExactTokens(
        uint256 amountOut,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) returns (uint256[] memory amounts) {
        _requireFirstIsWETH(path);
        address[] memory pairs;
        (amounts, pairs) = _amountsIn(amountOut, path);
        if (amounts[0] > msg.value) revert ExcessiveInputAmount(amounts[0], msg.value);
        _wrapTo(pairs[0], amounts[0]);
        _swap(amounts, path, pairs, to);
        // Checked just above: amounts[0] <= msg.value.
        unchecked {
            if (msg.value > amounts[0]) msg.sender.safeTransferETH(msg.value - amounts[0]);
        }
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
        _swapExactTokensFeeOnTransfer(amountIn, amountOutMin, path, to);
    }

    /// @inheritdoc IRouter
    function swapExactTokensForTokensFeeOnTransfer(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        amounts = _swapExactTokensFeeOnTransfer(amountIn, amountOutMin, path, to);
    }

    /// @inheritdoc IRouter
    function swapExactETHForTokensSupportingFeeOnTransferTokens(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) {
        _swapExactETHFeeOnTransfer(amountOutMin, path, to);
    }

    /// @inheritdoc IRouter
    function swapExactETHForTokensFeeOnTransfer(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable ensure(deadline) returns (uint256[] memory amounts) {
        amounts = _swapExactETHFeeOnTransfer(amountOutMin, path, to);
    }

    /// @inheritdoc IRouter
    function swapExactTokensForETHSupportingFeeOnTransferTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) {
        _swapExactTokensForETHFeeOnTransfer(amountIn, amountOutMin, path, to);
    }

    /// @inheritdoc IRouter
    function swapExactTokensForETHFeeOnTransfer(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external ensure(deadline) returns (uint256[] memory amounts) {
        amounts = _swapExactTokensForETHFeeOnTransfer(amountIn, amountOutMin, path, to);
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
        (amounts, ) = _amountsOut(amountIn, path);
    }

    /// @inheritdoc IRouter
    function getAmountsIn(
        uint256 amountOut,
        address[] calldata path
    ) external view returns (uint256[] memory amounts) {
        (amounts, ) = _amountsIn(amountOut, path);
    }

    // ------------------------------------------------------------------ internals

    function _pairFor(address tokenA, address tokenB) private view returns (address) {
        return PairAddress.pairFor(factory, _pairInitCodeHash, tokenA, tokenB);
    }

    /// @dev The pair's reserves ordered as (tokenA, tokenB); reverts if the pair has no code. A
    /// plain staticcall: the pair is ours (a CREATE2 address of our factory), so its answer needs
    /// no ABI validation. Every pair `_callSwap` reaches went through here first in the same call.
    function _reserves(
        address pair,
        address tokenA,
        address tokenB
    ) private view returns (uint256 reserveA, uint256 reserveB) {
        uint256 reserve0;
        uint256 reserve1;
        bool found;
        assembly ("memory-safe") {
            mstore(0x00, 0x0902f1ac00000000000000000000000000000000000000000000000000000000) // getReserves()
            if iszero(staticcall(gas(), pair, 0x00, 0x04, 0x00, 0x40)) {
                let ptr := mload(0x40)
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
            // A contract-less address "succeeds" with no return data.
            found := gt(returndatasize(), 0x3f)
            reserve0 := mload(0x00)
            reserve1 := mload(0x20)
        }
        if (!found) revert PairNotFound(tokenA, tokenB);
        (reserveA, reserveB) = tokenA < tokenB ? (reserve0, reserve1) : (reserve1, reserve0);
    }

    /// @dev `pair.burn(to)`, bubbling up the pair's revert data. The pair just accepted the LP
    /// tokens (returning true), so it has code, and its answer is two clean words.
    function _callBurn(address pair, address to) private returns (uint256 amount0, uint256 amount1) {
        assembly ("memory-safe") {
            mstore(0x00, 0x89afcb4400000000000000000000000000000000000000000000000000000000) // burn(address)
            mstore(0x04, to)
            if iszero(call(gas(), pair, 0, 0x00, 0x24, 0x00, 0x40)) {
                let ptr := mload(0x40)
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
            amount0 := mload(0x00)
            amount1 := mload(0x20)
        }
    }

    /// @dev `pair.swap(amount0Out, amount1Out, to, "")`, bubbling up the pair's revert data. No
    /// code-size check: callers reach `pair` only after `_reserves` found code there.
    function _callSwap(address pair, uint256 amount0Out, uint256 amount1Out, address to) private {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore(ptr, 0x022c0d9f00000000000000000000000000000000000000000000000000000000) // swap(...)
            mstore(add(ptr, 0x04), amount0Out)
            mstore(add(ptr, 0x24), amount1Out)
            mstore(add(ptr, 0x44), to)
            mstore(add(ptr, 0x64), 0x80) // offset of `data`
            mstore(add(ptr, 0x84), 0) // data.length
            if iszero(call(gas(), pair, 0, ptr, 0xa4, 0x00, 0x00)) {
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
        }
    }

    /// @dev V2's optimal amounts at the current ratio; creates the pair when it does not exist.
    function _addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin
    ) private returns (uint256 amountA, uint256 amountB, address pair) {
        pair = _pairFor(tokenA, tokenB);
        if (pair.code.length == 0) IPairFactory(factory).createPair(tokenA, tokenB);
        (uint256 reserveA, uint256 reserveB) = _reserves(pair, tokenA, tokenB);
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
    ) private returns (uint256) {
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
    ) private returns (uint256 receivedFirst, uint256 receivedSecond) {
        (uint256 reserveFirst, uint256 reserveSecond) = _reserves(pair, first, second);
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
    ) private {
        uint256 value = approveMax ? type(uint256).max : liquidity;
        IPair(pair).permit(msg.sender, address(this), value, deadline, v, r, s);
    }

    /// @dev WETH.deposit{value: amount}() as a plain call (WETH is set at construction); then
    /// the transfer to `pair`, which fails with TransferFailed should WETH have no code.
    function _wrapTo(address pair, uint256 amount) private {
        address weth = WETH;
        assembly ("memory-safe") {
            mstore(0x00, 0xd0e30db000000000000000000000000000000000000000000000000000000000) // deposit()
            if iszero(call(gas(), weth, amount, 0x00, 0x04, 0x00, 0x00)) {
                let ptr := mload(0x40)
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
        }
        WETH.safeTransfer(pair, amount);
    }

    function _unwrapTo(address to, uint256 amount) private {
        IWETH(WETH).withdraw(amount);
        to.safeTransferETH(amount);
    }

    function _checkOutput(uint256[] memory amounts, uint256 amountOutMin) private pure {
        uint256 amountOut = amounts[amounts.length - 1];
        if (amountOut < amountOutMin) revert InsufficientOutputAmount(amountOut, amountOutMin);
    }

    /// @dev Chained quotes along `path`, and the pair of every hop (computed once, reused by _swap).
    function _amountsOut(
        uint256 amountIn,
        address[] calldata path
    ) private view returns (uint256[] memory amounts, address[] memory pairs) {
        uint256 hops = _hops(path);
        amounts = new uint256[](hops + 1);
        pairs = new address[](hops);
        amounts[0] = amountIn;
        address input = _at(path, 0);
        for (uint256 i; i < hops; ++i) {
            address output = _at(path, i + 1);
            address pair = _pairFor(input, output);
            pairs[i] = pair;
            (uint256 reserveIn, uint256 reserveOut) = _reserves(pair, input, output);
            amountIn = AmmMath.getAmountOut(amountIn, reserveIn, reserveOut);
            amounts[i + 1] = amountIn;
            input = output;
        }
    }

    /// @dev Chained input quotes backwards along `path`, and the pair of every hop.
    function _amountsIn(
        uint256 amountOut,
        address[] calldata path
    ) private view returns (uint256[] memory amounts, address[] memory pairs) {
        uint256 hops = _hops(path);
        amounts = new uint256[](hops + 1);
        pairs = new address[](hops);
        amounts[hops] = amountOut;
        address output = _at(path, hops);
        for (uint256 i = hops; i > 0; --i) {
            address input = _at(path, i - 1);
            address pair = _pairFor(input, output);
            pairs[i - 1] = pair;
            (uint256 reserveIn, uint256 reserveOut) = _reserves(pair, input, output);
            amountOut = AmmMath.getAmountIn(amountOut, reserveIn, reserveOut);
            amounts[i - 1] = amountOut;
            output = input;
        }
    }

    function _requireFirstIsWETH(address[] calldata path) private view {
        _hops(path);
        if (path[0] != WETH) revert InvalidPathToken(path[0], WETH);
    }

    function _requireLastIsWETH(address[] calldata path) private view {
        address last = path[_hops(path)];
        if (last != WETH) revert InvalidPathToken(last, WETH);
    }

    function _hops(address[] calldata path) private pure returns (uint256) {
        if (path.length < 2) revert InvalidPath(path.length);
        // Cannot underflow: at least two tokens.
        unchecked {
            return path.length - 1;
        }
    }

    /// @dev Runs the hops of a quoted swap; the first pair already holds amounts[0].
    function _swap(
        uint256[] memory amounts,
        address[] calldata path,
        address[] memory pairs,
        address to
    ) private {
        uint256 hops = pairs.length;
        bool zeroForOne = _at(path, 0) < _at(path, 1);
        for (uint256 i; i < hops; ++i) {
            uint256 amountOut = amounts[i + 1];
            address next = to;
            bool nextZeroForOne;
            if (i + 1 < hops) {
                next = pairs[i + 1];
                nextZeroForOne = _at(path, i + 1) < _at(path, i + 2);
            }
            if (zeroForOne) _callSwap(pairs[i], 0, amountOut, next);
            else _callSwap(pairs[i], amountOut, 0, next);
            zeroForOne = nextZeroForOne;
        }
    }

    /// @dev path[i] for an i the caller knows to be below path.length (loops bounded by _hops):
    /// skips the bounds check of every indexed read. The word is masked to an address, as the
    /// pair addresses are computed from that same masked value.
    function _at(address[] calldata path, uint256 i) private pure returns (address token) {
        assembly ("memory-safe") {
            token := and(
                calldataload(add(path.offset, shl(5, i))),
                0xffffffffffffffffffffffffffffffffffffffff
            )
        }
    }

    function _swapExactTokensFeeOnTransfer(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to
    ) private returns (uint256[] memory amounts) {
        _hops(path);
        address firstPair = _pairFor(path[0], path[1]);
        path[0].safeTransferFrom(msg.sender, firstPair, amountIn);
        amounts = _swapFeeOnTransfer(path, firstPair, to);
        amounts[0] = amountIn;
        _checkOutput(amounts, amountOutMin);
    }

    function _swapExactETHFeeOnTransfer(
        uint256 amountOutMin,
        address[] calldata path,
        address to
    ) private returns (uint256[] memory amounts) {
        _requireFirstIsWETH(path);
        _hops(path);
        address firstPair = _pairFor(path[0], path[1]);
        _wrapTo(firstPair, msg.value);
        amounts = _swapFeeOnTransfer(path, firstPair, to);
        amounts[0] = msg.value;
        _checkOutput(amounts, amountOutMin);
    }

    function _swapExactTokensForETHFeeOnTransfer(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to
    ) private returns (uint256[] memory amounts) {
        _requireLastIsWETH(path);
        _hops(path);
        address firstPair = _pairFor(path[0], path[1]);
        path[0].safeTransferFrom(msg.sender, firstPair, amountIn);
        amounts = _swapFeeOnTransfer(path, firstPair, address(this));
        amounts[0] = amountIn;
        uint256 amountOut = amounts[amounts.length - 1];
        if (amountOut < amountOutMin) revert InsufficientOutputAmount(amountOut, amountOutMin);
        _unwrapTo(to, amountOut);
    }

    /// @dev Hops that swap whatever each pair actually received. Returns, per token of the path,
    /// what its holder actually received (amounts[0] is left for the caller); the last entry is
    /// measured as the change of `to`'s balance.
    function _swapFeeOnTransfer(
        address[] calldata path,
        address firstPair,
        address to
    ) private returns (uint256[] memory amounts) {
        uint256 hops = _hops(path);
        amounts = new uint256[](hops + 1);
        address last = path[hops];
        uint256 balanceBefore = IERC20(last).balanceOf(to);
        address pair = firstPair;
        for (uint256 i; i < hops; ++i) {
            address next = i + 1 < hops ? _pairFor(path[i + 1], path[i + 2]) : to;
            uint256 amountInput = _swapReceived(pair, path[i], path[i + 1], next);
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
        (uint256 reserveIn, uint256 reserveOut) = _reserves(pair, input, output);
        amountInput = IERC20(input).balanceOf(pair) - reserveIn;
        uint256 amountOutput = AmmMath.getAmountOut(amountInput, reserveIn, reserveOut);
        (uint256 amount0Out, uint256 amount1Out) = input < output
            ? (uint256(0), amountOutput)
            : (amountOutput, uint256(0));
        _callSwap(pair, amount0Out, amount1Out, next);
    }
}
