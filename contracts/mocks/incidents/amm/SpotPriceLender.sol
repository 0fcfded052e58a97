// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPair} from "../../../interfaces/IPair.sol";

/// @notice Test-only lender with Cheese Bank's flaw (November 2020; Harvest's vaults, October 2020,
/// priced shares the same way): collateral is valued at the pair's spot reserves, read in the
/// transaction that borrows, so whoever moves the reserves in that transaction sets the price.
contract SpotPriceLender {
    /// @notice Loan-to-value: 80% of the collateral's spot value is lent.
    uint256 public constant LTV_BPS = 8000;

    IPair public immutable pair;
    IERC20 public immutable collateral;
    IERC20 public immutable debt;

    constructor(IPair pair_, IERC20 collateral_, IERC20 debt_) {
        pair = pair_;
        collateral = collateral_;
        debt = debt_;
    }

    /// @notice Takes `collateralAmount` and lends 80% of its value at the spot price.
    function borrow(uint256 collateralAmount) external returns (uint256 lent) {
        (uint112 reserve0, uint112 reserve1, ) = pair.getReserves();
        (uint256 reserveCollateral, uint256 reserveDebt) = pair.token0() == address(collateral)
            ? (uint256(reserve0), uint256(reserve1))
            : (uint256(reserve1), uint256(reserve0));
        lent = (collateralAmount * reserveDebt * LTV_BPS) / (reserveCollateral * 10_000);
        collateral.transferFrom(msg.sender, address(this), collateralAmount);
        debt.transfer(msg.sender, lent);
    }
}
