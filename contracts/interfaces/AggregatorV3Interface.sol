// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title The read side of a Chainlink price feed
/// @notice The five calls Furrow's `ChainlinkOracle` makes on a feed (Chainlink's `AggregatorV3Interface`,
/// declared here by signature so the contracts need no Chainlink package). Chainlink's name is kept,
/// so that code written against Chainlink's interface reads the same here.
// solhint-disable-next-line interface-starts-with-i
interface AggregatorV3Interface {
    /// @notice Decimals of `answer`.
    function decimals() external view returns (uint8);

    /// @notice Human-readable pair, such as "ETH / USD".
    function description() external view returns (string memory);

    /// @notice Version of the aggregator behind the proxy.
    function version() external view returns (uint256);

    /// @notice The newest round: `answer` with `decimals()` decimals, written at `updatedAt`.
    function latestRoundData()
        external
        view
        returns (uint80 roundId, int256 answer, uint256 startedAt, uint256 updatedAt, uint80 answeredInRound);

    /// @notice Round `roundId`, same fields as `latestRoundData`.
    function getRoundData(
        uint80 roundId
    )
        external
        view
        returns (
            uint80 roundId_,
            int256 answer,
            uint256 startedAt,
            uint256 updatedAt,
            uint80 answeredInRound
        );
}
