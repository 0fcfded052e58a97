import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { ContractTransactionReceipt, ContractTransactionResponse, Interface } from "ethers";
import { E18, FARM_RATE, farmFixture } from "../fixtures";
import { ERC20RewarderModel, FarmModel, Fraction } from "../../src/model";
import type {
  ERC20Rewarder,
  Farm,
  GasBurningReceiver,
  HookToken,
  IERC20,
  MockERC20,
  RewardToken,
} from "../../typechain-types";

/*
 * Reward-accrual audit: a stateful fast-check test that drives the Farm (and the ERC20Rewarder of
 * one pool) and the BigInt model of src/model (farm.ts, rewarder.ts) with the same random actions - deposit
 * (also split in two inside one multicall), withdraw, harvest, withdrawAndHarvest,
 * emergencyWithdraw (also to a recipient that burns the gas the bonus transfer gives it), updatePool,
 * time jumps, add, set, setRewardPerSecond, rewarder detach / attach of a fresh one (a detached one
 * cannot come back) and claims from detached ones - with every block's timestamp set by the test, so
 * the model knows the time of each step. The bonus token calls its recipients (HookToken).
 *
 * After every step, for every pool and user:
 *   - pendingReward and userInfo equal the model exactly; poolInfo, the global index and the
 *     reward reserve too; every rewarder's pendingReward, reserve, totalStaked and balance equal
 *     its model; the attached rewarder's stake of every user and its total equal the farm's;
 *   - every payout (FUR and bonus balance change of the recipient) equals the model's, a harvest
 *     pays exactly the pendingReward of that time, and the Harvest event says the same amount;
 *   - rounding: 0 <= ideal - (paid + pending) <= (own settlements + 1) wei plus what pool updates
 *     took (model.tightBound, < 0.001 wei here), where ideal is the exact-fraction reward;
 *   - paid + sum(pending) <= emitted so far (model) <= the emission schedule (rate x time while
 *     some pool has weight, tracked by the test itself), and emitted <= FUR minted;
 *   - per pool: internal stake == sum of user stakes == the farm's balance of the token (the FUR
 *     pool: FUR balance == FUR staked + FUR minted - FUR paid);
 *   - FUR solvency, exactly: FUR held - FUR staked == reserve + emission backed ahead + (emitted -
 *     returned to the reserve - paid), the last term being what is owed to stakers plus rounding dust.
 * deposit(x); deposit(y) == deposit(x + y) is checked by running the split deposit on the contract
 * and a single deposit of x + y on the model, then comparing everything as above.
 *
 * Fixed seed in `npm test`; FUZZ_RUNS=n (and FUZZ_SEED=n, FUZZ_COMMANDS=n) for long runs.
 */

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const MAX_COMMANDS = Number(process.env.FUZZ_COMMANDS ?? 24);
/** FUZZ_STATS=1 prints how many steps ran and how many runs reached the FUR cap, etc. */
const PRINT_STATS = Boolean(process.env.FUZZ_STATS);
const stats = { runs: 0, steps: 0, furCapReached: 0, bonusExhausted: 0, rewarderOffAtEnd: 0, poolAdded: 0 };

const ZERO = ethers.ZeroAddress;
const MAX_SUPPLY = 100_000_000n * E18;
/** The fixture pre-mints FUR to within this of the cap, so that fast runs reach the cap. */
const MINTABLE_AT_START = 3_000_000n * E18;
const USER_FUR = 10_000n * E18;
const BONUS_RATE = E18;
const BONUS_FUNDED = 50_000n * E18;
/** Fresh rewarders the audit can attach after a detach (funded by plain transfer). */
const SPARE_REWARDERS = 2;
const SPARE_FUNDED = 20_000n * E18;
const GAS = { gasLimit: 15_000_000 }; // fixed (no estimate round trip), room for coverage instrumentation
const USERS = 4;
const BONUS_PID = 1;
const FUR_PID = 2;
/** Pools 0..2 exist from the start; `add` brings in pool 3 (lpC). */
const INITIAL_ALLOCS = [100n, 50n, 40n];

/**
 * farmFixture plus: an ERC20Rewarder on pool 1 (1 BONUS/s, 50,000 BONUS funded), FUR supply
 * pre-minted to 3,000,000 FUR below the cap, 10,000 FUR for each user (approved to the farm), and
 * pools 0 = lpA (alloc 100), 1 = lpB (alloc 50, the rewarder), 2 = FUR itself (alloc 40).
 */
async function auditFixture() {
  const f = await farmFixture();
  const { farm, token, admin, alice, bob, carol, dave } = f;
  const users = [alice, bob, carol, dave];
  const deployBlock = await farm.deploymentTransaction()!.getBlock();
  const bonus: HookToken = await ethers.deployContract("HookToken");
  const newRewarder = (): Promise<ERC20Rewarder> =>
    ethers.deployContract("ERC20Rewarder", [farm, BONUS_PID, bonus, BONUS_RATE, admin.address]);
  const rewarder = await newRewarder();
  await bonus.mint(admin.address, BONUS_FUNDED + BigInt(SPARE_REWARDERS) * SPARE_FUNDED);
  await bonus.approve(rewarder, ethers.MaxUint256);
  await rewarder.fund(BONUS_FUNDED);
  const spares: ERC20Rewarder[] = [];
  for (let i = 0; i < SPARE_REWARDERS; i++) {
    const spare = await newRewarder();
    await bonus.transfer(spare, SPARE_FUNDED); // a plain transfer funds it
    spares.push(spare);
  }
  const burner: GasBurningReceiver = await ethers.deployContract("GasBurningReceiver");
  for (const user of users) {
    await token.mint(user.address, USER_FUR);
    await token.connect(user).approve(farm, ethers.MaxUint256);
  }
  await token.mint(admin.address, MAX_SUPPLY - MINTABLE_AT_START - (await token.totalSupply()));
  const addTimes: bigint[] = [];
  const poolTokens: IERC20[] = [f.lpA, f.lpB, token];
  for (const [i, lp] of poolTokens.entries()) {
    const tx = await farm.add(INITIAL_ALLOCS[i], lp, i === BONUS_PID ? rewarder : ZERO);
    addTimes.push(BigInt((await tx.getBlock())!.timestamp));
  }
  return {
    ...f,
    users,
    bonus,
    rewarder,
    spares,
    burner,
    poolTokens,
    addTimes,
    deployTime: BigInt(deployBlock!.timestamp),
    initialSupply: await token.totalSupply(),
    clock: BigInt(await time.latest()),
  };
}

type Fixture = Awaited<ReturnType<typeof auditFixture>>;

interface Real {
  farm: Farm;
  token: RewardToken;
  bonus: HookToken;
  burnerAddress: string;
  /** Every rewarder of the bonus pool, in the order they are attached (index 0 from the start). */
  rewarders: ERC20Rewarder[];
  lpC: MockERC20;
  admin: HardhatEthersSigner;
  users: HardhatEthersSigner[];
  /** Staked token of each pool id. */
  poolTokens: IERC20[];
}

interface Model {
  farm: FarmModel;
  /** Models of `Real.rewarders`, same order. */
  bonus: ERC20RewarderModel[];
  /** Index of the attached rewarder, or -1. */
  current: number;
  /** Timestamp of the latest block. */
  clock: bigint;
  /** FUR paid to recipients, as measured by their balance changes. */
  paid: bigint;
  /** Emission schedule so far: rate x seconds after the start while some pool has weight. */
  schedule: bigint;
  start: bigint;
  initialSupply: bigint;
  addr: string[];
}

function buildModel(f: Fixture): Model {
  // What RewardToken would still mint: the cap less the fixture's supply and the farm's mints.
  const farm: FarmModel = new FarmModel(
    f.startTime,
    f.deployTime,
    FARM_RATE,
    () => MAX_SUPPLY - (f.initialSupply + farm.minted),
  );
  INITIAL_ALLOCS.forEach((alloc, i) => farm.add(alloc, f.addTimes[i]));
  const first = new ERC20RewarderModel(BONUS_RATE, BONUS_FUNDED);
  first.attach(0n, f.addTimes[BONUS_PID]);
  return {
    farm,
    bonus: [first, ...f.spares.map(() => new ERC20RewarderModel(BONUS_RATE, SPARE_FUNDED))],
    current: 0,
    clock: f.clock,
    paid: 0n,
    schedule: 0n, // nothing before startTime, which is after the fixture
    start: f.startTime,
    initialSupply: f.initialSupply,
    addr: f.users.map((u) => u.address),
  };
}

/** The schedule accrues up to `t` at the rate and weights in force before the block at `t`. */
function advance(m: Model, t: bigint): void {
  const from = m.clock > m.start ? m.clock : m.start;
  if (t > from && m.farm.totalAllocPoint > 0n) m.schedule += m.farm.rewardPerSecond * (t - from);
  m.clock = t;
}

/** Mines `send()` in a block at `t` (the model's clock moves there). */
async function mineTx(
  m: Model,
  t: bigint,
  send: () => Promise<ContractTransactionResponse>,
): Promise<ContractTransactionReceipt> {
  await time.setNextBlockTimestamp(t);
  const receipt = await (await send()).wait();
  if (!receipt) throw new Error("no receipt");
  advance(m, t);
  return receipt;
}

async function harvestEvents(r: Real, receipt: ContractTransactionReceipt): Promise<bigint[]> {
  const farmAddr = await r.farm.getAddress();
  return receipt.logs
    .filter((log) => log.address === farmAddr)
    .map((log) => r.farm.interface.parseLog(log))
    .filter((e) => e?.name === "Harvest")
    .map((e) => e!.args.amount as bigint);
}

/** FUR and BONUS balances of `who`. */
async function rewardBalances(r: Real, who: string): Promise<[bigint, bigint]> {
  return Promise.all([r.token.balanceOf(who), r.bonus.balanceOf(who)]);
}

/** The address `to` of a command: a user, or (index USERS) the gas-burning receiver. */
function recipient(m: Model, r: Real, to: number): string {
  return to < USERS ? m.addr[to] : r.burnerAddress;
}

/**
 * Tells the attached bonus model about a farm call on the rewarder's pool, with the user's farm
 * stake before and after it; returns the bonus paid to `to` (the burner refuses it: kept owed).
 */
function bonusCall(m: Model, r: Real, pid: number, user: string, before: bigint, to: string): bigint {
  if (pid !== BONUS_PID || m.current < 0) return 0n;
  const after = m.farm.user(pid, user).amount;
  return m.bonus[m.current].onReward(user, before, after, m.clock, to !== r.burnerAddress);
}

/** Everything the farm and the rewarder report, compared with the model and the invariants. */
async function checkAll(m: Model, r: Real): Promise<void> {
  stats.steps++;
  const t = m.clock;
  const pools = m.farm.pools.length;
  const iface = r.farm.interface;
  const calls: string[] = [
    iface.encodeFunctionData("accRewardPerAllocPoint"),
    iface.encodeFunctionData("rewardReserve"),
    iface.encodeFunctionData("totalAllocPoint"),
  ];
  for (let pid = 0; pid < pools; pid++) {
    calls.push(iface.encodeFunctionData("poolInfo", [pid]));
    for (const a of m.addr) {
      calls.push(iface.encodeFunctionData("pendingReward", [pid, a]));
      calls.push(iface.encodeFunctionData("userInfo", [pid, a]));
    }
  }
  const out = await r.farm.multicall.staticCall(calls);
  let k = 0;
  const abi: Interface = iface;
  const next = (fn: string) => abi.decodeFunctionResult(fn, out[k++]);

  expect(next("accRewardPerAllocPoint")[0], "G").to.equal(m.farm.previewGlobal(t).g);
  const [reserve, fundedUntil] = next("rewardReserve");
  expect([reserve, fundedUntil], "rewardReserve").to.deep.equal([m.farm.reserve, m.farm.fundedUntil]);
  expect(next("totalAllocPoint")[0], "totalAllocPoint").to.equal(m.farm.totalAllocPoint);

  let pendingSum = 0n;
  const staked: bigint[] = [];
  for (let pid = 0; pid < pools; pid++) {
    const info = next("poolInfo")[0];
    const mp = m.farm.pools[pid];
    expect(
      [info.accRewardPerShare, info.accRewardPerAllocPoint, info.allocPoint, info.totalStaked],
      `poolInfo(${pid})`,
    ).to.deep.equal([mp.accRewardPerShare, mp.accRewardPerAllocPoint, mp.allocPoint, mp.totalStaked]);
    let userSum = 0n;
    for (const a of m.addr) {
      const pending: bigint = next("pendingReward")[0];
      const ui = next("userInfo")[0];
      const mu = m.farm.user(pid, a);
      expect(pending, `pendingReward(${pid}, ${a})`).to.equal(m.farm.pendingReward(pid, a, t));
      expect([ui.amount, ui.accrued, ui.accRewardPerSharePaid], `userInfo(${pid}, ${a})`).to.deep.equal([
        mu.amount,
        mu.accrued,
        mu.paid,
      ]);
      // Rounding: never above the exact reward, never more than the stated bound below it.
      const shortfall = m.farm.idealPending(pid, a, t).sub(new Fraction(pending));
      expect(shortfall.n >= 0n, `pending(${pid}, ${a}) above the exact reward`).to.equal(true);
      const excess = shortfall.sub(m.farm.tightBound(pid, a, t));
      expect(excess.n <= 0n, `pending(${pid}, ${a}) below the exact reward by more than the bound`).to.equal(
        true,
      );
      pendingSum += pending;
      userSum += ui.amount;
    }
    expect(info.totalStaked, `pool ${pid}: internal stake == sum of user stakes`).to.equal(userSum);
    staked.push(info.totalStaked);
  }

  const farmAddr = await r.farm.getAddress();
  const [supply, furHeld, ...lpHeld] = await Promise.all([
    r.token.totalSupply(),
    r.token.balanceOf(farmAddr),
    ...r.poolTokens.slice(0, pools).map((lp, pid) => (pid === FUR_PID ? 0n : lp.balanceOf(farmAddr))),
  ]);
  const minted = supply - m.initialSupply;
  expect(minted, "FUR minted").to.equal(m.farm.minted);
  expect(m.farm.paid, "FUR paid (model) == measured").to.equal(m.paid);
  expect(furHeld, "farm FUR == FUR staked + minted - paid").to.equal(staked[FUR_PID] + minted - m.paid);
  lpHeld.forEach((held, pid) => {
    if (pid !== FUR_PID) expect(held, `pool ${pid}: token held == stake`).to.equal(staked[pid]);
  });
  // Views include the emission since the last update, which the next transaction will mint. An
  // empty pool's share goes back to the reserve and is emitted again later: `net` counts it once.
  const preview = m.farm.previewGlobal(t);
  const emitted = m.farm.emitted + preview.emitted;
  const net = emitted - m.farm.refunded;
  expect(m.paid + pendingSum <= net, "paid + pending <= emitted so far").to.equal(true);
  expect(emitted <= m.schedule, "emitted <= schedule").to.equal(true);
  expect(net <= minted + preview.toMint, "emitted <= minted").to.equal(true);
  // Solvency as an identity: every minted wei is in the reserve, backs time ahead, or was emitted;
  // emitted FUR was refunded or returned by an emergency withdraw (both into the reserve), paid,
  // or is still held for stakers.
  const f = m.farm;
  const backedAhead =
    f.fundedUntil > f.lastUpdateTime ? f.rewardPerSecond * (f.fundedUntil - f.lastUpdateTime) : 0n;
  expect(
    furHeld - staked[FUR_PID],
    "FUR held - staked == reserve + backed ahead + held for stakers",
  ).to.equal(f.reserve + backedAhead + (f.emitted - f.refunded - f.forfeited - m.paid));

  // Every rewarder: views and balance equal its model; the attached one counts the farm's stakes.
  for (const [i, rewarder] of r.rewarders.entries()) {
    const bm = m.bonus[i];
    const farmUsers = m.addr.map((a) => m.farm.user(BONUS_PID, a));
    const [views, infos] = await Promise.all([
      Promise.all([
        rewarder.reserve(),
        rewarder.totalStaked(),
        r.bonus.balanceOf(rewarder),
        ...m.addr.map((a) => rewarder.pendingReward(a)),
      ]),
      Promise.all(m.addr.map((a) => rewarder.userInfo(a))),
    ]);
    expect(views, `rewarder ${i}: reserve, totalStaked, balance, pending`).to.deep.equal([
      bm.reserveAt(t),
      bm.totalStaked,
      bm.balance,
      ...m.addr.map((a, k) => bm.pendingReward(a, t, farmUsers[k].amount, farmUsers[k].paid)),
    ]);
    if (i === m.current) {
      expect(bm.totalStaked, "attached rewarder's total == the farm's").to.equal(staked[BONUS_PID]);
      expect(
        infos.map((u) => u.amount),
        "attached rewarder's stake of every user == the farm's",
      ).to.deep.equal(farmUsers.map((u) => u.amount));
    }
  }
}

type Cmd = fc.AsyncCommand<Model, Real>;

/** How much to deposit: `share` thousandths of the balance, or `wei` (capped at the balance). */
type AmountSpec = { share: number } | { wei: bigint };

class DepositCommand implements Cmd {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly pid: number,
    readonly spec: AmountSpec,
    readonly split: boolean,
    readonly dt: bigint,
  ) {}
  check = (m: Readonly<Model>) => this.pid < m.farm.pools.length;
  async run(m: Model, r: Real) {
    const from = r.users[this.from];
    const to = m.addr[this.to];
    const balance = await r.poolTokens[this.pid].balanceOf(from.address);
    const amount =
      "share" in this.spec
        ? (balance * BigInt(this.spec.share)) / 1000n
        : this.spec.wei < balance
          ? this.spec.wei
          : balance;
    const [fur0, bonus0] = await rewardBalances(r, to);
    const before = m.farm.user(this.pid, to).amount;
    const t = m.clock + this.dt;
    const farm = r.farm.connect(from);
    if (this.split) {
      const x = amount / 3n;
      const iface = r.farm.interface;
      await mineTx(m, t, () =>
        farm.multicall(
          [
            iface.encodeFunctionData("deposit", [this.pid, x, to]),
            iface.encodeFunctionData("deposit", [this.pid, amount - x, to]),
          ],
          GAS,
        ),
      );
    } else {
      await mineTx(m, t, () => farm.deposit(this.pid, amount, to, GAS));
    }
    m.farm.deposit(this.pid, to, amount, t);
    const bonusPaid = bonusCall(m, r, this.pid, to, before, to);
    const [fur1, bonus1] = await rewardBalances(r, to);
    const furMoved = this.pid === FUR_PID && this.from === this.to ? -amount : 0n;
    expect(fur1 - fur0, "a deposit pays no FUR").to.equal(furMoved);
    expect(bonus1 - bonus0, "bonus paid on deposit").to.equal(bonusPaid);
    await checkAll(m, r);
  }
  toString = () =>
    `deposit${this.split ? "(split)" : ""}(+${this.dt}s, user ${this.from} -> ${this.to}, pid ${this.pid}, ${JSON.stringify(this.spec, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))})`;
}

class WithdrawCommand implements Cmd {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly pid: number,
    /** Thousandths of the stake; above 1000: the stake plus (share - 1000) wei, which must revert. */
    readonly share: number,
    readonly andHarvest: boolean,
    readonly dt: bigint,
  ) {}
  check = (m: Readonly<Model>) => this.pid < m.farm.pools.length;
  async run(m: Model, r: Real) {
    const from = r.users[this.from];
    const to = m.addr[this.to];
    const stake = m.farm.user(this.pid, from.address).amount;
    const amount =
      this.share <= 1000 ? (stake * BigInt(this.share)) / 1000n : stake + BigInt(this.share - 1000);
    const farm = r.farm.connect(from);
    const send = this.andHarvest ? farm.withdrawAndHarvest : farm.withdraw;
    const t = m.clock + this.dt;
    if (amount > stake) {
      // The reverted transaction is mined at t and changes nothing.
      await time.setNextBlockTimestamp(t);
      await expect(send(this.pid, amount, to, GAS))
        .to.be.revertedWithCustomError(r.farm, "InsufficientStake")
        .withArgs(amount, stake);
      advance(m, t);
      await checkAll(m, r);
      return;
    }
    const [fur0, bonus0] = await rewardBalances(r, to);
    const before = stake;
    const expectedReward = this.andHarvest ? m.farm.pendingReward(this.pid, from.address, t) : 0n;
    const receipt = await mineTx(m, t, () => send(this.pid, amount, to, GAS));
    const reward = this.andHarvest
      ? m.farm.withdrawAndHarvest(this.pid, from.address, amount, t)
      : (m.farm.withdraw(this.pid, from.address, amount, t), 0n);
    expect(reward, "withdrawAndHarvest pays the pendingReward of its block").to.equal(expectedReward);
    const bonusPaid = bonusCall(m, r, this.pid, from.address, before, to);
    const [fur1, bonus1] = await rewardBalances(r, to);
    m.paid += reward;
    expect(fur1 - fur0, "FUR paid").to.equal(reward + (this.pid === FUR_PID ? amount : 0n));
    expect(bonus1 - bonus0, "bonus paid").to.equal(bonusPaid);
    expect(await harvestEvents(r, receipt), "Harvest events").to.deep.equal(this.andHarvest ? [reward] : []);
    await checkAll(m, r);
  }
  toString = () =>
    `${this.andHarvest ? "withdrawAndHarvest" : "withdraw"}(+${this.dt}s, user ${this.from} -> ${this.to}, pid ${this.pid}, ${this.share}‰)`;
}

class HarvestCommand implements Cmd {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly pid: number,
    readonly dt: bigint,
  ) {}
  check = (m: Readonly<Model>) => this.pid < m.farm.pools.length;
  async run(m: Model, r: Real) {
    const from = r.users[this.from];
    const to = m.addr[this.to];
    const [fur0, bonus0] = await rewardBalances(r, to);
    const t = m.clock + this.dt;
    const expected = m.farm.pendingReward(this.pid, from.address, t);
    const before = m.farm.user(this.pid, from.address).amount;
    const receipt = await mineTx(m, t, () => r.farm.connect(from).harvest(this.pid, to, GAS));
    const reward = m.farm.harvest(this.pid, from.address, t);
    const bonusPaid = bonusCall(m, r, this.pid, from.address, before, to);
    const [fur1, bonus1] = await rewardBalances(r, to);
    m.paid += fur1 - fur0;
    expect(fur1 - fur0, "harvest pays exactly pendingReward").to.equal(expected);
    expect(reward, "model harvest == pendingReward").to.equal(expected);
    expect(await harvestEvents(r, receipt), "Harvest event").to.deep.equal([expected]);
    expect(bonus1 - bonus0, "bonus paid").to.equal(bonusPaid);
    expect(await r.farm.pendingReward(this.pid, from.address), "nothing left pending").to.equal(0n);
    await checkAll(m, r);
  }
  toString = () => `harvest(+${this.dt}s, user ${this.from} -> ${this.to}, pid ${this.pid})`;
}

class EmergencyWithdrawCommand implements Cmd {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly pid: number,
    readonly dt: bigint,
  ) {}
  check = (m: Readonly<Model>) => this.pid < m.farm.pools.length;
  async run(m: Model, r: Real) {
    const from = r.users[this.from];
    const to = recipient(m, r, this.to);
    const [fur0, bonus0] = await rewardBalances(r, to);
    const before = m.farm.user(this.pid, from.address).amount;
    const t = m.clock + this.dt;
    const receipt = await mineTx(m, t, () => r.farm.connect(from).emergencyWithdraw(this.pid, to, GAS));
    const amount = m.farm.emergencyWithdraw(this.pid, from.address);
    const bonusPaid = bonusCall(m, r, this.pid, from.address, before, to);
    const failed = receipt.logs.filter((log) => r.farm.interface.parseLog(log)?.name === "RewarderFailed");
    expect(failed.length, "the rewarder never fails, whatever the recipient does").to.equal(0);
    const [fur1, bonus1] = await rewardBalances(r, to);
    expect(fur1 - fur0, "emergencyWithdraw pays no FUR").to.equal(this.pid === FUR_PID ? amount : 0n);
    expect(bonus1 - bonus0, "bonus paid").to.equal(bonusPaid);
    await checkAll(m, r);
  }
  toString = () =>
    `emergencyWithdraw(+${this.dt}s, user ${this.from} -> ${this.to === USERS ? "burner" : this.to}, pid ${this.pid})`;
}

class UpdatePoolCommand implements Cmd {
  constructor(
    readonly pid: number,
    readonly dt: bigint,
  ) {}
  check = (m: Readonly<Model>) => this.pid < m.farm.pools.length;
  async run(m: Model, r: Real) {
    const t = m.clock + this.dt;
    await mineTx(m, t, () => r.farm.connect(r.users[0]).updatePool(this.pid, GAS));
    m.farm.updatePool(this.pid, t);
    await checkAll(m, r);
  }
  toString = () => `updatePool(+${this.dt}s, pid ${this.pid})`;
}

class TimeJumpCommand implements Cmd {
  constructor(readonly dt: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const t = m.clock + this.dt;
    await time.increaseTo(t); // an empty block at t: views now run at t
    advance(m, t);
    await checkAll(m, r);
  }
  toString = () => `timeJump(+${this.dt}s)`;
}

class AddPoolCommand implements Cmd {
  constructor(
    readonly alloc: bigint,
    readonly dt: bigint,
  ) {}
  check = (m: Readonly<Model>) => m.farm.pools.length === 3;
  async run(m: Model, r: Real) {
    const t = m.clock + this.dt;
    await mineTx(m, t, () => r.farm.connect(r.admin).add(this.alloc, r.lpC, ZERO, GAS));
    m.farm.add(this.alloc, t);
    await checkAll(m, r);
  }
  toString = () => `add(+${this.dt}s, lpC, alloc ${this.alloc})`;
}

class SetCommand implements Cmd {
  constructor(
    readonly pid: number,
    readonly alloc: bigint,
    readonly dt: bigint,
  ) {}
  check = (m: Readonly<Model>) => this.pid < m.farm.pools.length;
  async run(m: Model, r: Real) {
    const t = m.clock + this.dt;
    await mineTx(m, t, () => r.farm.connect(r.admin).set(this.pid, this.alloc, ZERO, false, GAS));
    m.farm.set(this.pid, this.alloc, t);
    await checkAll(m, r);
  }
  toString = () => `set(+${this.dt}s, pid ${this.pid}, alloc ${this.alloc})`;
}

/**
 * set(1, same weight, ..., overwrite = true): detaches the attached rewarder, or attaches the next
 * fresh one; with none left, re-attaching a detached one must revert (a rewarder is single use).
 */
class ReplaceRewarderCommand implements Cmd {
  constructor(readonly dt: bigint) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const t = m.clock + this.dt;
    const alloc = m.farm.pools[BONUS_PID].allocPoint;
    const admin = r.farm.connect(r.admin);
    if (m.current >= 0) {
      await mineTx(m, t, () => admin.set(BONUS_PID, alloc, ZERO, true, GAS));
      m.farm.set(BONUS_PID, alloc, t);
      m.bonus[m.current].detach(m.farm.pools[BONUS_PID].accRewardPerShare, t);
      m.current = -1;
      expect(await r.farm.rewarder(BONUS_PID)).to.equal(ZERO);
    } else {
      const next = m.bonus.findIndex((b) => b.phase === "idle");
      if (next < 0) {
        const old = r.rewarders[0];
        await time.setNextBlockTimestamp(t);
        await expect(admin.set(BONUS_PID, alloc, old, true, GAS))
          .to.be.revertedWithCustomError(old, "WrongPhase")
          .withArgs(2n);
        advance(m, t);
      } else {
        await mineTx(m, t, () => admin.set(BONUS_PID, alloc, r.rewarders[next], true, GAS));
        m.farm.set(BONUS_PID, alloc, t);
        m.bonus[next].attach(m.farm.pools[BONUS_PID].totalStaked, t);
        m.current = next;
        expect(await r.farm.rewarder(BONUS_PID)).to.equal(await r.rewarders[next].getAddress());
      }
    }
    await checkAll(m, r);
  }
  toString = () => `replaceRewarder(+${this.dt}s)`;
}

/** A user claims from the most recently detached rewarder (nothing to do if there is none). */
class ClaimCommand implements Cmd {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly dt: bigint,
  ) {}
  check = (m: Readonly<Model>) => m.bonus.some((b) => b.phase === "detached");
  async run(m: Model, r: Real) {
    const i = m.bonus.map((b) => b.phase).lastIndexOf("detached");
    const from = r.users[this.from];
    const to = m.addr[this.to];
    const t = m.clock + this.dt;
    const [, bonus0] = await rewardBalances(r, to);
    await mineTx(m, t, () => r.rewarders[i].connect(from).claim(to, GAS));
    const fu = m.farm.user(BONUS_PID, from.address);
    const expected = m.bonus[i].claim(from.address, fu.amount, fu.paid);
    const [, bonus1] = await rewardBalances(r, to);
    expect(bonus1 - bonus0, "claim pays what was earned while attached").to.equal(expected);
    await checkAll(m, r);
  }
  toString = () => `claim(+${this.dt}s, user ${this.from} -> ${this.to})`;
}

class RateCommand implements Cmd {
  constructor(
    readonly rate: bigint,
    readonly dt: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const t = m.clock + this.dt;
    await mineTx(m, t, () => r.farm.connect(r.admin).setRewardPerSecond(this.rate, GAS));
    m.farm.setRewardPerSecond(this.rate, t);
    await checkAll(m, r);
  }
  toString = () => `setRewardPerSecond(+${this.dt}s, ${this.rate})`;
}

const user = fc.integer({ min: 0, max: USERS - 1 });
const pid = fc.integer({ min: 0, max: 3 });
const dt = fc.oneof(
  { arbitrary: fc.bigInt({ min: 1n, max: 30n }), weight: 4 },
  { arbitrary: fc.bigInt({ min: 31n, max: 3_600n }), weight: 1 },
);
const amountSpec: fc.Arbitrary<AmountSpec> = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 1000 }).map((share) => ({ share })), weight: 3 },
  { arbitrary: fc.bigInt({ min: 1n, max: 10n ** 6n }).map((wei) => ({ wei })), weight: 1 },
);
const alloc = fc.oneof(fc.constantFrom(0n, 1n), fc.bigInt({ min: 1n, max: 1_000n }));
const rate = fc.oneof(fc.constantFrom(0n, 1n, 3n, E18, 100n * E18), fc.bigInt({ min: 0n, max: 100n * E18 }));

const commandArbs = [
  fc
    .tuple(user, user, pid, amountSpec, fc.boolean(), dt)
    .map(([f, t, p, a, split, d]) => new DepositCommand(f, t, p, a, split, d)),
  fc
    .tuple(user, user, pid, amountSpec, fc.constant(false), dt)
    .map(([f, t, p, a, split, d]) => new DepositCommand(f, t, p, a, split, d)),
  fc
    .tuple(user, user, pid, fc.integer({ min: 0, max: 1100 }), fc.boolean(), dt)
    .map(([f, t, p, s, h, d]) => new WithdrawCommand(f, t, p, s, h, d)),
  fc.tuple(user, user, pid, dt).map(([f, t, p, d]) => new HarvestCommand(f, t, p, d)),
  fc.tuple(user, user, pid, dt).map(([f, t, p, d]) => new HarvestCommand(f, t, p, d)),
  fc
    .tuple(user, fc.integer({ min: 0, max: USERS }), pid, dt)
    .map(([f, t, p, d]) => new EmergencyWithdrawCommand(f, t, p, d)),
  fc.tuple(pid, dt).map(([p, d]) => new UpdatePoolCommand(p, d)),
  fc
    .oneof(fc.bigInt({ min: 1n, max: 3_600n }), fc.bigInt({ min: 3_601n, max: 3n * 86_400n }))
    .map((d) => new TimeJumpCommand(d)),
  fc.tuple(alloc, dt).map(([a, d]) => new AddPoolCommand(a, d)),
  fc.tuple(pid, alloc, dt).map(([p, a, d]) => new SetCommand(p, a, d)),
  dt.map((d) => new ReplaceRewarderCommand(d)),
  dt.map((d) => new ReplaceRewarderCommand(d)),
  fc.tuple(user, user, dt).map(([f, t, d]) => new ClaimCommand(f, t, d)),
  fc.tuple(rate, dt).map(([r, d]) => new RateCommand(r, d)),
];

describe("Farm (audit: random actions against the reference model)", function () {
  it("matches the model exactly after every step, within the rounding bound of the exact reward, and keeps the invariants", async function () {
    this.timeout(1_800_000);
    await fc.assert(
      fc.asyncProperty(fc.commands(commandArbs, { maxCommands: MAX_COMMANDS, size: "max" }), async (cmds) => {
        const f = await loadFixture(auditFixture);
        const real: Real = {
          farm: f.farm,
          token: f.token,
          bonus: f.bonus,
          burnerAddress: await f.burner.getAddress(),
          rewarders: [f.rewarder, ...f.spares],
          lpC: f.lpC,
          admin: f.admin,
          users: f.users,
          poolTokens: [...f.poolTokens, f.lpC],
        };
        const model = buildModel(f);
        await checkAll(model, real);
        await fc.asyncModelRun(() => ({ model, real }), cmds);
        stats.runs++;
        if (model.farm.mintable() === 0n) stats.furCapReached++;
        if (model.bonus[0].reserveAt(model.clock) === 0n) stats.bonusExhausted++;
        if (model.current < 0) stats.rewarderOffAtEnd++;
        if (model.farm.pools.length === 4) stats.poolAdded++;
      }),
      { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
    );
    if (PRINT_STATS) console.log("      audit stats:", JSON.stringify(stats));
  });
});
