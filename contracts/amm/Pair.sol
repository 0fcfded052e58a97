// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {ICallee} from "../interfaces/ICallee.sol";
import {IPair} from "../interfaces/IPair.sol";
import {IPairFactory} from "../interfaces/IPairFactory.sol";
import {SafeTransfer} from "../libraries/SafeTransfer.sol";
import {LPToken} from "./LPToken.sol";

/// @title Pair
/// @notice A Uniswap-V2-compatible constant-product pool. Differences from V2 are internal and
/// for gas: the factory and tokens are immutables (read from the factory during construction, so
/// the creation code, and hence the CREATE2 address, is the same for every pair), and the lock
/// lives in transient storage.
contract Pair is IPair, LPToken {
    using SafeTransfer for address;

    /// @inheritdoc IPair
    uint256 public constant MINIMUM_LIQUIDITY = 1000;

    // Transient slot 0: the reentrancy lock. Transient slots are numbered from 0 per contract, as in
    // the PairFactory (token0, token1 at 0 and 1): transient storage is the contract's own, nothing
    // else here uses it, and a small slot is a PUSH0/PUSH1 where a hashed one is a PUSH32
    // (test/amm/Layout.test.ts reads the slots from a trace).
    uint256 private constant _LOCK_SLOT = 0;

    /// @inheritdoc IPair
    address public immutable factory;
    /// @inheritdoc IPair
    address public immutable token0;
    /// @inheritdoc IPair
    address public immutable token1;

    // One slot, as in V2: every swap reads and writes the reserves and the timestamp together.
    uint112 private _reserve0;
    uint112 private _reserve1;
    uint32 private _blockTimestampLast;

    /// @inheritdoc IPair
    uint256 public price0CumulativeLast;
    /// @inheritdoc IPair
    uint256 public price1CumulativeLast;
    /// @inheritdoc IPair
    uint256 public kLast;

    /// @dev gas: -68,643 on amm.createPair (3.9%), -223 on amm.swap.pair (0.35%) against a plain
    /// `bool transient` lock with `revert Locked()` (measured with npm run bench).
    modifier lock() {
        assembly ("memory-safe") {
            if tload(_LOCK_SLOT) {
                mstore(0x00, 0x0f2e5b6c00000000000000000000000000000000000000000000000000000000) // Locked()
                revert(0x00, 0x04)
            }
            tstore(_LOCK_SLOT, 1)
        }
        _;
        assembly ("memory-safe") {
            tstore(_LOCK_SLOT, 0)
        }
    }

    constructor() {
        factory = msg.sender;
        (token0, token1) = IPairFactory(msg.sender).pairParameters();
    }

    /// @inheritdoc IPair
    function initialize(address, address) external {
        // Tokens are fixed at construction (immutables); the function exists for the V2 ABI.
        revert Forbidden(msg.sender);
    }

    /// @inheritdoc IPair
    function getReserves()
        public
        view
        returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)
    {
        return (_reserve0, _reserve1, _blockTimestampLast);
    }

    /// @inheritdoc IPair
    function mint(address to) external lock returns (uint256 liquidity) {
        (uint112 reserve0, uint112 reserve1, uint32 timestampLast) = getReserves();
        (uint256 balance0, uint256 balance1) = _balances();
        uint256 amount0 = balance0 - reserve0;
        uint256 amount1 = balance1 - reserve1;

        bool feeOn = _mintFee(reserve0, reserve1);
        uint256 supply = totalSupply; // read after _mintFee, which may have minted
        if (supply == 0) {
            // Both amounts are below 2**112 (checked by _balances): the product fits.
            uint256 rootK = Math.sqrt(amount0 * amount1);
            if (rootK <= MINIMUM_LIQUIDITY) revert InsufficientLiquidityMinted(amount0, amount1);
            // Cannot underflow: checked just above.
            unchecked {
                liquidity = rootK - MINIMUM_LIQUIDITY;
            }
            _mint(address(0), MINIMUM_LIQUIDITY);
        } else {
            liquidity = Math.min((amount0 * supply) / reserve0, (amount1 * supply) / reserve1);
            if (liquidity == 0) revert InsufficientLiquidityMinted(amount0, amount1);
        }
        _mint(to, liquidity);

        _update(balance0, balance1, reserve0, reserve1, timestampLast);
        if (feeOn) kLast = balance0 * balance1;
        emit Mint(msg.sender, amount0, amount1);
    }

    /// @inheritdoc IPair
    function burn(address to) external lock returns (uint256 amount0, uint256 amount1) {
        (uint112 reserve0, uint112 reserve1, uint32 timestampLast) = getReserves();
        (uint256 balance0, uint256 balance1) = _balances();
        uint256 liquidity = balanceOf[address(this)];

        bool feeOn = _mintFee(reserve0, reserve1);
        // Non-zero whenever liquidity is (liquidity is part of it); zero liquidity reverts below.
        uint256 supply = totalSupply;
        if (liquidity != 0) {
            amount0 = (liquidity * balance0) / supply;
            amount1 = (liquidity * balance1) / supply;
        }
        if (amount0 == 0 || amount1 == 0) revert InsufficientLiquidityBurned(amount0, amount1);
        // The pair may hold more than `liquidity`: a protocol fee minted to feeTo == pair just now
        // stays there, as in V2.
        _burn(address(this), liquidity);
        token0.safeTransfer(to, amount0);
        token1.safeTransfer(to, amount1);

        (balance0, balance1) = _balances();
        _update(balance0, balance1, reserve0, reserve1, timestampLast);
        if (feeOn) kLast = balance0 * balance1;
        emit Burn(msg.sender, amount0, amount1, to);
    }

    /// @inheritdoc IPair
    function swap(uint256 amount0Out, uint256 amount1Out, address to, bytes calldata data) external lock {
        if (amount0Out == 0 && amount1Out == 0) revert InsufficientOutputAmount(amount0Out, amount1Out);
        (uint112 reserve0, uint112 reserve1, uint32 timestampLast) = getReserves();
        if (amount0Out >= reserve0 || amount1Out >= reserve1) {
            revert InsufficientLiquidity(amount0Out, amount1Out, reserve0, reserve1);
        }
        if (to == token0 || to == token1) revert InvalidTo(to);

        // Optimistic transfers: the K check below makes the receiver pay (flash swap).
        if (amount0Out != 0) token0.safeTransfer(to, amount0Out);
        if (amount1Out != 0) token1.safeTransfer(to, amount1Out);
        if (data.length != 0) ICallee(to).uniswapV2Call(msg.sender, amount0Out, amount1Out, data);
        _settleSwap(amount0Out, amount1Out, to, reserve0, reserve1, timestampLast);
    }

    /// @dev The second half of swap (its own frame for the stack): measures the inputs, checks
    /// the fee-adjusted K, writes the reserves and emits Swap.
    function _settleSwap(
        uint256 amount0Out,
        uint256 amount1Out,
        address to,
        uint112 reserve0,
        uint112 reserve1,
        uint32 timestampLast
    ) private {
        (uint256 balance0, uint256 balance1) = _balances();
        uint256 amount0In;
        uint256 amount1In;
        // Outputs are below the reserves (checked by swap); inputs are at most the balances.
        unchecked {
            uint256 left0 = reserve0 - amount0Out;
            uint256 left1 = reserve1 - amount1Out;
            amount0In = balance0 > left0 ? balance0 - left0 : 0;
            amount1In = balance1 > left1 ? balance1 - left1 : 0;
            if (amount0In == 0 && amount1In == 0) revert InsufficientInputAmount();
            // The 0.3% fee is charged on inputs by scaling by 1000 and taking 3 per 1000 off.
            // Balances and reserves are below 2**112, so each product is below 2**244.
            uint256 kAfter = (balance0 * 1000 - amount0In * 3) * (balance1 * 1000 - amount1In * 3);
            uint256 kBefore = uint256(reserve0) * reserve1 * 1_000_000;
            if (kAfter < kBefore) revert KInvariant(kAfter, kBefore);
        }

        _update(balance0, balance1, reserve0, reserve1, timestampLast);
        emit Swap(msg.sender, amount0In, amount1In, amount0Out, amount1Out, to);
    }

    /// @inheritdoc IPair
    function skim(address to) external lock {
        (uint112 reserve0, uint112 reserve1, ) = getReserves();
        token0.safeTransfer(to, _balanceOf(token0) - reserve0);
        token1.safeTransfer(to, _balanceOf(token1) - reserve1);
    }

    /// @inheritdoc IPair
    function sync() external lock {
        (uint112 reserve0, uint112 reserve1, uint32 timestampLast) = getReserves();
        (uint256 balance0, uint256 balance1) = _balances();
        _update(balance0, balance1, reserve0, reserve1, timestampLast);
    }

    /// @dev Both balances, reverting if one cannot become a uint112 reserve.
    function _balances() private view returns (uint256 balance0, uint256 balance1) {
        balance0 = _balanceOf(token0);
        balance1 = _balanceOf(token1);
        if (balance0 > type(uint112).max || balance1 > type(uint112).max) revert Overflow(balance0, balance1);
    }

    /// @dev gas: -394 on amm.swap.pair, -789 on amm.removeLiquidity, -396 a hop on amm.swap.*, -14,044
    /// on amm.createPair (plain `IERC20(token).balanceOf(address(this))`); under 1% each, kept
    /// because plain makes every amm.* id 0.5-1.0% dearer, over the 0.3% issue 10 allows.
    function _balanceOf(address token) private view returns (uint256 amount) {
        assembly ("memory-safe") {
            mstore(0x00, 0x70a0823100000000000000000000000000000000000000000000000000000000) // balanceOf(address)
            mstore(0x04, address())
            // staticcall runs first (Yul evaluates arguments right to left).
            if iszero(and(gt(returndatasize(), 31), staticcall(gas(), token, 0x00, 0x24, 0x00, 0x20))) {
                returndatacopy(0x00, 0x00, returndatasize())
                revert(0x00, returndatasize())
            }
            amount := mload(0x00)
        }
    }

    /// @dev Writes the new reserves and, at the first update of a block, accumulates the prices
    /// that held until now. Balances were checked to fit uint112 by _balances.
    function _update(
        uint256 balance0,
        uint256 balance1,
        uint112 reserve0,
        uint112 reserve1,
        uint32 timestampLast
    ) private {
        // Timestamps are kept mod 2**32 and their difference wraps, as in V2; the accumulators
        // wrap mod 2**256 by design (oracles subtract two readings).
        unchecked {
            uint32 timestamp = uint32(block.timestamp);
            uint32 elapsed = timestamp - timestampLast;
            if (elapsed != 0 && reserve0 != 0 && reserve1 != 0) {
                // UQ112x112: (r << 112) / r' < 2**224, times a uint32 < 2**256.
                price0CumulativeLast += ((uint256(reserve1) << 112) / reserve0) * elapsed;
                price1CumulativeLast += ((uint256(reserve0) << 112) / reserve1) * elapsed;
            }
            _reserve0 = uint112(balance0);
            _reserve1 = uint112(balance1);
            _blockTimestampLast = timestamp;
        }
        emit Sync(uint112(balance0), uint112(balance1));
    }

    /// @dev Mints the protocol fee (1/6 of the growth of sqrt(k) since the last liquidity event)
    /// to feeTo, as V2: liquidity = supply·(√k − √kLast) / (5·√k + √kLast). Reads kLast only if
    /// the fee was ever on: before that kLast is 0 (it is written only while the fee is on), and
    /// V2's `else if (kLast != 0) kLast = 0` has nothing to do.
    function _mintFee(uint112 reserve0, uint112 reserve1) private returns (bool feeOn) {
        address feeTo;
        bool feeWasEverOn;
        address factory_ = factory;
        /// @dev gas: -25,688 on amm.createPair, -292 on amm.addLiquidity and amm.removeLiquidity
        /// (plain `IPairFactory(factory_).feeState()`).
        // IPairFactory(factory).feeState() without ABI re-validation: the factory deployed this
        // pair and is trusted (as in V2), so its answer is two clean words.
        assembly ("memory-safe") {
            mstore(0x00, 0x1e1f5d4500000000000000000000000000000000000000000000000000000000) // feeState()
            if iszero(staticcall(gas(), factory_, 0x00, 0x04, 0x00, 0x40)) {
                let ptr := mload(0x40)
                returndatacopy(ptr, 0x00, returndatasize())
                revert(ptr, returndatasize())
            }
            feeTo := mload(0x00)
            feeWasEverOn := mload(0x20)
        }
        if (!feeWasEverOn) return false;
        feeOn = feeTo != address(0);
        uint256 lastK = kLast;
        if (feeOn) {
            if (lastK != 0) {
                uint256 rootK = Math.sqrt(uint256(reserve0) * reserve1);
                uint256 rootKLast = Math.sqrt(lastK);
                if (rootK > rootKLast) {
                    uint256 liquidity = (totalSupply * (rootK - rootKLast)) / (rootK * 5 + rootKLast);
                    if (liquidity != 0) _mint(feeTo, liquidity);
                }
            }
        } else if (lastK != 0) {
            kLast = 0;
        }
    }
}
