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

    /// @dev Two observations of a pair: token0's cumulative prices (full words: they wrap mod 2^256)
    /// and, in one slot, their times. A new observation overwrites the older one in place, so
    /// recording one costs two writes (its cumulative price and the times).
    struct Observations {
        uint256[2] price0Cumulative;
        uint256 timestamps; // observation i's time in bits [64 i, 64 i + 64)
    }

    mapping(address pair => Observations) private _observations;

    /// @dev Records an observation of `pair` unless its newer one is younger than `TWAP_WINDOW`.
    function _observe(IPair pair) internal {
        Observations storage obs = _observations[address(pair)];
        uint256 packed = obs.timestamps;
        (uint256 t0, uint256 t1) = (uint64(packed), packed >> 64);
        uint256 newest = t1 > t0 ? t1 : t0;
        if (newest != 0 && block.timestamp - newest < TWAP_WINDOW) return;
        // The older one is overwritten (the first observation fills slot 0: both times are 0).
        if (newest == 0 || t1 > t0) {
            obs.price0Cumulative[0] = _cumulative0(pair);
            obs.timestamps = (t1 << 64) | block.timestamp;
        } else {
            obs.price0Cumulative[1] = _cumulative0(pair);
            obs.timestamps = (block.timestamp << 64) | t0;
        }
        emit ObservationRecorded(address(pair), block.timestamp);
    }

    /// @dev Token1-per-token0 TWAP of `pair` (UQ112x112) since its newest observation at least
    /// `TWAP_WINDOW` old; `ok` is false when there is none yet.
    function _twap0(IPair pair) internal view returns (uint256 twap, bool ok) {
        Observations storage obs = _observations[address(pair)];
        uint256 packed = obs.timestamps;
        (uint256 t0, uint256 t1) = (uint64(packed), packed >> 64);
        // The newer observation if it is old enough, else the older one (at least TWAP_WINDOW
        // before the newer, by `_observe`).
        (uint256 i, uint256 t) = t1 > t0 ? (1, t1) : (0, t0);
        if (t == 0 || block.timestamp - t < TWAP_WINDOW) (i, t) = i == 1 ? (0, t0) : (1, t1);
        if (t == 0 || block.timestamp - t < TWAP_WINDOW) return (0, false);
        uint256 c0 = _cumulative0(pair);
        // Cumulative prices wrap mod 2^256 by design; their difference is exact.
        unchecked {
            twap = (c0 - obs.price0Cumulative[i]) / (block.timestamp - t);
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
