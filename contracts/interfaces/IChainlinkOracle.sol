// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IPriceOracle} from "./IPriceOracle.sol";
import {AggregatorV3Interface} from "./AggregatorV3Interface.sol";

/// @title A lending price from two Chainlink feeds
/// @notice `price()` = collateral feed / loan feed (both in the same quote currency, such as USD), with
/// the tokens' and feeds' decimals folded in, scaled by 1e36. Without a loan feed (zero address) the loan
/// token counts as one unit of the quote currency. A feed's round is trusted only when its answer is
/// positive, the round is complete (`answeredInRound >= roundId`, `updatedAt` set and not in the future)
/// and at most `maxStaleness()` old; otherwise `price()` reverts.
interface IChainlinkOracle is IPriceOracle {
    /// @notice `feed`'s newest round was written at `updatedAt`, more than `maxStaleness` ago.
    error StalePrice(AggregatorV3Interface feed, uint256 updatedAt, uint256 maxStaleness);
    /// @notice `feed` answered `answer` (zero or negative).
    error InvalidAnswer(AggregatorV3Interface feed, int256 answer);
    /// @notice `feed`'s round `roundId` is incomplete (answered in `answeredInRound`, written at `updatedAt`).
    error IncompleteRound(
        AggregatorV3Interface feed,
        uint80 roundId,
        uint80 answeredInRound,
        uint256 updatedAt
    );
    /// @notice The price rounds to zero.
    error ZeroPrice();
    /// @notice Decimals or staleness out of range.
    error InvalidConfig();

    /// @notice The collateral token's feed.
    function collateralFeed() external view returns (AggregatorV3Interface);

    /// @notice The loan token's feed (zero: the loan token is one unit of the quote currency).
    function loanFeed() external view returns (AggregatorV3Interface);

    /// @notice The oldest round age trusted, in seconds.
    function maxStaleness() external view returns (uint256);
}
