import { min } from "./bigint";
import { SHARE_SCALE } from "./farm";
import { Fraction } from "./fraction";

export interface RewarderUser {
  /** The stake the rewarder last recorded, and whether the farm has reported the user since the attach. */
  amount: bigint;
  synced: boolean;
  owed: bigint;
  paid: bigint;
  /** Exact side: what the user is owed with no rounding, and the exact index at the last settlement. */
  exactOwed: Fraction;
  exactPaid: Fraction;
  /** Floors the user's reward went through: index updates while staked and own settlements. */
  roundings: bigint;
}

const newUser = (exactPaid: Fraction): RewarderUser => ({
  amount: 0n,
  synced: false,
  owed: 0n,
  paid: 0n,
  exactOwed: Fraction.ZERO,
  exactPaid,
  roundings: 0n,
});

export const REWARDER_MAX_RATE = 10n ** 24n;

/**
 * contracts/farm/ERC20Rewarder.sol in BigInt, written from its specification rather than its code:
 * from the attach to the detach, every second's emission min(rate * dt, unallocated balance) is
 * split by the stakes *the farm* holds (the caller passes the farm's stake before each change, so
 * the model cannot drift from the farm the way a pushed copy could); the index moves at the same
 * moments as the contract's (every hook, fund and rate change), with the same roundings.
 *
 * Beside it runs an exact side (as in `FarmModel`): the index as an exact fraction, each user's
 * exact reward, and a count of the floors each user went through, so that the rounding of any
 * window is `exactPending - pendingReward` summed over the stakers, bounded by `roundingBound`.
 * The exact side follows the synced stakes (every staker the farm reported since the attach).
 */
export class ERC20RewarderModel {
  phase: "idle" | "attached" | "detached" = "idle";
  acc = 0n;
  totalStaked = 0n;
  allocated = 0n;
  lastUpdateTime = 0n;
  poolIndexAtDetach = 0n;
  /** Σ emitted / totalStaked over every update, unrounded: the exact index per staked wei. */
  exactAcc = Fraction.ZERO;
  users = new Map<string, RewarderUser>();

  constructor(
    public rewardPerSecond: bigint,
    /** The rewarder's token balance (the test moves it with every transfer in or out). */
    public balance: bigint,
  ) {}

  unallocated(): bigint {
    return this.balance > this.allocated ? this.balance - this.allocated : 0n;
  }

  private preview(now: bigint): { acc: bigint; emitted: bigint; exactAcc: Fraction } {
    if (this.phase !== "attached" || this.totalStaked === 0n)
      return { acc: this.acc, emitted: 0n, exactAcc: this.exactAcc };
    const emitted = min(this.rewardPerSecond * (now - this.lastUpdateTime), this.unallocated());
    return {
      acc: this.acc + (emitted * SHARE_SCALE) / this.totalStaked,
      emitted,
      exactAcc: this.exactAcc.add(new Fraction(emitted, this.totalStaked)),
    };
  }

  private update(now: bigint): bigint {
    if (this.phase !== "attached") return this.acc;
    const { acc, emitted, exactAcc } = this.preview(now);
    this.acc = acc;
    this.exactAcc = exactAcc;
    this.allocated += emitted;
    this.lastUpdateTime = now;
    // The contract moves its index only when something was emitted: one floor for every stake.
    if (emitted > 0n) for (const u of this.users.values()) if (u.amount > 0n) u.roundings += 1n;
    return acc;
  }

  user(addr: string): RewarderUser {
    let u = this.users.get(addr);
    if (!u) {
      u = newUser(this.exactAcc);
      this.users.set(addr, u);
    }
    return u;
  }

  /** `fund(amount)`: the emission so far is measured against the balance before the new tokens. */
  fund(amount: bigint, now: bigint): void {
    this.update(now);
    this.balance += amount;
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
    u.exactOwed = u.exactOwed.add(this.exactAcc.sub(u.exactPaid).mul(new Fraction(oldStake)));
    u.exactPaid = this.exactAcc;
    if (oldStake > 0n) u.roundings += 1n;
    this.totalStaked = this.totalStaked - oldStake + newStake;
    u.amount = newStake;
    u.synced = true;
    u.paid = acc;
    if (owed === 0n || !transferOk) {
      u.owed = owed;
      return 0n;
    }
    u.owed = 0n;
    // The exact side keeps what rounding lost, so the drift adds up across payouts.
    u.exactOwed = u.exactOwed.sub(new Fraction(owed));
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
    const exactOwed = u.exactOwed.add(this.exactAcc.sub(u.exactPaid).mul(new Fraction(stake)));
    Object.assign(u, { amount: 0n, synced: true, owed: 0n, paid: this.acc });
    Object.assign(u, { exactOwed: exactOwed.sub(new Fraction(amount)), exactPaid: this.exactAcc });
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
    const u = this.users.get(addr) ?? newUser(Fraction.ZERO);
    let stake = u.amount;
    if (!u.synced) {
      if (this.phase === "attached") stake = farmStake;
      else if (this.phase === "detached") stake = farmPaid < this.poolIndexAtDetach ? farmStake : 0n;
      else stake = 0n;
    }
    return u.owed + (stake * (this.preview(now).acc - u.paid)) / SHARE_SCALE;
  }

  /** The unrounded reward of a synced staker at `now` (what exact arithmetic would owe them). */
  exactPending(addr: string, now: bigint): Fraction {
    const u = this.users.get(addr);
    if (!u) return Fraction.ZERO;
    return u.exactOwed.add(this.preview(now).exactAcc.sub(u.exactPaid).mul(new Fraction(u.amount)));
  }

  /**
   * Upper bound, in wei, of what rounding took from a synced staker's pending: one per floor so far,
   * plus two for the view's own index preview and settlement.
   */
  roundingBound(addr: string): bigint {
    const u = this.users.get(addr);
    return u ? u.roundings + 2n : 0n;
  }

  /** `reserve()`: tokens held and not yet emitted as of `now`. */
  reserveAt(now: bigint): bigint {
    return this.unallocated() - this.preview(now).emitted;
  }
}
