// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPairFactory} from "../interfaces/IPairFactory.sol";
import {IRouter} from "../interfaces/IRouter.sol";
import {PairAddress} from "../libraries/PairAddress.sol";

/// @title RouterImmutableState
/// @notice What the router is set up with and never changes: the factory, WETH, and the factory's
/// init-code hash, read once at construction so pair addresses are computed without a call (no
/// `getPair`, no hand-kept constant).
abstract contract RouterImmutableState is IRouter {
    /// @inheritdoc IRouter
    address public immutable factory;
    /// @inheritdoc IRouter
    address public immutable WETH;
    bytes32 private immutable _pairInitCodeHash;

    constructor(address factory_, address weth_) {
        factory = factory_;
        WETH = weth_;
        _pairInitCodeHash = IPairFactory(factory_).PAIR_INIT_CODE_HASH();
    }

    /// @dev The factory's pair of two unsorted tokens (it may not exist yet).
    function _pairFor(address tokenA, address tokenB) internal view returns (address) {
        return PairAddress.pairFor(factory, _pairInitCodeHash, tokenA, tokenB);
    }

    /// @dev The factory's pair of two sorted tokens.
    function _pairForSorted(address token0, address token1) internal view returns (address) {
        return PairAddress.compute(factory, _pairInitCodeHash, token0, token1);
    }
}
