// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRewarder} from "./IRewarder.sol";
import {IRewardToken} from "./IRewardToken.sol";

/// @title Furrow farm: MasterChef-style staking with O(1) admin, exact accrual and nothing to rug
/// @notice Stake a pool's token (an AMM LP token, or any ERC-20 including FUR itself) and earn FUR at
/// `rewardPerSecond()`, split between pools by allocation points and inside a pool by stake.
///
/// Accrual, the formula a user can check (S_G = 1e18, S = 1e30, all divisions round down):
///   global index   G += rewardPerSecond * dt * S_G / totalAllocPoint     (once per second, any action)
///   pool index     acc += allocPoint * (G - G_pool) * (S / S_G) / totalStaked   (G_pool := G)
///   user reward    accrued += amount * (acc - acc_user) / S                  (acc_user := acc)
/// Admin changes first bring G up to date, so they are O(1) and never retroactive.
/// Rounding: each of the three lines rounds down once. A staker with `amount` of a pool holding
/// `totalStaked` loses less than amount/S + (amount/totalStaked) * allocPoint/S_G wei per pool update
/// and less than 1 wei per own action; for totals up to 1e30 and allocPoint < 2^32 that is < 1 wei per
/// action, and every reward of >= 1 wei per pool update moves `acc` (S >= 1e30 >= totalStaked).
/// Above 1e30 (stakes go to 2^104 - 1, about 2.03e31) the per-update loss grows to about
/// amount / 1e30 wei (at most ~21 wei at the largest stake), and a pool reward below
/// totalStaked / 1e30 wei per update moves no index: it stays in the farm, owed to nobody.
///
/// FUR is minted ahead of payouts, in batches of one day of emission, into the farm itself: a harvest
/// is then a plain transfer instead of a mint (which writes an ERC20Votes supply checkpoint). Emission
/// is only ever credited to pools when it is backed by minted FUR; when `mintableSupply()` runs out
/// (or the farm loses MINTER_ROLE), the farm pays what it holds and stops accruing - deposits,
/// withdrawals and harvests never revert because of it.
///
/// Stake is tracked per pool inside the farm (fee-on-transfer tokens are credited what arrived;
/// rebasing tokens are unsupported: rebases are not seen by the farm's accounting).
/// Events keep MiniChefV2's names so tools that index MasterChefs read this farm.
interface IFarm {
    /// @notice A pool as `poolInfo` returns it.
    /// @param accRewardPerShare Pool index `acc`: FUR per staked token, scaled by 1e30 (wraps mod 2^192).
    /// @param accRewardPerAllocPoint `G_pool`: the global index when the pool last caught up (mod 2^152).
    /// @param allocPoint The pool's share of the emission.
    /// @param totalStaked Stake held for the pool (what the farm received, not its token balance).
    struct PoolInfo {
        uint256 accRewardPerShare;
        uint256 accRewardPerAllocPoint;
        uint256 allocPoint;
        uint256 totalStaked;
    }

    /// @notice A user's position as `userInfo` returns it.
    /// @param amount Staked amount.
    /// @param accrued FUR settled to the user but not yet harvested.
    /// @param accRewardPerSharePaid The pool index when `accrued` was last settled.
    struct UserInfo {
        uint256 amount;
        uint256 accrued;
        uint256 accRewardPerSharePaid;
    }

    /// @notice `amount` of pool `pid`'s token was credited to `to`'s stake, paid by `user`.
    event Deposit(address indexed user, uint256 indexed pid, uint256 amount, address indexed to);
    /// @notice `amount` of `user`'s stake in pool `pid` was sent to `to`.
    event Withdraw(address indexed user, uint256 indexed pid, uint256 amount, address indexed to);
    /// @notice `user` took `amount` out of pool `pid` to `to`, forfeiting unharvested FUR.
    event EmergencyWithdraw(address indexed user, uint256 indexed pid, uint256 amount, address indexed to);
    /// @notice `user` harvested `amount` FUR from pool `pid`.
    event Harvest(address indexed user, uint256 indexed pid, uint256 amount);
    /// @notice Pool `pid` was added.
    event LogPoolAddition(
        uint256 indexed pid,
        uint256 allocPoint,
        IERC20 indexed lpToken,
        IRewarder indexed rewarder
    );
    /// @notice Pool `pid` got `allocPoint` (and `rewarder` if `overwrite`).
    event LogSetPool(uint256 indexed pid, uint256 allocPoint, IRewarder indexed rewarder, bool overwrite);
    /// @notice The emission rate became `rewardPerSecond`.
    event LogRewardPerSecond(uint256 rewardPerSecond);
    /// @notice The farm minted `amount` FUR to itself ahead of payouts.
    event RewardsMinted(uint256 amount);
    /// @notice The rewarder of pool `pid` failed during a withdraw, harvest or emergency withdraw (or when
    /// told it was replaced); the farm's own state change went through anyway.
    event RewarderFailed(uint256 indexed pid, IRewarder indexed rewarder);

    /// @notice `pid` is not a pool.
    error UnknownPool(uint256 pid);
    /// @notice A pool for `lpToken` exists already (two pools of one token would share its balance).
    error PoolExists(IERC20 lpToken);
    /// @notice The zero address was given where a token is needed.
    error ZeroAddressToken();
    /// @notice Rewards or stake would be sent to (or credited to) the zero address.
    error InvalidRecipient(address to);
    /// @notice `allocPoint` is above `MAX_ALLOC_POINT()`.
    error AllocPointTooLarge(uint256 allocPoint, uint256 max);
    /// @notice `rewardPerSecond` is above `MAX_REWARD_PER_SECOND()`.
    error RewardPerSecondTooLarge(uint256 rewardPerSecond, uint256 max);
    /// @notice The start time does not fit the farm's 32-bit timestamps.
    error StartTimeTooLate(uint256 startTime, uint256 max);
    /// @notice A withdrawal of `amount` exceeds the caller's stake `staked`.
    error InsufficientStake(uint256 amount, uint256 staked);
    /// @notice The pool's stake would pass `max` (2^104 - 1) with this deposit.
    error StakeTooLarge(uint256 total, uint256 max);
    /// @notice A withdraw, harvest or emergency withdraw from a pool with a rewarder was sent with too
    /// little gas to give the rewarder its full budget (so a caller cannot make it fail on purpose).
    error InsufficientGasForRewarder(uint256 gasLeft, uint256 needed);

    /// @notice The FUR token the farm mints and pays.
    function rewardToken() external view returns (IRewardToken);

    /// @notice Nothing accrues before this time.
    function startTime() external view returns (uint256);

    /// @notice Upper bound of `setRewardPerSecond`: 100 FUR per second, fixed at compile time.
    function MAX_REWARD_PER_SECOND() external view returns (uint256);

    /// @notice Upper bound of a pool's allocation points: 2^32 - 1.
    function MAX_ALLOC_POINT() external view returns (uint256);

    /// @notice Gas given to a pool's rewarder during `withdraw`, `withdrawAndHarvest`, `harvest`,
    /// `emergencyWithdraw` and its detach (deposits call it with all the gas they have).
    function EMERGENCY_REWARDER_GAS() external view returns (uint256);

    /// @notice Emission of all pools together, in FUR wei per second.
    function rewardPerSecond() external view returns (uint256);

    /// @notice Sum of all pools' allocation points.
    function totalAllocPoint() external view returns (uint256);

    /// @notice Number of pools; pool ids are 0 .. poolLength() - 1.
    function poolLength() external view returns (uint256);

    /// @notice The token staked in pool `pid`.
    function lpToken(uint256 pid) external view returns (IERC20);

    /// @notice The bonus rewarder of pool `pid` (address(0): none).
    function rewarder(uint256 pid) external view returns (IRewarder);

    /// @notice Pool `pid` as stored (its indexes as of its last update).
    function poolInfo(uint256 pid) external view returns (PoolInfo memory);

    /// @notice `user`'s position in pool `pid`; the first field is the staked amount.
    function userInfo(uint256 pid, address user) external view returns (UserInfo memory);

    /// @notice FUR `user` would receive from `harvest(pid, ...)` now.
    function pendingReward(uint256 pid, address user) external view returns (uint256);

    /// @notice The global index `G` (FUR per allocation point, scaled by 1e18, mod 2^152) as of now.
    function accRewardPerAllocPoint() external view returns (uint256);

    /// @notice Minted FUR held for emission not yet credited to pools, and the time up to which
    /// emission at the current rate is already backed by it.
    function rewardReserve() external view returns (uint256 reserve, uint256 fundedUntil);

    /// @notice Adds a pool for `lpToken_` with `allocPoint` and an optional `rewarder_`. Owner only.
    /// @dev O(1): settles the global index at the old weights first. Reverts with `PoolExists` for a
    /// token that has a pool.
    function add(uint256 allocPoint, IERC20 lpToken_, IRewarder rewarder_) external;

    /// @notice Sets pool `pid`'s allocation points, and its rewarder if `overwrite`. Owner only.
    /// @dev O(1): settles the global index and the pool at the old weights first. A changed rewarder:
    /// the old one gets `onDetach` (bounded, failure ignored), the new one `onAttach` with the pool's
    /// stake (a revert stops the `set`). Passing the current rewarder again changes nothing.
    function set(uint256 pid, uint256 allocPoint, IRewarder rewarder_, bool overwrite) external;

    /// @notice Sets the emission rate (at most `MAX_REWARD_PER_SECOND()`). Owner only; O(1).
    function setRewardPerSecond(uint256 rewardPerSecond_) external;

    /// @notice Brings the global index and pool `pid` up to date (anyone may call it).
    function updatePool(uint256 pid) external returns (PoolInfo memory);

    /// @notice Stakes `amount` of pool `pid`'s token from the caller for `to`.
    /// @dev Credits what the farm actually received (fee-on-transfer tokens).
    function deposit(uint256 pid, uint256 amount, address to) external;

    /// @notice `deposit` after an EIP-2612 permit of the caller to the farm (the permit is skipped if it
    /// fails, e.g. because it was front-run: the deposit then needs the allowance to exist).
    function depositWithPermit(
        uint256 pid,
        uint256 amount,
        address to,
        uint256 deadline,
        uint8 v,
        bytes32 r,
        bytes32 s
    ) external;

    /// @notice Sends `amount` of the caller's stake in pool `pid` to `to`; rewards stay accrued.
    function withdraw(uint256 pid, uint256 amount, address to) external;

    /// @notice Pays the caller's FUR from pool `pid` to `to`.
    function harvest(uint256 pid, address to) external;

    /// @notice `withdraw` and `harvest` in one call.
    function withdrawAndHarvest(uint256 pid, uint256 amount, address to) external;

    /// @notice Sends the caller's whole stake in pool `pid` to `to`, forfeiting unharvested FUR, which
    /// goes back to the reward reserve (settled FUR plus what the stake earned up to the pool's stored
    /// index) and backs later emission.
    /// @dev Never updates the pool or mints, and gives the rewarder at most `EMERGENCY_REWARDER_GAS()`
    /// with failures ignored, so neither FUR nor a rewarder can trap a stake. The leaver's share of the
    /// pool's not-yet-settled interval goes to the remaining stakers.
    function emergencyWithdraw(uint256 pid, address to) external;
}
