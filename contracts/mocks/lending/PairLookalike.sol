// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice Test-only contract that answers what MarketFactory asks a Uniswap-V2-style LP token and its
/// factory (`token0`, `token1`, `factory`, `getPair`), each answer settable or made to fail, and a
/// bytes32 `symbol` (as MKR's), and ERC-4626's `asset` (a vault share, or a circular chain of them):
/// every branch of the factory's LP-token and vault detection and symbol reading.
contract PairLookalike {
    /// @notice How a question is answered: with the set address, by reverting, or with no data.
    enum Answer {
        Value,
        Revert,
        Empty
    }

    address public token0Value;
    address public token1Value;
    address public factoryValue;
    address public pairValue;
    address public assetValue;
    mapping(bytes4 selector => Answer) public answers;

    /// @notice The question was set to be refused.
    error Refused(bytes4 selector);

    /// @notice A bytes32 symbol: 32 bytes of return data, not an ABI string.
    function symbol() external pure returns (bytes32) {
        return "LOOK";
    }

    function set(address token0_, address token1_, address factory_, address pair_) external {
        token0Value = token0_;
        token1Value = token1_;
        factoryValue = factory_;
        pairValue = pair_;
    }

    function setAsset(address asset_) external {
        assetValue = asset_;
    }

    function setAnswer(bytes4 selector, Answer answer) external {
        answers[selector] = answer;
    }

    function token0() external view returns (address) {
        return _answer(this.token0.selector, token0Value);
    }

    function token1() external view returns (address) {
        return _answer(this.token1.selector, token1Value);
    }

    function factory() external view returns (address) {
        return _answer(this.factory.selector, factoryValue);
    }

    /// @dev As a factory: the pair of any two tokens is `pairValue`.
    function getPair(address, address) external view returns (address) {
        return _answer(this.getPair.selector, pairValue);
    }

    /// @dev As a vault share: it holds `assetValue` (none when zero: no contract there).
    function asset() external view returns (address) {
        return _answer(this.asset.selector, assetValue);
    }

    function _answer(bytes4 selector, address value) private view returns (address) {
        Answer a = answers[selector];
        if (a == Answer.Revert) revert Refused(selector);
        if (a == Answer.Empty) {
            assembly ("memory-safe") {
                return(0, 0)
            }
        }
        return value;
    }
}
