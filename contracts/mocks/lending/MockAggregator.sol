// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {AggregatorV3Interface} from "../../interfaces/AggregatorV3Interface.sol";

/// @title A settable Chainlink-style feed for local chains, tests and the simulation
/// @notice `setAnswer` writes a new complete round at the current time; `setRound` writes any round
/// (stale, incomplete, zero or negative) to test how consumers react.
contract MockAggregator is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
    }

    uint8 public immutable decimals;
    string public description;
    uint80 private _latestRound;
    mapping(uint80 => Round) private _rounds;

    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);

    constructor(uint8 decimals_, string memory description_, int256 initialAnswer) {
        decimals = decimals_;
        description = description_;
        setAnswer(initialAnswer);
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    /// @notice A new complete round with `answer`, written now.
    function setAnswer(int256 answer) public {
        uint80 id = _latestRound + 1;
        _latestRound = id;
        _rounds[id] = Round(answer, block.timestamp, block.timestamp, id);
        emit AnswerUpdated(answer, id, block.timestamp);
    }

    /// @notice Make round `roundId` the latest, with any fields.
    function setRound(uint80 roundId, int256 answer, uint256 updatedAt, uint80 answeredInRound) external {
        _latestRound = roundId;
        _rounds[roundId] = Round(answer, updatedAt, updatedAt, answeredInRound);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return getRoundData(_latestRound);
    }

    function getRoundData(uint80 roundId) public view returns (uint80, int256, uint256, uint256, uint80) {
        Round memory r = _rounds[roundId];
        return (roundId, r.answer, r.startedAt, r.updatedAt, r.answeredInRound);
    }
}
