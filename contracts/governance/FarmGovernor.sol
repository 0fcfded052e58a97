// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IVotes} from "@openzeppelin/contracts/governance/utils/IVotes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {TimelockController} from "@openzeppelin/contracts/governance/TimelockController.sol";
import {Governor} from "@openzeppelin/contracts/governance/Governor.sol";
import {GovernorSettings} from "@openzeppelin/contracts/governance/extensions/GovernorSettings.sol";
import {GovernorCountingSimple} from "@openzeppelin/contracts/governance/extensions/GovernorCountingSimple.sol";
import {GovernorVotes} from "@openzeppelin/contracts/governance/extensions/GovernorVotes.sol";
// solhint-disable-next-line max-line-length
import {GovernorVotesQuorumFraction} from "@openzeppelin/contracts/governance/extensions/GovernorVotesQuorumFraction.sol";
import {GovernorPreventLateQuorum} from "@openzeppelin/contracts/governance/extensions/GovernorPreventLateQuorum.sol";
import {GovernorTimelockControl} from "@openzeppelin/contracts/governance/extensions/GovernorTimelockControl.sol";

/// @title FarmGovernor
/// @notice On-chain governance of Furrow: FUR holders (through their delegates) propose, vote and, after
/// the timelock's delay, execute changes to what the timelock owns (the farm, RewardToken's roles, the
/// pair factory's fee switch, the timelock's own delay). Every parameter comes from the deployment;
/// afterwards each changes only through a proposal that passes and clears the timelock.
/// @dev The external interface, its NatSpec and its errors are OpenZeppelin's `IGovernor`
/// (`GovernorUnexpectedProposalState`, `GovernorInsufficientProposerVotes`, `GovernorOnlyExecutor`, ...);
/// a Furrow-specific interface would only restate it. Composition:
/// - GovernorSettings: voting delay, voting period and proposal threshold (`onlyGovernance` setters);
/// - GovernorVotes: voting power is the token's `getPastVotes` at the proposal snapshot, plus, once
///   `setStakedToken` has named sFUR, sFUR's `getPastVotes` at the same timepoint: staked FUR keeps its
///   vote. The FUR inside sFUR belongs to sFUR, which never delegates, so nothing is counted twice, and
///   quorum stays a fraction of FUR's total supply (which includes the staked FUR). The governor
///   uses the token's clock: RewardToken's is a timestamp (ERC-6372), so delay, period, snapshots and
///   deadlines are all in seconds;
/// - GovernorCountingSimple: Against / For / Abstain; For + Abstain count toward quorum and a proposal
///   passes when For > Against;
/// - GovernorVotesQuorumFraction: quorum = numerator% of the token's total supply at the snapshot;
/// - GovernorPreventLateQuorum: the vote that first reaches quorum pushes the deadline to at least that
///   moment + `lateQuorumVoteExtension()`, so a last-minute whale leaves others time to answer;
/// - GovernorTimelockControl: passed proposals are queued on the TimelockController, which executes
///   them after its minimum delay. The timelock, not this contract, holds the protocol's roles.
/// The overrides below only tell the compiler which extension wins where several define a function;
/// none adds behaviour. GovernorSettings precedes GovernorPreventLateQuorum in the base list so the
/// voting period is set before the late-quorum extension is checked against it.
contract FarmGovernor is
    Governor,
    GovernorSettings,
    GovernorCountingSimple,
    GovernorVotes,
    GovernorVotesQuorumFraction,
    GovernorPreventLateQuorum,
    GovernorTimelockControl
{
    /// @notice sFUR's votes now count beside FUR's.
    event StakedTokenSet(IVotes stakedToken);

    /// @notice The staked token was already set to `stakedToken`.
    error StakedTokenAlreadySet(IVotes stakedToken);
    /// @notice `stakedToken` is address(0) or its clock is not the governor's (`mode`).
    error InvalidStakedToken(IVotes stakedToken);

    IVotes private _stakedToken;

    /// @param token_ The votes token (RewardToken: timestamp clock, so all durations are seconds).
    /// @param timelock_ The TimelockController that queues and executes passed proposals.
    /// @param votingDelay_ Seconds from proposal to snapshot and start of voting (default 1 day).
    /// @param votingPeriod_ Seconds voting stays open (default 5 days).
    /// @param quorumNumerator_ Quorum in percent of the total supply at the snapshot (default 4).
    /// @param proposalThreshold_ Votes (in wei of FUR) needed to propose (default 100,000 FUR).
    /// @param lateQuorumVoteExtension_ Minimum voting time left after quorum is reached (default 1 day);
    /// at most the voting period.
    constructor(
        IVotes token_,
        TimelockController timelock_,
        uint48 votingDelay_,
        uint32 votingPeriod_,
        uint256 quorumNumerator_,
        uint256 proposalThreshold_,
        uint48 lateQuorumVoteExtension_
    )
        Governor("FarmGovernor")
        GovernorSettings(votingDelay_, votingPeriod_, proposalThreshold_)
        GovernorVotes(token_)
        GovernorVotesQuorumFraction(quorumNumerator_)
        GovernorPreventLateQuorum(lateQuorumVoteExtension_)
        GovernorTimelockControl(timelock_)
    {}

    /// @notice The staked votes token (sFUR) whose votes count beside the token's; address(0) until set.
    function stakedToken() external view returns (IVotes) {
        return _stakedToken;
    }

    /// @notice Names sFUR, once. Only the timelock, i.e. through a proposal once the deployment has
    /// handed over (during the bootstrap the deployer's batch on the timelock may set it too). Not
    /// OpenZeppelin's `onlyGovernance`, which would refuse a timelock call that did not come through
    /// this governor's own `execute`; set-once, so no vote can change the weights of a running proposal.
    function setStakedToken(IVotes stakedToken_) external {
        if (_msgSender() != _executor()) revert GovernorOnlyExecutor(_msgSender());
        if (address(_stakedToken) != address(0)) revert StakedTokenAlreadySet(_stakedToken);
        if (address(stakedToken_) == address(0)) revert InvalidStakedToken(stakedToken_);
        try IERC6372(address(stakedToken_)).CLOCK_MODE() returns (string memory mode) {
            if (keccak256(bytes(mode)) != keccak256(bytes(CLOCK_MODE())))
                revert InvalidStakedToken(stakedToken_);
        } catch {
            revert InvalidStakedToken(stakedToken_);
        }
        _stakedToken = stakedToken_;
        emit StakedTokenSet(stakedToken_);
    }

    /// @dev FUR's votes plus sFUR's, both at `timepoint` (each checkpointed by its own token).
    function _getVotes(
        address account,
        uint256 timepoint,
        bytes memory params
    ) internal view override(Governor, GovernorVotes) returns (uint256) {
        uint256 votes = super._getVotes(account, timepoint, params);
        IVotes staked = _stakedToken;
        return address(staked) == address(0) ? votes : votes + staked.getPastVotes(account, timepoint);
    }

    function votingDelay() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingDelay();
    }

    function votingPeriod() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.votingPeriod();
    }

    function proposalThreshold() public view override(Governor, GovernorSettings) returns (uint256) {
        return super.proposalThreshold();
    }

    function quorum(
        uint256 timepoint
    ) public view override(Governor, GovernorVotesQuorumFraction) returns (uint256) {
        return super.quorum(timepoint);
    }

    function state(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (ProposalState) {
        return super.state(proposalId);
    }

    function proposalDeadline(
        uint256 proposalId
    ) public view override(Governor, GovernorPreventLateQuorum) returns (uint256) {
        return super.proposalDeadline(proposalId);
    }

    function proposalNeedsQueuing(
        uint256 proposalId
    ) public view override(Governor, GovernorTimelockControl) returns (bool) {
        return super.proposalNeedsQueuing(proposalId);
    }

    function _tallyUpdated(uint256 proposalId) internal override(Governor, GovernorPreventLateQuorum) {
        super._tallyUpdated(proposalId);
    }

    function _queueOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint48) {
        return super._queueOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _executeOperations(
        uint256 proposalId,
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) {
        super._executeOperations(proposalId, targets, values, calldatas, descriptionHash);
    }

    function _cancel(
        address[] memory targets,
        uint256[] memory values,
        bytes[] memory calldatas,
        bytes32 descriptionHash
    ) internal override(Governor, GovernorTimelockControl) returns (uint256) {
        return super._cancel(targets, values, calldatas, descriptionHash);
    }

    function _executor() internal view override(Governor, GovernorTimelockControl) returns (address) {
        return super._executor();
    }
}
