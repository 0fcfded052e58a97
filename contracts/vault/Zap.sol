// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IZap} from "../interfaces/IZap.sol";
import {IFarm} from "../interfaces/IFarm.sol";
import {IFarmVault} from "../interfaces/IFarmVault.sol";
import {IRouter} from "../interfaces/IRouter.sol";
import {IPair} from "../interfaces/IPair.sol";
import {IPairFactory} from "../interfaces/IPairFactory.sol";
import {IWETH} from "../interfaces/IWETH.sol";
import {ZapMath} from "../libraries/ZapMath.sol";

/// @title Zap
/// @notice See {IZap}.
contract Zap is IZap, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    IRouter public immutable router;
    IWETH public immutable weth;
    IPairFactory private immutable _pairs;

    /// @param router_ The router the zap swaps and adds liquidity through.
    constructor(IRouter router_) {
        router = router_;
        weth = IWETH(router_.WETH());
        _pairs = IPairFactory(router_.factory());
    }

    // ---------------------------------------------------------------------------------------------
    // In: vault shares
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IZap
    function zapIn(
        IFarmVault vault,
        address tokenIn,
        uint256 amountIn,
        uint256 minShares,
        address to
    ) external nonReentrant returns (uint256 shares) {
        IERC20(tokenIn).safeTransferFrom(msg.sender, address(this), amountIn);
        shares = _zapIn(vault, tokenIn, amountIn, minShares, to);
    }

    /// @inheritdoc IZap
    function zapInETH(
        IFarmVault vault,
        uint256 minShares,
        address to
    ) external payable nonReentrant returns (uint256 shares) {
        weth.deposit{value: msg.value}();
        shares = _zapIn(vault, address(weth), msg.value, minShares, to);
    }

    function _zapIn(
        IFarmVault vault,
        address tokenIn,
        uint256 amountIn,
        uint256 minShares,
        address to
    ) private returns (uint256 shares) {
        if (to == address(0)) revert InvalidRecipient();
        IPair pair = IPair(IERC4626(address(vault)).asset());
        address other = _other(pair, tokenIn);
        uint256 lp = _toLiquidity(pair, tokenIn, other, amountIn);
        IERC20(address(pair)).forceApprove(address(vault), lp);
        shares = IERC4626(address(vault)).deposit(lp, to);
        _clearAllowance(IERC20(address(pair)), address(vault));
        // The minimum on the result bounds the swap and the add.
        if (shares < minShares) revert InsufficientResult(shares, minShares);
        _refund(tokenIn);
        _refund(other);
        emit ZappedIn(msg.sender, address(vault), tokenIn, amountIn, shares, to);
    }

    // ---------------------------------------------------------------------------------------------
    // In: farm stake
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IZap
    function zapInFarm(
        IFarm farm,
        uint256 pid,
        address tokenIn,
        uint256 amountIn,
        uint256 minLiquidity,
        address to
    ) external nonReentrant returns (uint256 liquidity) {
        IERC20(tokenIn).safeTransferFrom(msg.sender, address(this), amountIn);
        liquidity = _zapInFarm(farm, pid, tokenIn, amountIn, minLiquidity, to);
    }

    /// @inheritdoc IZap
    function zapInETHFarm(
        IFarm farm,
        uint256 pid,
        uint256 minLiquidity,
        address to
    ) external payable nonReentrant returns (uint256 liquidity) {
        weth.deposit{value: msg.value}();
        liquidity = _zapInFarm(farm, pid, address(weth), msg.value, minLiquidity, to);
    }

    function _zapInFarm(
        IFarm farm,
        uint256 pid,
        address tokenIn,
        uint256 amountIn,
        uint256 minLiquidity,
        address to
    ) private returns (uint256 liquidity) {
        if (to == address(0)) revert InvalidRecipient();
        IPair pair = IPair(address(farm.lpToken(pid)));
        address other = _other(pair, tokenIn);
        liquidity = _toLiquidity(pair, tokenIn, other, amountIn);
        if (liquidity < minLiquidity) revert InsufficientResult(liquidity, minLiquidity);
        IERC20(address(pair)).forceApprove(address(farm), liquidity);
        farm.deposit(pid, liquidity, to);
        _clearAllowance(IERC20(address(pair)), address(farm));
        _refund(tokenIn);
        _refund(other);
        emit ZappedInFarm(msg.sender, address(farm), pid, tokenIn, amountIn, liquidity, to);
    }

    // ---------------------------------------------------------------------------------------------
    // Out
    // ---------------------------------------------------------------------------------------------

    /// @inheritdoc IZap
    function zapOut(
        IFarmVault vault,
        uint256 shares,
        address tokenOut,
        uint256 minAmountOut,
        address to
    ) external nonReentrant returns (uint256 amountOut) {
        if (to == address(0)) revert InvalidRecipient();
        IPair pair = IPair(IERC4626(address(vault)).asset());
        address other = _other(pair, tokenOut);
        uint256 lp = IERC4626(address(vault)).redeem(shares, address(this), msg.sender);
        amountOut = _fromLiquidity(pair, tokenOut, other, lp, minAmountOut, to);
        emit ZappedOut(msg.sender, address(vault), tokenOut, shares, amountOut, to);
    }

    /// @inheritdoc IZap
    function zapOutLP(
        IPair pair,
        uint256 liquidity,
        address tokenOut,
        uint256 minAmountOut,
        address to
    ) external nonReentrant returns (uint256 amountOut) {
        if (to == address(0)) revert InvalidRecipient();
        address other = _other(pair, tokenOut);
        IERC20(address(pair)).safeTransferFrom(msg.sender, address(this), liquidity);
        amountOut = _fromLiquidity(pair, tokenOut, other, liquidity, minAmountOut, to);
        emit ZappedOutLP(msg.sender, address(pair), tokenOut, liquidity, amountOut, to);
    }

    // ---------------------------------------------------------------------------------------------
    // Internals
    // ---------------------------------------------------------------------------------------------

    /// @dev Swaps the closed-form part of `amountIn` for `other` and adds both as liquidity.
    function _toLiquidity(
        IPair pair,
        address tokenIn,
        address other,
        uint256 amountIn
    ) private returns (uint256 lp) {
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        uint256 swapIn = ZapMath.swapAmountDown(tokenIn == pair.token0() ? r0 : r1, amountIn);
        _approveRouter(IERC20(tokenIn), amountIn);
        address[] memory path = new address[](2);
        (path[0], path[1]) = (tokenIn, other);
        uint256 got = router.swapExactTokensForTokens(swapIn, 0, path, address(this), block.timestamp)[1];
        _approveRouter(IERC20(other), got);
        (, , lp) = router.addLiquidity(
            tokenIn,
            other,
            amountIn - swapIn,
            got,
            0,
            0,
            address(this),
            block.timestamp
        );
    }

    /// @dev Removes `lp`, swaps the `other` side into `tokenOut` and pays the total to `to`; the
    /// minimum on the result bounds every step.
    function _fromLiquidity(
        IPair pair,
        address tokenOut,
        address other,
        uint256 lp,
        uint256 minAmountOut,
        address to
    ) private returns (uint256 amountOut) {
        _approveRouter(IERC20(address(pair)), lp);
        (uint256 a, uint256 b) = router.removeLiquidity(
            tokenOut,
            other,
            lp,
            0,
            0,
            address(this),
            block.timestamp
        );
        _approveRouter(IERC20(other), b);
        address[] memory path = new address[](2);
        (path[0], path[1]) = (other, tokenOut);
        uint256[] memory out = router.swapExactTokensForTokens(b, 0, path, address(this), block.timestamp);
        amountOut = a + out[1];
        if (amountOut < minAmountOut) revert InsufficientResult(amountOut, minAmountOut);
        IERC20(tokenOut).safeTransfer(to, amountOut);
    }

    function _refund(address token) private {
        uint256 left = IERC20(token).balanceOf(address(this));
        if (left != 0) IERC20(token).safeTransfer(msg.sender, left);
    }

    /// @dev A standing allowance to the router, set once per token. The zap holds nothing between
    /// calls and the router only pulls from its caller inside a call the zap makes (under the lock),
    /// so the allowance exposes nothing and saves each zap a 0 -> x -> 0 write per token.
    function _approveRouter(IERC20 token, uint256 amount) private {
        if (token.allowance(address(this), address(router)) < amount)
            token.forceApprove(address(router), type(uint256).max);
    }

    /// @dev The vault or farm is the caller's choice: leave it no allowance it did not use.
    function _clearAllowance(IERC20 token, address spender) private {
        if (token.allowance(address(this), spender) != 0) token.forceApprove(spender, 0);
    }

    /// @dev The token of `pair` that is not `token`; `pair` must be the router factory's pair of its
    /// two tokens (else the router would add to the real pair and the LP would stay here).
    function _other(IPair pair, address token) private view returns (address other) {
        address t0 = pair.token0();
        address t1 = pair.token1();
        if (_pairs.getPair(t0, t1) != address(pair)) revert NotAPair(address(pair));
        if (token == t0) other = t1;
        else if (token == t1) other = t0;
        else revert NotAPairToken(token);
    }
}
