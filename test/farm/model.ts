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
 * `ERC20RewarderModel` mirrors contracts/farm/ERC20Rewarder.sol the same way (exact equality).
 *
 * Accrual (S_G = 1e18, S = 1e30):
 *   G      += emitted * S_G / totalAllocPoint                      (global, once per second)
 *   acc    += allocPoint * (G - G_pool) * (S / S_G) / totalStaked  (per pool, when touched)
 *   accrued += amount * (acc - acc_user) / S                       (per user, when touched)
 */

export const ALLOC_SCALE = 10n ** 18n;
export const SHARE_SCALE = 10n ** 30n;
export const SCALE_RATIO = SHARE_SCALE / ALLOC_SCALE;
export const MINT_BATCH_DURATION = 86_400n;
export const MAX_REWARD_PER_SECOND = 100n * 10n ** 18n;
const G_MOD = 1n << 152n;
const ACC_MOD = 1n << 192n;
const UINT32_MAX = (1n << 32n) - 1n;

/** A non-negative exact fraction n / d, kept reduced. */
export class Fraction {
  readonly n: bigint;
  readonly d: bigint;
  constructor(n: bigint, d: bigint = 1n) {
    if (d === 0n) throw new Error("Fraction: zero denominator");
    const g = gcd(n < 0n ? -n : n, d);
    this.n = n / g;
    this.d = d / g;
  }
  static readonly ZERO = new Fraction(0n);
  add(o: Fraction): Fraction {
    return new Fraction(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Fraction): Fraction {
    return new Fraction(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Fraction): Fraction {
    return new Fraction(this.n * o.n, this.d * o.d);
  }
  div(o: Fraction): Fraction {
    return new Fraction(this.n * o.d, this.d * o.n);
  }
  /** Rounded down to an integer. */
  floor(): bigint {
    return this.n >= 0n ? this.n / this.d : -((-this.n + this.d - 1n) / this.d);
  }
}

function gcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const max = (a: bigint, b: bigint) => (a > b ? a : b);

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

export interface RewarderUser {
  /** The stake the rewarder last recorded, and whether the farm has reported the user since the attach. */
  amount: bigint;
  synced: boolean;
  owed: bigint;
  paid: bigint;
}

export const REWARDER_MAX_RATE = 10n ** 24n;

/**
 * contracts/farm/ERC20Rewarder.sol in BigInt, written from its specification rather than its code:
 * from the attach to the detach, every second's emission min(rate * dt, unallocated balance) is
 * split by the stakes *the farm* holds (the caller passes the farm's stake before each change, so
 * the model cannot drift from the farm the way a pushed copy could); the index moves at the same
 * moments as the contract's (every hook, fund and rate change), with the same roundings.
 */
export class ERC20RewarderModel {
  phase: "idle" | "attached" | "detached" = "idle";
  acc = 0n;
  totalStaked = 0n;
  allocated = 0n;
  lastUpdateTime = 0n;
  poolIndexAtDetach = 0n;
  users = new Map<string, RewarderUser>();

  constructor(
    public rewardPerSecond: bigint,
    /** The rewarder's token balance (the test moves it with every transfer in or out). */
    public balance: bigint,
  ) {}

  unallocated(): bigint {
    return this.balance > this.allocated ? this.balance - this.allocated : 0n;
  }

  private preview(now: bigint): { acc: bigint; emitted: bigint } {
    if (this.phase !== "attached" || this.totalStaked === 0n) return { acc: this.acc, emitted: 0n };
    const emitted = min(this.rewardPerSecond * (now - this.lastUpdateTime), this.unallocated());
    return { acc: this.acc + (emitted * SHARE_SCALE) / this.totalStaked, emitted };
  }

  private update(now: bigint): bigint {
    if (this.phase !== "attached") return this.acc;
    const { acc, emitted } = this.preview(now);
    this.acc = acc;
    this.allocated += emitted;
    this.lastUpdateTime = now;
    return acc;
  }

  user(addr: string): RewarderUser {
    let u = this.users.get(addr);
    if (!u) {
      u = { amount: 0n, synced: false, owed: 0n, paid: 0n };
      this.users.set(addr, u);
    }
    return u;
  }

  attach(farmTotal: bigint, now: bigint): void {
    if (this.phase !== "idle") throw new Error("WrongPhase");
    this.phase = "attached";
    this.totalStaked = farmTotal;
    this.lastUpdateTime = now;
  }

  /** `poolIndex`: the farm pool's accRewardPerShare after the `set` that detaches. */
  detach(poolIndex: bigint, now: bigint): void {
    this.update(now);
    this.phase = "detached";
    this.poolIndexAtDetach = poolIndex;
  }

  /**
   * The farm's `onReward` for `addr`, whose farm stake was `oldStake` and is now `newStake`.
   * Returns the bonus paid to the recipient (0 and kept owed when `transferOk` is false).
   */
  onReward(addr: string, oldStake: bigint, newStake: bigint, now: bigint, transferOk = true): bigint {
    const acc = this.update(now);
    const u = this.user(addr);
    const owed = u.owed + (oldStake * (acc - u.paid)) / SHARE_SCALE;
    this.totalStaked = this.totalStaked - oldStake + newStake;
    u.amount = newStake;
    u.synced = true;
    u.paid = acc;
    if (owed === 0n || !transferOk) {
      u.owed = owed;
      return 0n;
    }
    u.owed = 0n;
    this.allocated -= owed;
    this.balance -= owed;
    return owed;
  }

  /** After the detach: `farmStake` / `farmPaid` are the user's farm position now. */
  claim(addr: string, farmStake: bigint, farmPaid: bigint): bigint {
    if (this.phase !== "detached") throw new Error("WrongPhase");
    const u = this.user(addr);
    const stake = u.synced ? u.amount : farmPaid < this.poolIndexAtDetach ? farmStake : 0n;
    const amount = u.owed + (stake * (this.acc - u.paid)) / SHARE_SCALE;
    Object.assign(u, { amount: 0n, synced: true, owed: 0n, paid: this.acc });
    this.allocated -= amount;
    this.balance -= amount;
    return amount;
  }

  setRewardPerSecond(rate: bigint, now: bigint): void {
    this.update(now);
    this.rewardPerSecond = rate;
  }

  /** pendingReward(user) at `now`, given the user's farm stake now (for users not yet reported). */
  pendingReward(addr: string, now: bigint, farmStake: bigint, farmPaid: bigint): bigint {
    const u = this.users.get(addr) ?? { amount: 0n, synced: false, owed: 0n, paid: 0n };
    let stake = u.amount;
    if (!u.synced) {
      if (this.phase === "attached") stake = farmStake;
      else if (this.phase === "detached") stake = farmPaid < this.poolIndexAtDetach ? farmStake : 0n;
      else stake = 0n;
    }
    return u.owed + (stake * (this.preview(now).acc - u.paid)) / SHARE_SCALE;
  }

  /** `reserve()`: tokens held and not yet emitted as of `now`. */
  reserveAt(now: bigint): bigint {
    return this.unallocated() - this.preview(now).emitted;
  }
}

/** amount * (acc - paid) / S, with acc wrapping mod 2^192 as in the contract. */
export function earned(amount: bigint, acc: bigint, paid: bigint): bigint {
  if (amount === 0n) return 0n;
  return (amount * ((acc - paid + ACC_MOD) % ACC_MOD)) / SHARE_SCALE;
}
