// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPairFactory
/// @notice Creates one pair per unordered pair of tokens at a CREATE2 address, and holds the
/// protocol-fee settings. ABI-compatible with IUniswapV2Factory.
interface IPairFactory {
    /// @notice A pair was created; `allPairsLength` counts it.
    event PairCreated(address indexed token0, address indexed token1, address pair, uint256 allPairsLength);
    /// @notice The protocol-fee recipient changed (address(0): fee off).
    event FeeToSet(address feeTo);
    /// @notice The account that may set the fee recipient changed.
    event FeeToSetterSet(address feeToSetter);

    /// @notice Both tokens are `token`.
    error IdenticalAddresses(address token);
    /// @notice One of the tokens is address(0).
    error ZeroAddress();
    /// @notice `pair` already exists for `token0`/`token1`.
    error PairExists(address token0, address token1, address pair);
    /// @notice `caller` is not the fee-to setter.
    error Forbidden(address caller);

    /// @notice keccak256 of the Pair's creation code, computed from the compiled contract when the
    /// factory was deployed. Pair address = CREATE2(factory, keccak256(token0, token1), this).
    function PAIR_INIT_CODE_HASH() external view returns (bytes32);

    /// @notice Receives the protocol fee (1/6 of LP fee growth) when non-zero.
    function feeTo() external view returns (address);

    /// @notice `feeTo` and whether it has ever been non-zero, read in one call (one storage slot) by
    /// pairs at every mint and burn. While `feeWasEverOn` is false no pair can hold a non-zero
    /// `kLast` (it is only written while the fee is on), so pairs skip reading it.
    function feeState() external view returns (address feeTo, bool feeWasEverOn);

    /// @notice May change `feeTo` and itself.
    function feeToSetter() external view returns (address);

    /// @notice The pair of `tokenA` and `tokenB` (either order), or address(0).
    function getPair(address tokenA, address tokenB) external view returns (address pair);

    /// @notice The `index`-th pair created.
    function allPairs(uint256 index) external view returns (address pair);

    /// @notice How many pairs were created.
    function allPairsLength() external view returns (uint256);

    /// @notice Creates the pair of `tokenA` and `tokenB`.
    function createPair(address tokenA, address tokenB) external returns (address pair);

    /// @notice Sets the protocol-fee recipient. Only `feeToSetter`.
    function setFeeTo(address feeTo) external;

    /// @notice Hands the fee-to setter role to `feeToSetter`. Only `feeToSetter`.
    function setFeeToSetter(address feeToSetter) external;

    /// @notice The tokens of the pair being created, read by its constructor; zero outside createPair.
    function pairParameters() external view returns (address token0, address token1);
}
