// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IChainlinkOracle} from "../interfaces/IChainlinkOracle.sol";
import {IPriceOracle} from "../interfaces/IPriceOracle.sol";
import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @title Collateral price in loan-token units from two Chainlink feeds
/// @dev price = 1e36 * c * 10^(loanDecimals + loanFeedDecimals) / (l * 10^(collateralDecimals +
/// collateralFeedDecimals)), with c, l the feeds' answers; the power of ten is folded into one
/// multiplier or divisor fixed at construction.
contract ChainlinkOracle is IChainlinkOracle {
    /// @inheritdoc IChainlinkOracle
    AggregatorV3Interface public immutable collateralFeed;
    /// @inheritdoc IChainlinkOracle
    AggregatorV3Interface public immutable loanFeed;
    /// @inheritdoc IChainlinkOracle
    uint256 public immutable maxStaleness;

    uint256 private immutable _scaleUp;
    uint256 private immutable _scaleDown;

    /// @param collateralFeed_ Feed of the collateral token in the quote currency.
    /// @param loanFeed_ Feed of the loan token in the same quote currency, or zero for "1 unit".
    /// @param collateralDecimals Decimals of the collateral token.
    /// @param loanDecimals Decimals of the loan token.
    /// @param maxStaleness_ Oldest trusted round, in seconds (1 minute to 7 days: a feed's heartbeat
    /// plus margin).
    constructor(
        AggregatorV3Interface collateralFeed_,
        AggregatorV3Interface loanFeed_,
        uint8 collateralDecimals,
        uint8 loanDecimals,
        uint256 maxStaleness_
    ) {
        if (address(collateralFeed_) == address(0) || maxStaleness_ < 1 minutes || maxStaleness_ > 7 days) {
            revert InvalidConfig();
        }
        uint256 up =
            36 + uint256(loanDecimals) + (address(loanFeed_) == address(0) ? 0 : loanFeed_.decimals());
        uint256 down = uint256(collateralDecimals) + collateralFeed_.decimals();
        // 10^77 would not fit: keep the exponent within uint256.
        if (up > down + 76 || down > up + 76) revert InvalidConfig();
        collateralFeed = collateralFeed_;
        loanFeed = loanFeed_;
        maxStaleness = maxStaleness_;
        (_scaleUp, _scaleDown) = up >= down
            ? (10 ** (up - down), uint256(1))
            : (uint256(1), 10 ** (down - up));
    }

    /// @inheritdoc IPriceOracle
    function price() external view returns (uint256 p) {
        uint256 collateralPrice = _read(collateralFeed);
        uint256 loanPrice = address(loanFeed) == address(0) ? 1 : _read(loanFeed);
        p = Math.mulDiv(collateralPrice, _scaleUp, loanPrice * _scaleDown);
        if (p == 0) revert ZeroPrice();
    }

    function _read(AggregatorV3Interface feed) private view returns (uint256) {
        (uint80 roundId, int256 answer, , uint256 updatedAt, uint80 answeredInRound) = feed.latestRoundData();
        if (answer <= 0) revert InvalidAnswer(feed, answer);
        if (updatedAt == 0 || updatedAt > block.timestamp || answeredInRound < roundId) {
            revert IncompleteRound(feed, roundId, answeredInRound, updatedAt);
        }
        if (block.timestamp - updatedAt > maxStaleness) revert StalePrice(feed, updatedAt, maxStaleness);
        return uint256(answer);
    }
}
