import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { E18 } from "../fixtures";
import { mineAt, now, sendAt } from "../../src/chain/time";
import { StakedFurModel } from "../../src/model";
import { stakingFixture } from "./fixture";
import type {
  FeeOnTransferToken,
  HostilePair,
  MockERC20,
  RewardToken,
  StakedFUR,
} from "../../typechain-types";

// Stateful property test of sFUR against src/model/staking.ts. CI: a fixed seed, a few runs;
// long runs: FUZZ_RUNS=200 (and FUZZ_SEED=<n> to explore).
const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 10);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5f0b);
const FOT_BPS = 100n;

interface Real {
  sfur: StakedFUR;
  fur: RewardToken;
  holders: HardhatEthersSigner[];
  /** rewardA (18 dec), rewardB (6 dec), a 1% fee-on-transfer token, FUR itself. */
  rewards: (MockERC20 | FeeOnTransferToken | RewardToken)[];
  addresses: string[];
  /** "Pairs" paying sFUR through burnAndNotify, of reward tokens [0, 1], [2, 3] and [3, 0] (FUR, token0). */
  pairs: { contract: HostilePair; tokens: [number, number] }[];
}
interface World {
  model: StakedFurModel;
  t: bigint;
}
type Cmd = fc.AsyncCommand<World, Real>;

async function fuzzFixture(): Promise<Real> {
  const f = await stakingFixture();
  const fot: FeeOnTransferToken = await ethers.deployContract("FeeOnTransferToken", [FOT_BPS]);
  await f.sfur.addRewardToken(fot);
  await f.sfur.addRewardToken(f.fur);
  await fot.mint(f.admin.address, 10n ** 30n);
  await fot.approve(f.sfur, ethers.MaxUint256);
  await f.fur.mint(f.admin.address, 10_000_000n * E18);
  await f.fur.approve(f.sfur, ethers.MaxUint256);
  const rewards = [f.rewardA, f.rewardB, fot, f.fur];
  const pairs: Real["pairs"] = [];
  for (const tokens of [
    [0, 1],
    [2, 3],
    [3, 0],
  ] as [number, number][]) {
    const contract: HostilePair = await ethers.deployContract("HostilePair", [
      rewards[tokens[0]],
      rewards[tokens[1]],
    ]);
    // FUR is capped (86M): 30M in each of the two pairs holding it, more than 30 gifts can take.
    for (const k of tokens)
      await rewards[k].mint(await contract.getAddress(), k === 3 ? 30_000_000n * E18 : 10n ** 30n);
    pairs.push({ contract, tokens });
  }
  return {
    pairs,
    sfur: f.sfur,
    fur: f.fur,
    holders: [f.alice, f.bob, f.carol, f.dave],
    rewards,
    addresses: await Promise.all(rewards.map((r) => r.getAddress())),
  };
}

/** After every step: earned == model for every account and token; the sums and the rounding bound; FUR held. */
async function check(w: World, r: Real) {
  const { model, t } = w;
  for (const [k, token] of r.addresses.entries()) {
    let earned = 0n;
    for (const h of r.holders) {
      const e = model.earned(h.address, token, t);
      expect(await r.sfur.earned(h.address, token), `earned ${h.address} ${k}`).to.equal(e);
      earned += e;
    }
    const s = model.streams.get(token)!;
    // Σ paid + Σ earned ≤ Σ notified; the difference, less what is still to stream, is rounding:
    // under one wei per floor: those the model counted (notifies, accruals, settlements), plus the
    // floors of this check's reads (one per holder's earned, the views' pending accrual, unstreamed).
    expect(s.paid + earned).to.be.lessThanOrEqual(s.notified);
    const dust = s.notified - s.paid - earned - model.unstreamed(token, t);
    const bound = s.roundings + BigInt(r.holders.length) + 2n;
    expect(dust >= 0n && dust <= bound, `dust ${dust} of token ${k} within ${bound}`).to.equal(true);
  }
  for (const h of r.holders) expect(await r.sfur.balanceOf(h.address)).to.equal(model.balanceOf(h.address));
  const fur = model.streams.get(r.addresses[3])!;
  expect(await r.sfur.totalSupply()).to.equal(model.supply);
  expect(await r.fur.balanceOf(r.sfur)).to.equal(model.supply + fur.notified - fur.paid);
}

const step =
  (dt: number, run: (w: World, r: Real, t: bigint) => Promise<void>): Cmd["run"] =>
  async (w, r) => {
    const t = w.t + BigInt(dt);
    await run(w, r, t);
    w.t = t;
    await check(w, r);
  };

function deposit(i: number, amount: bigint, dt: number): Cmd {
  return {
    check: () => true,
    run: step(dt, async ({ model }, r, t) => {
      const h = r.holders[i];
      await sendAt(t, () => r.sfur.connect(h).depositFor(h.address, amount));
      model.deposit(h.address, amount, t);
    }),
    toString: () => `deposit(${i}, ${amount}, +${dt}s)`,
  };
}

function withdraw(i: number, part: number, dt: number): Cmd {
  return {
    check: () => true,
    run: step(dt, async ({ model }, r, t) => {
      const h = r.holders[i];
      const amount = (model.balanceOf(h.address) * BigInt(part)) / 100n;
      await sendAt(t, () => r.sfur.connect(h).withdrawTo(h.address, amount));
      model.withdraw(h.address, amount, t);
    }),
    toString: () => `withdraw(${i}, ${part}%, +${dt}s)`,
  };
}

function transfer(i: number, j: number, part: number, dt: number): Cmd {
  return {
    check: () => true,
    run: step(dt, async ({ model }, r, t) => {
      const [from, to] = [r.holders[i], r.holders[j]];
      const amount = (model.balanceOf(from.address) * BigInt(part)) / 100n;
      await sendAt(t, () => r.sfur.connect(from).transfer(to.address, amount));
      model.transfer(from.address, to.address, amount, t);
    }),
    toString: () => `transfer(${i} → ${j}, ${part}%, +${dt}s)`,
  };
}

function notify(k: number, amount: bigint, dt: number): Cmd {
  return {
    check: () => true,
    run: step(dt, async ({ model }, r, t) => {
      await sendAt(t, () => r.sfur.notifyRewardAmount(r.addresses[k], amount));
      const received = k === 2 ? amount - (amount * FOT_BPS) / 10_000n : amount;
      model.notify(r.addresses[k], received, t);
    }),
    toString: () => `notify(token ${k}, ${amount}, +${dt}s)`,
  };
}

/** A pair paying `amount0` / `amount1` of its two tokens straight to sFUR (burnAndNotify): two notifies. */
function burnAndNotify(p: number, amount0: bigint, amount1: bigint, dt: number): Cmd {
  return {
    check: () => amount0 + amount1 > 0n,
    run: step(dt, async ({ model }, r, t) => {
      const { contract, tokens } = r.pairs[p];
      await sendAt(t, () => contract.giftThrough(r.sfur, amount0, amount1));
      for (const [k, amount] of [
        [tokens[0], amount0],
        [tokens[1], amount1],
      ] as const) {
        const received = k === 2 ? amount - (amount * FOT_BPS) / 10_000n : amount;
        if (received !== 0n) model.notify(r.addresses[k], received, t);
      }
    }),
    toString: () => `burnAndNotify(pair ${p}, ${amount0}, ${amount1}, +${dt}s)`,
  };
}

function getReward(i: number, dt: number): Cmd {
  return {
    check: () => true,
    run: step(dt, async ({ model }, r, t) => {
      const h = r.holders[i];
      const before = await Promise.all(r.rewards.map((tok) => tok.balanceOf(h.address)));
      await sendAt(t, () => r.sfur.connect(h).getReward());
      const paid = model.getReward(h.address, t);
      for (const [k, tok] of r.rewards.entries()) {
        const sent = paid.get(r.addresses[k]) ?? 0n;
        const arrived = k === 2 ? sent - (sent * FOT_BPS) / 10_000n : sent;
        expect((await tok.balanceOf(h.address)) - before[k]).to.equal(arrived);
      }
    }),
    toString: () => `getReward(${i}, +${dt}s)`,
  };
}

function wait(dt: number): Cmd {
  return {
    check: () => true,
    run: step(dt, async (_w, _r, t) => {
      await mineAt(t);
    }),
    toString: () => `wait(${dt}s)`,
  };
}

const holder = fc.integer({ min: 0, max: 3 });
const dt = fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 3_600, max: 10 * 86_400 }));
const part = fc.integer({ min: 0, max: 100 });
const pairAmount = fc.oneof(fc.constant(0n), fc.bigInt({ min: 1n, max: 1_000_000n * E18 }));
const commandArbs = [
  fc.tuple(holder, fc.bigInt({ min: 1n, max: 100_000n * E18 }), dt).map(([i, a, d]) => deposit(i, a, d)),
  fc.tuple(holder, part, dt).map(([i, p, d]) => withdraw(i, p, d)),
  fc.tuple(holder, holder, part, dt).map(([i, j, p, d]) => transfer(i, j, p, d)),
  fc
    .tuple(fc.integer({ min: 0, max: 3 }), fc.bigInt({ min: 10_000n, max: 1_000_000n * E18 }), dt)
    .map(([k, a, d]) => notify(k, a, d)),
  fc
    .tuple(fc.integer({ min: 0, max: 2 }), pairAmount, pairAmount, dt)
    .map(([p, a0, a1, d]) => burnAndNotify(p, a0, a1, d)),
  fc.tuple(holder, dt).map(([i, d]) => getReward(i, d)),
  dt.map((d) => wait(d)),
];

describe("StakedFUR (stateful property, against src/model/staking.ts)", function () {
  it("earned == model after every step; Σ paid + Σ earned ≤ Σ notified within the rounding bound; FUR held == supply + FUR rewards owed", async function () {
    await fc.assert(
      fc.asyncProperty(fc.commands(commandArbs, { maxCommands: 30, size: "max" }), async (cmds) => {
        const real = await loadFixture(fuzzFixture);
        const model = new StakedFurModel();
        for (const a of real.addresses) model.addRewardToken(a);
        const world: World = { model, t: await now() };
        await fc.asyncModelRun(() => ({ model: world, real }), cmds);
      }),
      { numRuns: NUM_RUNS, seed: SEED, endOnFailure: true },
    );
  });
});
