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

/// @title FeeCollector
/// @notice See {IFeeCollector}.
contract FeeCollector is IFeeCollector, Ownable, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IFeeCollector
    uint256 public constant MAX_POL_BPS = 5_000;

    IPairFactory public immutable factory;
    StakedFUR public immutable staking;

    uint256 private _polBps;
    /// @dev Pairs already checked (a factory pair, neither token a Furrow LP): a pair's tokens never
    /// change, so the check runs once per pair.
    mapping(address pair => bool) private _checked;

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
            (address token0, address token1) = _checkPair(pair);
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
                    (amount0, amount1) = IPair(pair).burn(address(this));
                }
                emit Collected(pair, burned, pol, amount0, amount1);
            }
            _distribute(IERC20(token0));
            _distribute(IERC20(token1));
        }
    }

    /// @dev The pair's tokens, after checking (once per pair) that it is the factory's and that
    /// neither token is a Furrow LP token.
    function _checkPair(address pair) private returns (address token0, address token1) {
        token0 = _addressCall(pair, IPair.token0.selector);
        token1 = _addressCall(pair, IPair.token1.selector);
        if (_checked[pair]) return (token0, token1);
        if (token0 == address(0) || token1 == address(0) || factory.getPair(token0, token1) != pair)
            revert NotAPair(pair);
        if (_isFurrowPair(token0)) revert LpOfLpRefused(pair, token0);
        if (_isFurrowPair(token1)) revert LpOfLpRefused(pair, token1);
        _checked[pair] = true;
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

    /// @dev Notifies everything this contract holds of `token`, if sFUR rewards it; otherwise it waits.
    function _distribute(IERC20 token) private {
        if (!staking.isRewardToken(token)) return;
        uint256 amount = token.balanceOf(address(this));
        if (amount == 0) return;
        if (token.allowance(address(this), address(staking)) < amount)
            token.forceApprove(address(staking), type(uint256).max);
        staking.notifyRewardAmount(token, amount);
        emit Distributed(address(token), amount);
    }
}
