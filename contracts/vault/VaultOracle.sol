// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {IPair} from "../interfaces/IPair.sol";
import {IFarmVault} from "../interfaces/IFarmVault.sol";

/// @title VaultOracle
/// @notice Time-weighted prices of the pairs a vault swaps through, from V2 cumulative prices, and the
/// minimum outputs derived from them. Each pair keeps two observations, the newer at least
/// `TWAP_WINDOW` after the older, so one of them is always at least `TWAP_WINDOW` old once a pair has
/// been observed twice: a fresh observation never leaves the vault without a usable window.
abstract contract VaultOracle is IFarmVault {
    /// @inheritdoc IFarmVault
    uint256 public constant TWAP_WINDOW = 30 minutes;
    /// @inheritdoc IFarmVault
    uint256 public constant MAX_PRICE_DEVIATION_BPS = 200;
    uint256 internal constant BPS = 10_000;

    /// @dev One observation: token0's cumulative price (a full word: it wraps mod 2^256) and its time.
    struct Observation {
        uint256 price0Cumulative;
        uint256 timestamp;
    }

    mapping(address pair => Observation[2]) private _observations; // [older, newer]

    /// @dev Records an observation of `pair` unless its newer one is younger than `TWAP_WINDOW`.
    function _observe(IPair pair) internal {
        Observation[2] storage obs = _observations[address(pair)];
        uint256 newest = obs[1].timestamp;
        if (newest != 0 && block.timestamp - newest < TWAP_WINDOW) return;
        if (newest != 0) obs[0] = obs[1];
        obs[1] = Observation(_cumulative0(pair), block.timestamp);
        emit ObservationRecorded(address(pair), block.timestamp);
    }

    /// @dev Token1-per-token0 TWAP of `pair` (UQ112x112) since its newest observation at least
    /// `TWAP_WINDOW` old; `ok` is false when there is none yet.
    function _twap0(IPair pair) internal view returns (uint256 twap, bool ok) {
        Observation[2] storage obs = _observations[address(pair)];
        Observation memory o = obs[1];
        if (o.timestamp == 0 || block.timestamp - o.timestamp < TWAP_WINDOW) o = obs[0];
        if (o.timestamp == 0) return (0, false);
        uint256 c0 = _cumulative0(pair);
        // Cumulative prices wrap mod 2^256 by design; their difference is exact.
        unchecked {
            twap = (c0 - o.price0Cumulative) / (block.timestamp - o.timestamp);
        }
        ok = twap != 0;
    }

    /// @dev The least output accepted for `amountIn` of `tokenIn` swapped in `pair`: the output at the
    /// pair's TWAP (its reserves moved along x*y=k to the TWAP price, 0.3% fee) less the allowed
    /// deviation. Reverts with `PriceDeviation` when the spot price is that far from the TWAP.
    function _minAmountOut(
        IPair pair,
        address tokenIn,
        uint256 amountIn
    ) internal view returns (uint256 amountOut, bool ok) {
        uint256 twap;
        (twap, ok) = _twap0(pair);
        if (!ok) return (0, false);
        (uint112 r0, uint112 r1, ) = pair.getReserves();
        uint256 spot = (uint256(r1) << 112) / r0;
        uint256 band = (twap * MAX_PRICE_DEVIATION_BPS) / BPS;
        if (spot > twap + band || spot + band < twap) revert PriceDeviation(address(pair), spot, twap);
        // Reserves at the TWAP with the same k: x = sqrt(k / p), y = sqrt(k * p); sqrt(p) has 56
        // fractional bits (p is UQ112x112).
        uint256 sqrtK = Math.sqrt(uint256(r0) * r1);
        uint256 sqrtP = Math.sqrt(twap);
        uint256 x = (sqrtK << 56) / sqrtP;
        uint256 y = (sqrtK * sqrtP) >> 56;
        (uint256 rIn, uint256 rOut) = tokenIn == pair.token0() ? (x, y) : (y, x);
        uint256 inWithFee = amountIn * 997;
        amountOut = (inWithFee * rOut) / (rIn * 1000 + inWithFee);
        amountOut = (amountOut * (BPS - MAX_PRICE_DEVIATION_BPS)) / BPS;
    }

    /// @dev Token0's cumulative price as of this block (the stored one plus the current price over the
    /// time since the pair's last update), as Uniswap V2's oracle library computes it.
    function _cumulative0(IPair pair) private view returns (uint256 c0) {
        c0 = pair.price0CumulativeLast();
        (uint112 r0, uint112 r1, uint32 last) = pair.getReserves();
        // 32-bit time wraps by design (as in the pair), and cumulative prices wrap mod 2^256.
        unchecked {
            uint32 elapsed = uint32(block.timestamp) - last;
            if (elapsed != 0 && r0 != 0) c0 += ((uint256(r1) << 112) / r0) * elapsed;
        }
    }
}
