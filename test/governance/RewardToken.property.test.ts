import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture, mine, time } from "@nomicfoundation/hardhat-network-helpers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { E18, tokenFixture } from "../fixtures";
import type { RewardToken } from "../../typechain-types";

// Stateful property test: random sequences of mint / transfer / burn / approve + burnFrom /
// delegate run against the token and against a BigInt model. After every step the chain must
// agree with the model, sum(balances) == totalSupply, and every account's votes must equal the
// sum of the balances delegated to it. At the end, every earlier timestamp's getPastVotes and
// getPastTotalSupply must equal what the model recorded then.
//
// CI runs a fixed seed for a few seconds. Long runs: FUZZ_RUNS=500 (and FUZZ_SEED=<n> to explore).

const NUM_RUNS = Number(process.env.FUZZ_RUNS ?? 20);
const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed);
const MAX_SUPPLY = 100_000_000n * E18;
const HOLDERS = 4; // signers[1..4]; the admin (signers[0]) only mints
const NO_DELEGATE = -1; // delegates(account) == address(0)

interface Model {
  balances: bigint[];
  delegates: number[]; // index into holders, or NO_DELEGATE
  allowances: bigint[][]; // allowances[owner][spender]
  supply: bigint;
  /** block timestamp → [totalSupply, votes of each holder] at the end of that block */
  history: Map<number, { supply: bigint; votes: bigint[] }>;
}

interface Real {
  token: RewardToken;
  admin: HardhatEthersSigner;
  holders: HardhatEthersSigner[];
}

function votesOf(m: Model): bigint[] {
  const votes = new Array<bigint>(HOLDERS).fill(0n);
  m.balances.forEach((balance, i) => {
    if (m.delegates[i] !== NO_DELEGATE) votes[m.delegates[i]] += balance;
  });
  return votes;
}

/**
 * `share` in [0, 1100]: up to 1000 is that many thousandths of `available` (0 and all of it
 * included); above 1000 is `available` plus (share - 1000) wei, which must revert.
 */
function amountFrom(available: bigint, share: number): bigint {
  return share <= 1000 ? (available * BigInt(share)) / 1000n : available + BigInt(share - 1000);
}

/** Compares the whole chain state with the model and records this block in the history. */
async function checkInvariants(m: Model, { token, holders }: Real): Promise<void> {
  const supply = await token.totalSupply();
  const balances: bigint[] = [];
  for (let i = 0; i < HOLDERS; i++) {
    balances.push(await token.balanceOf(holders[i].address));
    const d = m.delegates[i];
    expect(await token.delegates(holders[i].address)).to.equal(
      d === NO_DELEGATE ? ethers.ZeroAddress : holders[d].address,
    );
  }
  expect(supply, "totalSupply").to.equal(m.supply);
  expect(balances, "balances").to.deep.equal(m.balances);
  expect(
    balances.reduce((a, b) => a + b, 0n),
    "sum(balances) == totalSupply",
  ).to.equal(supply);
  expect(await token.mintableSupply()).to.equal(MAX_SUPPLY - supply);

  const expectedVotes = votesOf(m);
  for (let i = 0; i < HOLDERS; i++) {
    expect(await token.getVotes(holders[i].address), `votes of holder ${i}`).to.equal(expectedVotes[i]);
  }
  m.history.set(await time.latest(), { supply, votes: expectedVotes });
}

class MintCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly to: number,
    readonly amount: bigint,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const mintable = MAX_SUPPLY - m.supply;
    const tx = r.token.connect(r.admin).mint(r.holders[this.to].address, this.amount);
    if (this.amount > mintable) {
      await expect(tx)
        .to.be.revertedWithCustomError(r.token, "ExceedsMaxSupply")
        .withArgs(this.amount, mintable);
    } else {
      await tx;
      m.balances[this.to] += this.amount;
      m.supply += this.amount;
    }
    await checkInvariants(m, r);
  }
  toString = () => `mint(${this.to}, ${this.amount})`;
}

class TransferCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly share: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const balance = m.balances[this.from];
    const amount = amountFrom(balance, this.share);
    const tx = r.token.connect(r.holders[this.from]).transfer(r.holders[this.to].address, amount);
    if (amount > balance) {
      await expect(tx)
        .to.be.revertedWithCustomError(r.token, "ERC20InsufficientBalance")
        .withArgs(r.holders[this.from].address, balance, amount);
    } else {
      await tx;
      m.balances[this.from] -= amount;
      m.balances[this.to] += amount;
    }
    await checkInvariants(m, r);
  }
  toString = () => `transfer(${this.from} → ${this.to}, ${this.share}‰)`;
}

class BurnCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly from: number,
    readonly share: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const balance = m.balances[this.from];
    const amount = amountFrom(balance, this.share);
    const tx = r.token.connect(r.holders[this.from]).burn(amount);
    if (amount > balance) {
      await expect(tx)
        .to.be.revertedWithCustomError(r.token, "ERC20InsufficientBalance")
        .withArgs(r.holders[this.from].address, balance, amount);
    } else {
      await tx;
      m.balances[this.from] -= amount;
      m.supply -= amount;
    }
    await checkInvariants(m, r);
  }
  toString = () => `burn(${this.from}, ${this.share}‰)`;
}

class ApproveCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly owner: number,
    readonly spender: number,
    readonly share: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const amount = amountFrom(m.balances[this.owner], this.share);
    await r.token.connect(r.holders[this.owner]).approve(r.holders[this.spender].address, amount);
    m.allowances[this.owner][this.spender] = amount;
    expect(await r.token.allowance(r.holders[this.owner].address, r.holders[this.spender].address)).to.equal(
      amount,
    );
    await checkInvariants(m, r);
  }
  toString = () => `approve(${this.owner} → ${this.spender}, ${this.share}‰)`;
}

class BurnFromCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly spender: number,
    readonly owner: number,
    readonly share: number,
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const allowance = m.allowances[this.owner][this.spender];
    const balance = m.balances[this.owner];
    const amount = amountFrom(allowance < balance ? allowance : balance, this.share);
    const tx = r.token.connect(r.holders[this.spender]).burnFrom(r.holders[this.owner].address, amount);
    if (amount > allowance) {
      await expect(tx)
        .to.be.revertedWithCustomError(r.token, "ERC20InsufficientAllowance")
        .withArgs(r.holders[this.spender].address, allowance, amount);
    } else if (amount > balance) {
      await expect(tx)
        .to.be.revertedWithCustomError(r.token, "ERC20InsufficientBalance")
        .withArgs(r.holders[this.owner].address, balance, amount);
    } else {
      await tx;
      m.allowances[this.owner][this.spender] -= amount;
      m.balances[this.owner] -= amount;
      m.supply -= amount;
    }
    await checkInvariants(m, r);
  }
  toString = () => `burnFrom(${this.spender} burns ${this.owner}'s, ${this.share}‰)`;
}

class DelegateCommand implements fc.AsyncCommand<Model, Real> {
  constructor(
    readonly from: number,
    readonly to: number, // NO_DELEGATE: delegate(address(0)), which withdraws the votes
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const delegatee = this.to === NO_DELEGATE ? ethers.ZeroAddress : r.holders[this.to].address;
    await r.token.connect(r.holders[this.from]).delegate(delegatee);
    m.delegates[this.from] = this.to;
    await checkInvariants(m, r);
  }
  toString = () => `delegate(${this.from} → ${this.to})`;
}

const holder = fc.integer({ min: 0, max: HOLDERS - 1 });
const share = fc.integer({ min: 0, max: 1100 });
const mintAmount = fc.oneof(
  { arbitrary: fc.bigInt({ min: 0n, max: 1_000_000n * E18 }), weight: 4 },
  // Large mints reach the cap within a few steps, so the cap path is exercised too.
  { arbitrary: fc.bigInt({ min: 0n, max: MAX_SUPPLY }), weight: 1 },
);

// Transfers and delegations are what move votes between delegates: they come up most often.
const commandArbs = [
  fc.tuple(holder, mintAmount).map(([to, amount]) => new MintCommand(to, amount)),
  fc.tuple(holder, holder, share).map(([from, to, s]) => new TransferCommand(from, to, s)),
  fc.tuple(holder, holder, share).map(([from, to, s]) => new TransferCommand(from, to, s)),
  fc.tuple(holder, share).map(([from, s]) => new BurnCommand(from, s)),
  fc.tuple(holder, holder, share).map(([owner, spender, s]) => new ApproveCommand(owner, spender, s)),
  fc.tuple(holder, holder, share).map(([spender, owner, s]) => new BurnFromCommand(spender, owner, s)),
  fc
    .tuple(holder, fc.integer({ min: NO_DELEGATE, max: HOLDERS - 1 }))
    .map(([from, to]) => new DelegateCommand(from, to)),
  fc
    .tuple(holder, fc.integer({ min: NO_DELEGATE, max: HOLDERS - 1 }))
    .map(([from, to]) => new DelegateCommand(from, to)),
];

/** Holders 0..3 own 1,000, 2,000, 3,000 and 4,000 FUR; 0 and 1 self-delegate, 2 delegates to 3, 3 to nobody. */
const INITIAL_BALANCES = [1_000n * E18, 2_000n * E18, 3_000n * E18, 4_000n * E18];
const INITIAL_DELEGATES = [0, 1, 3, NO_DELEGATE];

async function propertyFixture() {
  const { token, admin, signers } = await tokenFixture();
  const holders = signers.slice(1, 1 + HOLDERS);
  for (let i = 0; i < HOLDERS; i++) {
    await token.mint(holders[i].address, INITIAL_BALANCES[i]);
    if (INITIAL_DELEGATES[i] !== NO_DELEGATE) {
      await token.connect(holders[i]).delegate(holders[INITIAL_DELEGATES[i]].address);
    }
  }
  return { token, admin, holders };
}

describe("RewardToken (property)", function () {
  it("keeps sum(balances) == totalSupply and votes == delegated balances, now and at every past timestamp", async function () {
    await fc.assert(
      fc.asyncProperty(fc.commands(commandArbs, { maxCommands: 25, size: "max" }), async (cmds) => {
        const real: Real = await loadFixture(propertyFixture);
        const model: Model = {
          balances: [...INITIAL_BALANCES],
          delegates: [...INITIAL_DELEGATES],
          allowances: Array.from({ length: HOLDERS }, () => new Array<bigint>(HOLDERS).fill(0n)),
          supply: INITIAL_BALANCES.reduce((a, b) => a + b, 0n),
          history: new Map(),
        };
        const { token } = real;
        await fc.asyncModelRun(() => ({ model, real }), cmds);

        // Every block the run produced is now in the past: its checkpoints must match the model.
        await mine(1);
        for (const [t, { supply, votes }] of model.history) {
          expect(await token.getPastTotalSupply(t), `past supply at ${t}`).to.equal(supply);
          for (let i = 0; i < HOLDERS; i++) {
            expect(
              await token.getPastVotes(real.holders[i].address, t),
              `past votes of ${i} at ${t}`,
            ).to.equal(votes[i]);
          }
        }
      }),
      { numRuns: NUM_RUNS, seed: SEED, endOnFailure: false },
    );
  });
});
