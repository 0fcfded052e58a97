// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";

/// @notice Test-only constant-product pair (mint, burn, swap, sync; no callback, no fee switch) with
/// the two constants that historical forks got wrong as constructor arguments:
/// - `minimumLiquidity`: LP burned on the first mint (V2: 1000; 0 reproduces the first-depositor
///   share inflation);
/// - `balanceScale`/`feeOnScale`: the K check is (b0·scale − in0·fee)(b1·scale − in1·fee) ≥
///   r0·r1·1000², so scale 1000 with fee 3 is V2's, and scale 10000 (fee 30, the same 0.3%) is
///   Uranium's mismatch (April 2021): the product of balances may fall to 1/100 of the reserves'.
contract HistoricalPair is ERC20 {
    error InsufficientLiquidityMinted(uint256 amount0, uint256 amount1);
    error InsufficientInputAmount();
    error KInvariant(uint256 kAfter, uint256 kBefore);

    IERC20 public immutable token0;
    IERC20 public immutable token1;
    uint256 public immutable minimumLiquidity;
    uint256 public immutable balanceScale;
    uint256 public immutable feeOnScale;

    uint112 private _reserve0;
    uint112 private _reserve1;

    constructor(
        IERC20 token0_,
        IERC20 token1_,
        uint256 minimumLiquidity_,
        uint256 balanceScale_,
        uint256 feeOnScale_
    ) ERC20("Historical LP", "HLP") {
        token0 = token0_;
        token1 = token1_;
        minimumLiquidity = minimumLiquidity_;
        balanceScale = balanceScale_;
        feeOnScale = feeOnScale_;
    }

    function getReserves() external view returns (uint112, uint112) {
        return (_reserve0, _reserve1);
    }

    function mint(address to) external returns (uint256 liquidity) {
        (uint256 balance0, uint256 balance1) = _balances();
        uint256 amount0 = balance0 - _reserve0;
        uint256 amount1 = balance1 - _reserve1;
        uint256 supply = totalSupply();
        if (supply == 0) {
            uint256 rootK = Math.sqrt(amount0 * amount1);
            if (rootK <= minimumLiquidity) revert InsufficientLiquidityMinted(amount0, amount1);
            liquidity = rootK - minimumLiquidity;
            // OpenZeppelin's ERC20 cannot mint to address(0): the dead address holds the minimum.
            if (minimumLiquidity != 0) _mint(address(0xdead), minimumLiquidity);
        } else {
            liquidity = Math.min((amount0 * supply) / _reserve0, (amount1 * supply) / _reserve1);
            if (liquidity == 0) revert InsufficientLiquidityMinted(amount0, amount1);
        }
        _mint(to, liquidity);
        _update(balance0, balance1);
    }

    function burn(address to) external returns (uint256 amount0, uint256 amount1) {
        (uint256 balance0, uint256 balance1) = _balances();
        uint256 liquidity = balanceOf(address(this));
        uint256 supply = totalSupply();
        amount0 = (liquidity * balance0) / supply;
        amount1 = (liquidity * balance1) / supply;
        _burn(address(this), liquidity);
        token0.transfer(to, amount0);
        token1.transfer(to, amount1);
        (balance0, balance1) = _balances();
        _update(balance0, balance1);
    }

    function swap(uint256 amount0Out, uint256 amount1Out, address to) external {
        uint256 reserve0 = _reserve0;
        uint256 reserve1 = _reserve1;
        if (amount0Out != 0) token0.transfer(to, amount0Out);
        if (amount1Out != 0) token1.transfer(to, amount1Out);
        (uint256 balance0, uint256 balance1) = _balances();
        uint256 amount0In = balance0 > reserve0 - amount0Out ? balance0 - (reserve0 - amount0Out) : 0;
        uint256 amount1In = balance1 > reserve1 - amount1Out ? balance1 - (reserve1 - amount1Out) : 0;
        if (amount0In == 0 && amount1In == 0) revert InsufficientInputAmount();
        uint256 kAfter =
            (balance0 * balanceScale - amount0In * feeOnScale) *
                (balance1 * balanceScale - amount1In * feeOnScale);
        uint256 kBefore = reserve0 * reserve1 * 1000 ** 2;
        if (kAfter < kBefore) revert KInvariant(kAfter, kBefore);
        _update(balance0, balance1);
    }

    function sync() external {
        (uint256 balance0, uint256 balance1) = _balances();
        _update(balance0, balance1);
    }

    function _balances() private view returns (uint256, uint256) {
        return (token0.balanceOf(address(this)), token1.balanceOf(address(this)));
    }

    function _update(uint256 balance0, uint256 balance1) private {
        // Test amounts stay far below 2**112.
        _reserve0 = uint112(balance0);
        _reserve1 = uint112(balance1);
    }
}
