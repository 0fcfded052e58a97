// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Test-only reproduction of Popsicle Finance's Sorbetto shares (Aug 2021): fees accrue per
/// share and a holder's checkpoint moves only when it claims, but a share transfer checkpoints neither
/// side, so the receiver claims the fees the shares already earned for the sender.
contract UncheckpointedShares is ERC20 {
    IERC20 public immutable feeToken;
    uint256 public feesPerShare; // scaled by 1e18
    mapping(address holder => uint256) public paidPerShare;

    constructor(IERC20 feeToken_) ERC20("Sorbetto-like", "SBT") {
        feeToken = feeToken_;
    }

    /// @notice Mints shares to a new holder, checkpointed at the current index (the vault's deposit,
    /// without the liquidity it would take).
    function mintShares(address to, uint256 amount) external {
        paidPerShare[to] = feesPerShare;
        _mint(to, amount);
    }

    function distribute(uint256 fees) external {
        feeToken.transferFrom(msg.sender, address(this), fees);
        feesPerShare += (fees * 1e18) / totalSupply();
    }

    function claimable(address holder) public view returns (uint256) {
        return (balanceOf(holder) * (feesPerShare - paidPerShare[holder])) / 1e18;
    }

    function claim() external {
        uint256 owed = claimable(msg.sender);
        paidPerShare[msg.sender] = feesPerShare;
        feeToken.transfer(msg.sender, owed);
    }
}
