// Issue 9.8, the AMM half of the incident suite: one `describe` per historical incident, named after
// it. Every scenario runs against Furrow's contracts (the attack fails, exact figures) and against a
// test-only copy with the historical bug (contracts/mocks/incidents/amm: the attack pays, exact
// figures), so each test is shown to be able to fail.
import fs from "fs";
import path from "path";
import { expect } from "chai";
import { artifacts, ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { AddressLike, BaseContract, FunctionFragment, Interface } from "ethers";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import { ammFixture, E18, farmFixture, mintDirect } from "../fixtures";
import { DEADLINE, vaultFixture } from "../vault/fixture";
import { sendAt } from "../../src/chain/time";
import { MINIMUM_LIQUIDITY, burnAmounts, getAmountIn, getAmountOut, mintLiquidity } from "../../src/model";
import type { HookAttacker, MockERC20 } from "../../typechain-types";

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

/** Sends `amount` of both tokens from `who` to `to`. */
async function sendBoth(
  to: AddressLike,
  token0: MockERC20,
  token1: MockERC20,
  who: HardhatEthersSigner,
  amount: bigint,
) {
  await token0.connect(who).transfer(to, amount);
  await token1.connect(who).transfer(to, amount);
}

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
    const send = (who: HardhatEthersSigner, a: bigint) => sendBoth(noMinimum, token0, token1, who, a);
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
    const send = (who: HardhatEthersSigner, a: bigint) => sendBoth(noMinimum, token0, token1, who, a);
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
    await sendBoth(pair, token0, token1, bob, DONATION);
    await pair.sync();
    const reserve = DONATION + 1001n;
    let pool = { reserve0: reserve, reserve1: reserve, totalSupply: 1001n };

    // Rounding to 0 now needs a deposit below ceil(reserve / 1001) = 9,990,009,990,009,990,011 wei,
    // 1/1001 of what it needs without the minimum.
    const least = ceilDiv(reserve, 1001n);
    expect(least).to.equal(9_990_009_990_009_990_011n);
    await sendBoth(pair, token0, token1, alice, least - 1n);
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

// ---------------------------------------------------------------------------------------------
// Uranium K constant
// ---------------------------------------------------------------------------------------------

const K_RESERVE = 1_000n * E18;

/** Furrow's token0/token1 pair and two HistoricalPairs, each seeded with 1,000/1,000 by admin. */
async function kFixture() {
  const f = await ammFixture();
  const { token0, token1, admin } = f;
  // Uranium (April 2021): balances scaled by 10,000 (fee 30 = the same 0.3%), reserves by 1000².
  const uranium = await ethers.deployContract("HistoricalPair", [token0, token1, 1000, 10_000, 30]);
  // The same mock with V2's scale: the control that isolates the mismatch.
  const matched = await ethers.deployContract("HistoricalPair", [token0, token1, 1000, 1000, 3]);
  for (const p of [uranium, matched]) {
    await token0.transfer(p, K_RESERVE);
    await token1.transfer(p, K_RESERVE);
    await p.mint(admin.address);
  }
  await mintDirect(f.pair, token0, token1, K_RESERVE, K_RESERVE, admin);
  return { ...f, uranium, matched };
}

describe("Uranium K constant (10000 vs 1000 scale)", function () {
  // Uranium scaled balances by 10,000 for the fee but compared with reserves scaled by 1000²: the
  // check accepted a product of balances 100 times smaller. 1 wei in took 990 of a 1,000 reserve;
  // Furrow's K uses one scale (1000) for both, pays getAmountOut(1 wei) = 0 and refuses the swap.
  const kBefore = K_RESERVE * K_RESERVE * 1_000_000n;
  // Least token1 balance Uranium's check accepts after 1 wei of token0 in.
  const uraniumLeft = ceilDiv(kBefore, ((K_RESERVE + 1n) * 10_000n - 30n) * 10_000n);
  const uraniumOut = K_RESERVE - uraniumLeft;

  it("HistoricalPair with Uranium's scales (historical): 1 wei of token0 takes 99% of token1", async function () {
    const { uranium, token0, token1, bob } = await loadFixture(kFixture);
    expect(uraniumOut).to.equal(990n * E18);
    await token0.connect(bob).transfer(uranium, 1n);
    // One wei more than the check allows is refused, with Uranium's own figures...
    await expect(uranium.connect(bob).swap(0n, uraniumOut + 1n, bob.address))
      .to.be.revertedWithCustomError(uranium, "KInvariant")
      .withArgs(
        ...kCheck(K_RESERVE, K_RESERVE, K_RESERVE + 1n, uraniumLeft - 1n, 0n, uraniumOut + 1n, 10_000n, 30n),
      );
    // ...and the rest goes.
    await expect(uranium.connect(bob).swap(0n, uraniumOut, bob.address)).to.changeTokenBalances(
      token1,
      [bob, uranium],
      [uraniumOut, -uraniumOut],
    );
  });

  it("HistoricalPair with V2's scales: the same swap fails K, so the mismatch alone is the bug", async function () {
    const { matched, token0, bob } = await loadFixture(kFixture);
    await token0.connect(bob).transfer(matched, 1n);
    await expect(matched.connect(bob).swap(0n, uraniumOut, bob.address))
      .to.be.revertedWithCustomError(matched, "KInvariant")
      .withArgs(...kCheck(K_RESERVE, K_RESERVE, K_RESERVE + 1n, uraniumLeft, 0n, uraniumOut));
  });

  it("Furrow Pair: refuses it with KInvariant, and 1 wei in is worth 0 out", async function () {
    const { pair, token0, bob } = await loadFixture(kFixture);
    expect(getAmountOut(1n, K_RESERVE, K_RESERVE)).to.equal(0n);
    await token0.connect(bob).transfer(pair, 1n);
    const k = kCheck(K_RESERVE, K_RESERVE, K_RESERVE + 1n, uraniumLeft, 0n, uraniumOut);
    await expect(pair.connect(bob).swap(0n, uraniumOut, bob.address, "0x"))
      .to.be.revertedWithCustomError(pair, "KInvariant")
      .withArgs(...k);
    // Even 1 wei of token1 for 1 wei of token0 is refused: the fee leaves 0.997 wei of input.
    await expect(pair.connect(bob).swap(0n, 1n, bob.address, "0x")).to.be.revertedWithCustomError(
      pair,
      "KInvariant",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Bytecode scans: who reads a pair's price, who is payable, who can delegatecall
// ---------------------------------------------------------------------------------------------

interface CompiledContract {
  name: string;
  abi: readonly { type: string; name?: string; stateMutability?: string }[];
  bytecode: string;
  deployedBytecode: string;
  /** The Solidity file it was compiled from. */
  sourceName: string;
}

/** Every deployable contract compiled from contracts/ (mocks excepted): what ships. */
async function furrowContracts(): Promise<CompiledContract[]> {
  const out: CompiledContract[] = [];
  for (const fqn of await artifacts.getAllFullyQualifiedNames()) {
    if (!fqn.startsWith("contracts/") || fqn.startsWith("contracts/mocks/")) continue;
    const a = await artifacts.readArtifact(fqn);
    if (a.bytecode === "0x") continue; // interfaces and abstract contracts
    out.push({
      name: a.contractName,
      abi: a.abi,
      bytecode: a.bytecode,
      deployedBytecode: a.deployedBytecode,
      sourceName: a.sourceName,
    });
  }
  return out;
}

async function compiled(name: string): Promise<CompiledContract> {
  const a = await artifacts.readArtifact(name);
  return {
    name: a.contractName,
    abi: a.abi,
    bytecode: a.bytecode,
    deployedBytecode: a.deployedBytecode,
    sourceName: a.sourceName,
  };
}

/**
 * The runtime code's instructions as [opcode, push data] pairs, without the code of contracts it
 * deploys (PairFactory holds Pair's creation code) and without the trailing CBOR metadata.
 */
function instructions(c: CompiledContract, others: readonly CompiledContract[]): [number, string][] {
  let code = c.deployedBytecode.slice(2);
  for (const o of others) if (o.name !== c.name) code = code.split(o.bytecode.slice(2)).join("");
  // The last two bytes give the CBOR metadata's length (absent if the compiler was told to omit it).
  const metadata = 4 + 2 * parseInt(code.slice(-4), 16);
  if (metadata < code.length && code.slice(-metadata, -metadata + 2) === "a2")
    code = code.slice(0, -metadata);
  const out: [number, string][] = [];
  for (let i = 0; i < code.length;) {
    const op = parseInt(code.slice(i, i + 2), 16);
    const size = op >= 0x60 && op <= 0x7f ? op - 0x5f : 0; // PUSH1..PUSH32 carry 1..32 bytes
    out.push([op, code.slice(i + 2, i + 2 + 2 * size)]);
    i += 2 + 2 * size;
  }
  return out;
}

/** Whether `c` pushes `selector` (as PUSH4 or left-aligned in a wider push) without defining it. */
function calls(c: CompiledContract, fn: string, selector: string, others: readonly CompiledContract[]) {
  if (c.abi.some((e) => e.type === "function" && e.name === fn)) return false;
  const sel = selector.slice(2);
  return instructions(c, others).some(([, data]) => data.startsWith(sel) && /^0*$/.test(data.slice(8)));
}

const PRICE_FUNCTIONS = ["getReserves", "price0CumulativeLast", "price1CumulativeLast"] as const;

/**
 * Whether `c`'s own source calls `fn` on another contract (`x.fn(`, `I.fn.selector`,
 * `abi.encodeCall(I.fn, ...)`), comments aside. The runtime code alone can miss it: compiled for
 * size (the lens, at 200 runs), the optimizer may compute a selector instead of pushing it.
 * Libraries are skipped: their callers are found by their own code.
 */
function callsInSource(c: CompiledContract, fn: string): boolean {
  if (c.abi.some((e) => e.type === "function" && e.name === fn)) return false;
  if (/^0x730{40}/.test(c.deployedBytecode)) return false; // a library
  const code = fs
    .readFileSync(path.join(__dirname, "..", "..", c.sourceName), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "");
  return new RegExp(`\\.${fn}\\s*(\\(|,|\\.selector)`).test(code);
}

async function priceReaders(contracts: readonly CompiledContract[]): Promise<string[]> {
  const pair = await ethers.getContractFactory("Pair");
  const readers = contracts.filter((c) =>
    PRICE_FUNCTIONS.some(
      (fn) => calls(c, fn, pair.interface.getFunction(fn)!.selector, contracts) || callsInSource(c, fn),
    ),
  );
  return readers.map((c) => c.name).sort();
}

const DELEGATECALL = 0xf4;

function delegatecallers(contracts: readonly CompiledContract[]): string[] {
  return contracts
    .filter((c) => instructions(c, contracts).some(([op]) => op === DELEGATECALL))
    .map((c) => c.name)
    .sort();
}

// ---------------------------------------------------------------------------------------------
// Harvest / Cheese Bank spot-price manipulation
// ---------------------------------------------------------------------------------------------

/**
 * Every deployable Furrow contract that reads a pair's price, with how and what bounds it. A new
 * reader (the vaults to come, a lending oracle) fails the listing test until it is added here
 * with a scenario in the `describe` below that shows a spot push cannot drain it.
 * Pair, which defines these views (its own TWAP accumulators), is not a reader.
 */
const PRICE_READERS: Record<string, string> = {
  FarmVault:
    "spot reserves of its pool pair and of each reward route, only checked against the TWAP of its own observations: a harvest in a pushed block reverts PriceDeviation",
  FurrowLens:
    "spot reserves, returned raw to off-chain readers (the app); it has only views: nothing it holds or moves depends on them",
  Router:
    "spot reserves, to quote and to size swaps and deposits; the caller's amountOutMin / amountInMax / amountMin bound it",
  Zap: "spot reserves, to size the swap that leaves no leftover; the caller's minShares / minAmountOut bound it",
};

const SPOT_RESERVE = 1_000n * E18;
const PUSH = 1_000n * E18;
const WINDOW = 3_600n;

/** Furrow's token0/token1 pair at 1,000/1,000; a SpotPriceLender (token0 collateral, 5,000 token1 to
 * lend) on it; a HookAttacker holding 1,000 token1 (a flash loan's worth). */
async function spotFixture() {
  const f = await ammFixture();
  const { pair, token0, token1, alice } = f;
  await mintDirect(pair, token0, token1, SPOT_RESERVE, SPOT_RESERVE, alice);
  const lender = await ethers.deployContract("SpotPriceLender", [pair, token0, token1]);
  await token1.mint(lender, 5_000n * E18);
  const attacker = await ethers.deployContract("HookAttacker");
  await token1.mint(attacker, PUSH);
  return { ...f, lender, attacker };
}

/** price0 as the pair accumulates it: reserve1/reserve0 in UQ112x112, floored. */
const uq = (r0: bigint, r1: bigint) => (r1 * Q112) / r0;

describe("Harvest / Cheese Bank spot-price manipulation", function () {
  // Cheese Bank valued collateral at a pair's spot reserves, read in the borrowing transaction
  // (Harvest priced vault shares the same way): one swap sets the price. Spot here goes from 1 to
  // 3.99 and the lender pays out 1,595.2 for what cost 1,000; a 1-hour TWAP moved by 0.083%.
  it("lists every deployable Furrow contract that reads a pair price (the Router, the vault and the Zap)", async function () {
    const contracts = await furrowContracts();
    expect(await priceReaders(contracts)).to.deep.equal(Object.keys(PRICE_READERS).sort());
    // The scan can fail: it finds the historical lender, which reads getReserves.
    expect(await priceReaders([...contracts, await compiled("SpotPriceLender")])).to.include(
      "SpotPriceLender",
    );
  });

  it("SpotPriceLender (historical): one push of the reserves lends 1,595.2 for 1,000 of capital", async function () {
    const { pair, router, lender, attacker, token0, token1 } = await loadFixture(spotFixture);
    const collateral = getAmountOut(PUSH, SPOT_RESERVE, SPOT_RESERVE);
    const [r0, r1] = [SPOT_RESERVE - collateral, SPOT_RESERVE + PUSH];
    const lent = (collateral * r1 * 8000n) / (r0 * 10_000n);
    const attackerAddress = await attacker.getAddress();

    const [, , tLast] = await pair.getReserves();
    const start = tLast + 100n;
    const cStart = (await pair.price0CumulativeLast()) + uq(SPOT_RESERVE, SPOT_RESERVE) * (start - tLast);
    // Atomic, as with a flash loan: buy token0 with all of token1, post it, borrow at the new spot.
    await sendAt(start + WINDOW - 1n, async () =>
      attacker.run([
        await step(token1, "approve", [await router.getAddress(), MAX]),
        await step(router, "swapExactTokensForTokens", [
          PUSH,
          0n,
          [await token1.getAddress(), await token0.getAddress()],
          attackerAddress,
          MAX,
        ]),
        await step(token0, "approve", [await lender.getAddress(), MAX]),
        await step(lender, "borrow", [collateral]),
      ]),
    );
    expect(collateral).to.equal(499_248_873_309_964_947_421n);
    expect(lent).to.equal(1_595_199_999_999_999_999_999n);
    expect(await token1.balanceOf(attacker)).to.equal(lent);
    expect(await token1.balanceOf(lender)).to.equal(5_000n * E18 - lent);
    expect(await token0.balanceOf(lender)).to.equal(collateral);

    // Spot moved from 1 to 3.99; the TWAP over the hour that ends one second later moved by
    // (3.99 - 1) / 3600: the pushed price counts for the one second it stood.
    const before = uq(SPOT_RESERVE, SPOT_RESERVE);
    const after = uq(r0, r1);
    expect(await pair.getReserves()).to.deep.equal([r0, r1, start + WINDOW - 1n]);
    const cEnd = (await pair.price0CumulativeLast()) + after * 1n;
    expect(cEnd - cStart).to.equal(before * (WINDOW - 1n) + after);
    const twap = (cEnd - cStart) / WINDOW;
    expect(twap - before).to.equal((after - before) / WINDOW);
    expect(((after - before) * 10_000n) / before).to.equal(29_939n); // spot: +299.4%
    expect(((twap - before) * 1_000_000n) / before).to.equal(831n); // TWAP: +0.083%
    // Valued at that TWAP, the same collateral backs 399.7: the attack would lose 600 of its 1,000.
    expect((collateral * twap * 8000n) / (Q112 * 10_000n)).to.equal(399_731_265_565_014_187_948n);
  });

  describe("Router (reads spot reserves)", function () {
    it("a push before a user's swap cannot fill it below the amountOutMin quoted before the push", async function () {
      const { router, token0, token1, alice, bob } = await loadFixture(spotFixture);
      const path = [await token0.getAddress(), await token1.getAddress()];
      const amountIn = 10n * E18;
      const quoted = getAmountOut(amountIn, SPOT_RESERVE, SPOT_RESERVE);
      const pushOut = getAmountOut(100n * E18, SPOT_RESERVE, SPOT_RESERVE);
      await router.connect(bob).swapExactTokensForTokens(100n * E18, 0n, path, bob.address, MAX);
      const filled = getAmountOut(amountIn, SPOT_RESERVE + 100n * E18, SPOT_RESERVE - pushOut);
      await expect(router.connect(alice).swapExactTokensForTokens(amountIn, quoted, path, alice.address, MAX))
        .to.be.revertedWithCustomError(router, "InsufficientOutputAmount")
        .withArgs(filled, quoted);
      // The bound is the whole defence: without it the same swap fills at the pushed price.
      await expect(
        router.connect(alice).swapExactTokensForTokens(amountIn, 0n, path, alice.address, MAX),
      ).to.changeTokenBalance(token1, alice, filled);
      expect(quoted - filled).to.equal(1_703_693_879_650_413_960n);
    });
  });
});

// ---------------------------------------------------------------------------------------------
// MISO msg.value in a batch
// ---------------------------------------------------------------------------------------------

/**
 * Every payable entry point of a deployable Furrow contract, and why it spends msg.value once. A
 * new one (a multicall, a payable vault deposit) fails the listing test until it is added here.
 */
const PAYABLE: Record<string, string> = {
  "FarmGovernor.execute":
    "OZ Governor: forwards msg.value once to the Timelock; each call pays its own values[i]",
  "FarmGovernor.receive": "holds ether for proposals; no accounting reads msg.value",
  "FarmGovernor.relay": "onlyGovernance; sends its explicit `value` argument",
  "Router.addLiquidityETH": "wraps what the pool's ratio needs, refunds the rest",
  "Router.receive": "only WETH.withdraw (OnlyWETH otherwise)",
  "Router.swapETHForExactTokens": "wraps getAmountsIn's input, refunds the rest",
  "Router.swapExactETHForTokens": "wraps all of msg.value into the first pair",
  "Router.swapExactETHForTokensFeeOnTransfer": "wraps all of msg.value into the first pair",
  "Router.swapExactETHForTokensSupportingFeeOnTransferTokens": "wraps all of msg.value into the first pair",
  "Zap.zapInETH": "wraps all of msg.value once, then zaps that WETH; leftovers are refunded as tokens",
  "Zap.zapInETHFarm":
    "wraps all of msg.value once, then zaps that WETH into a farm stake; leftovers are refunded as tokens",
};

/** Every deployable Furrow contract whose code has a DELEGATECALL, and why msg.value cannot repeat. */
const DELEGATECALLERS: Record<string, string> = {
  Farm: "OpenZeppelin Multicall: `multicall` is not payable and the farm has no payable function",
};

const ETH_RESERVE = 1_000n * E18;
const SENT = 15n * E18;

/** ammFixture plus a token0/WETH pair holding 1,000/1,000. */
async function ethFixture() {
  const f = await ammFixture();
  await f.router.addLiquidityETH(f.token0, ETH_RESERVE, 0, 0, f.admin.address, MAX, { value: ETH_RESERVE });
  const wethPair = await f.factory.getPair(f.token0, f.weth);
  return { ...f, wethPair };
}

type EthFixture = Awaited<ReturnType<typeof ethFixture>>;

/** Each payable Router path sent 15 ETH by alice, with the ether it must spend (the rest is refunded). */
const ETH_PATHS: { name: string; spent: bigint; send: (f: EthFixture) => Promise<unknown> }[] = [
  {
    name: "addLiquidityETH",
    // 10 token0 desired at 1:1: 10 ETH used, 5 refunded.
    spent: 10n * E18,
    send: (f) =>
      f.router
        .connect(f.alice)
        .addLiquidityETH(f.token0, 10n * E18, 0, 0, f.alice.address, MAX, { value: SENT }),
  },
  {
    name: "swapETHForExactTokens",
    spent: getAmountIn(10n * E18, ETH_RESERVE, ETH_RESERVE),
    send: async (f) =>
      f.router
        .connect(f.alice)
        .swapETHForExactTokens(10n * E18, [f.weth, f.token0], f.alice.address, MAX, { value: SENT }),
  },
  {
    name: "swapExactETHForTokens",
    spent: SENT,
    send: (f) =>
      f.router
        .connect(f.alice)
        .swapExactETHForTokens(0, [f.weth, f.token0], f.alice.address, MAX, { value: SENT }),
  },
  {
    name: "swapExactETHForTokensFeeOnTransfer",
    spent: SENT,
    send: (f) =>
      f.router
        .connect(f.alice)
        .swapExactETHForTokensFeeOnTransfer(0, [f.weth, f.token0], f.alice.address, MAX, { value: SENT }),
  },
  {
    name: "swapExactETHForTokensSupportingFeeOnTransferTokens",
    spent: SENT,
    send: (f) =>
      f.router
        .connect(f.alice)
        .swapExactETHForTokensSupportingFeeOnTransferTokens(0, [f.weth, f.token0], f.alice.address, MAX, {
          value: SENT,
        }),
  },
];

describe("MISO msg.value in a batch", function () {
  // MISO's auction had a payable batch that delegatecalled its own payable commitEth in a loop:
  // every call saw the same msg.value. 1 ETH sent with 10 calls was credited 10 ETH, and the refund
  // took 9 ETH of another bidder's. Furrow's one batch (Farm.multicall) takes no ether; each payable\n  // Router path spends msg.value once and refunds the rest to the wei.
  it("MisoBatchSale (historical): 1 ETH in a 10-call batch is credited 10 ETH and refunds 9 ETH of others'", async function () {
    const { bob, carol } = await loadFixture(ammFixture);
    const sale = await ethers.deployContract("MisoBatchSale");
    await sale.connect(carol).commitEth({ value: 10n * E18 });
    const commit = sale.interface.encodeFunctionData("commitEth");
    await sale.connect(bob).batch(Array(10).fill(commit), { value: E18 });
    expect(await sale.committed(bob.address)).to.equal(10n * E18);
    await expect(sale.connect(bob).withdraw(10n * E18)).to.changeEtherBalances(
      [bob, sale],
      [10n * E18, -10n * E18],
    );
    // carol is owed 10 ETH; 1 ETH is left.
    expect(await ethers.provider.getBalance(sale)).to.equal(E18);
    expect(await sale.committed(carol.address)).to.equal(10n * E18);
  });

  it("lists every deployable Furrow contract that delegatecalls; none of them takes ether", async function () {
    const contracts = await furrowContracts();
    expect(delegatecallers(contracts)).to.deep.equal(Object.keys(DELEGATECALLERS).sort());
    for (const name of Object.keys(DELEGATECALLERS)) {
      const c = contracts.find((x) => x.name === name)!;
      expect(c.abi.filter((e) => e.stateMutability === "payable")).to.deep.equal([]);
    }
    // The scan can fail: it finds MisoBatchSale's.
    expect(delegatecallers([...contracts, await compiled("MisoBatchSale")])).to.include("MisoBatchSale");
  });

  it("Farm.multicall, Furrow's only batch, refuses ether: its calls always see msg.value 0", async function () {
    const { farm, admin } = await loadFixture(farmFixture);
    const data = farm.interface.encodeFunctionData("multicall", [[]]);
    await expect(admin.sendTransaction({ to: farm, data, value: 1n })).to.be.revertedWithoutReason();
    await expect(admin.sendTransaction({ to: farm, data })).not.to.be.reverted;
  });

  it("lists every payable entry point of a deployable Furrow contract", async function () {
    const payable = (await furrowContracts()).flatMap((c) =>
      c.abi.filter((e) => e.stateMutability === "payable").map((e) => `${c.name}.${e.name ?? e.type}`),
    );
    expect(payable.sort()).to.deep.equal(Object.keys(PAYABLE).sort());
  });

  for (const path of ETH_PATHS) {
    it(`Router.${path.name}: spends msg.value once (${ethers.formatEther(path.spent)} of 15 ETH) and refunds exactly the rest`, async function () {
      const f = await loadFixture(ethFixture);
      const tx = path.send(f);
      await expect(tx).to.changeEtherBalances([f.alice, f.router], [-path.spent, 0n]);
      await expect(tx).to.changeTokenBalances(f.weth, [f.wethPair, f.router], [path.spent, 0n]);
      expect(await ethers.provider.getBalance(f.router)).to.equal(0n);
      expect(await f.weth.totalSupply()).to.equal(ETH_RESERVE + path.spent);
    });
  }
});

describe("Harvest / Cheese Bank spot-price manipulation: the vault and the Zap", function () {
  it("FurrowLens: every function is a view, so a pushed price can change what it reports, never what it moves", async function () {
    const lens = await ethers.getContractFactory("FurrowLens");
    const fns = lens.interface.fragments.filter((f): f is FunctionFragment => f.type === "function");
    expect(fns.length).to.be.greaterThan(0);
    expect(fns.filter((f) => f.stateMutability !== "view" && f.stateMutability !== "pure")).to.deep.equal([]);
  });

  // The two price readers issue 11 added. FarmVault swaps at harvest with minimums derived from its
  // own TWAP and refuses a block whose spot price strays more than the bound from it; the Zap sizes
  // its swap at spot and is bounded by the caller's minimum on the shares it mints.
  async function stakedVaultFixture() {
    const f = await vaultFixture();
    await f.vault.connect(f.alice).deposit(1_000n * E18, f.alice.address);
    await time.increase(3_600);
    return f;
  }

  it("FarmVault: a harvest after a 10% push of the FUR price reverts PriceDeviation; unpushed, it compounds", async function () {
    const { vault, router, token, token0, admin } = await loadFixture(stakedVaultFixture);
    expect(await vault.harvest.staticCall(0)).to.be.greaterThan(0n); // the control: it would compound
    // ~5.1% of the FUR pair's depth swapped in moves its spot price by ~10%.
    await router.swapExactTokensForTokens(5_130n * E18, 0, [token, token0], admin.address, DEADLINE);
    await expect(vault.harvest(0)).to.be.revertedWithCustomError(vault, "PriceDeviation");
  });

  it("Zap: a push before a zap cannot mint fewer shares than the minimum quoted before it", async function () {
    const { vault, router, token0, token1, admin, bob } = await loadFixture(stakedVaultFixture);
    const zap = await ethers.deployContract("Zap", [router]);
    await token0.connect(bob).approve(zap, ethers.MaxUint256);
    const quoted = await zap.connect(bob).zapIn.staticCall(vault, token0, 100n * E18, 1n, bob.address);
    await router.swapExactTokensForTokens(5_000n * E18, 0, [token0, token1], admin.address, DEADLINE);
    const pushed = await zap.connect(bob).zapIn.staticCall(vault, token0, 100n * E18, 1n, bob.address);
    expect(pushed < quoted).to.equal(true);
    await expect(zap.connect(bob).zapIn(vault, token0, 100n * E18, quoted, bob.address))
      .to.be.revertedWithCustomError(zap, "InsufficientResult")
      .withArgs(pushed, quoted);
  });
});

describe("MISO msg.value in a batch: the Zap", function () {
  // Zap.zapInETH is the one payable entry point outside the Router and the Governor: it must wrap
  // msg.value once and leave no ether or WETH behind.
  async function wethVaultFixture() {
    const f = await vaultFixture();
    const { router, farm, vaultFactory, token0, weth, factory, admin } = f;
    await router.addLiquidityETH(token0, 1_000n * E18, 0, 0, admin.address, DEADLINE, {
      value: 1_000n * E18,
    });
    const wethPair = await factory.getPair(token0, weth);
    await farm.add(100, wethPair, ethers.ZeroAddress);
    await vaultFactory.createVault(1);
    const vault = await ethers.getContractAt("FarmVault", await vaultFactory.vaultOf(1));
    const zap = await ethers.deployContract("Zap", [router]);
    return { ...f, vault, zap, wethPair };
  }

  it("Zap.zapInETH: spends msg.value once (1 of 1 ETH), wraps exactly that, keeps no ether or WETH", async function () {
    const { vault, zap, weth, alice } = await loadFixture(wethVaultFixture);
    const supply = await weth.totalSupply();
    const tx = zap.connect(alice).zapInETH(vault, 1n, alice.address, { value: E18 });
    await expect(tx).to.changeEtherBalances([alice, zap], [-E18, 0n]);
    expect(await weth.totalSupply()).to.equal(supply + E18);
    expect(await weth.balanceOf(zap)).to.equal(0n);
    expect(await ethers.provider.getBalance(zap)).to.equal(0n);
    expect(await vault.balanceOf(alice.address)).to.be.greaterThan(0n);
  });

  it("Zap.zapInETHFarm: spends msg.value once (1 of 1 ETH), wraps exactly that, keeps no ether or WETH", async function () {
    const { farm, zap, weth, alice } = await loadFixture(wethVaultFixture);
    const supply = await weth.totalSupply();
    const tx = zap.connect(alice).zapInETHFarm(farm, 1, 1n, alice.address, { value: E18 });
    await expect(tx).to.changeEtherBalances([alice, zap], [-E18, 0n]);
    expect(await weth.totalSupply()).to.equal(supply + E18);
    expect(await weth.balanceOf(zap)).to.equal(0n);
    expect(await ethers.provider.getBalance(zap)).to.equal(0n);
    expect((await farm.userInfo(1, alice.address)).amount).to.be.greaterThan(0n);
  });
});
