// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {IInterestRateModel} from "../interfaces/IInterestRateModel.sol";
import {IBorrowRewards} from "../interfaces/IBorrowRewards.sol";
import {LendingMarket} from "./LendingMarket.sol";

/// @title Holds LendingMarket's creation code for MarketFactory, which creates it in its constructor
/// @notice The market's creation code does not fit inside the factory's 24 KB of runtime code, so it lives
/// here; the factory is this contract's only caller and is passed to every market as its `factory()`.
contract MarketDeployer {
    /// @notice The MarketFactory that created this deployer.
    address public immutable factory;

    /// @notice Only the factory deploys markets.
    error NotFactory(address caller);

    constructor() {
        factory = msg.sender;
    }

    /// @notice Deploy a market whose `factory()` is the MarketFactory.
    function deploy(
        IERC20 loanToken,
        IERC20 collateralToken,
        IPriceOracle oracle,
        IInterestRateModel irm,
        uint256 lltv,
        IBorrowRewards rewards,
        string calldata name,
        string calldata symbol
    ) external returns (address) {
        if (msg.sender != factory) revert NotFactory(msg.sender);
        return
            address(
                new LendingMarket(
                    loanToken,
                    collateralToken,
                    oracle,
                    irm,
                    lltv,
                    rewards,
                    factory,
                    name,
                    symbol
                )
            );
    }
}
