// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Test-only reproduction of Uniswap V1's sell path (the imBTC incident, April 2020), with a
/// second ERC-20 in place of ether: the price is read from the live balances, the output is paid,
/// and only then is the input pulled with transferFrom, with no lock. An ERC-777 seller's
/// `tokensToSend` hook runs inside that pull, while the input is not yet counted, and sells again
/// at a token reserve that ignores the first sale.
contract V1StyleExchange {
    IERC20 public immutable token;
    IERC20 public immutable base;

    constructor(IERC20 token_, IERC20 base_) {
        token = token_;
        base = base_;
    }

    /// @notice Sells `tokensSold` of `token` for `base`, paid to `recipient` (V1's tokenToEthInput).
    function sellToken(uint256 tokensSold, address recipient) external returns (uint256 bought) {
        uint256 tokenReserve = token.balanceOf(address(this));
        uint256 baseReserve = base.balanceOf(address(this));
        // V1's getInputPrice: the same 0.3% fee as V2.
        uint256 inWithFee = tokensSold * 997;
        bought = (inWithFee * baseReserve) / (tokenReserve * 1000 + inWithFee);
        base.transfer(recipient, bought);
        token.transferFrom(msg.sender, address(this), tokensSold);
    }
}
