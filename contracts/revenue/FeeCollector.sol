// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IFeeCollector} from "../interfaces/IFeeCollector.sol";
import {IPair} from "../interfaces/IPair.sol";
import {IPairFactory} from "../interfaces/IPairFactory.sol";
import {StakedFUR} from "./StakedFUR.sol";
import {IStakedFUR} from "../interfaces/IStakedFUR.sol";

/// @title FeeCollector
/// @notice See {IFeeCollector}.
contract FeeCollector is IFeeCollector, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IFeeCollector
    uint256 public constant MAX_POL_BPS = 5_000;

    IPairFactory public immutable factory;
    StakedFUR public immutable staking;

    uint256 private _polBps;
    /// @dev Per pair, bits of what is known about it: checked (a factory pair, neither token a Furrow
    /// LP), both tokens streamed by sFUR (permanent: sFUR never delists a token), and tokens of it may
    /// be waiting here (burned while one of them was not streamed yet).
    mapping(address pair => uint256) private _pairState;

    uint256 private constant CHECKED = 1;
    uint256 private constant STREAMED = 2;
    uint256 private constant WAITING = 4;

    /// @param factory_ The factory whose pairs' fee LP this contract receives (it is the factory's `feeTo`).
    /// @param staking_ sFUR, to which the collected tokens are notified.
    /// @param owner_ Sets `polBps` and receives the protocol-owned liquidity (the Timelock).
    constructor(IPairFactory factory_, StakedFUR staking_, address owner_) Ownable(owner_) {
        if (address(factory_) == address(0) || address(staking_) == address(0)) revert ZeroAddress();
        factory = factory_;
        staking = staking_;
    }

    /// @inheritdoc IFeeCollector
    function polBps() external view returns (uint256) {
        return _polBps;
    }

    /// @inheritdoc IFeeCollector
    function setPolBps(uint256 bps) external onlyOwner {
        if (bps > MAX_POL_BPS) revert PolBpsTooHigh(bps, MAX_POL_BPS);
        _polBps = bps;
        emit PolBpsSet(bps);
    }

    /// @inheritdoc IFeeCollector
    function collect(address[] calldata pairs) external nonReentrant {
        for (uint256 i; i < pairs.length; ++i) {
            address pair = pairs[i];
            address token0 = _addressCall(pair, IPair.token0.selector);
            address token1 = _addressCall(pair, IPair.token1.selector);
            uint256 state = _pairState[pair];
            uint256 before = state;
            if (state & CHECKED == 0) state = _checkPair(pair, token0, token1);
            bool listed0 = true;
            bool listed1 = true;
            if (state & STREAMED == 0) {
                listed0 = staking.isRewardToken(IERC20(token0));
                listed1 = staking.isRewardToken(IERC20(token1));
                if (listed0 && listed1) state |= STREAMED;
            }
            uint256 lp = IERC20(pair).balanceOf(address(this));
            if (lp != 0) {
                // lp * MAX_POL_BPS cannot overflow: an LP supply is far below 2^242.
                uint256 pol = (lp * _polBps) / 10_000;
                if (pol != 0) IERC20(pair).safeTransfer(owner(), pol);
                uint256 burned = lp - pol;
                uint256 amount0;
                uint256 amount1;
                if (burned != 0) {
                    IERC20(pair).safeTransfer(pair, burned);
                    if (state & STREAMED != 0) {
                        // The pair pays sFUR, which measures and notifies what arrived: the tokens
                        // move once (not pair -> here -> sFUR).
                        (amount0, amount1) = staking.burnAndNotify(IPair(pair));
                        if (amount0 != 0) emit Distributed(token0, amount0);
                        if (amount1 != 0) emit Distributed(token1, amount1);
                    } else {
                        (amount0, amount1) = IPair(pair).burn(address(this));
                        state |= WAITING;
                    }
                }
                emit Collected(pair, burned, pol, amount0, amount1);
            }
            // What this pair left here goes out once its token is streamed; the rest keeps waiting.
            if (state & WAITING != 0) {
                if (listed0) _distribute(IERC20(token0));
                if (listed1) _distribute(IERC20(token1));
                if (listed0 && listed1) state &= ~WAITING;
            }
            if (state != before) _pairState[pair] = state;
        }
    }

    /// @inheritdoc IFeeCollector
    function distribute(IERC20[] calldata tokens) external nonReentrant {
        for (uint256 i; i < tokens.length; ++i) {
            if (!staking.isRewardToken(tokens[i])) revert IStakedFUR.NotRewardToken(tokens[i]);
            _distribute(tokens[i]);
        }
    }

    /// @dev Checks that `pair` (answering `token0`, `token1`) is the factory's and that neither token
    /// is a Furrow LP token; a pair's tokens never change, so this runs once per pair.
    function _checkPair(address pair, address token0, address token1) private view returns (uint256) {
        if (token0 == address(0) || token1 == address(0) || factory.getPair(token0, token1) != pair)
            revert NotAPair(pair);
        if (_isFurrowPair(token0)) revert LpOfLpRefused(pair, token0);
        if (_isFurrowPair(token1)) revert LpOfLpRefused(pair, token1);
        return CHECKED;
    }

    /// @dev Whether `token` is a pair of the factory: it answers token0()/token1() and the factory
    /// maps those to it.
    function _isFurrowPair(address token) private view returns (bool) {
        address a = _addressCall(token, IPair.token0.selector);
        address b = _addressCall(token, IPair.token1.selector);
        return a != address(0) && b != address(0) && factory.getPair(a, b) == token;
    }

    /// @dev `target.selector()` read as an address, or address(0) when the call fails, returns fewer
    /// than 32 bytes or a value that is not an address (any contract, or none, may be passed here).
    function _addressCall(address target, bytes4 selector) private view returns (address value) {
        bool ok;
        uint256 word;
        assembly ("memory-safe") {
            mstore(0x00, selector)
            ok := staticcall(gas(), target, 0x00, 0x04, 0x00, 0x20)
            ok := and(ok, gt(returndatasize(), 31))
            word := mload(0x00)
        }
        if (ok && word <= type(uint160).max) value = address(uint160(word));
    }

    /// @dev Notifies everything this contract holds of `token`, a reward token of sFUR (nothing if none).
    function _distribute(IERC20 token) private {
        uint256 amount = token.balanceOf(address(this));
        if (amount == 0) return;
        if (token.allowance(address(this), address(staking)) < amount)
            token.forceApprove(address(staking), type(uint256).max);
        staking.notifyRewardAmount(token, amount);
        emit Distributed(address(token), amount);
    }
}
