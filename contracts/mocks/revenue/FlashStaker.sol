// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IStakedFUR} from "../../interfaces/IStakedFUR.sol";
import {FlashLender, FlashVoter} from "../incidents/FlashVote.sol";

interface IWrapper {
    function depositFor(address account, uint256 value) external returns (bool);
    function withdrawTo(address account, uint256 value) external returns (bool);
}

/// @notice Test-only attacker: borrows all of a FlashLender's FUR for one transaction, stakes it in
/// sFUR, delegates the sFUR to itself, makes `target` call `data` (a vote), claims rewards, unstakes
/// and repays. Records the call's result and what the claim paid of `rewardToken`.
contract FlashStaker {
    IERC20 public immutable fur;
    IStakedFUR public immutable sfur;
    FlashLender public immutable lender;
    IERC20 public immutable rewardToken;
    bool public callOk;
    bytes public callResult;
    uint256 public rewardReceived;

    constructor(IERC20 fur_, IStakedFUR sfur_, FlashLender lender_, IERC20 rewardToken_) {
        fur = fur_;
        sfur = sfur_;
        lender = lender_;
        rewardToken = rewardToken_;
    }

    function attack(address target, bytes calldata data) external {
        lender.flashLoan(FlashVoter(address(this)), abi.encode(target, data));
    }

    function onFlashLoan(uint256 amount, bytes calldata packed) external {
        (address target, bytes memory data) = abi.decode(packed, (address, bytes));
        fur.approve(address(sfur), amount);
        IWrapper(address(sfur)).depositFor(address(this), amount);
        IVotes(address(sfur)).delegate(address(this));
        (callOk, callResult) = target.call(data);
        uint256 before = rewardToken.balanceOf(address(this));
        sfur.getReward();
        rewardReceived = rewardToken.balanceOf(address(this)) - before;
        IWrapper(address(sfur)).withdrawTo(address(this), amount);
        fur.transfer(address(lender), amount);
    }
}
