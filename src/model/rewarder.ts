import { min } from "./bigint";
import { SHARE_SCALE } from "./farm";

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
