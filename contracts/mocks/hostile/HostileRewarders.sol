// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IRewarder} from "../../interfaces/IRewarder.sol";

/// @notice Test-only rewarder that reverts on every call.
contract RevertingRewarder is IRewarder {
    error RewarderBroken();

    /// @dev Accepts being attached, so the tests can attach it; breaks afterwards.
    function onAttach(uint256, uint256) external pure {}

    function onDetach(uint256) external pure {
        revert RewarderBroken();
    }

    function onReward(uint256, address, address, uint256, uint256) external pure {
        revert RewarderBroken();
    }

    function pendingTokens(
        uint256,
        address,
        uint256
    ) external pure returns (IERC20[] memory, uint256[] memory) {
        revert RewarderBroken();
    }
}

/// @notice Test-only rewarder that burns all the gas it is given.
contract GasBurningRewarder is IRewarder {
    uint256 public sink;

    function onAttach(uint256, uint256) external pure {}

    function onDetach(uint256) external {
        while (true) {
            sink += 1;
        }
    }

    function onReward(uint256, address, address, uint256, uint256) external {
        while (true) {
            sink += 1;
        }
    }

    function pendingTokens(
        uint256,
        address,
        uint256
    ) external pure returns (IERC20[] memory, uint256[] memory) {
        return (new IERC20[](0), new uint256[](0));
    }
}

/// @notice Test-only rewarder that returns a large blob to make its caller copy it.
contract ReturnBombRewarder is IRewarder {
    function onAttach(uint256, uint256) external pure {}

    function onDetach(uint256) external pure {
        assembly {
            return(0, 20000)
        }
    }

    fallback() external {
        assembly {
            return(0, 20000)
        }
    }

    function onReward(uint256, address, address, uint256, uint256) external pure {
        assembly {
            return(0, 20000)
        }
    }

    function pendingTokens(
        uint256,
        address,
        uint256
    ) external pure returns (IERC20[] memory, uint256[] memory) {
        return (new IERC20[](0), new uint256[](0));
    }
}

/// @notice Test-only rewarder that records every call, so tests can check what the farm reports.
contract RecordingRewarder is IRewarder {
    struct Call {
        uint256 pid;
        address user;
        address recipient;
        uint256 rewardAmount;
        uint256 newLpAmount;
    }

    Call[] private _calls;
    /// @notice Pool and stake of every `onAttach`, and how many `onDetach` calls arrived.
    uint256[2][] public attaches;
    uint256 public detaches;

    function onAttach(uint256 pid, uint256 totalStaked) external {
        attaches.push([pid, totalStaked]);
    }

    function onDetach(uint256) external {
        detaches++;
    }

    function attachCount() external view returns (uint256) {
        return attaches.length;
    }

    function onReward(
        uint256 pid,
        address user,
        address recipient,
        uint256 rewardAmount,
        uint256 newLpAmount
    ) external {
        _calls.push(Call(pid, user, recipient, rewardAmount, newLpAmount));
    }

    function pendingTokens(
        uint256,
        address,
        uint256
    ) external pure returns (IERC20[] memory, uint256[] memory) {
        return (new IERC20[](0), new uint256[](0));
    }

    function callCount() external view returns (uint256) {
        return _calls.length;
    }

    function lastCall() external view returns (Call memory) {
        return _calls[_calls.length - 1];
    }
}
