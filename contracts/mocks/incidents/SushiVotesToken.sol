// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice Test-only reproduction of SushiToken's vote bookkeeping (2020): `delegate` moves the
/// holder's balance of votes to the new delegate, but transfers move no votes, so the same tokens
/// vote again from every account they pass through.
contract SushiVotesToken is ERC20 {
    mapping(address holder => address) public delegates;
    mapping(address delegatee => uint256) public getVotes;

    constructor() ERC20("Sushi-like", "SUSHIV") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function delegate(address delegatee) external {
        address old = delegates[msg.sender];
        uint256 weight = balanceOf(msg.sender);
        delegates[msg.sender] = delegatee;
        if (old != address(0)) getVotes[old] -= weight;
        getVotes[delegatee] += weight;
    }
}

/// @notice Test-only token with the "unbounded owner mint" of many farm forks: the owner mints any
/// amount, with no cap and no role, so a compromised or malicious owner prints the supply.
contract UncappedOwnerToken is ERC20 {
    address public immutable owner;

    error NotOwner(address caller);

    constructor() ERC20("Uncapped", "UNCAP") {
        owner = msg.sender;
    }

    function mint(address to, uint256 amount) external {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _mint(to, amount);
    }
}
