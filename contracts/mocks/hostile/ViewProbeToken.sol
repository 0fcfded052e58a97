// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {IFarm} from "../../interfaces/IFarm.sol";

/// @notice Test-only stake token (with EIP-2612 permit) that, once pointed at a farm, reads the farm's
/// views from inside every transfer - the pull into the farm and the push out of it alike - and
/// records what it saw: a read-only reentrancy probe. The views are `view` functions, so the calls
/// are STATICCALLs; only this token's own storage is written.
contract ViewProbeToken is ERC20, ERC20Permit {
    /// @notice What the farm's views said from inside one transfer (after this token's balances moved).
    struct Reading {
        address from;
        address to;
        uint256 value;
        uint256 farmBalance;
        IFarm.PoolInfo pool;
        IFarm.UserInfo user0;
        IFarm.UserInfo user1;
        uint256 pending0;
        uint256 pending1;
        uint256 accRewardPerAllocPoint;
        uint256 reserve;
        uint256 fundedUntil;
    }

    IFarm public farm;
    uint256 public pid;
    address public user0;
    address public user1;
    Reading[] private _readings;

    constructor() ERC20("View Probe", "PROBE") ERC20Permit("View Probe") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    /// @notice Starts recording reads of pool `pid_` of `farm_` about `user0_` and `user1_`, and
    /// forgets earlier readings. `farm_` = address(0) stops recording.
    function watch(IFarm farm_, uint256 pid_, address user0_, address user1_) external {
        (farm, pid, user0, user1) = (farm_, pid_, user0_, user1_);
        delete _readings;
    }

    function readings() external view returns (Reading[] memory) {
        return _readings;
    }

    function _update(address from, address to, uint256 value) internal override {
        super._update(from, to, value);
        IFarm f = farm;
        if (address(f) == address(0) || from == address(0) || to == address(0)) return;
        Reading memory r;
        (r.from, r.to, r.value) = (from, to, value);
        r.farmBalance = balanceOf(address(f));
        r.pool = f.poolInfo(pid);
        r.user0 = f.userInfo(pid, user0);
        r.user1 = f.userInfo(pid, user1);
        r.pending0 = f.pendingReward(pid, user0);
        r.pending1 = f.pendingReward(pid, user1);
        r.accRewardPerAllocPoint = f.accRewardPerAllocPoint();
        (r.reserve, r.fundedUntil) = f.rewardReserve();
        _readings.push(r);
    }
}
