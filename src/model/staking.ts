import { min } from "./bigint";

/** StakedFUR.REWARD_DURATION: every notify streams over 7 days. */
export const STAKING_REWARD_DURATION = 7n * 86_400n;
/** StakedFUR.PRECISION: scale of rates and of reward-per-token. */
export const STAKING_PRECISION = 10n ** 27n;
/** StakedFUR.MAX_REWARD_TOKENS. */
export const STAKING_MAX_REWARD_TOKENS = 8;

export interface StakingStream {
  /** PRECISION units per second, all holders together. */
  rate: bigint;
  /** End of the stream while sFUR exists (a pause moves it later). */
  periodFinish: bigint;
  /** Reward per sFUR wei accrued so far, scaled by PRECISION. */
  rewardPerToken: bigint;
  /** Σ what arrived by notify; Σ what was sent by getReward. */
  notified: bigint;
  paid: bigint;
  /** Floors the token's reward went through (each loses under 1 wei): notifies, accruals, settlements. */
  roundings: bigint;
}

interface StakingAccount {
  paid: bigint;
  owed: bigint;
}

/**
 * contracts/revenue/StakedFUR.sol in BigInt, from its specification: each stream pays `rate / PRECISION`
 * per second to all holders while sFUR exists (its clock stands still while the supply is zero); a notify
 * restarts it over 7 days with what arrived plus what was left; every balance change settles both
 * accounts at their old balances first. The same floors at the same moments as the contract, so
 * `earned` matches to the wei, and `roundings` counts them so that the dust of a token,
 * `notified - paid - Σ earned - unstreamed`, is checked against a bound: 0 ≤ dust ≤ roundings (each
 * floor loses under 1 wei: a notify under REWARD_DURATION / PRECISION wei, an accrual under
 * supply / PRECISION wei, which is below 1 while the supply is below 1e27 wei, i.e. always for FUR,
 * whose cap is 1e26 wei, and a settlement under 1 wei).
 */
export class StakedFurModel {
  supply = 0n;
  balances = new Map<string, bigint>();
  lastUpdate = 0n;
  tokens: string[] = [];
  streams = new Map<string, StakingStream>();
  private accounts = new Map<string, Map<string, StakingAccount>>();

  balanceOf(account: string): bigint {
    return this.balances.get(account) ?? 0n;
  }

  addRewardToken(token: string): void {
    if (this.streams.has(token)) throw new Error(`RewardTokenExists(${token})`);
    if (this.tokens.length === STAKING_MAX_REWARD_TOKENS) throw new Error("TooManyRewardTokens(8)");
    this.tokens.push(token);
    this.streams.set(token, {
      rate: 0n,
      periodFinish: 0n,
      rewardPerToken: 0n,
      notified: 0n,
      paid: 0n,
      roundings: 0n,
    });
  }

  private stream(token: string): StakingStream {
    const s = this.streams.get(token);
    if (!s) throw new Error(`NotRewardToken(${token})`);
    return s;
  }

  private account(who: string, token: string): StakingAccount {
    let byToken = this.accounts.get(who);
    if (!byToken) this.accounts.set(who, (byToken = new Map()));
    let a = byToken.get(token);
    if (!a) byToken.set(token, (a = { paid: 0n, owed: 0n }));
    return a;
  }

  /** Brings every stream to `now`; while nothing is staked the streams' ends move later instead. */
  accrue(now: bigint): void {
    const last = this.lastUpdate;
    if (last === now) return;
    for (const token of this.tokens) {
      const s = this.stream(token);
      if (last >= s.periodFinish) continue;
      if (this.supply === 0n) {
        s.periodFinish = now + s.periodFinish - last;
      } else {
        s.rewardPerToken += ((min(now, s.periodFinish) - last) * s.rate) / this.supply;
        s.roundings += 1n;
      }
    }
    this.lastUpdate = now;
  }

  private settle(who: string): void {
    const balance = this.balanceOf(who);
    for (const token of this.tokens) {
      const s = this.stream(token);
      const a = this.account(who, token);
      if (a.paid === s.rewardPerToken) continue;
      if (balance !== 0n) {
        a.owed += (balance * (s.rewardPerToken - a.paid)) / STAKING_PRECISION;
        s.roundings += 1n;
      }
      a.paid = s.rewardPerToken;
    }
  }

  /** A balance change at `now`: mint (`from` null), burn (`to` null) or transfer. */
  update(from: string | null, to: string | null, amount: bigint, now: bigint): void {
    this.accrue(now);
    if (from !== null) this.settle(from);
    if (to !== null && to !== from) this.settle(to);
    if (from === null) this.supply += amount;
    else {
      const b = this.balanceOf(from);
      if (b < amount) throw new Error(`ERC20InsufficientBalance(${from}, ${b}, ${amount})`);
      this.balances.set(from, b - amount);
    }
    if (to === null) this.supply -= amount;
    else this.balances.set(to, this.balanceOf(to) + amount);
  }

  deposit(account: string, amount: bigint, now: bigint): void {
    this.update(null, account, amount, now);
  }

  withdraw(account: string, amount: bigint, now: bigint): void {
    this.update(account, null, amount, now);
  }

  transfer(from: string, to: string, amount: bigint, now: bigint): void {
    this.update(from, to, amount, now);
  }

  /** A notify of which `received` arrived. Returns the new rate. */
  notify(token: string, received: bigint, now: bigint): bigint {
    const s = this.stream(token);
    if (received === 0n) throw new Error(`ZeroReward(${token})`);
    this.accrue(now);
    const remaining = s.periodFinish > now ? (s.periodFinish - now) * s.rate : 0n;
    s.rate = (received * STAKING_PRECISION + remaining) / STAKING_REWARD_DURATION;
    s.periodFinish = now + STAKING_REWARD_DURATION;
    s.notified += received;
    s.roundings += 1n;
    return s.rate;
  }

  /**
   * `getReward` by `who` at `now`: pays every token it is owed except those in `failing` (their
   * transfer fails; they stay owed). Returns what was paid per token.
   */
  getReward(who: string, now: bigint, failing: ReadonlySet<string> = new Set()): Map<string, bigint> {
    this.accrue(now);
    this.settle(who);
    const out = new Map<string, bigint>();
    for (const token of this.tokens) {
      const a = this.account(who, token);
      if (a.owed === 0n || failing.has(token)) continue;
      out.set(token, a.owed);
      this.stream(token).paid += a.owed;
      a.owed = 0n;
    }
    return out;
  }

  /** StakedFUR.earned(who, token) at `now` (a view: changes nothing). */
  earned(who: string, token: string, now: bigint): bigint {
    const s = this.stream(token);
    let rpt = s.rewardPerToken;
    if (this.supply !== 0n && this.lastUpdate < s.periodFinish)
      rpt += ((min(now, s.periodFinish) - this.lastUpdate) * s.rate) / this.supply;
    const a = this.accounts.get(who)?.get(token) ?? { paid: 0n, owed: 0n };
    return a.owed + (this.balanceOf(who) * (rpt - a.paid)) / STAKING_PRECISION;
  }

  /** What the stream has still to pay at `now`, in wei (rounded down): it never pays more than this. */
  unstreamed(token: string, now: bigint): bigint {
    const s = this.stream(token);
    if (this.lastUpdate >= s.periodFinish) return 0n;
    // Paused while nothing is staked: all that was left at the last update is still to come.
    const from = this.supply === 0n ? this.lastUpdate : min(now, s.periodFinish);
    return ((s.periodFinish - from) * s.rate) / STAKING_PRECISION;
  }

  /** The accounts the model has seen. */
  holders(): string[] {
    return [...new Set([...this.balances.keys(), ...this.accounts.keys()])];
  }
}
