// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IFarm} from "./IFarm.sol";

/// @title Borrower mining: a token paid per second pro rata to each market's borrow shares
/// @notice Every Furrow lending market created while this contract is the factory's is fixed to report
/// here, before each change of an account's borrow shares, the shares the account and the market had
/// until then (`onBorrowChange`). Accrual is Compound's: per market an index
/// `index += emitted * 1e24 / totalShares`, per account `owed += shares * (index - accountIndex) / 1e24`;
/// an account's index starts wherever the market's is when it first reports, and with zero shares it
/// accrues nothing, so no uninitialised index can pay for the past.
///
/// Budget: what is emitted is limited by the reserve (token balance minus emitted and unpaid), so it
/// never promises more than it holds; a plain transfer funds it. Speed: a market's borrow-side speed
/// may not exceed what the Farm emits to suppliers staking that market's shares (`supplySpeed`), which
/// keeps borrow-to-farm loops from paying more than they cost the protocol.
interface IBorrowRewards {
    /// @notice Per-market accrual state, one slot (read and written together on every report).
    /// @param index Reward per borrow share, scaled by 1e24, wrapping at 2^160: only differences are
    /// used, and no account can go 2^160 / 1e24 tokens per share without a report (a wrap could only
    /// under-pay, never pay more than was emitted).
    /// @param lastUpdate When the index was last brought to date.
    /// @param listed Whether the factory listed the market (only listed markets may report).
    struct MarketState {
        uint160 index;
        uint40 lastUpdate;
        bool listed;
    }

    /// @notice Per-market configuration, one slot (read on every report, written by the owner).
    struct MarketConfig {
        uint96 rewardPerSecond;
        uint32 pid;
    }

    /// @notice Per-account state in one market, one slot.
    /// @param index The market index when the account last reported.
    /// @param owed Accrued and unclaimed (saturating at 2^96 - 1, 79 billion tokens of 18 decimals).
    struct AccountState {
        uint160 index;
        uint96 owed;
    }

    /// @notice The factory listed `market`: it may report.
    event MarketAdded(address indexed market);
    /// @notice The owner set `market`'s speed to `rewardPerSecond`, bounded by farm pool `pid`.
    event RewardSpeedSet(address indexed market, uint256 indexed pid, uint256 rewardPerSecond);
    /// @notice `account` claimed `amount` from `market`, sent to `to`.
    event RewardClaimed(address indexed market, address indexed account, address indexed to, uint256 amount);
    /// @notice `funder` added `amount` through `fund`.
    event Funded(address indexed funder, uint256 amount);
    /// @notice The owner took `amount` of the unallocated reserve.
    event Reclaimed(address indexed to, uint256 amount);

    /// @notice The caller is not a market of the factory.
    error NotMarket(address caller);
    /// @notice Only the factory may list markets.
    error NotFactory(address caller);
    /// @notice `rewardPerSecond` does not fit the packed speed.
    error SpeedTooLarge(uint256 rewardPerSecond);
    /// @notice The zero address was given.
    error ZeroAddress();
    /// @notice Farm pool `pid` does not stake `market`'s shares.
    error PoolMismatch(address market, uint256 pid);
    /// @notice `rewardPerSecond` is above the supply side's `supplySpeed`.
    error SpeedAboveSupplySide(uint256 rewardPerSecond, uint256 supplySpeed);
    /// @notice `amount` is more than the unallocated reserve `reserve`.
    error InsufficientReserve(uint256 amount, uint256 reserve);

    /// @notice The farm whose emission bounds the speeds.
    function farm() external view returns (IFarm);

    /// @notice The token paid.
    function rewardToken() external view returns (IERC20);

    /// @notice The market factory whose markets may report.
    function factory() external view returns (address);

    /// @notice Tokens not yet emitted, as last counted: balance minus what was emitted and not yet
    /// claimed, refreshed by `fund` and `sync` (a plain transfer counts from the next `sync`).
    function reserve() external view returns (uint256);

    /// @notice `market`'s state.
    function marketState(address market) external view returns (MarketState memory);

    /// @notice `market`'s configuration.
    function marketConfig(address market) external view returns (MarketConfig memory);

    /// @notice `account`'s state in `market`.
    function accountState(address market, address account) external view returns (AccountState memory);

    /// @notice List `market` (factory only, when it creates it).
    function addMarket(address market) external;

    /// @notice What the Farm emits per second to pool `pid` now.
    function supplySpeed(uint256 pid) external view returns (uint256);

    /// @notice What `account` can claim from `market` now.
    function pendingReward(address market, address account) external view returns (uint256);

    /// @notice Called by a market before it changes `account`'s borrow shares, with the shares
    /// `account` and the market had until now.
    function onBorrowChange(address account, uint256 accountShares, uint256 totalShares) external;

    /// @notice Pay the caller's rewards from `market` to `to`; returns the amount.
    function claim(address market, address to) external returns (uint256 amount);

    /// @notice Set `market`'s speed (owner), bounded by farm pool `pid`'s speed, which must stake the
    /// market's shares.
    function setRewardSpeed(address market, uint256 pid, uint256 rewardPerSecond) external;

    /// @notice Lower `market`'s speed to the supply side's if the Farm now emits less (anyone).
    function syncSpeed(address market) external;

    /// @notice Credit reward tokens sent by plain transfer to the reserve (anyone).
    function sync() external;

    /// @notice Pull `amount` of the reward token from the caller (what arrives is credited).
    function fund(uint256 amount) external;

    /// @notice Take `amount` of the unallocated reserve to `to` (owner).
    function reclaim(uint256 amount, address to) external;
}
