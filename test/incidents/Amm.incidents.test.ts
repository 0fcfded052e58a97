// Issue 9.8, the AMM half of the incident suite: one `describe` per historical incident, named after
// it. Every scenario runs against Furrow's contracts (the attack fails, exact figures) and against a
// test-only copy with the historical bug (contracts/mocks/incidents/amm: the attack pays, exact
// figures), so each test is shown to be able to fail.
import { expect } from "chai";
import { artifacts, ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { BaseContract, Interface } from "ethers";
import { ammFixture, E18, mintDirect } from "../shared/fixtures";
import { sendAt } from "../../src/chain/time";
import { MINIMUM_LIQUIDITY, burnAmounts, getAmountIn, getAmountOut, mintLiquidity } from "../../src/model";
import type { HookAttacker } from "../../typechain-types";

const MAX = ethers.MaxUint256;
const Q112 = 2n ** 112n;

/** One entry of HookAttacker.run: `contract.fn(...args)`. */
async function step(contract: BaseContract, fn: string, args: unknown[]): Promise<HookAttacker.CallStruct> {
  return {
    target: await contract.getAddress(),
    data: (contract.interface as Interface).encodeFunctionData(fn, args),
  };
}

/** kAfter/kBefore as a pair with K scale `scale` and fee `fee` per `scale` reports them. */
function kCheck(
  r0: bigint,
  r1: bigint,
  b0: bigint,
  b1: bigint,
  out0: bigint,
  out1: bigint,
  scale = 1000n,
  fee = 3n,
): [bigint, bigint] {
  const in0 = b0 > r0 - out0 ? b0 - (r0 - out0) : 0n;
  const in1 = b1 > r1 - out1 ? b1 - (r1 - out1) : 0n;
  return [(b0 * scale - in0 * fee) * (b1 * scale - in1 * fee), r0 * r1 * 1_000_000n];
}

/** ceil(a / b) for positive BigInts. */
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

// ---------------------------------------------------------------------------------------------
// imBTC / Uniswap V1 ERC-777 re-entry
// ---------------------------------------------------------------------------------------------

const V1_RESERVE = 1_000n * E18;
const V1_SALE = 100n * E18;

/**
 * An ERC-777-like token (IMBTC) in a Furrow pair with token0 (1,000 each) and in a V1-style exchange
 * (1,000 each); a HookAttacker holding 2 × 100 IMBTC, its send/receive hook registered, both
 * venues approved.
 */
async function imbtcFixture() {
  const f = await ammFixture();
  const { router, factory, token0, admin } = f;
  const imbtc = await ethers.deployContract("Erc777LikeToken");
  await imbtc.mint(admin.address, V1_RESERVE);
  await imbtc.approve(router, MAX);
  await router.addLiquidity(imbtc, token0, V1_RESERVE, V1_RESERVE, 0, 0, admin.address, MAX);
  const pair = await ethers.getContractAt("Pair", await factory.getPair(imbtc, token0));

  const v1 = await ethers.deployContract("V1StyleExchange", [imbtc, token0]);
  await imbtc.mint(v1, V1_RESERVE);
  await token0.mint(v1, V1_RESERVE);

  const attacker = await ethers.deployContract("HookAttacker");
  await imbtc.mint(attacker, 2n * V1_SALE);
  await attacker.run([
    await step(imbtc, "setHook", [await attacker.getAddress()]),
    await step(imbtc, "approve", [await router.getAddress(), MAX]),
    await step(imbtc, "approve", [await v1.getAddress(), MAX]),
    await step(token0, "approve", [await router.getAddress(), MAX]),
  ]);
  return { ...f, imbtc, pair, v1, attacker };
}

describe("imBTC / Uniswap V1 ERC-777 re-entry", function () {
  // V1 priced a sale from live balances, paid, then pulled the input: the seller's tokensToSend hook
  // ran before the input counted and sold again at the old token reserve. Furrow prices what arrived.
  // 1,000/1,000 pool, 100 + 100 sold: V1 pays 173.10 for the nested pair of sales vs 166.23 in turn.
  // Furrow's measured path pays exactly the sequential 166.23 and its exact-amount path reverts (K).
  const sequential = () => {
    const first = getAmountOut(V1_SALE, V1_RESERVE, V1_RESERVE);
    return first + getAmountOut(V1_SALE, V1_RESERVE + V1_SALE, V1_RESERVE - first);
  };

  it("V1StyleExchange (historical): the nested sale is priced at the old reserve and pays 6.87 more", async function () {
    const { v1, attacker, token0 } = await loadFixture(imbtcFixture);
    const sale = await step(v1, "sellToken", [V1_SALE, await attacker.getAddress()]);
    await attacker.arm(sale.target, sale.data, true);
    await attacker.run([sale]);

    const first = getAmountOut(V1_SALE, V1_RESERVE, V1_RESERVE);
    // The nested sale sees the base reserve after the first payout but the token reserve before.
    const nested = first + getAmountOut(V1_SALE, V1_RESERVE, V1_RESERVE - first);
    expect(await attacker.reentries()).to.equal(1n);
    expect(await token0.balanceOf(attacker)).to.equal(nested);
    expect(nested).to.equal(173_102_745_647_008_196_015n);
    expect(sequential()).to.equal(166_230_889_661_429_027_651n);
    expect(nested - sequential()).to.equal(6_871_855_985_579_168_364n);
  });

  it("Furrow Router (measured input): the nested sale settles first, the outer at the new reserves: no gain", async function () {
    const { router, imbtc, token0, attacker } = await loadFixture(imbtcFixture);
    const sale = await step(router, "swapExactTokensForTokensSupportingFeeOnTransferTokens", [
      V1_SALE,
      0n,
      [await imbtc.getAddress(), await token0.getAddress()],
      await attacker.getAddress(),
      MAX,
    ]);
    await attacker.arm(sale.target, sale.data, true);
    await attacker.run([sale]);
    expect(await attacker.reentries()).to.equal(1n);
    expect(await token0.balanceOf(attacker)).to.equal(sequential());
  });

  it("Furrow Router (exact amounts): the outer swap's quote is stale after the nested one and K refuses it", async function () {
    const { router, imbtc, token0, pair, attacker } = await loadFixture(imbtcFixture);
    const sale = await step(router, "swapExactTokensForTokens", [
      V1_SALE,
      0n,
      [await imbtc.getAddress(), await token0.getAddress()],
      await attacker.getAddress(),
      MAX,
    ]);
    await attacker.arm(sale.target, sale.data, true);
    // Both sales were quoted at 1,000/1,000; the outer one settles against the nested one's reserves.
    const out = getAmountOut(V1_SALE, V1_RESERVE, V1_RESERVE);
    const imbtcIs0 = (await pair.token0()) === (await imbtc.getAddress());
    const [rIn, rOut] = [V1_RESERVE + V1_SALE, V1_RESERVE - out];
    const [bIn, bOut] = [V1_RESERVE + 2n * V1_SALE, V1_RESERVE - 2n * out];
    const k = imbtcIs0 ? kCheck(rIn, rOut, bIn, bOut, 0n, out) : kCheck(rOut, rIn, bOut, bIn, out, 0n);
    await expect(attacker.run([sale]))
      .to.be.revertedWithCustomError(pair, "KInvariant")
      .withArgs(...k);
  });

  it("Furrow Pair: a hook re-entering while the pair pays out (reserves not yet written) hits the lock", async function () {
    const { router, imbtc, token0, pair, attacker } = await loadFixture(imbtcFixture);
    await token0.mint(attacker, 10n * E18);
    const path = [await token0.getAddress(), await imbtc.getAddress()];
    const buy = await step(router, "swapExactTokensForTokens", [
      E18,
      0n,
      path,
      await attacker.getAddress(),
      MAX,
    ]);
    // From tokensReceived: sell the IMBTC back at the reserves from before the buy.
    const sellBack = await step(router, "swapExactTokensForTokens", [
      V1_SALE,
      0n,
      [...path].reverse(),
      await attacker.getAddress(),
      MAX,
    ]);
    await attacker.arm(sellBack.target, sellBack.data, false);
    await expect(attacker.run([buy])).to.be.revertedWithCustomError(pair, "Locked");
    // The same call straight at the pair is refused as well.
    const sync = await step(pair, "sync", []);
    await attacker.arm(sync.target, sync.data, false);
    await expect(attacker.run([buy])).to.be.revertedWithCustomError(pair, "Locked");
  });
});

// ---------------------------------------------------------------------------------------------
// First-depositor donation
// ---------------------------------------------------------------------------------------------

const DONATION = 10_000n * E18;

/** ammFixture plus a HistoricalPair of token0/token1 without MINIMUM_LIQUIDITY (V2's K otherwise). */
async function donationFixture() {
  const f = await ammFixture();
  const noMinimum = await ethers.deployContract("HistoricalPair", [f.token0, f.token1, 0, 1000, 3]);
  return { ...f, noMinimum };
}

describe("First-depositor donation (share inflation)", function () {
  // The first depositor mints 1 LP wei, donates to the pool and syncs: one LP wei is then worth the
  // donation, and later deposits round down to whole LP wei. Without a minimum, a 10,000 donation
  // makes a 10,000 deposit mint 0 and steals 5,000 of a 20,000 one; Furrow's 1000 locked wei make the
  // same 10,000 deposit mint 1,000 LP wei and cost the attacker 1000/1001 of the donation.
  it("HistoricalPair without the minimum (historical): a deposit equal to the donation mints 0 LP", async function () {
    const { noMinimum, token0, token1, alice, bob } = await loadFixture(donationFixture);
    const send = async (who: typeof alice, a: bigint) => {
      await token0.connect(who).transfer(noMinimum, a);
      await token1.connect(who).transfer(noMinimum, a);
    };
    await send(bob, 1n);
    await noMinimum.mint(bob.address);
    expect(await noMinimum.totalSupply()).to.equal(1n);
    await send(bob, DONATION);
    await noMinimum.sync();

    // A deposit equal to the donation rounds to 0 LP; one wei more mints 1 LP wei.
    await send(alice, DONATION);
    await expect(noMinimum.mint(alice.address))
      .to.be.revertedWithCustomError(noMinimum, "InsufficientLiquidityMinted")
      .withArgs(DONATION, DONATION);
    await send(alice, 1n); // the refused deposit is still in the pair: now 10,000e18 + 1 arrived
    await noMinimum.mint(alice.address);
    expect(await noMinimum.balanceOf(alice.address)).to.equal(1n);
  });

  it("HistoricalPair without the minimum (historical): a 20,000 deposit loses 5,000 to the attacker", async function () {
    const { noMinimum, token0, token1, alice, bob } = await loadFixture(donationFixture);
    const send = async (who: typeof alice, a: bigint) => {
      await token0.connect(who).transfer(noMinimum, a);
      await token1.connect(who).transfer(noMinimum, a);
    };
    await send(bob, 1n);
    await noMinimum.mint(bob.address);
    await send(bob, DONATION);
    await noMinimum.sync(); // reserves 10,000e18 + 1, supply 1

    // The smallest deposit that mints is the donation plus 1 wei; it gets 1 LP wei.
    await send(alice, 2n * DONATION);
    await noMinimum.mint(alice.address);
    // floor(20,000e18 * 1 / (10,000e18 + 1)) = 1 of a supply of 2.
    expect(await noMinimum.balanceOf(alice.address)).to.equal(1n);
    await noMinimum.connect(alice).transfer(noMinimum, 1n);
    await noMinimum.burn(alice.address);
    // alice gets floor((30,000e18 + 1) / 2) = 15,000e18 of her 20,000e18: 5,000e18 lost.
    expect(await token0.balanceOf(alice.address)).to.equal(1_000_000n * E18 - 5_000n * E18);
    await noMinimum.connect(bob).transfer(noMinimum, 1n);
    await noMinimum.burn(bob.address);
    // bob put in 10,000e18 + 1 and takes 15,000e18 + 1 out: a 5,000e18 profit.
    expect(await token0.balanceOf(bob.address)).to.equal(1_000_000n * E18 + 5_000n * E18);
  });

  it("Furrow Pair: the same donation leaves a 10,000 deposit 1,000 LP wei and makes the attacker lose it", async function () {
    const { pair, token0, token1, alice, bob } = await loadFixture(ammFixture);
    // The least first mint that gives bob 1 LP wei: 1001 of each, supply 1001 (1000 locked).
    await mintDirect(pair, token0, token1, 1001n, 1001n, bob);
    expect(await pair.balanceOf(bob.address)).to.equal(1n);
    expect(await pair.totalSupply()).to.equal(MINIMUM_LIQUIDITY + 1n);
    await token0.connect(bob).transfer(pair, DONATION);
    await token1.connect(bob).transfer(pair, DONATION);
    await pair.sync();
    const reserve = DONATION + 1001n;
    let pool = { reserve0: reserve, reserve1: reserve, totalSupply: 1001n };

    // Rounding to 0 now needs a deposit below ceil(reserve / 1001) = 9,990,009,990,009,991,010 wei,
    // 1/1001 of what it needs without the minimum.
    const least = ceilDiv(reserve, 1001n);
    expect(least).to.equal(9_990_009_990_009_990_011n);
    await token0.connect(alice).transfer(pair, least - 1n);
    await token1.connect(alice).transfer(pair, least - 1n);
    await expect(pair.mint(alice.address))
      .to.be.revertedWithCustomError(pair, "InsufficientLiquidityMinted")
      .withArgs(least - 1n, least - 1n);
    await pair.skim(alice.address);

    // The deposit the historical pair refused mints floor(10,000e18 * 1001 / (10,000e18 + 1001)) = 1000.
    expect(mintLiquidity(pool, DONATION, DONATION)).to.equal(1000n);
    // A 2x deposit: floor(20,000e18 * 1001 / (10,000e18 + 1001)) = 2001 LP wei.
    const deposit = 2n * DONATION;
    const minted = mintLiquidity(pool, deposit, deposit);
    expect(minted).to.equal(2001n);
    await mintDirect(pair, token0, token1, deposit, deposit, alice);
    expect(await pair.balanceOf(alice.address)).to.equal(minted);
    pool = { reserve0: reserve + deposit, reserve1: reserve + deposit, totalSupply: 1001n + minted };

    await pair.connect(alice).transfer(pair, minted);
    const [aliceBack] = burnAmounts(minted, pool.reserve0, pool.reserve1, pool.totalSupply);
    await pair.burn(alice.address);
    // alice loses 3.33 (0.017%: under one LP wei's worth, 9.99e18) instead of 5,000.
    expect(deposit - aliceBack).to.equal(3_331_112_591_605_595_602n);
    expect(deposit - aliceBack).to.be.lessThan(pool.reserve0 / pool.totalSupply);

    await pair.connect(bob).transfer(pair, 1n);
    const left = pool.reserve0 - aliceBack;
    const [bobBack] = burnAmounts(1n, left, left, pool.totalSupply - minted);
    await pair.burn(bob.address);
    // bob's 10,000e18 + 1001 buys back 9.99e18: the 1000 locked wei keep the rest.
    expect(bobBack).to.equal(9_993_337_774_816_788_807n);
    expect(await token0.balanceOf(bob.address)).to.equal(1_000_000n * E18 - DONATION - 1001n + bobBack);
  });
});
