// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IFarmVault} from "../../interfaces/IFarmVault.sol";

/// @notice Test-only caller of a FarmVault that reads a preview (and the totals it is priced at) and
/// makes the real call in the same transaction, so both see one block and one state; it emits both,
/// with what really moved measured by balances. Assets come from the caller (approve the probe for
/// them) and shares are the caller's (approve the probe for those it burns).
contract VaultProbe {
    /// @notice `op` of `amount`: the vault previewed `preview`, and `actual` moved (shares minted or
    /// burnt, assets taken or paid), at `totalAssets`/`totalSupply` just before the call.
    event Checked(
        bytes4 indexed op,
        uint256 amount,
        uint256 preview,
        uint256 actual,
        uint256 totalAssets,
        uint256 totalSupply
    );
    /// @notice `op` of one more than `max` (maxWithdraw or maxRedeem) reverted with `aboveMax`
    /// (empty if it did not), then `max` itself was taken.
    event MaxTaken(bytes4 indexed op, uint256 max, bytes aboveMax);
    /// @notice A deposit of `assetsIn` minted `shares`, whose redemption paid `assetsOut`, at
    /// `totalAssets`/`totalSupply` just before the deposit.
    event RoundTrip(
        uint256 assetsIn,
        uint256 shares,
        uint256 assetsOut,
        uint256 totalAssets,
        uint256 totalSupply
    );
    /// @notice A harvest by the probe, with the totals and locked profit just before it.
    event HarvestChecked(uint256 assetsAdded, uint256 totalAssets, uint256 totalSupply, uint256 lockedBefore);

    IERC4626 public immutable vault;
    IERC20 private immutable _asset;

    constructor(IERC4626 vault_) {
        vault = vault_;
        _asset = IERC20(vault_.asset());
        _asset.approve(address(vault_), type(uint256).max);
    }

    function deposit(uint256 assets) external {
        _asset.transferFrom(msg.sender, address(this), assets);
        (uint256 ta, uint256 ts) = _totals();
        uint256 preview = vault.previewDeposit(assets);
        uint256 before = vault.balanceOf(msg.sender);
        vault.deposit(assets, msg.sender);
        emit Checked(
            IERC4626.deposit.selector,
            assets,
            preview,
            vault.balanceOf(msg.sender) - before,
            ta,
            ts
        );
    }

    /// @dev Pulls `maxAssets` from the caller and refunds what the mint did not take.
    function mint(uint256 shares, uint256 maxAssets) external {
        _asset.transferFrom(msg.sender, address(this), maxAssets);
        (uint256 ta, uint256 ts) = _totals();
        uint256 preview = vault.previewMint(shares);
        vault.mint(shares, msg.sender);
        uint256 left = _asset.balanceOf(address(this));
        _asset.transfer(msg.sender, left);
        emit Checked(IERC4626.mint.selector, shares, preview, maxAssets - left, ta, ts);
    }

    function withdraw(uint256 assets) external {
        (uint256 ta, uint256 ts) = _totals();
        uint256 preview = vault.previewWithdraw(assets);
        uint256 before = vault.balanceOf(msg.sender);
        vault.withdraw(assets, msg.sender, msg.sender);
        emit Checked(
            IERC4626.withdraw.selector,
            assets,
            preview,
            before - vault.balanceOf(msg.sender),
            ta,
            ts
        );
    }

    function redeem(uint256 shares) external {
        (uint256 ta, uint256 ts) = _totals();
        uint256 preview = vault.previewRedeem(shares);
        uint256 before = _asset.balanceOf(msg.sender);
        vault.redeem(shares, msg.sender, msg.sender);
        emit Checked(
            IERC4626.redeem.selector,
            shares,
            preview,
            _asset.balanceOf(msg.sender) - before,
            ta,
            ts
        );
    }

    /// @notice Tries maxWithdraw(caller) + 1, then withdraws maxWithdraw(caller) in full.
    function withdrawMax() external {
        uint256 max = vault.maxWithdraw(msg.sender);
        bytes memory aboveMax;
        try vault.withdraw(max + 1, msg.sender, msg.sender) {} catch (bytes memory reason) {
            aboveMax = reason;
        }
        vault.withdraw(max, msg.sender, msg.sender);
        emit MaxTaken(IERC4626.withdraw.selector, max, aboveMax);
    }

    /// @notice Tries maxRedeem(caller) + 1, then redeems maxRedeem(caller) in full.
    function redeemMax() external {
        uint256 max = vault.maxRedeem(msg.sender);
        bytes memory aboveMax;
        try vault.redeem(max + 1, msg.sender, msg.sender) {} catch (bytes memory reason) {
            aboveMax = reason;
        }
        vault.redeem(max, msg.sender, msg.sender);
        emit MaxTaken(IERC4626.redeem.selector, max, aboveMax);
    }

    /// @notice Deposits `assets` for the probe and redeems every share it got, paying the caller.
    function roundTrip(uint256 assets) external {
        _asset.transferFrom(msg.sender, address(this), assets);
        (uint256 ta, uint256 ts) = _totals();
        uint256 shares = vault.deposit(assets, address(this));
        uint256 before = _asset.balanceOf(msg.sender);
        vault.redeem(shares, msg.sender, address(this));
        emit RoundTrip(assets, shares, _asset.balanceOf(msg.sender) - before, ta, ts);
    }

    /// @notice Harvests (the bounty shares stay with the probe).
    function harvest() external {
        (uint256 ta, uint256 ts) = _totals();
        uint256 locked = IFarmVault(address(vault)).lockedProfit();
        uint256 added = IFarmVault(address(vault)).harvest(0);
        emit HarvestChecked(added, ta, ts, locked);
    }

    function _totals() private view returns (uint256, uint256) {
        return (vault.totalAssets(), vault.totalSupply());
    }
}

/// @notice Test-only contract that deposits, harvests and redeems in one call, like a flash loan
/// would let anyone do around a harvest: it must get back what it put in, plus the harvest bounty.
contract FlashHarvester {
    /// @notice `assetsIn` deposited for `shares`; the harvest paid `bountyShares`; redeeming all of
    /// them paid `assetsOut`.
    event Flashed(uint256 assetsIn, uint256 shares, uint256 bountyShares, uint256 assetsOut);

    function run(IERC4626 vault, uint256 assets) external {
        IERC20 asset = IERC20(vault.asset());
        asset.transferFrom(msg.sender, address(this), assets);
        asset.approve(address(vault), assets);
        uint256 shares = vault.deposit(assets, address(this));
        IFarmVault(address(vault)).harvest(0);
        uint256 all = vault.balanceOf(address(this));
        uint256 out = vault.redeem(all, msg.sender, address(this));
        emit Flashed(assets, shares, all - shares, out);
    }
}

/// @notice Test-only target of a {ReentrantToken} hook: tries every state-changing entry of `vault`
/// and records each outcome (it never reverts itself, so the token transfer that called it goes on).
contract ReentryRecorder {
    /// @notice A call of `selector` on the vault returned `ok`, with `result` (the revert data if not).
    event Reentered(bytes4 indexed selector, bool ok, bytes result);

    address public immutable vault;

    /// @param asset The vault's asset: the recorder may deposit the few wei it is given.
    constructor(address vault_, IERC20 asset) {
        vault = vault_;
        asset.approve(vault_, type(uint256).max);
    }

    function reenter() external {
        _try(abi.encodeCall(IERC4626.deposit, (1, address(this))));
        _try(abi.encodeCall(IERC4626.mint, (1, address(this))));
        _try(abi.encodeCall(IERC4626.withdraw, (0, address(this), address(this))));
        _try(abi.encodeCall(IERC4626.redeem, (0, address(this), address(this))));
        _try(abi.encodeCall(IFarmVault.harvest, (0)));
        _try(abi.encodeCall(IFarmVault.observe, ()));
    }

    function _try(bytes memory data) private {
        (bool ok, bytes memory result) = vault.call(data);
        emit Reentered(bytes4(data), ok, ok ? bytes("") : result);
    }
}
