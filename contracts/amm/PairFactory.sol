// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPairFactory} from "../interfaces/IPairFactory.sol";
import {PairAddress} from "../libraries/PairAddress.sol";
import {Pair} from "./Pair.sol";

/// @title PairFactory
/// @notice Deploys pairs with CREATE2 and records them; holds the protocol-fee switch.
contract PairFactory is IPairFactory {
    // Transient slots 0 and 1 hold the tokens of the pair under construction (read by its
    // constructor); numbered from 0 as the Pair's lock is (see Pair._LOCK_SLOT).
    uint256 private constant _TOKEN0_SLOT = 0;
    uint256 private constant _TOKEN1_SLOT = 1;

    /// @inheritdoc IPairFactory
    bytes32 public immutable PAIR_INIT_CODE_HASH;

    // One slot: pairs read both at every mint and burn (feeState). The flag is set the first time
    // feeTo becomes non-zero and never cleared: until then no pair can have kLast != 0.
    /// @inheritdoc IPairFactory
    address public feeTo;
    bool private _feeWasEverOn;
    /// @inheritdoc IPairFactory
    address public feeToSetter;
    /// @inheritdoc IPairFactory
    mapping(address tokenA => mapping(address tokenB => address pair)) public getPair;
    /// @inheritdoc IPairFactory
    address[] public allPairs;

    constructor(address feeToSetter_) {
        feeToSetter = feeToSetter_;
        // Derived from the Pair this factory deploys, so routers and scripts reading it can
        // never disagree with the addresses createPair produces.
        PAIR_INIT_CODE_HASH = keccak256(type(Pair).creationCode);
    }

    /// @inheritdoc IPairFactory
    function allPairsLength() external view returns (uint256) {
        return allPairs.length;
    }

    /// @inheritdoc IPairFactory
    function createPair(address tokenA, address tokenB) external returns (address pair) {
        // Reverts with PairAddress's IdenticalAddresses/ZeroAddress, the same errors as IPairFactory's.
        (address token0, address token1) = PairAddress.sortTokens(tokenA, tokenB);
        address existing = getPair[token0][token1];
        if (existing != address(0)) revert PairExists(token0, token1, existing);

        assembly ("memory-safe") {
            tstore(_TOKEN0_SLOT, token0)
            tstore(_TOKEN1_SLOT, token1)
        }
        pair = address(new Pair{salt: keccak256(abi.encodePacked(token0, token1))}());
        assembly ("memory-safe") {
            tstore(_TOKEN0_SLOT, 0)
            tstore(_TOKEN1_SLOT, 0)
        }

        getPair[token0][token1] = pair;
        getPair[token1][token0] = pair;
        allPairs.push(pair);
        emit PairCreated(token0, token1, pair, allPairs.length);
    }

    /// @inheritdoc IPairFactory
    function pairParameters() external view returns (address token0, address token1) {
        assembly ("memory-safe") {
            token0 := tload(_TOKEN0_SLOT)
            token1 := tload(_TOKEN1_SLOT)
        }
    }

    /// @inheritdoc IPairFactory
    function feeState() external view returns (address, bool) {
        return (feeTo, _feeWasEverOn);
    }

    /// @inheritdoc IPairFactory
    function setFeeTo(address feeTo_) external {
        if (msg.sender != feeToSetter) revert Forbidden(msg.sender);
        feeTo = feeTo_;
        if (feeTo_ != address(0)) _feeWasEverOn = true;
        emit FeeToSet(feeTo_);
    }

    /// @inheritdoc IPairFactory
    function setFeeToSetter(address feeToSetter_) external {
        if (msg.sender != feeToSetter) revert Forbidden(msg.sender);
        feeToSetter = feeToSetter_;
        emit FeeToSetterSet(feeToSetter_);
    }
}
