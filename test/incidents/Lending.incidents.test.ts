// Issue 13, the lending half of the incident suite: one `describe` per historical attack on lending
// markets, each with two lines on how it worked. Every scenario runs against Furrow's LendingMarket and
// MarketFactory (the attack fails, exact figures) and once against the bug it guards (the attack
// works), so each test is shown to be able to fail. The bugs are injected without new contracts: by
// writing the market's storage as the buggy code would have left it (hardhat_setStorageAt, slots
// checked in test/lending/LendingMarket.test.ts), by replacing an oracle's or a pair factory's code
// (hardhat_setCode), by deploying a LendingMarket without the factory's checks, or, where the bug is
// an ordering or a missing check inside the market, in the BigInt model of src/model/lending.ts.
// Units: 1 USDC = 1e6, 1 WETH = 1e18; prices 1e36-scaled ($3,000 a WETH = 3e27).
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { E18, LLTV, MAX_STALENESS, RATE_PARAMS, SEED_ASSETS, USDC, YEAR, lendingFixture } from "../fixtures";
import { mutatingFunctions } from "../helpers/abi";
import {
  DEAD,
  MarketSim,
  constantCode,
  modelError,
  setCash,
  setCode,
  setCollateral,
} from "../helpers/lendingSim";
import {
  MAX_BORROW_RATE_PER_SECOND,
  MAX_EXPONENT,
  UINT128_MAX,
  compoundedGrowth,
  mulDivDown,
  mulDivUp,
  toBorrowShares,
} from "../../src/model";
import type {
  Erc777LikeToken,
  FeeOnTransferToken,
  HookAttacker,
  LendingMarket,
  MockERC20,
  PairFactory,
  ReentrantToken,
} from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
const MAX = ethers.MaxUint256;
const P3000 = 3n * 10n ** 27n;
/** 1e36 / 0.958e18, floored: the fixture market's liquidation incentive (lltv 86%). */
const INCENTIVE = 1_043_841_336_116_910_229n;
const SUPPLY = 10_000n * USDC;
const GAS = { gasLimit: 3_000_000 };
const UINT256 = 1n << 256n;

/** lendingFixture plus the market's model, alice's 10,000 USDC supplied. */
async function suppliedFixture() {
  const f = await lendingFixture();
  const sim = await MarketSim.start(f.market, RATE_PARAMS, SEED_ASSETS);
  await sim.deposit(f.alice, SUPPLY);
  return { ...f, sim };
}

/** And bob's 2,500 USDC borrowed against 1 WETH (health 2,580 / 2,500 = 1.032). */
async function borrowedFixture() {
  const f = await suppliedFixture();
  await f.sim.supplyCollateral(f.bob, E18);
  await f.sim.borrow(f.bob, 2_500n * USDC);
  return f;
}

async function load<T extends { sim: MarketSim }>(fixture: () => Promise<T>): Promise<T> {
  const f = await loadFixture(fixture);
  return { ...f, sim: f.sim.fork() };
}

type Fixture = Awaited<ReturnType<typeof lendingFixture>>;

/** A LendingMarket deployed as the factory would, but not through it: no seed, none of its checks. */
async function unlistedMarket(f: Fixture, loan: { getAddress(): Promise<string> }): Promise<LendingMarket> {
  const market: LendingMarket = await ethers.deployContract("LendingMarket", [
    loan,
    f.weth,
    f.oracle,
    f.irm,
    LLTV,
    ZERO,
    f.factory,
    "Unlisted",
    "flX",
  ]);
  return market;
}

/** A fresh 6-decimal token minted to `holders` (1e16 each: ten billion) and approved to `spenders`. */
async function freshUsd(holders: HardhatEthersSigner[], ...spenders: { getAddress(): Promise<string> }[]) {
  const token: MockERC20 = await ethers.deployContract("MockERC20", ["USD", "USD", 6]);
  for (const h of holders) {
    await token.mint(h.address, 10n ** 16n);
    for (const spender of spenders) await token.connect(h).approve(spender, MAX);
  }
  return token;
}

/** The admin lists (loan, collateral) with the fixture's oracle, model and lltv, and a `seed`. */
async function list(
  f: Fixture,
  loan: MockERC20 | Erc777LikeToken | FeeOnTransferToken,
  collateral: { getAddress(): Promise<string> },
  seed = SEED_ASSETS,
): Promise<LendingMarket> {
  await loan.mint(f.admin.address, seed);
  await loan.connect(f.admin).approve(f.factory, seed);
  await f.factory.createMarket(loan, collateral, f.oracle, f.irm, LLTV, seed);
  return ethers.getContractAt("LendingMarket", await f.factory.getMarket(loan, collateral));
}

// ---------------------------------------------------------------------------------------------

describe("Hundred Finance and Sonne: empty-market donation and first-depositor rounding", function () {
  // In an empty Compound-fork market the attacker held a few wei of shares, donated underlying so the
  // exchange rate (balanceOf / supply) soared, and the next deposits and redemptions rounded in his favour.
  // Furrow lists no empty market, counts its cash instead of reading balanceOf, and offsets shares by 1e6.
  const DONATION = 1_500_000_000n * USDC; // 1.5 billion of a mock dollar

  it("Furrow, as listed: the donation is not cash, and alice's 1,000 USDC mint 1e15 shares and come back whole", async function () {
    const { market, usdc, alice, dave } = await loadFixture(lendingFixture);
    await market.connect(dave).deposit(1n, dave.address);
    await usdc.mint(dave.address, DONATION);
    await usdc.connect(dave).transfer(market, DONATION);
    expect(await market.cash()).to.equal(SEED_ASSETS + 1n);
    // the seed's 1e12 shares and dave's 1e6 price a share at 1e-6 of a wei still: 1e9 * 1e6 shares
    await market.connect(alice).deposit(1_000n * USDC, alice.address);
    expect(await market.balanceOf(alice.address)).to.equal(10n ** 15n);
    await market.connect(alice).redeem(10n ** 15n, alice.address, alice.address);
    expect(await usdc.balanceOf(alice.address)).to.equal(1_000_000n * USDC);
    expect((await usdc.balanceOf(market)) - (await market.cash())).to.equal(DONATION);
  });

  it("Furrow, even deployed unseeded: the first depositor's donation moves nothing", async function () {
    const f = await loadFixture(lendingFixture);
    const { alice, dave } = f;
    const usd = await freshUsd([alice, dave]);
    const market = await unlistedMarket(f, usd);
    await usd.connect(alice).approve(market, MAX);
    await usd.connect(dave).approve(market, MAX);
    // dave: 1 wei for 1 * (0 + 1e6) / (0 + 1) = 1e6 shares, then the donation
    await market.connect(dave).deposit(1n, dave.address);
    await usd.connect(dave).transfer(market, DONATION);
    // alice: 1e9 * (1e6 + 1e6) / (1 + 1) = 1e15 shares; redeemed: 1e15 * (1e9 + 2) / (1e15 + 2e6) = 1e9
    await market.connect(alice).deposit(1_000n * USDC, alice.address);
    expect(await market.balanceOf(alice.address)).to.equal(10n ** 15n);
    const before = await usd.balanceOf(alice.address);
    await market.connect(alice).redeem(10n ** 15n, alice.address, alice.address);
    expect((await usd.balanceOf(alice.address)) - before).to.equal(1_000n * USDC);
  });

  it("bug (historical): with cash read from balanceOf, alice's 1,000 mint 1 share and redeem 750.000124", async function () {
    const f = await loadFixture(lendingFixture);
    const { alice, dave } = f;
    const usd = await freshUsd([alice, dave]);
    const market = await unlistedMarket(f, usd);
    await usd.connect(alice).approve(market, MAX);
    await usd.connect(dave).approve(market, MAX);
    await market.connect(dave).deposit(1n, dave.address);
    await usd.connect(dave).transfer(market, DONATION);
    // the market now counts the donation, as one reading balanceOf would
    await setCash(market, await usd.balanceOf(market));
    // alice: floor(1e9 * 2e6 / (1 + 1.5e15 + 1)) = 1 share
    await market.connect(alice).deposit(1_000n * USDC, alice.address);
    expect(await market.balanceOf(alice.address)).to.equal(1n);
    // redeemed: floor(1 * (1.5e15 + 1e9 + 2) / (1e6 + 1 + 1e6)) = 750,000,124
    const before = await usd.balanceOf(alice.address);
    await market.connect(alice).redeem(1n, alice.address, alice.address);
    expect((await usd.balanceOf(alice.address)) - before).to.equal(750_000_124n);
    // the 1e6 virtual shares make dave pay for it: his 1e6 shares redeem floor(1e6 * (TA + 1) / 2e6)
    const daveBefore = await usd.balanceOf(dave.address);
    await market.connect(dave).redeem(10n ** 6n, dave.address, dave.address);
    expect((await usd.balanceOf(dave.address)) - daveBefore).to.equal(750_000_124_999_939n);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Sonne: the listing front-run", function () {
  // Sonne queued a market's listing as timelocked steps anyone could execute once due; the attacker ran
  // them himself and was the first depositor of the empty market, then donated (as above).
  // Furrow's listing is one owner-only transaction that seeds the market for the dead address.

  it("Furrow: only the owner lists; the seed is the market's first deposit, in the same transaction; a pre-donation is not cash", async function () {
    const f = await loadFixture(lendingFixture);
    const { factory, admin, dave, weth, oracle, irm } = f;
    const usd = await freshUsd([admin, dave], factory);
    await expect(factory.connect(dave).createMarket(usd, weth, oracle, irm, LLTV, SEED_ASSETS))
      .to.be.revertedWithCustomError(factory, "OwnableUnauthorizedAccount")
      .withArgs(dave.address);
    // dave donates to the address the next market will have (the deployer's next CREATE)
    const deployer = await factory.deployer();
    const next = ethers.getCreateAddress({
      from: deployer,
      nonce: await ethers.provider.getTransactionCount(deployer),
    });
    await usd.connect(dave).transfer(next, 1_000_000n * USDC);
    const tx: ContractTransactionResponse = await factory.createMarket(
      usd,
      weth,
      oracle,
      irm,
      LLTV,
      SEED_ASSETS,
    );
    const market = await ethers.getContractAt("LendingMarket", next);
    expect(await factory.getMarket(usd, weth)).to.equal(next);
    await expect(tx)
      .to.emit(market, "Deposit")
      .withArgs(await factory.getAddress(), DEAD, SEED_ASSETS, SEED_ASSETS * 10n ** 6n);
    expect(await market.totalSupply()).to.equal(SEED_ASSETS * 10n ** 6n);
    expect(await market.cash()).to.equal(SEED_ASSETS);
    expect(await market.previewDeposit(1_000n * USDC)).to.equal(10n ** 15n);
  });

  it("bug (historical): listed in two steps, the front-runner deposits first and the 1 USDC seed mints 0 shares", async function () {
    const f = await loadFixture(lendingFixture);
    const { admin, dave } = f;
    const usd = await freshUsd([admin, dave]);
    const market = await unlistedMarket(f, usd); // step 1: deployed, not yet seeded
    await usd.connect(admin).approve(market, MAX);
    await usd.connect(dave).approve(market, MAX);
    await market.connect(dave).deposit(1n, dave.address);
    await usd.connect(dave).transfer(market, 3_000_000n * USDC);
    await setCash(market, await usd.balanceOf(market)); // and a market that reads balanceOf
    // step 2, the seed: floor(1e6 * (1e6 + 1e6) / (1 + 3e12 + 1)) = 0 shares for 1 USDC
    await market.connect(admin).deposit(SEED_ASSETS, DEAD);
    expect(await market.balanceOf(DEAD)).to.equal(0n);
    expect(await market.totalSupply()).to.equal(10n ** 6n); // all dave's
  });
});

// ---------------------------------------------------------------------------------------------

describe("Euler: donate-then-liquidate", function () {
  // Euler's donateToReserves lowered the donor's collateral without a health check: the attacker made
  // his leveraged account insolvent and liquidated it from a second one, leaving $197M of bad debt.
  // Furrow has no donate, and withdrawCollateral, the one way collateral leaves, ends with the check.

  it("Furrow: no entry point lowers collateral but withdrawCollateral, which reverts Unhealthy below 1", async function () {
    const { market, sim, bob, carol, dave } = await load(borrowedFixture);
    expect(mutatingFunctions(market.interface)).to.deep.equal([
      "accrueInterest",
      "approve",
      "borrow",
      "deposit",
      "liquidate",
      "mint",
      "redeem",
      "repay",
      "setCaps",
      "supplyCollateral",
      "transfer",
      "transferFrom",
      "withdraw",
      "withdrawCollateral",
    ]);
    // his supply shares are not collateral: sending them away changes nothing
    await sim.deposit(bob, 100n * USDC);
    const shares = sim.model.balanceOf(bob.address);
    await sim.send(() => market.connect(bob).transfer(dave.address, shares));
    sim.model.transferShares(bob.address, dave.address, shares);
    await sim.next();
    // half his WETH out: floor(0.5e18 * 3e27 / 1e36) * 0.86 = 1,290 USDC against ~2,500 owed
    const debt = sim.model.debtOf(bob.address, sim.t);
    await expect(market.connect(bob).withdrawCollateral(E18 / 2n, bob.address, GAS))
      .to.be.revertedWithCustomError(market, "Unhealthy")
      .withArgs(bob.address, mulDivDown(1_290n * USDC, E18, debt));
    await sim.next();
    await expect(market.connect(carol).liquidate(bob.address, MAX, carol.address, GAS))
      .to.be.revertedWithCustomError(market, "Healthy")
      .withArgs(bob.address, sim.model.healthFactor(bob.address, sim.t, P3000), E18);
    expect(await market.collateralOf(bob.address)).to.equal(E18);
    expect(await market.totalBadDebt()).to.equal(0n);
  });

  it("bug (historical): half of bob's collateral donated without the check; carol liquidates, suppliers eat 1,143 USDC", async function () {
    const { market, sim, bob, carol } = await load(suppliedFixture);
    await sim.supplyCollateral(bob, E18);
    await sim.borrow(bob, 2_580n * USDC);
    // the donation: bob's collateral halves (the tokens stay in the market, nobody's), no check
    await setCollateral(market, bob.address, E18 / 2n);
    const p = sim.model.position(bob.address);
    sim.model.positions.set(bob.address, { ...p, collateral: E18 / 2n });
    await sim.mine();
    expect(await market.healthFactor(bob.address)).to.equal(
      sim.model.healthFactor(bob.address, sim.t, P3000),
    );
    expect(await market.healthFactor(bob.address)).to.be.lessThan(E18 / 2n + 1n);
    // carol takes the 0.5 WETH ($1,500) for ceil(1,500e6 * 1e18 / incentive) = 1,437,000,001
    const { repaid, seized, badDebt } = await sim.liquidate(carol, bob.address, MAX);
    expect([repaid, seized]).to.deep.equal([1_437_000_001n, E18 / 2n]);
    // 2,580 USDC and a second of interest owed, 1,437.000001 repaid: the rest is written off
    expect(badDebt).to.equal(sim.model.totalBadDebt);
    expect(badDebt)
      .to.be.greaterThan(1_142n * USDC)
      .and.lessThan(1_144n * USDC);
    expect(await market.totalBadDebt()).to.equal(badDebt);
    await sim.expectTotals();
  });
});

// ---------------------------------------------------------------------------------------------

describe("Cream: collateral priced by a donatable share price", function () {
  // Cream valued yUSD collateral by the vault's pricePerShare; the attacker donated to the vault, doubled
  // that price and borrowed $130M against it. Furrow refuses FUR and any Uniswap-V2-style LP token,
  // whose only price is a pool a donation or a flash loan moves, as collateral.

  /** A Furrow pair of (usdc, weth) from a fresh PairFactory, holding 3,000 USDC and 1 WETH. */
  async function pairFixture() {
    const f = await lendingFixture();
    const pairs: PairFactory = await ethers.deployContract("PairFactory", [f.admin.address]);
    await pairs.createPair(f.usdc, f.weth);
    const pair = await ethers.getContractAt("Pair", await pairs.getPair(f.usdc, f.weth));
    await f.usdc.connect(f.alice).transfer(pair, 3_000n * USDC);
    await f.weth.connect(f.alice).transfer(pair, E18);
    await pair.mint(f.alice.address);
    return { ...f, pairs, pair };
  }

  it("MarketFactory refuses the LP token, FUR and the loan token itself: CollateralNotAllowed", async function () {
    const { factory, pair, token, usdc, oracle, irm } = await loadFixture(pairFixture);
    for (const collateral of [pair, token, usdc]) {
      await expect(factory.createMarket(usdc, collateral, oracle, irm, LLTV, SEED_ASSETS))
        .to.be.revertedWithCustomError(factory, "CollateralNotAllowed")
        .withArgs(collateral);
    }
  });

  it("a Furrow market's shares may back another loan token (their price is not donatable), not their own", async function () {
    const f = await loadFixture(pairFixture);
    const { market, usdc, weth, dave, factory } = f;
    // A vault share is judged by what it holds: flUSDC/WETH shares hold USDC, so they may back a WETH
    // loan; convertToAssets, which an oracle for them reads, does not move with a donation.
    const shares = await list(f, weth, market);
    expect(await factory.getMarket(weth, market)).to.equal(await shares.getAddress());
    const before = await market.convertToAssets(10n ** 18n);
    await usdc.connect(dave).transfer(market, 1_000_000n * USDC);
    expect(await market.convertToAssets(10n ** 18n)).to.equal(before);
    // Against a USDC loan they are the loan token once removed (a borrow loop), as refused as USDC.
    await expect(list(f, usdc, market))
      .to.be.revertedWithCustomError(factory, "CollateralNotAllowed")
      .withArgs(market);
  });

  it("bug (historical): a factory that does not recognise the pair lists it, and a donation doubles its reserves per LP", async function () {
    const { factory, pairs, pair, usdc, weth, oracle, irm, admin, dave } = await loadFixture(pairFixture);
    // the pair's factory now answers every call (getPair included) with 0: the pair is not recognised
    await setCode(pairs, constantCode(0n));
    await usdc.mint(admin.address, SEED_ASSETS);
    await usdc.connect(admin).approve(factory, SEED_ASSETS);
    await factory.createMarket(usdc, pair, oracle, irm, LLTV, SEED_ASSETS);
    expect(await factory.getMarket(usdc, pair)).to.not.equal(ZERO);
    // the Cream mechanism: reserves per LP, the pool's "share price", doubled by a donation and a sync
    const supply = await pair.totalSupply();
    const [r0, r1] = await pair.getReserves();
    const [t0] = [await pair.token0()];
    const [u, w] = t0 === (await usdc.getAddress()) ? [r0, r1] : [r1, r0];
    expect([u, w]).to.deep.equal([3_000n * USDC, E18]);
    await usdc.connect(dave).transfer(pair, 3_000n * USDC);
    await weth.connect(dave).transfer(pair, E18);
    await pair.sync();
    const [s0, s1] = await pair.getReserves();
    expect([s0, s1]).to.deep.equal([2n * r0, 2n * r1]);
    expect(await pair.totalSupply()).to.equal(supply);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Oracle stale: a frozen price", function () {
  // Markets that took a feed's last answer without checking its age lent against prices the market had
  // left behind (LUNA's frozen Chainlink floor in May 2022 let Venus and Blizz lend against it).
  // Furrow's oracle reverts past maxStaleness and the market then stops borrows and collateral withdrawals.

  it("Furrow: at a price older than maxStaleness, dave's borrow reverts PriceUnavailable()", async function () {
    const { market, sim, dave } = await load(borrowedFixture);
    await sim.supplyCollateral(dave, E18, MAX_STALENESS + 1n);
    await expect(market.connect(dave).borrow(1n, dave.address)).to.be.revertedWithCustomError(
      market,
      "PriceUnavailable",
    );
    expect(await market.debtOf(dave.address)).to.equal(0n);
  });

  it("bug (historical): an oracle that keeps answering $3,000 lends dave 2,579 on 1 WETH worth $1,500; 1,142 becomes bad debt", async function () {
    const { market, sim, oracle, feed, dave, carol } = await load(borrowedFixture);
    const code = await ethers.provider.getCode(oracle);
    await setCode(oracle, constantCode(P3000)); // the frozen answer, no age check
    await sim.supplyCollateral(dave, E18, MAX_STALENESS + 1n);
    await sim.borrow(dave, 2_579n * USDC);
    // the feed comes back at the real price, $1,500
    await setCode(oracle, code);
    await sim.setAnswer(feed, 1_500n * 10n ** 8n);
    const { repaid, seized, badDebt } = await sim.liquidate(carol, dave.address, MAX);
    // ceil(1,500e6 * 1e18 / incentive) = 1,437,000,001 for the whole WETH
    expect([repaid, seized]).to.deep.equal([1_437_000_001n, E18]);
    expect(badDebt)
      .to.be.greaterThan(1_141n * USDC)
      .and.lessThan(1_143n * USDC);
    expect(await market.totalBadDebt()).to.equal(badDebt);
    await sim.expectTotals();
  });
});

describe("Oracle zero: a broken feed", function () {
  // A feed answering 0 (an uninitialised or broken aggregator), taken as a price, makes every borrower's
  // health 0 and every liquidation a division by zero. Furrow's oracle reverts on 0 and the market falls
  // back to the last good price, for liquidations below 0.95 only.

  it("Furrow: with the oracle answering 0, bob (1.03) cannot be liquidated and nobody can borrow", async function () {
    const { market, sim, oracle, bob, carol } = await load(borrowedFixture);
    await setCode(oracle, constantCode(0n));
    sim.price = 0n;
    await sim.next();
    await expect(market.connect(carol).liquidate(bob.address, MAX, carol.address, GAS))
      .to.be.revertedWithCustomError(market, "Healthy")
      .withArgs(bob.address, sim.model.healthFactor(bob.address, sim.t, undefined), 950_000_000_000_000_000n);
    await expect(market.connect(bob).borrow(1n, bob.address)).to.be.revertedWithCustomError(
      market,
      "PriceUnavailable",
    );
    expect(await market.lastPrice()).to.equal(P3000);
  });

  it("bug (historical): 0 taken as the price puts bob at health 0 (liquidatable), and the seizure divides by zero", async function () {
    const { sim, bob } = await load(borrowedFixture);
    const m = sim.model;
    const p = m.position(bob.address);
    expect(m.healthAt(p, m.borrowAssets, m.borrowShares, P3000)).to.equal(1_032_000_000_000_000_000n);
    expect(m.healthAt(p, m.borrowAssets, m.borrowShares, 0n)).to.equal(0n);
    // seized = repaid * incentive / 1e18 * 1e36 / price: the EVM panics (0x12) where BigInt throws
    expect(() => mulDivDown(mulDivDown(1_000n * USDC, INCENTIVE, E18), 10n ** 36n, 0n)).to.throw(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Interest overflow: extreme rates and idle years", function () {
  // Compound-fork markets accrue with checked arithmetic: a rate model gone wild, or a market left idle
  // long enough, makes accrual overflow, and every action that accrues first reverts for ever.
  // Furrow clamps the rate (1,000%/yr), the exponent (1e22) and total borrows (2^128 - 1): accrual never reverts.

  // Millennia later, a fixture made next would start past the Farm's uint32 clock: go back to one made before.
  afterEach(async function () {
    await loadFixture(borrowedFixture);
  });

  it("Furrow: a model answering 2^256 - 1 is clamped; ten years accrue exactly as the model", async function () {
    const { market, sim, irm } = await load(borrowedFixture);
    await setCode(irm, constantCode(MAX));
    const model = sim.model;
    (model as unknown as { rate: () => bigint }).rate = () => MAX;
    expect(await market.borrowRatePerSecond()).to.equal(MAX_BORROW_RATE_PER_SECOND);
    expect(MAX_BORROW_RATE_PER_SECOND).to.equal(317_097_919_837n);
    await sim.next(10n * YEAR);
    // x = 317,097,919,837 * 315,360,000 = 99,999,999,999,208,320,000 (100e18): growth ~ 100 + 5,000 + 166,667
    const interest = mulDivDown(2_500n * USDC, compoundedGrowth(MAX_BORROW_RATE_PER_SECOND, 10n * YEAR), E18);
    await expect(market.accrueInterest()).to.emit(market, "InterestAccrued").withArgs(interest);
    model.accrue(sim.t);
    await sim.expectTotals();
  });

  it("Furrow: idle millennia at that rate stop borrows at 2^128 - 1; accrual and liquidation still work", async function () {
    const { market, sim, irm, alice, bob, carol } = await load(borrowedFixture);
    await setCode(irm, constantCode(MAX));
    const model = sim.model;
    (model as unknown as { rate: () => bigint }).rate = () => MAX;
    // each accrual multiplies borrows by at most 1 + growth(1e22) ~ 1.67e11: the third millennium hits the cap
    for (let i = 0; i < 3; i++) {
      await sim.send(() => market.accrueInterest(), 1_000n * YEAR);
      model.accrue(sim.t);
      expect(await market.totalBorrows()).to.equal(model.borrowAssets);
    }
    expect(await market.totalBorrows()).to.equal(UINT128_MAX);
    expect(await market.totalAssets()).to.equal(7_501n * USDC + UINT128_MAX);
    await sim.next(YEAR);
    await expect(market.accrueInterest()).not.to.emit(market, "InterestAccrued");
    // the supply cap (2^128 - 1) is passed: new deposits stop. A share is now worth ~3.4e22 units, more
    // than all the cash, so maxRedeem (cash in whole shares) and with it maxWithdraw are 0
    expect(await market.maxDeposit(alice.address)).to.equal(0n);
    expect(await market.maxWithdraw(alice.address)).to.equal(0n);
    // bob's debt, worth more than any balance, is written off by a liquidation at the last good price
    sim.price = undefined; // the feed is three thousand years old
    const { repaid, seized, badDebt } = await sim.liquidate(carol, bob.address, MAX);
    expect([repaid, seized]).to.deep.equal([2_874_000_001n, E18]);
    // no share burns for 2,874 (toSharesDown rounds to 0), so all of bob's 2.5e15 shares, the last ones,
    // are written off, and with them all of A' = 2^128 - 1 - repaid. Bob's shares alone are worth
    // ceil(S (A' + 1) / (S + 1e6)): writing off only that (as before) left the virtual shares' part of
    // A', A' * 1e6 / (S + 1e6) ~ 1.4e29, in total borrows with no borrower behind it, still accruing.
    const [s0, a2] = [2_500n * USDC * 10n ** 6n, UINT128_MAX - 2_874_000_001n];
    const bobsPart = mulDivUp(s0, a2 + 1n, s0 + 10n ** 6n);
    expect(a2 - bobsPart).to.be.greaterThan(10n ** 29n);
    expect(badDebt).to.equal(a2);
    expect(await market.totalBorrowShares()).to.equal(0n);
    expect(await market.totalBorrows()).to.equal(0n);
    // nothing left to accrue: a year later total borrows are still 0
    await sim.send(() => market.accrueInterest(), YEAR);
    model.accrue(sim.t);
    expect(await market.totalBorrows()).to.equal(0n);
    await sim.expectTotals();
  });

  it("Furrow: after ten years at that rate, the last full repayment leaves no borrows to accrue", async function () {
    const { market, sim, irm, bob, usdc } = await load(borrowedFixture);
    await setCode(irm, constantCode(MAX));
    const model = sim.model;
    (model as unknown as { rate: () => bigint }).rate = () => MAX;
    await usdc.mint(bob.address, 10n ** 30n);
    await usdc.connect(bob).approve(market, MAX);
    await sim.send(() => market.accrueInterest(), 10n * YEAR);
    model.accrue(sim.t);
    const [a, s] = [await market.totalBorrows(), await market.totalBorrowShares()];
    // bob's shares are all of them; they are worth ceil(S (A + 1) / (S + 1e6)), short of A by the
    // virtual shares' part, which used to stay in total borrows after the repayment and accrue
    expect(a - mulDivUp(s, a + 1n, s + 10n ** 6n)).to.be.greaterThan(100_000n);
    await sim.repay(bob, MAX, bob.address);
    expect([await market.totalBorrows(), await market.totalBorrowShares()]).to.deep.equal([0n, 0n]);
    await sim.send(() => market.accrueInterest(), YEAR);
    model.accrue(sim.t);
    expect(await market.totalBorrows()).to.equal(0n);
    await sim.expectTotals();
  });

  it("bug (historical): without the clamps the same accruals overflow uint256 and uint128", async function () {
    // the model's rate, unclamped, times two seconds passes 2^256: a checked multiplication panics (0x11)
    expect(MAX * 2n).to.be.at.least(UINT256);
    // clamped rate, no cap on total borrows: the third idle millennium passes uint128 (SafeCast reverts)
    let borrows = 2_500n * USDC;
    const growth = compoundedGrowth(MAX_BORROW_RATE_PER_SECOND, 1_000n * YEAR);
    expect(MAX_BORROW_RATE_PER_SECOND * 1_000n * YEAR).to.be.lessThan(MAX_EXPONENT);
    for (let i = 0; i < 2; i++) borrows += mulDivDown(borrows, growth, E18);
    expect(borrows).to.be.lessThan(UINT128_MAX);
    expect(borrows + mulDivDown(borrows, growth, E18)).to.be.greaterThan(UINT128_MAX);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Hundred Finance (Gnosis): a re-entrant token", function () {
  // Hundred's xDAI market sent the borrowed tokens (an ERC-677 with a transfer hook) before writing the
  // debt: from the hook the attacker withdrew his collateral, which no debt yet held.
  // Furrow writes the debt before any transfer and every entry point is nonReentrant.

  /** A market lending an ERC-777-like token (hooks on both sides) against WETH; a HookAttacker. */
  async function hookFixture() {
    const f = await lendingFixture();
    const loan: Erc777LikeToken = await ethers.deployContract("Erc777LikeToken");
    const market = await list(f, loan, f.weth);
    await loan.mint(f.alice.address, SUPPLY);
    await loan.connect(f.alice).approve(market, MAX);
    await market.connect(f.alice).deposit(SUPPLY, f.alice.address);
    const attacker: HookAttacker = await ethers.deployContract("HookAttacker");
    await f.weth.mint(attacker, E18);
    await attacker.run([
      {
        target: await f.weth.getAddress(),
        data: f.weth.interface.encodeFunctionData("approve", [await market.getAddress(), MAX]),
      },
      {
        target: await loan.getAddress(),
        data: loan.interface.encodeFunctionData("setHook", [await attacker.getAddress()]),
      },
      {
        target: await market.getAddress(),
        data: market.interface.encodeFunctionData("supplyCollateral", [E18, await attacker.getAddress()]),
      },
    ]);
    return { ...f, loan, hooked: market, attacker };
  }

  it("Furrow: the hook's withdrawCollateral inside borrow reverts ReentrancyGuardReentrantCall; without it the borrow is fine", async function () {
    const { hooked, attacker, loan } = await loadFixture(hookFixture);
    const me = await attacker.getAddress();
    await attacker.arm(hooked, hooked.interface.encodeFunctionData("withdrawCollateral", [E18, me]), false);
    const borrow = {
      target: await hooked.getAddress(),
      data: hooked.interface.encodeFunctionData("borrow", [1_000n * USDC, me]),
    };
    await expect(attacker.run([borrow])).to.be.revertedWithCustomError(
      hooked,
      "ReentrancyGuardReentrantCall",
    );
    expect(await hooked.collateralOf(me)).to.equal(E18);
    await attacker.arm(ZERO, "0x", false);
    await attacker.run([borrow]);
    expect(await loan.balanceOf(me)).to.equal(1_000n * USDC);
    expect(await hooked.debtOf(me)).to.equal(1_000n * USDC);
  });

  it("Furrow: a collateral token calling back from supplyCollateral (ReentrantToken) is stopped the same way", async function () {
    const f = await loadFixture(lendingFixture);
    const reent: ReentrantToken = await ethers.deployContract("ReentrantToken");
    const market = await list(f, f.usdc, reent);
    await reent.mint(f.bob.address, E18);
    await reent.connect(f.bob).approve(market, MAX);
    await reent.arm(market, market.interface.encodeFunctionData("borrow", [1n, await reent.getAddress()]));
    await expect(market.connect(f.bob).supplyCollateral(E18, f.bob.address)).to.be.revertedWithCustomError(
      market,
      "ReentrancyGuardReentrantCall",
    );
    await reent.arm(ZERO, "0x");
    await market.connect(f.bob).supplyCollateral(E18, f.bob.address);
    expect(await market.collateralOf(f.bob.address)).to.equal(E18);
  });

  it("bug (historical, in the model): tokens sent before the debt is written; the hook takes the collateral back", async function () {
    const { sim, carol } = await load(suppliedFixture);
    const m = sim.model;
    const who = carol.address;
    const t = sim.t + 1n;
    m.supplyCollateral(who, E18);
    // borrow's checks pass (on a copy: the debt is not written yet)
    m.clone().borrow(who, 1_000n * USDC, t, P3000);
    // the transfer's hook: withdrawCollateral, with no debt on the books, needs no health check
    m.withdrawCollateral(who, E18, t, P3000);
    // then the debt is written, as the historical borrow did after its transfer
    m.accrue(t);
    const shares = toBorrowShares(1_000n * USDC, m.borrowAssets, m.borrowShares, true);
    m.positions.set(who, { collateral: 0n, borrowShares: shares });
    m.borrowAssets += 1_000n * USDC;
    m.borrowShares += shares;
    m.cash -= 1_000n * USDC;
    // carol holds the 1,000 and her WETH; the market holds a debt of 1,000 with nothing behind it
    expect(m.position(who)).to.deep.equal({ collateral: 0n, borrowShares: 10n ** 15n });
    expect(m.healthFactor(who, t, P3000)).to.equal(0n);
    expect(m.debtOf(who, t)).to.equal(1_000n * USDC);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Fee-on-transfer tokens", function () {
  // A market that credits the amount sent, not the amount that arrived, owes more than it holds: the
  // last to leave finds the market short (the deflationary-token drains of 2020, STA at Balancer).
  // Furrow measures collateral at every supplyCollateral and refuses a fee-on-transfer loan token at listing.

  async function fotFixture() {
    const f = await lendingFixture();
    const fot: FeeOnTransferToken = await ethers.deployContract("FeeOnTransferToken", [1_000]); // 10%
    for (const u of f.users) await fot.mint(u.address, 10_000n * E18);
    return { ...f, fot };
  }

  it("Furrow: fee-on-transfer collateral reverts TransferShortfall(amount, received)", async function () {
    const f = await loadFixture(fotFixture);
    const market = await list(f, f.usdc, f.fot);
    await f.fot.connect(f.bob).approve(market, MAX);
    await expect(market.connect(f.bob).supplyCollateral(1_000n * E18, f.bob.address))
      .to.be.revertedWithCustomError(market, "TransferShortfall")
      .withArgs(1_000n * E18, 900n * E18);
  });

  it("bug (historical): collateral credited at the amount sent (written into the positions) leaves alice's withdrawal short", async function () {
    const f = await loadFixture(fotFixture);
    const { fot, alice, bob } = f;
    const market = await list(f, f.usdc, fot);
    for (const u of [bob, alice]) {
      await fot.connect(u).transfer(market, 1_000n * E18); // 900 arrive
      await setCollateral(market, u.address, 1_000n * E18); // credited 1,000
    }
    expect(await fot.balanceOf(market)).to.equal(1_800n * E18);
    await market.connect(bob).withdrawCollateral(1_000n * E18, bob.address); // 1,000 leave: 800 held
    await expect(market.connect(alice).withdrawCollateral(1_000n * E18, alice.address))
      .to.be.revertedWithCustomError(fot, "ERC20InsufficientBalance")
      .withArgs(await market.getAddress(), 700n * E18, 900n * E18);
  });

  it("Furrow: MarketFactory refuses a fee-on-transfer loan token (the seed arrives short)", async function () {
    const f = await loadFixture(fotFixture);
    await f.fot.mint(f.admin.address, E18);
    await f.fot.approve(f.factory, E18);
    // 10% fee: of the 1 FUR-decimal token sent, 0.9 arrive.
    await expect(f.factory.createMarket(f.fot, f.weth, f.oracle, f.irm, LLTV, E18))
      .to.be.revertedWithCustomError(f.factory, "FeeOnTransferLoanToken")
      .withArgs(f.fot, E18, (9n * E18) / 10n);
    expect(await f.factory.getMarket(f.fot, f.weth)).to.equal(ZERO);
  });

  it("bug (historical): a market over the token without the listing check counts 2,000 cash for 1,800 held; bob's exit fails", async function () {
    const f = await loadFixture(fotFixture);
    const { fot, alice, bob } = f;
    const market = await unlistedMarket(f, fot);
    for (const u of [alice, bob]) {
      await fot.connect(u).approve(market, MAX);
      await market.connect(u).deposit(1_000n * E18, u.address);
    }
    expect(await market.cash()).to.equal(2_000n * E18);
    expect(await fot.balanceOf(market)).to.equal(1_800n * E18);
    // alice redeems her 1e27 shares for 1,000 (100 burnt, 900 to her): 800 left
    await market.connect(alice).redeem(10n ** 27n, alice.address, alice.address);
    // bob's 1,000: the fee burns 100 of the 800, and 900 cannot be sent from 700
    await expect(market.connect(bob).redeem(10n ** 27n, bob.address, bob.address))
      .to.be.revertedWithCustomError(fot, "ERC20InsufficientBalance")
      .withArgs(await market.getAddress(), 700n * E18, 900n * E18);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Liquidation of a healthy account", function () {
  // A liquidation check at the wrong boundary, or none, lets a liquidator take the bonus out of a solvent
  // borrower's collateral. Furrow liquidates only below health 1 (`Healthy` at 1 and above).

  it("Furrow: bob at 1.03 cannot be liquidated: Healthy(bob, health, 1e18)", async function () {
    const { market, sim, bob, carol, weth } = await load(borrowedFixture);
    await sim.next();
    await expect(market.connect(carol).liquidate(bob.address, 1_000n * USDC, carol.address, GAS))
      .to.be.revertedWithCustomError(market, "Healthy")
      .withArgs(bob.address, sim.model.healthFactor(bob.address, sim.t, P3000), E18);
    expect(await market.collateralOf(bob.address)).to.equal(E18);
    expect(await weth.balanceOf(carol.address)).to.equal(1_000n * E18);
  });

  it("bug (in the model): without the check carol seizes 0.347947112 WETH ($1,043.84) for 1,000 of bob's debt", async function () {
    const { sim, bob } = await load(borrowedFixture);
    const m = sim.model.clone();
    m.healthAt = () => 0n; // every account reads as liquidatable
    const t = sim.t + 1n;
    const { repaid, seized } = m.liquidate(bob.address, 1_000n * USDC, t, P3000);
    // floor(floor(repaid * incentive / 1e18) * 1e36 / 3e27); at repaid = 1,000e6: floor(1,043,841,336e9 / 3)
    expect(mulDivDown(mulDivDown(1_000n * USDC, INCENTIVE, E18), 10n ** 36n, P3000)).to.equal(
      347_947_112_000_000_000n,
    );
    expect(seized).to.equal(mulDivDown(mulDivDown(repaid, INCENTIVE, E18), 10n ** 36n, P3000));
    expect(repaid).to.be.closeTo(1_000n * USDC, 1n); // the share rounding of one repayment
    // bob, solvent, paid 4.38% of it, 43.841336 USDC, in collateral above the debt it cleared
    expect(mulDivDown(seized, P3000, 10n ** 36n) - repaid).to.be.closeTo(43_841_336n, 2n);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Self-liquidation for profit", function () {
  // A borrower who can put himself below the liquidation line (Euler's donation, or a borrow that skips
  // the check) liquidates himself from a second account and keeps the bonus while suppliers eat the rest.
  // In Furrow only the price puts an account below 1, and a self-liquidation then moves value between
  // one's own accounts: nothing is gained.

  it("Furrow: bob cannot borrow himself below 1, and when the price does it, bob + carol end where they started", async function () {
    const { market, sim, feed, bob, carol, usdc, weth } = await load(borrowedFixture);
    await sim.next();
    const refused = modelError(() => sim.model.clone().borrow(bob.address, 80n * USDC + 1n, sim.t, P3000));
    expect(refused.error).to.equal("Unhealthy");
    await expect(market.connect(bob).borrow(80n * USDC + 1n, bob.address, GAS))
      .to.be.revertedWithCustomError(market, "Unhealthy")
      .withArgs(...refused.args);
    await sim.setAnswer(feed, 2_900n * 10n ** 8n); // health 2,494 / 2,500
    const worth = async () => ({
      weth:
        (await weth.balanceOf(bob.address)) +
        (await weth.balanceOf(carol.address)) +
        (await market.collateralOf(bob.address)),
      usdc: (await usdc.balanceOf(bob.address)) + (await usdc.balanceOf(carol.address)),
    });
    const before = await worth();
    const debtBefore = sim.model.debtOf(bob.address, sim.t + 1n);
    const { repaid } = await sim.liquidate(carol, bob.address, 1_000n * USDC);
    const after = await worth();
    expect(after.weth).to.equal(before.weth); // carol's gain is bob's collateral
    expect(before.usdc - after.usdc).to.equal(repaid); // carol's payment...
    // ... is bob's debt cleared, to the rounding up of the debt view (1 wei)
    expect(debtBefore - (await market.debtOf(bob.address))).to.be.closeTo(repaid, 1n);
    expect(await market.totalBadDebt()).to.equal(0n);
  });

  it("bug (in the model): a borrow that skips the check lets bob take 2,999 on 1 WETH and carol's self-liquidation nets 124.999999 USDC", async function () {
    const { sim, bob } = await load(suppliedFixture);
    const m = sim.model;
    (m as unknown as { requireHealthy: () => void }).requireHealthy = () => undefined;
    const t = sim.t + 1n;
    m.supplyCollateral(bob.address, E18);
    m.borrow(bob.address, 2_999n * USDC, t, P3000); // health 2,580 / 2,999 = 0.86
    const { repaid, seized, badDebt } = m.liquidate(bob.address, MAX, t, P3000);
    // all the WETH for ceil(3,000e6 * 1e18 / incentive) = 2,874,000,001
    expect([repaid, seized]).to.deep.equal([2_874_000_001n, E18]);
    // bob + carol: +2,999 borrowed, -2,874.000001 paid, the WETH back: 124.999999 USDC, all bad debt
    expect(2_999n * USDC - repaid).to.equal(124_999_999n);
    expect(badDebt).to.equal(124_999_999n);
    expect(m.totalBadDebt).to.equal(124_999_999n);
  });
});
