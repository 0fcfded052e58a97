/**
 * Reference model of the Farm's reward accounting, in BigInt, written to be read.
 *
 * `FarmModel` mirrors contracts/farm/Farm.sol step for step, with the same roundings (every
 * division rounds down), so the stateful test can demand exact equality with the contract.
 * Beside the integer accounting it keeps an *ideal* one in exact fractions (no rounding at all),
 * and counts the rounding events each user is exposed to, so tests can check the precision claim:
 *
 *     0 <= ideal reward - (paid + pending) <= roundings   (in wei)
 *
 * where a rounding is one pool update while the user is staked or one settlement of the user.
 * Pool updates cost a staker far less than a wei each (amount / 1e30 + allocPoint / 1e18 at most), so
 * the tighter statement the audit test checks is
 *
 *     0 <= ideal reward - (paid + pending) <= settlements + 1   (in wei)
 *
 * where `settlements` counts the user's own settlements with a stake (each < 1 wei) and the 1 is
 * the view's own settlement plus every pool update's fraction of a wei together.
 *
 * `ERC20RewarderModel` (./rewarder.ts) mirrors contracts/farm/ERC20Rewarder.sol the same way.
 *
 * Accrual (S_G = 1e18, S = 1e30):
 *   G      += emitted * S_G / totalAllocPoint                      (global, once per second)
 *   acc    += allocPoint * (G - G_pool) * (S / S_G) / totalStaked  (per pool, when touched)
 *   accrued += amount * (acc - acc_user) / S                       (per user, when touched)
 */

import { max, min } from "./bigint";
import { Fraction } from "./fraction";

export const ALLOC_SCALE = 10n ** 18n;
export const SHARE_SCALE = 10n ** 30n;
export const SCALE_RATIO = SHARE_SCALE / ALLOC_SCALE;
export const MINT_BATCH_DURATION = 86_400n;
export const MAX_REWARD_PER_SECOND = 100n * 10n ** 18n;
const G_MOD = 1n << 152n;
const ACC_MOD = 1n << 192n;
const UINT32_MAX = (1n << 32n) - 1n;

export interface ModelPool {
  allocPoint: bigint;
  accRewardPerShare: bigint; // acc, mod 2^192
  accRewardPerAllocPoint: bigint; // G_pool, mod 2^152
  totalStaked: bigint;
  /** Ideal (unrounded) counterparts. */
  idealAcc: Fraction;
  idealG: Fraction;
  /** `FarmModel.gSteps` when the pool last caught up. */
  gSteps: bigint;
}

export interface ModelUser {
  amount: bigint;
  accrued: bigint;
  paid: bigint; // acc_user
  idealAccrued: Fraction;
  idealPaid: Fraction;
  /** Rounding events the user has been exposed to since their last emergency withdraw. */
  roundings: bigint;
  /** The user's own settlements with a stake since their last emergency withdraw (one floor each). */
  settlements: bigint;
  /** Upper bound of what pool updates took from the user (a fraction of a wei each), same period. */
  slack: Fraction;
}

interface GlobalState {
  g: bigint;
  idealG: Fraction;
  lastUpdateTime: bigint;
  fundedUntil: bigint;
  reserve: bigint;
  /** FUR the farm mints in this step. */
  toMint: bigint;
  /** Emission credited to G in this step. */
  emitted: bigint;
}

export class FarmModel {
  g = 0n;
  idealG = Fraction.ZERO;
  /** Roundings of G so far: global updates that added emission to it. */
  gSteps = 0n;
  lastUpdateTime: bigint;
  rewardPerSecond: bigint;
  totalAllocPoint = 0n;
  fundedUntil = 0n;
  reserve = 0n;
  pools: ModelPool[] = [];
  users: Map<string, ModelUser>[] = [];

  /** Totals for the invariants. */
  minted = 0n;
  emitted = 0n;
  refunded = 0n;
  paid = 0n;
  forfeited = 0n;

  /**
   * @param startTime Nothing accrues before it.
   * @param deployTime Block time of the deployment.
   * @param mintable Returns what RewardToken would still mint to the farm (cap or lost role: 0).
   */
  constructor(
    startTime: bigint,
    deployTime: bigint,
    rewardPerSecond: bigint,
    public mintable: () => bigint = () => 10n ** 26n,
  ) {
    this.lastUpdateTime = max(startTime, deployTime);
    this.rewardPerSecond = rewardPerSecond;
  }

  // ---------------------------------------------------------------- global index and budget

  /** What the global update at time `now` would do (no state change). */
  previewGlobal(now: bigint): GlobalState {
    const s: GlobalState = {
      g: this.g,
      idealG: this.idealG,
      lastUpdateTime: this.lastUpdateTime,
      fundedUntil: this.fundedUntil,
      reserve: this.reserve,
      toMint: 0n,
      emitted: 0n,
    };
    const last = this.lastUpdateTime;
    if (now <= last) return s;
    s.lastUpdateTime = now;
    const rate = this.rewardPerSecond;
    if (rate === 0n) return s;
    if (this.totalAllocPoint === 0n) {
      // Nothing is emitted without weights; the backing of the elapsed time is kept.
      if (s.fundedUntil > last) s.reserve += rate * (min(now, s.fundedUntil) - last);
      return s;
    }
    if (now <= s.fundedUntil) {
      s.emitted = rate * (now - last);
    } else {
      // Backing ran out: use the reserve, mint the shortfall plus one day, emit only what is backed.
      const covered = s.fundedUntil > last ? s.fundedUntil - last : 0n;
      const need = rate * (now - last - covered);
      let available = s.reserve;
      const wanted = need + rate * MINT_BATCH_DURATION;
      if (available < wanted) {
        s.toMint = min(wanted - available, this.mintable());
        available += s.toMint;
      }
      if (available >= need) {
        const left = available - need;
        const secs = min(left / rate, UINT32_MAX - now);
        s.fundedUntil = now + secs;
        s.reserve = left - secs * rate;
        s.emitted = rate * (now - last);
      } else {
        s.fundedUntil = now;
        s.reserve = 0n;
        s.emitted = rate * covered + available;
      }
    }
    s.g = (s.g + (s.emitted * ALLOC_SCALE) / this.totalAllocPoint) % G_MOD;
    s.idealG = s.idealG.add(new Fraction(s.emitted, this.totalAllocPoint));
    return s;
  }

  updateGlobal(now: bigint): void {
    const s = this.previewGlobal(now);
    this.g = s.g;
    this.idealG = s.idealG;
    this.lastUpdateTime = s.lastUpdateTime;
    this.fundedUntil = s.fundedUntil;
    this.reserve = s.reserve;
    this.minted += s.toMint;
    this.emitted += s.emitted;
    if (s.emitted > 0n) this.gSteps += 1n;
  }

  // ---------------------------------------------------------------- pools

  /** Pool `pid` moved to the global index `g`: returns the new pool and its refund (no state change). */
  private accruePool(pool: ModelPool, g: bigint, idealG: Fraction): { pool: ModelPool; refund: bigint } {
    const p = { ...pool };
    const dG = (g - p.accRewardPerAllocPoint + G_MOD) % G_MOD;
    const idealDG = idealG.sub(p.idealG);
    p.accRewardPerAllocPoint = g;
    p.idealG = idealG;
    if (dG === 0n || p.allocPoint === 0n) return { pool: p, refund: 0n };
    if (p.totalStaked === 0n) return { pool: p, refund: (p.allocPoint * dG) / ALLOC_SCALE };
    p.accRewardPerShare = (p.accRewardPerShare + (p.allocPoint * dG * SCALE_RATIO) / p.totalStaked) % ACC_MOD;
    p.idealAcc = p.idealAcc.add(idealDG.mul(new Fraction(p.allocPoint, p.totalStaked)));
    return { pool: p, refund: 0n };
  }

  private settlePool(pid: number): void {
    const before = this.pools[pid];
    const { pool, refund } = this.accruePool(before, this.g, this.idealG);
    if (
      before.totalStaked > 0n &&
      before.allocPoint > 0n &&
      pool.accRewardPerAllocPoint !== before.accRewardPerAllocPoint
    ) {
      // The pool index moved (with one rounding): every staker is exposed to it.
      const slack = updateSlack(before, this.gSteps - before.gSteps);
      for (const u of this.users[pid].values()) {
        if (u.amount === 0n) continue;
        u.roundings += 1n;
        u.slack = u.slack.add(slack.mul(new Fraction(u.amount)));
      }
    }
    pool.gSteps = this.gSteps;
    this.pools[pid] = pool;
    this.reserve += refund;
    this.refunded += refund;
  }

  /** Farm.updatePool: brings G and the pool up to date. */
  updatePool(pid: number, now: bigint): void {
    this.update(pid, now);
  }

  private update(pid: number, now: bigint): ModelPool {
    this.updateGlobal(now);
    this.settlePool(pid);
    return this.pools[pid];
  }

  // ---------------------------------------------------------------- users

  user(pid: number, addr: string): ModelUser {
    let u = this.users[pid].get(addr);
    if (!u) {
      u = {
        amount: 0n,
        accrued: 0n,
        paid: 0n,
        idealAccrued: Fraction.ZERO,
        idealPaid: Fraction.ZERO,
        roundings: 0n,
        settlements: 0n,
        slack: Fraction.ZERO,
      };
      this.users[pid].set(addr, u);
    }
    return u;
  }

  private settleUser(pid: number, u: ModelUser): void {
    const pool = this.pools[pid];
    if (u.paid !== pool.accRewardPerShare) {
      if (u.amount > 0n) {
        u.accrued += earned(u.amount, pool.accRewardPerShare, u.paid);
        u.roundings += 1n;
        u.settlements += 1n;
      }
      u.paid = pool.accRewardPerShare;
    }
    u.idealAccrued = u.idealAccrued.add(pool.idealAcc.sub(u.idealPaid).mul(new Fraction(u.amount)));
    u.idealPaid = pool.idealAcc;
  }

  // ---------------------------------------------------------------- owner actions

  add(allocPoint: bigint, now: bigint): number {
    this.updateGlobal(now);
    this.totalAllocPoint += allocPoint;
    this.pools.push({
      allocPoint,
      accRewardPerShare: 0n,
      accRewardPerAllocPoint: this.g,
      totalStaked: 0n,
      idealAcc: Fraction.ZERO,
      idealG: this.idealG,
      gSteps: this.gSteps,
    });
    this.users.push(new Map());
    return this.pools.length - 1;
  }

  set(pid: number, allocPoint: bigint, now: bigint): void {
    this.update(pid, now);
    this.totalAllocPoint = this.totalAllocPoint - this.pools[pid].allocPoint + allocPoint;
    this.pools[pid].allocPoint = allocPoint;
  }

  setRewardPerSecond(rate: bigint, now: bigint): void {
    this.updateGlobal(now);
    if (this.fundedUntil > now) this.reserve += this.rewardPerSecond * (this.fundedUntil - now);
    this.fundedUntil = now;
    this.rewardPerSecond = rate;
  }

  // ---------------------------------------------------------------- user actions

  /** `received` is what the token actually delivered to the farm. */
  deposit(pid: number, to: string, received: bigint, now: bigint): void {
    this.update(pid, now);
    const u = this.user(pid, to);
    this.settleUser(pid, u);
    u.amount += received;
    this.pools[pid].totalStaked += received;
  }

  withdraw(pid: number, from: string, amount: bigint, now: bigint): void {
    this.withdrawAndMaybeHarvest(pid, from, amount, now, false);
  }

  /** Returns the FUR paid. */
  harvest(pid: number, from: string, now: bigint): bigint {
    this.update(pid, now);
    const u = this.user(pid, from);
    this.settleUser(pid, u);
    return this.payOut(u);
  }

  withdrawAndHarvest(pid: number, from: string, amount: bigint, now: bigint): bigint {
    return this.withdrawAndMaybeHarvest(pid, from, amount, now, true);
  }

  /** Returns the stake sent back. */
  emergencyWithdraw(pid: number, from: string): bigint {
    const u = this.user(pid, from);
    const amount = u.amount;
    // Settled FUR plus what the stake earned up to the pool's stored index go back to the reserve.
    const forfeited = u.accrued + earned(amount, this.pools[pid].accRewardPerShare, u.paid);
    this.forfeited += forfeited;
    this.reserve += forfeited;
    this.pools[pid].totalStaked -= amount;
    u.amount = 0n;
    u.accrued = 0n;
    // The ideal accounting forfeits too, and restarts from the pool's current ideal index.
    u.idealAccrued = Fraction.ZERO;
    u.idealPaid = this.pools[pid].idealAcc;
    u.roundings = 0n;
    u.settlements = 0n;
    u.slack = Fraction.ZERO;
    return amount;
  }

  private withdrawAndMaybeHarvest(
    pid: number,
    from: string,
    amount: bigint,
    now: bigint,
    andHarvest: boolean,
  ) {
    this.update(pid, now);
    const u = this.user(pid, from);
    this.settleUser(pid, u);
    if (amount > u.amount) throw new Error(`InsufficientStake(${amount}, ${u.amount})`);
    u.amount -= amount;
    this.pools[pid].totalStaked -= amount;
    return andHarvest ? this.payOut(u) : 0n;
  }

  private payOut(u: ModelUser): bigint {
    const reward = u.accrued;
    u.accrued = 0n;
    this.paid += reward;
    // The ideal keeps what the real accounting lost to rounding, so drift adds up across harvests.
    u.idealAccrued = u.idealAccrued.sub(new Fraction(reward));
    return reward;
  }

  // ---------------------------------------------------------------- views

  /** pendingReward(pid, user) as the contract computes it at time `now`. */
  pendingReward(pid: number, addr: string, now: bigint): bigint {
    const s = this.previewGlobal(now);
    const { pool } = this.accruePool(this.pools[pid], s.g, s.idealG);
    const u = this.users[pid].get(addr);
    if (!u) return 0n;
    return u.accrued + earned(u.amount, pool.accRewardPerShare, u.paid);
  }

  /** The unrounded reward owed to the user at `now` (what they would get with exact arithmetic). */
  idealPending(pid: number, addr: string, now: bigint): Fraction {
    const s = this.previewGlobal(now);
    const { pool } = this.accruePool(this.pools[pid], s.g, s.idealG);
    const u = this.users[pid].get(addr);
    if (!u) return Fraction.ZERO;
    return u.idealAccrued.add(pool.idealAcc.sub(u.idealPaid).mul(new Fraction(u.amount)));
  }

  /**
   * Upper bound, in wei, of what rounding took from the user's pending at `now`: one per pool update
   * while staked and one per settlement since the last emergency withdraw, plus two for the view's
   * own pool update and settlement.
   */
  roundingBound(pid: number, addr: string): bigint {
    const u = this.users[pid].get(addr);
    return u ? u.roundings + 2n : 0n;
  }

  /**
   * The tight bound, in wei, of ideal - pending at `now`: one per own settlement with a stake, one
   * for the view's settlement, plus what pool updates took (`slack`, including the view's own
   * pool update), which is far below a wei.
   */
  tightBound(pid: number, addr: string, now: bigint): Fraction {
    const u = this.users[pid].get(addr);
    if (!u) return Fraction.ZERO;
    const pool = this.pools[pid];
    const steps = this.gSteps - pool.gSteps + (this.previewGlobal(now).emitted > 0n ? 1n : 0n);
    const view = pool.totalStaked > 0n ? updateSlack(pool, steps).mul(new Fraction(u.amount)) : Fraction.ZERO;
    return new Fraction(u.settlements + 1n).add(u.slack).add(view);
  }
}

/**
 * What one update of `pool` can take from each staked wei, at most: the per-share floor (1 / S per
 * staked wei) plus its share of the G floors since the pool's last update (each < 1 / S_G per
 * allocation point, i.e. allocPoint * steps / (S_G * totalStaked) per staked wei).
 */
function updateSlack(pool: ModelPool, steps: bigint): Fraction {
  return new Fraction(1n, SHARE_SCALE).add(
    new Fraction(pool.allocPoint * steps, ALLOC_SCALE * pool.totalStaked),
  );
}

/** amount * (acc - paid) / S, with acc wrapping mod 2^192 as in the contract. */
export function earned(amount: bigint, acc: bigint, paid: bigint): bigint {
  if (amount === 0n) return 0n;
  return (amount * ((acc - paid + ACC_MOD) % ACC_MOD)) / SHARE_SCALE;
}
