// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @notice The two ERC-777 hooks a holder can register (ERC-1820's role, reduced to a mapping).
interface ITransferHooks {
    function tokensToSend(address operator, address from, address to, uint256 amount) external;

    function tokensReceived(address operator, address from, address to, uint256 amount) external;
}

/// @notice Test-only ERC-20 with imBTC's ERC-777 behaviour: a holder may register a hook contract,
/// called with `tokensToSend` before tokens leave the holder (balances not yet moved) and with
/// `tokensReceived` after tokens arrive. Plain `transfer`/`transferFrom` run the hooks too, as
/// ERC-777's ERC-20 functions do: that is what let the imBTC seller re-enter Uniswap V1.
contract Erc777LikeToken is ERC20 {
    mapping(address holder => address implementer) public hookOf;

    constructor() ERC20("ERC-777-like", "IMBTC") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Registers `implementer` as the caller's hook (zero: none).
    function setHook(address implementer) external {
        hookOf[msg.sender] = implementer;
    }

    function transfer(address to, uint256 amount) public override returns (bool) {
        _send(msg.sender, msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) public override returns (bool) {
        _spendAllowance(from, msg.sender, amount);
        _send(msg.sender, from, to, amount);
        return true;
    }

    function _send(address operator, address from, address to, uint256 amount) private {
        address sendHook = hookOf[from];
        if (sendHook != address(0)) ITransferHooks(sendHook).tokensToSend(operator, from, to, amount);
        _transfer(from, to, amount);
        address receiveHook = hookOf[to];
        if (receiveHook != address(0)) ITransferHooks(receiveHook).tokensReceived(operator, from, to, amount);
    }
}
