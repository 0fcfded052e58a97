// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IRouter
/// @notice Stateless helper for adding/removing liquidity and multi-hop swaps with slippage and
/// deadline checks. ABI-compatible with IUniswapV2Router02, plus two things V2 users asked for:
/// `addLiquiditySupportingFeeOnTransferTokens`, and fee-on-transfer swaps that return the amounts
/// (`swapExact*FeeOnTransfer`). Paths are token lists; ETH paths start or end at `WETH()`.
interface IRouter {
    /// @notice The transaction was mined after its `deadline`.
    error Expired(uint256 deadline, uint256 timestamp);
    /// @notice Adding/removing liquidity would use or pay `amount` of token A, below `amountMin`.
    error InsufficientAAmount(uint256 amount, uint256 amountMin);
    /// @notice Adding/removing liquidity would use or pay `amount` of token B, below `amountMin`.
    error InsufficientBAmount(uint256 amount, uint256 amountMin);
    /// @notice The swap would deliver `amountOut`, below `amountOutMin`.
    error InsufficientOutputAmount(uint256 amountOut, uint256 amountOutMin);
    /// @notice The swap would cost `amountIn`, above `amountInMax`.
    error ExcessiveInputAmount(uint256 amountIn, uint256 amountInMax);
    /// @notice A path needs at least two tokens; it has `length`.
    error InvalidPath(uint256 length);
    /// @notice An ETH path must start (or end) at WETH, not at `token`.
    error InvalidPathToken(address token, address weth);
    /// @notice Only WETH may send ether to the router (when unwrapping); `sender` did.
    error OnlyWETH(address sender);
    /// @notice No pair of `tokenA` and `tokenB` exists yet (nothing to quote or swap against).
    error PairNotFound(address tokenA, address tokenB);
    /// @notice The pair received `received` of `token`, not the `needed` that matches the other
    /// token's deposit: its transfer fee could not be topped up within the desired amount.
    error FeeOnTransferShortfall(address token, uint256 received, uint256 needed);

    /// @notice The factory whose pairs this router uses.
    function factory() external view returns (address);

    /// @notice The wrapped-ether token used by the ETH functions.
    function WETH() external view returns (address);

    /// @notice Adds liquidity at the pool's current ratio (creating the pair if needed); mints to `to`.
    function addLiquidity(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB, uint256 liquidity);

    /// @notice As `addLiquidity` with msg.value as the desired ETH; unused ETH is refunded.
    function addLiquidityETH(
        address token,
        uint256 amountTokenDesired,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    ) external payable returns (uint256 amountToken, uint256 amountETH, uint256 liquidity);

    /// @notice As `addLiquidity`, for tokens that take a fee on transfer (either or both). The pair
    /// receives amounts in its ratio, so the LP minted is worth all of the deposit and none of it
    /// goes to the other LPs. The side `addLiquidity` would use in full is sent first (token A if
    /// both are); the other is sized to what actually arrived and, if it takes a fee, topped up
    /// until exactly that amount has arrived, spending at most its desired amount. Reverts with
    /// `FeeOnTransferShortfall` when that is not enough: leave headroom on the side sent second, or
    /// make the fee-taking token the one used in full. The returned amounts (and the minimums they
    /// are checked against) are what the pair actually received.
    function addLiquiditySupportingFeeOnTransferTokens(
        address tokenA,
        address tokenB,
        uint256 amountADesired,
        uint256 amountBDesired,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB, uint256 liquidity);

    /// @notice Burns `liquidity` of the caller's LP tokens (approval needed); sends both tokens to `to`.
    function removeLiquidity(
        address tokenA,
        address tokenB,
        uint256 liquidity,
        uint256 amountAMin,
        uint256 amountBMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountA, uint256 amountB);

    /// @notice As `removeLiquidity` for a token/WETH pair; the WETH is paid out as ETH.
    function removeLiquidityETH(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountToken, uint256 amountETH);

    /// @notice `removeLiquidity` with an EIP-2612 permit for `liquidity` (or the maximum if `approveMax`).
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
    ) external returns (uint256 amountA, uint256 amountB);

    /// @notice `removeLiquidityETH` with an EIP-2612 permit.
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
    ) external returns (uint256 amountToken, uint256 amountETH);

    /// @notice `removeLiquidityETH` for fee-on-transfer tokens: forwards whatever token balance
    /// the router received.
    function removeLiquidityETHSupportingFeeOnTransferTokens(
        address token,
        uint256 liquidity,
        uint256 amountTokenMin,
        uint256 amountETHMin,
        address to,
        uint256 deadline
    ) external returns (uint256 amountETH);

    /// @notice `removeLiquidityETHSupportingFeeOnTransferTokens` with an EIP-2612 permit.
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
    ) external returns (uint256 amountETH);

    /// @notice Swaps exactly `amountIn` of path[0] for at least `amountOutMin` of the last token.
    /// @return amounts The input and every hop's output.
    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);

    /// @notice Swaps at most `amountInMax` of path[0] for exactly `amountOut` of the last token.
    function swapTokensForExactTokens(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);

    /// @notice Swaps exactly msg.value ETH (path[0] = WETH) for at least `amountOutMin`.
    function swapExactETHForTokens(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable returns (uint256[] memory amounts);

    /// @notice Swaps at most `amountInMax` tokens for exactly `amountOut` ETH (last = WETH).
    function swapTokensForExactETH(
        uint256 amountOut,
        uint256 amountInMax,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);

    /// @notice Swaps exactly `amountIn` tokens for at least `amountOutMin` ETH (last = WETH).
    function swapExactTokensForETH(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);

    /// @notice Swaps at most msg.value ETH for exactly `amountOut` tokens; the rest is refunded.
    function swapETHForExactTokens(
        uint256 amountOut,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable returns (uint256[] memory amounts);

    /// @notice Exact-input swap that works when tokens on the path take a transfer fee: each hop
    /// swaps what its pair actually received; `amountOutMin` is checked against what `to` received.
    function swapExactTokensForTokensSupportingFeeOnTransferTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external;

    /// @notice ETH-in form of `swapExactTokensForTokensSupportingFeeOnTransferTokens`.
    function swapExactETHForTokensSupportingFeeOnTransferTokens(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable;

    /// @notice ETH-out form of `swapExactTokensForTokensSupportingFeeOnTransferTokens`.
    function swapExactTokensForETHSupportingFeeOnTransferTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external;

    /// @notice As `swapExactTokensForTokensSupportingFeeOnTransferTokens`, returning the amounts.
    /// @return amounts amounts[0] = `amountIn` taken from the caller; amounts[i] (0 < i < last) =
    /// what the pair of hop i actually received; amounts[last] = what `to` actually received.
    function swapExactTokensForTokensFeeOnTransfer(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);

    /// @notice As `swapExactETHForTokensSupportingFeeOnTransferTokens`, returning the amounts
    /// (see `swapExactTokensForTokensFeeOnTransfer`).
    function swapExactETHForTokensFeeOnTransfer(
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external payable returns (uint256[] memory amounts);

    /// @notice As `swapExactTokensForETHSupportingFeeOnTransferTokens`, returning the amounts; the
    /// last one is the ETH sent to `to`.
    function swapExactTokensForETHFeeOnTransfer(
        uint256 amountIn,
        uint256 amountOutMin,
        address[] calldata path,
        address to,
        uint256 deadline
    ) external returns (uint256[] memory amounts);

    /// @notice amountA × reserveB / reserveA, rounded down: the B worth `amountA` at the pool price.
    function quote(
        uint256 amountA,
        uint256 reserveA,
        uint256 reserveB
    ) external pure returns (uint256 amountB);

    /// @notice The most a pair pays out for `amountIn` after the 0.3% fee.
    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256 amountOut);

    /// @notice The least input a pair accepts for `amountOut`.
    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256 amountIn);

    /// @notice Chained `getAmountOut` along `path` with the current reserves.
    function getAmountsOut(
        uint256 amountIn,
        address[] calldata path
    ) external view returns (uint256[] memory amounts);

    /// @notice Chained `getAmountIn` backwards along `path` with the current reserves.
    function getAmountsIn(
        uint256 amountOut,
        address[] calldata path
    ) external view returns (uint256[] memory amounts);
}
