import { min } from "./bigint";
import { SHARE_SCALE } from "./farm";

export interface RewarderUser {
  amount: bigint;
  owed: bigint;
  paid: bigint;
}

/**
 * contracts/farm/ERC20Rewarder.sol in BigInt: the bonus index only moves when the farm calls
 * `onReward` (or on fund / setRewardPerSecond), emits min(rate * dt, reserve) while its own view of
 * the stake is non-zero, and knows a user's stake only from the farm's last call for that user (a
 * rewarder switched off and on again keeps stale stakes until each user's next action).
 */
export class ERC20RewarderModel {
  acc = 0n;
  totalStaked = 0n;
  users = new Map<string, RewarderUser>();

  constructor(
    public rewardPerSecond: bigint,
    public reserve: bigint,
    public lastUpdateTime: bigint,
  ) {}

  private preview(now: bigint): { acc: bigint; emitted: bigint } {
    if (this.totalStaked === 0n) return { acc: this.acc, emitted: 0n };
    const emitted = min(this.rewardPerSecond * (now - this.lastUpdateTime), this.reserve);
    return { acc: this.acc + (emitted * SHARE_SCALE) / this.totalStaked, emitted };
  }

  private update(now: bigint): bigint {
    const { acc, emitted } = this.preview(now);
    this.acc = acc;
    this.reserve -= emitted;
    this.lastUpdateTime = now;
    return acc;
  }

  user(addr: string): RewarderUser {
    let u = this.users.get(addr);
    if (!u) {
      u = { amount: 0n, owed: 0n, paid: 0n };
      this.users.set(addr, u);
    }
    return u;
  }

  /** The farm's `onReward(pid, user, recipient, _, newLpAmount)`: returns the bonus paid to `recipient`. */
  onReward(addr: string, newLpAmount: bigint, now: bigint): bigint {
    const acc = this.update(now);
    const u = this.user(addr);
    const owed = u.owed + (u.amount * (acc - u.paid)) / SHARE_SCALE;
    this.totalStaked = this.totalStaked - u.amount + newLpAmount;
    u.amount = newLpAmount;
    u.paid = acc;
    u.owed = 0n; // recipients in the tests accept the token, so the transfer never fails
    return owed;
  }

  setRewardPerSecond(rate: bigint, now: bigint): void {
    this.update(now);
    this.rewardPerSecond = rate;
  }

  pendingReward(addr: string, now: bigint): bigint {
    const u = this.users.get(addr);
    if (!u) return 0n;
    return u.owed + (u.amount * (this.preview(now).acc - u.paid)) / SHARE_SCALE;
  }

  /** `reserve()`: funded tokens not yet emitted as of `now`. */
  reserveAt(now: bigint): bigint {
    return this.reserve - this.preview(now).emitted;
  }
}
