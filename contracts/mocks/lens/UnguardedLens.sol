// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IFarm} from "../../interfaces/IFarm.sol";
import {IRewarder} from "../../interfaces/IRewarder.sol";

/// @notice Test-only: the bug FurrowLens guards against. It reads every pool's pending bonus
/// directly, as a naive lens (or an app's multicall without allowFailure) would, so one rewarder
/// whose pendingTokens reverts makes the whole page revert for everyone.
contract UnguardedLens {
    IFarm public immutable farm;

    constructor(IFarm farm_) {
        farm = farm_;
    }

    function pendingBonus(address user) external view returns (uint256[] memory firstAmounts) {
        uint256 n = farm.poolLength();
        firstAmounts = new uint256[](n);
        for (uint256 pid; pid < n; ++pid) {
            IRewarder r = farm.rewarder(pid);
            if (address(r) == address(0)) continue;
            (IERC20[] memory tokens, uint256[] memory amounts) = r.pendingTokens(
                pid,
                user,
                farm.pendingReward(pid, user)
            );
            if (tokens.length != 0) firstAmounts[pid] = amounts[0];
        }
    }
}
