// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AmmMath} from "../../libraries/AmmMath.sol";
import {PairAddress} from "../../libraries/PairAddress.sol";
import {SafeTransfer} from "../../libraries/SafeTransfer.sol";

/// @notice Test-only: exposes the AMM libraries' internal functions.
contract AmmLibrariesHarness {
    receive() external payable {}

    function quote(uint256 amountA, uint256 reserveA, uint256 reserveB) external pure returns (uint256) {
        return AmmMath.quote(amountA, reserveA, reserveB);
    }

    function getAmountOut(
        uint256 amountIn,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256) {
        return AmmMath.getAmountOut(amountIn, reserveIn, reserveOut);
    }

    function getAmountIn(
        uint256 amountOut,
        uint256 reserveIn,
        uint256 reserveOut
    ) external pure returns (uint256) {
        return AmmMath.getAmountIn(amountOut, reserveIn, reserveOut);
    }

    function sortTokens(address tokenA, address tokenB) external pure returns (address, address) {
        return PairAddress.sortTokens(tokenA, tokenB);
    }

    function pairFor(
        address factory,
        bytes32 initCodeHash,
        address tokenA,
        address tokenB
    ) external pure returns (address) {
        return PairAddress.pairFor(factory, initCodeHash, tokenA, tokenB);
    }

    function safeTransfer(address token, address to, uint256 amount) external {
        SafeTransfer.safeTransfer(token, to, amount);
    }

    function safeTransferFrom(address token, address from, address to, uint256 amount) external {
        SafeTransfer.safeTransferFrom(token, from, to, amount);
    }

    function safeTransferETH(address to, uint256 amount) external {
        SafeTransfer.safeTransferETH(to, amount);
    }
}
