import type { Log } from "ethers";
import { ERC20RewarderModel, FarmModel, Fraction } from "../model";
import type { Market, SimPool } from "./market";

/**
 * The reward audit of a run, for FUR (the farm) and for the bonus token (the pool's rewarder).
 *
 *   scheduled = rate × seconds of the window      (what the emission schedule says)
 *   paid      = every reward transferred in the window (Harvest / BonusPaid events, all stakers)
 *   pending   = Δ Σ pendingReward over every staker the contract ever saw (window end − start)
 *   dust      = scheduled − (paid + pending)      (what integer rounding kept in the contract)
 *
 * The dust is then accounted for explicitly: every event of the contract since its deployment is
 * replayed through a reference model with the contract's roundings *and* exact fractions beside
 * them, so `Σ over stakers (exact owed − owed)` over the window is the rounding, as a fraction.
 * The audit is exact when that fraction is the integer `dust`, the model agreed with the contract
 * on every payout and every staker's pending reward, and the window was fully backed.
 */
export interface RewardAudit {
  token: string;
  seconds: bigint;
  rewardPerSecond: bigint;
  scheduled: bigint;
  paid: bigint;
  pending: bigint;
  dust: bigint;
  /** Rounding the reference model attributes to the window (Σ exact − actual over stakers). */
  modelRounding: Fraction;
  /** Upper bound of `dust`: one wei per rounding a staker was exposed to (model's count). */
  roundingBound: bigint;
  /** Events replayed; payouts and stakers checked against the model (all must match). */
  events: number;
  payoutsChecked: number;
  stakersChecked: number;
  mismatches: string[];
  exact: boolean;
}

/** A log with the time of its block, in chain order. */
export interface TimedLog {
  log: Log;
  time: bigint;
}

export async function timedLogs(m: Market, address: string, fromBlock: number, toBlock: number) {
  const provider = m.hre.ethers.provider;
  const logs = await provider.getLogs({ address, fromBlock, toBlock });
  const times = new Map<number, bigint>();
  const out: TimedLog[] = [];
  for (const log of logs) {
    if (!times.has(log.blockNumber)) {
      times.set(log.blockNumber, BigInt((await provider.getBlock(log.blockNumber))!.timestamp));
    }
    out.push({ log, time: times.get(log.blockNumber)! });
  }
  return out;
}

/** Σ over stakers of (exact owed − owed) and the rounding count, from the model at time `now`. */
function modelDrift(model: FarmModel, stakers: Map<number, Set<string>>, now: bigint) {
  let drift = Fraction.ZERO;
  let roundings = 0n;
  for (const [pid, users] of stakers) {
    for (const u of users) {
      drift = drift.add(model.idealPending(pid, u, now).sub(new Fraction(model.pendingReward(pid, u, now))));
      roundings += model.roundingBound(pid, u);
    }
  }
  return { drift, roundings };
}

/**
 * FUR audit of the window (`startBlock`, `endBlock`]: replays the farm from `deployBlock`, checks
 * every Harvest against the model and every staker's `pendingReward` at both ends against it.
 */
export async function auditFarm(
  m: Market,
  window: { deployBlock: number; startBlock: number; endBlock: number },
): Promise<RewardAudit> {
  const provider = m.hre.ethers.provider;
  const farmAddress = await m.farm.getAddress();
  const logs = await timedLogs(m, farmAddress, window.deployBlock, window.endBlock);
  const startTime = BigInt((await provider.getBlock(window.startBlock))!.timestamp);
  const endTime = BigInt((await provider.getBlock(window.endBlock))!.timestamp);
  const farmStart = await m.farm.startTime();
  const mismatches: string[] = [];
  const stakers = new Map<number, Set<string>>();
  let model: FarmModel | undefined;
  let paid = 0n;
  let minted = 0n;
  let payoutsChecked = 0;
  let atStart: { drift: Fraction; roundings: bigint; pending: bigint } | undefined;

  const snapshotStart = async () => {
    const d = modelDrift(model!, stakers, startTime);
    let pending = 0n;
    for (const [pid, users] of stakers) {
      for (const u of users) pending += await m.farm.pendingReward(pid, u, { blockTag: window.startBlock });
    }
    atStart = { ...d, pending };
  };

  for (const { log, time } of logs) {
    if (log.blockNumber > window.startBlock && atStart === undefined) await snapshotStart();
    const ev = m.farm.interface.parseLog(log);
    if (!ev) continue;
    const inWindow = log.blockNumber > window.startBlock;
    if (!model) {
      // The constructor's LogRewardPerSecond is the farm's first event: it dates the deployment.
      if (ev.name !== "LogRewardPerSecond") continue;
      model = new FarmModel(farmStart, time, ev.args.rewardPerSecond as bigint);
      continue;
    }
    const pid = ev.args.pid === undefined ? -1 : Number(ev.args.pid);
    const track = (user: string) => {
      if (!stakers.has(pid)) stakers.set(pid, new Set());
      stakers.get(pid)!.add(user.toLowerCase());
    };
    switch (ev.name) {
      case "LogRewardPerSecond":
        model.setRewardPerSecond(ev.args.rewardPerSecond as bigint, time);
        break;
      case "LogPoolAddition":
        model.add(ev.args.allocPoint as bigint, time);
        break;
      case "LogSetPool":
        model.set(pid, ev.args.allocPoint as bigint, time);
        break;
      case "Deposit":
        track(ev.args.to as string);
        model.deposit(pid, (ev.args.to as string).toLowerCase(), ev.args.amount as bigint, time);
        break;
      case "Withdraw":
        model.withdraw(pid, (ev.args.user as string).toLowerCase(), ev.args.amount as bigint, time);
        break;
      case "EmergencyWithdraw":
        model.emergencyWithdraw(pid, (ev.args.user as string).toLowerCase());
        break;
      case "Harvest": {
        const expected = model.harvest(pid, (ev.args.user as string).toLowerCase(), time);
        const actual = ev.args.amount as bigint;
        payoutsChecked++;
        if (expected !== actual) {
          mismatches.push(`Harvest in block ${log.blockNumber}: farm paid ${actual}, model ${expected}`);
        }
        if (inWindow) paid += actual;
        break;
      }
      case "RewardsMinted":
        minted += ev.args.amount as bigint;
        break;
    }
  }
  if (!model) throw new Error("audit: the farm's deployment event was not found");
  if (atStart === undefined) await snapshotStart();
  if (model.minted !== minted) mismatches.push(`minted: farm ${minted}, model ${model.minted}`);

  let pending = 0n;
  let stakersChecked = 0;
  for (const [pid, users] of stakers) {
    for (const u of users) {
      const onChain = await m.farm.pendingReward(pid, u, { blockTag: window.endBlock });
      const expected = model.pendingReward(pid, u, endTime);
      stakersChecked++;
      if (onChain !== expected)
        mismatches.push(`pending ${u} in pool ${pid}: farm ${onChain}, model ${expected}`);
      pending += onChain;
    }
  }
  pending -= atStart!.pending;
  const end = modelDrift(model, stakers, endTime);
  const rate = await m.farm.rewardPerSecond({ blockTag: window.endBlock });
  const seconds = endTime - startTime;
  const scheduled = rate * seconds;
  const dust = scheduled - paid - pending;
  const modelRounding = end.drift.sub(atStart!.drift);
  const exact = mismatches.length === 0 && modelRounding.d === 1n && modelRounding.n === dust && dust >= 0n;
  return {
    token: "FUR",
    seconds,
    rewardPerSecond: rate,
    scheduled,
    paid,
    pending,
    dust,
    modelRounding,
    roundingBound: end.roundings,
    events: logs.length,
    payoutsChecked,
    stakersChecked,
    mismatches,
    exact,
  };
}

/**
 * The same audit for the bonus rewarder of pool `pid`, replayed through `ERC20RewarderModel`. The
 * rewarder's index moves on every farm action in the pool, each of which calls `onReward(user,
 * newAmount)`; its own events give the attach, the funding and what it paid (`BonusPaid`).
 */
export async function auditBonus(
  m: Market,
  pool: SimPool,
  window: { deployBlock: number; startBlock: number; endBlock: number },
): Promise<RewardAudit> {
  const provider = m.hre.ethers.provider;
  const rewarder = pool.rewarder!;
  const rewarderAddress = (await rewarder.getAddress()).toLowerCase();
  const farmLogs = await timedLogs(m, await m.farm.getAddress(), window.deployBlock, window.endBlock);
  const bonusLogs = await timedLogs(m, rewarderAddress, window.deployBlock, window.endBlock);
  const startTime = BigInt((await provider.getBlock(window.startBlock))!.timestamp);
  const endTime = BigInt((await provider.getBlock(window.endBlock))!.timestamp);
  const rate = await rewarder.rewardPerSecond({ blockTag: window.endBlock });
  // The rate and balance at deployment: RewardPerSecondSet and Funded events move them from there.
  const model = new ERC20RewarderModel(0n, 0n);
  const stakes = new Map<string, bigint>();
  /** Payouts the model expects from the farm calls of the current transaction, by user. */
  const expected = new Map<string, bigint>();
  const mismatches: string[] = [];
  let paid = 0n;
  let payoutsChecked = 0;
  let events = 0;

  const snapshot = async (blockTag: number, now: bigint, check: boolean) => {
    let pending = 0n;
    let drift = Fraction.ZERO;
    for (const user of model.users.keys()) {
      const modelPending = model.pendingReward(user, now, stakes.get(user) ?? 0n, 0n);
      const onChain = await rewarder.pendingReward(user, { blockTag });
      if (check && onChain !== modelPending)
        mismatches.push(`bonus pending ${user}: rewarder ${onChain}, model ${modelPending}`);
      pending += onChain;
      drift = drift.add(model.exactPending(user, now).sub(new Fraction(modelPending)));
    }
    return { pending, drift };
  };
  const closeTransaction = () => {
    for (const [user, amount] of expected)
      if (amount > 0n) mismatches.push(`bonus to ${user}: model paid ${amount}, rewarder logged nothing`);
    expected.clear();
  };

  // Chain order by transaction; within one, the farm's events first: the farm calls `onReward`
  // (which logs BonusPaid) just before logging its own event, and the model settles on the latter.
  const isBonus = (l: Log) => (l.address.toLowerCase() === rewarderAddress ? 1 : 0);
  const all = [...farmLogs, ...bonusLogs].sort(
    (x, y) =>
      x.log.blockNumber - y.log.blockNumber ||
      x.log.transactionIndex - y.log.transactionIndex ||
      isBonus(x.log) - isBonus(y.log) ||
      x.log.index - y.log.index,
  );
  let atStart: { pending: bigint; drift: Fraction } | undefined;
  let tx = "";
  for (const { log, time } of all) {
    if (log.transactionHash !== tx) {
      closeTransaction();
      tx = log.transactionHash;
    }
    if (log.blockNumber > window.startBlock && atStart === undefined)
      atStart = await snapshot(window.startBlock, startTime, false);
    const inWindow = log.blockNumber > window.startBlock;
    if (isBonus(log)) {
      const ev = rewarder.interface.parseLog(log);
      events++;
      if (ev?.name === "RewardPerSecondSet")
        model.setRewardPerSecond(ev.args.rewardPerSecond as bigint, time);
      else if (ev?.name === "Funded") model.fund(ev.args.amount as bigint, time);
      else if (ev?.name === "Attached") model.attach(ev.args.totalStaked as bigint, time);
      else if (ev?.name === "BonusPaid") {
        const user = (ev.args.user as string).toLowerCase();
        const amount = ev.args.amount as bigint;
        payoutsChecked++;
        if (expected.get(user) !== amount)
          mismatches.push(
            `BonusPaid in block ${log.blockNumber}: rewarder ${amount}, model ${expected.get(user)}`,
          );
        expected.delete(user);
        if (inWindow) paid += amount;
      }
      continue;
    }
    const ev = m.farm.interface.parseLog(log);
    if (!ev || ev.args.pid === undefined || Number(ev.args.pid) !== pool.pid) continue;
    if (!["Deposit", "Withdraw", "Harvest", "EmergencyWithdraw"].includes(ev.name)) continue;
    events++;
    const who = ((ev.name === "Deposit" ? ev.args.to : ev.args.user) as string).toLowerCase();
    const before = stakes.get(who) ?? 0n;
    const amount = ev.args.amount as bigint;
    const after =
      ev.name === "Deposit"
        ? before + amount
        : ev.name === "Withdraw"
          ? before - amount
          : ev.name === "EmergencyWithdraw"
            ? 0n
            : before;
    stakes.set(who, after);
    // withdrawAndHarvest logs Withdraw then Harvest and calls the rewarder once, after both: a
    // second settlement at the same index and time pays nothing more, so replaying both is exact.
    const pays = model.onReward(who, before, after, time);
    expected.set(who, (expected.get(who) ?? 0n) + pays);
  }
  closeTransaction();
  if (atStart === undefined) atStart = await snapshot(window.startBlock, startTime, false);
  const end = await snapshot(window.endBlock, endTime, true);
  const seconds = endTime - startTime;
  const scheduled = rate * seconds;
  const pending = end.pending - atStart.pending;
  const dust = scheduled - paid - pending;
  const modelRounding = end.drift.sub(atStart.drift);
  let roundingBound = 0n;
  for (const user of model.users.keys()) roundingBound += model.roundingBound(user);
  return {
    token: "BONUS",
    seconds,
    rewardPerSecond: rate,
    scheduled,
    paid,
    pending,
    dust,
    modelRounding,
    roundingBound,
    events,
    payoutsChecked,
    stakersChecked: model.users.size,
    mismatches,
    exact: mismatches.length === 0 && modelRounding.d === 1n && modelRounding.n === dust && dust >= 0n,
  };
}
