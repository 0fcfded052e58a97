// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Wrapper} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Wrapper.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {IStakedFUR} from "../interfaces/IStakedFUR.sol";
import {IPair} from "../interfaces/IPair.sol";

/// @title StakedFUR (sFUR)
/// @notice See {IStakedFUR}. Streaming maths (docs/revenue.md): each token's stream pays `rate / PRECISION`
/// per second to all holders together; `rewardPerToken` grows by `elapsed * rate / totalSupply` at each
/// settlement and an account earns `balance * (rewardPerToken - paid) / PRECISION`. Every division
/// rounds down, so Σ paid + Σ earned never exceeds Σ notified.
contract StakedFUR is
    ERC20,
    ERC20Permit,
    ERC20Votes,
    ERC20Wrapper,
    Ownable,
    ReentrancyGuardTransient,
    IStakedFUR
{
    using SafeERC20 for IERC20;

    /// @inheritdoc IStakedFUR
    uint256 public constant REWARD_DURATION = 7 days;
    /// @inheritdoc IStakedFUR
    uint256 public constant PRECISION = 1e27;
    /// @inheritdoc IStakedFUR
    uint256 public constant MAX_REWARD_TOKENS = 8;
    /// @notice Gas each reward transfer of `getReward` may use: a token that burns more only defers
    /// its own payment, never the others'.
    uint256 public constant PAYMENT_GAS = 200_000;
    /// @dev Largest amount one notify may add: keeps `received * PRECISION` far below 2^256.
    uint256 private constant MAX_NOTIFY = type(uint160).max;

    /// @dev One slot, read at every settlement: when the streams were last accrued and how many tokens.
    struct Clock {
        uint40 lastUpdate;
        uint8 count;
    }

    /// @dev One slot per token, read at every accrual: rate (PRECISION units per second, all holders
    /// together; uint208 holds any rate a notify below MAX_NOTIFY gives), end while sFUR exists, listed.
    struct Stream {
        uint40 periodFinish;
        uint208 rate;
        bool listed;
    }

    /// @dev What an account was last settled at (`paid`, a rewardPerToken) and what it is owed.
    struct Account {
        uint256 paid;
        uint256 owed;
    }

    Clock private _clock;
    IERC20[MAX_REWARD_TOKENS] private _tokens;
    mapping(IERC20 token => Stream) private _streams;
    mapping(IERC20 token => uint256) private _rewardPerToken;
    mapping(address account => mapping(IERC20 token => Account)) private _accounts;

    /// @param fur The token wrapped 1:1 (FUR).
    /// @param owner_ Allow-lists reward tokens (the Timelock).
    constructor(
        IERC20 fur,
        address owner_
    ) ERC20("Staked Furrow", "sFUR") ERC20Permit("Staked Furrow") ERC20Wrapper(fur) Ownable(owner_) {}

    // ------------------------------------------------------------------ rewards

    /// @inheritdoc IStakedFUR
    function addRewardToken(IERC20 token) external onlyOwner {
        if (address(token) == address(0) || address(token) == address(this)) revert InvalidRewardToken(token);
        Stream storage stream = _streams[token];
        if (stream.listed) revert RewardTokenExists(token);
        Clock memory c = _clock;
        if (c.count == MAX_REWARD_TOKENS) revert TooManyRewardTokens(MAX_REWARD_TOKENS);
        stream.listed = true;
        _tokens[c.count] = token;
        // count < MAX_REWARD_TOKENS = 8, checked above.
        unchecked {
            _clock.count = c.count + 1;
        }
        emit RewardTokenAdded(token);
    }

    /// @inheritdoc IStakedFUR
    function notifyRewardAmount(IERC20 token, uint256 amount) external nonReentrant {
        if (!_streams[token].listed) revert NotRewardToken(token);
        if (amount == 0) revert ZeroReward(token);
        _accrue(totalSupply());
        uint256 balance = token.balanceOf(address(this));
        token.safeTransferFrom(msg.sender, address(this), amount);
        uint256 received = token.balanceOf(address(this)) - balance;
        if (received == 0) revert ZeroReward(token);
        _stream(token, received);
    }

    /// @inheritdoc IStakedFUR
    function burnAndNotify(IPair pair) external nonReentrant returns (uint256 received0, uint256 received1) {
        IERC20 token0 = IERC20(pair.token0());
        IERC20 token1 = IERC20(pair.token1());
        if (!_streams[token0].listed) revert NotRewardToken(token0);
        if (!_streams[token1].listed) revert NotRewardToken(token1);
        // One balance cannot be counted as two tokens' receipts.
        if (token0 == token1) revert InvalidRewardToken(token1);
        _accrue(totalSupply());
        uint256 balance0 = token0.balanceOf(address(this));
        uint256 balance1 = token1.balanceOf(address(this));
        // Whatever `pair` is, nothing it calls back can move this contract's balances except by
        // giving it tokens: notifies, claims, deposits and withdrawals are all behind this lock.
        pair.burn(address(this));
        received0 = token0.balanceOf(address(this)) - balance0;
        received1 = token1.balanceOf(address(this)) - balance1;
        if (received0 == 0 && received1 == 0) revert ZeroReward(token0);
        if (received0 != 0) _stream(token0, received0);
        if (received1 != 0) _stream(token1, received1);
    }

    /// @dev Streams `received` more of `token` (already accrued to now and held here) over
    /// REWARD_DURATION from now, with what was left of the current stream.
    function _stream(IERC20 token, uint256 received) private {
        if (received > MAX_NOTIFY) revert RewardTooLarge(received, MAX_NOTIFY);
        Stream storage stream = _streams[token];
        uint256 finish = stream.periodFinish;
        uint256 remaining = finish > block.timestamp ? (finish - block.timestamp) * stream.rate : 0;
        // Rounding down leaves less than REWARD_DURATION units of PRECISION, i.e. under 1 wei, unstreamed.
        uint256 rate = (received * PRECISION + remaining) / REWARD_DURATION;
        if (rate > type(uint208).max) revert RewardRateTooHigh(rate, type(uint208).max);
        finish = block.timestamp + REWARD_DURATION;
        // rate checked above; finish < 2^40 until the year 36,812.
        stream.rate = uint208(rate);
        stream.periodFinish = uint40(finish);
        emit RewardNotified(token, msg.sender, received, rate, finish);
    }

    /// @inheritdoc IStakedFUR
    function getReward() external nonReentrant {
        uint256 count = _accrue(totalSupply());
        _settle(msg.sender, balanceOf(msg.sender), count);
        for (uint256 i; i < count; ++i) {
            IERC20 token = _tokens[i];
            Account storage a = _accounts[msg.sender][token];
            uint256 owed = a.owed;
            if (owed == 0) continue;
            a.owed = 0;
            if (_tryTransfer(token, msg.sender, owed)) {
                emit RewardPaid(msg.sender, token, owed);
            } else {
                a.owed = owed;
                emit RewardPaymentFailed(msg.sender, token, owed);
            }
        }
    }

    /// @inheritdoc IStakedFUR
    function earned(address account, IERC20 token) external view returns (uint256) {
        Stream memory stream = _streams[token];
        if (!stream.listed) revert NotRewardToken(token);
        uint256 rpt = _rewardPerToken[token];
        uint256 supply = totalSupply();
        uint256 last = _clock.lastUpdate;
        if (supply != 0 && last < stream.periodFinish) {
            uint256 end = block.timestamp < stream.periodFinish ? block.timestamp : stream.periodFinish;
            rpt += ((end - last) * stream.rate) / supply;
        }
        Account memory a = _accounts[account][token];
        return a.owed + (balanceOf(account) * (rpt - a.paid)) / PRECISION;
    }

    /// @inheritdoc IStakedFUR
    function isRewardToken(IERC20 token) external view returns (bool) {
        return _streams[token].listed;
    }

    /// @inheritdoc IStakedFUR
    function rewardTokens() external view returns (IERC20[] memory tokens) {
        uint256 count = _clock.count;
        tokens = new IERC20[](count);
        for (uint256 i; i < count; ++i) tokens[i] = _tokens[i];
    }

    /// @inheritdoc IStakedFUR
    function rewardStream(
        IERC20 token
    ) external view returns (uint256 rate, uint256 periodFinish, uint256 rewardPerToken) {
        Stream memory stream = _streams[token];
        if (!stream.listed) revert NotRewardToken(token);
        return (stream.rate, stream.periodFinish, _rewardPerToken[token]);
    }

    // ------------------------------------------------------------------ wrapping

    /// @notice Wraps `value` FUR of the caller into sFUR for `account`. Behind the rewards' lock, like
    /// every other change of what this contract holds (see `burnAndNotify`).
    function depositFor(address account, uint256 value) public override nonReentrant returns (bool) {
        return super.depositFor(account, value);
    }

    /// @notice Unwraps `value` sFUR of the caller into FUR for `account`. Behind the rewards' lock.
    function withdrawTo(address account, uint256 value) public override nonReentrant returns (bool) {
        return super.withdrawTo(account, value);
    }

    // ------------------------------------------------------------------ votes clock

    /// @notice ERC-6372 clock: seconds, like FUR's, so the governor reads both at the same timepoints.
    function clock() public view override returns (uint48) {
        // block.timestamp fits in 48 bits for the next ~8.9 million years.
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override returns (string memory) {
        return "mode=timestamp";
    }

    /// @notice The votes available at `timepoint`: FUR's total supply then. sFUR votes are FUR's votes
    /// (the FUR inside sFUR never delegates), so the pool they are part of, and the Governor's quorum
    /// base, is FUR's supply; sFUR keeps no total-supply history of its own (see `_transferVotingUnits`).
    function getPastTotalSupply(uint256 timepoint) public view override returns (uint256) {
        return IVotes(address(underlying())).getPastTotalSupply(timepoint);
    }

    function decimals() public view override(ERC20, ERC20Wrapper) returns (uint8) {
        return super.decimals();
    }

    function nonces(address owner_) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner_);
    }

    // ------------------------------------------------------------------ internals

    /// @dev Every balance change (mint, burn, transfer) settles both accounts at the old balances first.
    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        uint256 count = _accrue(totalSupply());
        if (from != address(0)) _settle(from, balanceOf(from), count);
        if (to != address(0) && to != from) _settle(to, balanceOf(to), count);
        super._update(from, to, value);
    }

    /// @dev Moves delegated votes only. OpenZeppelin's version also pushes a total-supply checkpoint
    /// on every mint and burn (a fresh slot each second) and reads the delegate of address(0), which
    /// can never delegate; sFUR's past total supply is FUR's (`getPastTotalSupply`), so neither is needed.
    /// @dev gas: -32,809 on staking.deposit and -32,809 on staking.withdraw
    function _transferVotingUnits(address from, address to, uint256 amount) internal override {
        _moveDelegateVotes(
            from == address(0) ? address(0) : delegates(from),
            to == address(0) ? address(0) : delegates(to),
            amount
        );
    }

    /// @dev Brings every stream to now at `supply` and returns the token count. While nothing is staked
    /// the streams' clocks stand still: each end moves later by the time that passed, so what was left
    /// to stream is streamed in full once someone stakes.
    function _accrue(uint256 supply) private returns (uint256 count) {
        Clock memory c = _clock;
        count = c.count;
        uint256 last = c.lastUpdate;
        if (last == block.timestamp) return count;
        for (uint256 i; i < count; ++i) {
            IERC20 token = _tokens[i];
            Stream storage stream = _streams[token];
            uint256 finish = stream.periodFinish;
            if (last >= finish) continue;
            if (supply == 0) {
                // now + (finish - last) < 2^40 for the next thirty thousand years.
                stream.periodFinish = uint40(block.timestamp + finish - last);
            } else {
                uint256 end = block.timestamp < finish ? block.timestamp : finish;
                _rewardPerToken[token] += ((end - last) * stream.rate) / supply;
            }
        }
        // block.timestamp < 2^40 until the year 36,812.
        _clock.lastUpdate = uint40(block.timestamp);
    }

    /// @dev Credits `account` (holding `balance` since its last settlement) up to the accrued streams.
    function _settle(address account, uint256 balance, uint256 count) private {
        for (uint256 i; i < count; ++i) {
            IERC20 token = _tokens[i];
            uint256 rpt = _rewardPerToken[token];
            Account storage a = _accounts[account][token];
            uint256 paid = a.paid;
            if (paid == rpt) continue;
            if (balance != 0) a.owed += (balance * (rpt - paid)) / PRECISION;
            a.paid = rpt;
        }
    }

    /// @dev `token.transfer(to, amount)` with at most PAYMENT_GAS and at most 32 bytes of return data
    /// copied: true when it returned true, or returned nothing from an address that has code.
    /// Virtual only so that a test mock can show what a reverting payment would do (mocks/revenue).
    function _tryTransfer(IERC20 token, address to, uint256 amount) internal virtual returns (bool ok) {
        bytes memory data = abi.encodeCall(IERC20.transfer, (to, amount));
        assembly ("memory-safe") {
            mstore(0x00, 0)
            ok := call(PAYMENT_GAS, token, 0, add(data, 0x20), mload(data), 0x00, 0x20)
            if ok {
                switch returndatasize()
                case 0 {
                    ok := gt(extcodesize(token), 0)
                }
                default {
                    ok := and(gt(returndatasize(), 31), eq(mload(0x00), 1))
                }
            }
        }
    }
}
