/**
 * BigInt reference of FarmVault's share accounting (contracts/vault/FarmVault.sol): ERC-4626 with a
 * decimals offset of 6, assets counted by the vault, performance fee minted as shares before the
 * profit counts, and profit locked then unlocked linearly. Pure: amounts in, amounts out.
 */
export const VAULT_OFFSET = 10n ** 6n;
export const VAULT_BPS = 10_000n;
export const HARVEST_BOUNTY_BPS = 1_000n;

const divUp = (a: bigint, b: bigint) => (a === 0n ? 0n : (a - 1n) / b + 1n);

export class VaultModel {
  totalStaked = 0n;
  totalSupply = 0n;
  private locked = 0n;
  private lastHarvest = 0n;
  private period = 0n;
  readonly balances = new Map<string, bigint>();

  lockedProfit(now: bigint): bigint {
    const end = this.lastHarvest + this.period;
    return now >= end ? 0n : (this.locked * (end - now)) / this.period;
  }

  totalAssets(now: bigint): bigint {
    return this.totalStaked - this.lockedProfit(now);
  }

  toShares(assets: bigint, now: bigint, up = false): bigint {
    const n = assets * (this.totalSupply + VAULT_OFFSET);
    const d = this.totalAssets(now) + 1n;
    return up ? divUp(n, d) : n / d;
  }

  toAssets(shares: bigint, now: bigint, up = false): bigint {
    const n = shares * (this.totalAssets(now) + 1n);
    const d = this.totalSupply + VAULT_OFFSET;
    return up ? divUp(n, d) : n / d;
  }

  balanceOf(who: string): bigint {
    return this.balances.get(who) ?? 0n;
  }

  private move(who: string, shares: bigint) {
    this.balances.set(who, this.balanceOf(who) + shares);
    this.totalSupply += shares;
  }

  /** `deposit(assets)` at time `now`; returns the shares minted. */
  deposit(who: string, assets: bigint, now: bigint): bigint {
    const shares = this.toShares(assets, now);
    this.move(who, shares);
    this.totalStaked += assets;
    return shares;
  }

  /** `redeem(shares)`; returns the assets paid. */
  redeem(who: string, shares: bigint, now: bigint): bigint {
    if (shares > this.balanceOf(who)) throw new Error("redeem above balance");
    const assets = this.toAssets(shares, now);
    this.move(who, -shares);
    this.totalStaked -= assets;
    return assets;
  }

  /** `withdraw(assets)`; returns the shares burnt. */
  withdraw(who: string, assets: bigint, now: bigint): bigint {
    const shares = this.toShares(assets, now, true);
    if (shares > this.balanceOf(who)) throw new Error("withdraw above balance");
    this.move(who, -shares);
    this.totalStaked -= assets;
    return shares;
  }

  /** A harvest that staked `added`; returns the fee shares (the bounty is a tenth of them). */
  harvest(caller: string, recipient: string, added: bigint, feeBps: bigint, period: bigint, now: bigint) {
    const feeAssets = (added * feeBps) / VAULT_BPS;
    let feeShares = 0n;
    if (feeAssets !== 0n) {
      feeShares = this.toShares(feeAssets, now);
      const bounty = (feeShares * HARVEST_BOUNTY_BPS) / VAULT_BPS;
      this.move(caller, bounty);
      this.move(recipient, feeShares - bounty);
    }
    this.locked = this.lockedProfit(now) + added - feeAssets;
    this.totalStaked += added;
    this.lastHarvest = now;
    this.period = period;
    return feeShares;
  }
}
