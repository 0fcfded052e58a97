// Kills the Pair.sol mutants that outlived the AMM suites in `npm run mutation` (docs/security.md,
// "Mutation testing"). Each test names the mutants it kills by SuMo operator, line and change; each
// kill was checked by applying the mutant and running this file (scripts/mutants.js).
import { expect } from "chai";
import { ethers, network } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { ammFixture, E18, mintDirect } from "../fixtures";
import { ContractCaller } from "./contractCaller";
import { protocolFeeLiquidity } from "../../src/model";

describe("Pair (mutation survivors)", function () {
  // The pair's storage (LPToken's fields first): reserves and timestamp in slot 4, the two price
  // accumulators in 5 and 6, kLast in 7 (checked against the getters where a test relies on one).
  const PRICE0_SLOT = 5n;
  const PRICE1_SLOT = 6n;
  const KLAST_SLOT = 7n;
  /**
   * The storage slots of `contract` that transaction `hash` read (SLOAD) or wrote (SSTORE), from the
   * node's opcode trace: what a redundant read or write changes, where gas is pipeline-dependent.
   */
  async function slotsOf(hash: string, op: "SLOAD" | "SSTORE", contract: { getAddress(): Promise<string> }) {
    const target = BigInt(await contract.getAddress());
    const tx = await ethers.provider.getTransaction(hash);
    const trace = await network.provider.send("debug_traceTransaction", [hash, {}]);
    const frames: bigint[] = [BigInt(tx!.to!)]; // the address executing at each call depth
    let callee = 0n;
    const slots: bigint[] = [];
    for (const l of trace.structLogs as { op: string; depth: number; stack: string[] }[]) {
      while (frames.length > l.depth) frames.pop();
      if (frames.length < l.depth) frames.push(callee);
      const top = (k: number) => BigInt("0x" + l.stack[l.stack.length - 1 - k].replace(/^0x/, ""));
      if (l.op === "CALL" || l.op === "STATICCALL") callee = top(1);
      else if (l.op === "DELEGATECALL" || l.op === "CALLCODE") callee = frames[frames.length - 1];
      if (l.op === op && frames[frames.length - 1] === target) slots.push(top(0));
    }
    return slots;
  }

  // BOR L95 (`rootK <= MINIMUM_LIQUIDITY` -> `==`): the suite's first deposit was worth exactly
  // MINIMUM_LIQUIDITY (sqrt(1000 * 1000) = 1000). Below it, `rootK - MINIMUM_LIQUIDITY` (unchecked)
  // would wrap and mint ~2^256 LP.
  it("refuses a first deposit worth less than MINIMUM_LIQUIDITY, minting nothing", async function () {
    const { pair, token0, token1, alice } = await loadFixture(ammFixture);
    await token0.connect(alice).transfer(pair.getAddress(), 999n);
    await token1.connect(alice).transfer(pair.getAddress(), 1000n); // sqrt(999,000) = 999
    await expect(pair.mint(alice.address))
      .to.be.revertedWithCustomError(pair, "InsufficientLiquidityMinted")
      .withArgs(999n, 1000n);
    expect(await pair.totalSupply()).to.equal(0n);
    expect(await pair.balanceOf(alice.address)).to.equal(0n);
  });

  // BOR L142 (`amount0Out >= reserve0` -> `==`, `amount1Out >= reserve1` -> `==`): the suite asked for
  // exactly a reserve. Above it, with a donation in the pair's balance to cover the transfer, the
  // mutant sends the tokens and only fails later, on the input check.
  it("refuses an output above a reserve even when the balance covers it", async function () {
    const { pair, token0, token1, alice, bob } = await loadFixture(ammFixture);
    await mintDirect(pair, token0, token1, 5n * E18, 10n * E18, alice);
    await token0.connect(alice).transfer(pair.getAddress(), E18); // donated, not synced
    await token1.connect(alice).transfer(pair.getAddress(), E18);
    await expect(pair.swap(5n * E18 + 1n, 0n, bob.address, "0x"))
      .to.be.revertedWithCustomError(pair, "InsufficientLiquidity")
      .withArgs(5n * E18 + 1n, 0n, 5n * E18, 10n * E18);
    await expect(pair.swap(0n, 10n * E18 + 1n, bob.address, "0x"))
      .to.be.revertedWithCustomError(pair, "InsufficientLiquidity")
      .withArgs(0n, 10n * E18 + 1n, 5n * E18, 10n * E18);
  });

  // BOR/CSC/ILR L148, L149 (`amountOut != 0` -> `>= 0`, `true`, `!= 1`): a one-sided swap would also
  // send 0 of the other token, which some tokens refuse (and every token logs).
  it("a one-sided swap transfers nothing of the other token", async function () {
    const { pair, token0, token1, alice, bob } = await loadFixture(ammFixture);
    await mintDirect(pair, token0, token1, 5n * E18, 10n * E18, alice);
    // 1 token1 in for 0.453... token0 out: getAmountOut(1e18, 10e18, 5e18) = 453305446940074565.
    await token1.connect(bob).transfer(pair.getAddress(), E18);
    const out0 = 453_305_446_940_074_565n;
    const toBob = pair.swap(out0, 0n, bob.address, "0x");
    await expect(toBob).to.changeTokenBalance(token0, bob, out0);
    await expect(toBob).not.to.emit(token1, "Transfer");
    // and the other way: 1 token0 in (reserves now 5e18 - out0, 11e18)
    await token0.connect(bob).transfer(pair.getAddress(), E18);
    const toAlice = pair.swap(0n, 1n, alice.address, "0x");
    await expect(toAlice).to.changeTokenBalance(token1, alice, 1n);
    await expect(toAlice).not.to.emit(token0, "Transfer");
  });

  // _settleSwap's input measurement, L169-L172. Seeded at 5e18 token0 / 10e18 token1 each time.
  async function seeded() {
    const f = await loadFixture(ammFixture);
    await mintDirect(f.pair, f.token0, f.token1, 5n * E18, 10n * E18, f.alice);
    return f;
  }
  /** ammFixture with the protocol fee on, paid to carol. */
  async function feeOnFixture() {
    const f = await ammFixture();
    await f.factory.setFeeTo(f.carol.address);
    return f;
  }
  /** V2's getAmountOut: the 0.3% fee taken from the input. */
  const amountOut = (amountIn: bigint, reserveIn: bigint, reserveOut: bigint) =>
    (amountIn * 997n * reserveOut) / (reserveIn * 1000n + amountIn * 997n);
  /** The K check's two sides, as KInvariant reports them. */
  const kSides = (b0: bigint, b1: bigint, in0: bigint, in1: bigint, r0: bigint, r1: bigint) => [
    (b0 * 1000n - in0 * 3n) * (b1 * 1000n - in1 * 3n),
    r0 * r1 * 1_000_000n,
  ];

  // BOR L171, L172 (`balance - left` -> `balance % left`): equal while the input is below what is
  // left of the reserve; the suite's inputs all were. Four times the reserve in: 50e18 % 10e18 = 0.
  it("measures an input several times the reserve", async function () {
    let { pair, token0, token1, bob } = await seeded();
    const in1 = 40n * E18;
    const out0 = amountOut(in1, 10n * E18, 5n * E18);
    await token1.connect(bob).transfer(pair.getAddress(), in1);
    await expect(pair.connect(bob).swap(out0, 0n, bob.address, "0x"))
      .to.emit(pair, "Swap")
      .withArgs(bob.address, 0n, in1, out0, 0n, bob.address);
    ({ pair, token0, token1, bob } = await seeded());
    const in0 = 20n * E18;
    const out1 = amountOut(in0, 5n * E18, 10n * E18);
    await token0.connect(bob).transfer(pair.getAddress(), in0);
    await expect(pair.connect(bob).swap(0n, out1, bob.address, "0x"))
      .to.emit(pair, "Swap")
      .withArgs(bob.address, in0, 0n, 0n, out1, bob.address);
  });

  // BOR L170 (`reserve1 - amount1Out` -> `+`): only a swap that takes token1 out and pays token1 in
  // tells them apart: a flash swap repaid in the same token (the suite's was in token0).
  it("accepts a flash swap of token1 repaid in token1", async function () {
    const { pair, token1 } = await seeded();
    const borrower = await ethers.deployContract("FlashBorrower");
    await token1.mint(borrower.getAddress(), 10n * E18);
    const borrowed = E18;
    const repay = (borrowed * 1000n) / 997n + 1n; // the least that covers the fee
    await borrower.setRepay(token1.getAddress(), repay);
    const b = await borrower.getAddress();
    await expect(borrower.borrow(pair.getAddress(), 0n, borrowed, "0x01"))
      .to.emit(pair, "Swap")
      .withArgs(b, 0n, repay, 0n, borrowed, b);
    expect((await pair.getReserves())[1]).to.equal(10n * E18 - borrowed + repay);
  });

  // BOR L171, L172 (`balance > left` -> `!=`): a balance below what the reserve leaves (tokens taken
  // from the pair without a sync: a burn by the token's admin, a negative rebase) would wrap the
  // unchecked `balance - left` into a huge input. The swap must fail the K check on the real numbers.
  it("counts no input of a token whose balance fell below the reserve", async function () {
    let { pair, token0, token1, bob } = await seeded();
    await token0.burn(pair.getAddress(), E18); // balance0 4e18, reserve0 5e18
    await token1.connect(bob).transfer(pair.getAddress(), E18);
    let [kAfter, kBefore] = kSides(4n * E18 - E18 / 10n, 11n * E18, 0n, E18, 5n * E18, 10n * E18);
    await expect(pair.swap(E18 / 10n, 0n, bob.address, "0x"))
      .to.be.revertedWithCustomError(pair, "KInvariant")
      .withArgs(kAfter, kBefore);
    ({ pair, token0, token1, bob } = await seeded());
    await token1.burn(pair.getAddress(), 2n * E18); // balance1 8e18, reserve1 10e18
    await token0.connect(bob).transfer(pair.getAddress(), E18);
    [kAfter, kBefore] = kSides(6n * E18, 8n * E18 - E18 / 10n, E18, 0n, 5n * E18, 10n * E18);
    await expect(pair.swap(0n, E18 / 10n, bob.address, "0x"))
      .to.be.revertedWithCustomError(pair, "KInvariant")
      .withArgs(kAfter, kBefore);
  });

  // BOR L282 (`lastK != 0` -> `>=`): with the fee off after having been on and kLast already 0, the
  // mutant writes kLast = 0 again on every mint and burn: a storage write that changes nothing, so
  // only the transaction's trace (pipeline-independent, unlike gas) tells it apart.
  it("writes kLast only when it changes, once the fee is off", async function () {
    const { pair, factory, token0, token1, alice, carol } = await loadFixture(ammFixture);
    const written = (hash: string) => slotsOf(hash, "SSTORE", pair);
    await factory.setFeeTo(carol.address);
    await mintDirect(pair, token0, token1, 10n * E18, 10n * E18, alice);
    expect(await pair.kLast()).to.equal(100n * E18 * E18);
    expect(BigInt(await ethers.provider.getStorage(pair, KLAST_SLOT))).to.equal(await pair.kLast());
    await factory.setFeeTo(ethers.ZeroAddress);
    const clear = await mintDirect(pair, token0, token1, E18, E18, alice);
    expect(await written(clear.hash)).to.include(KLAST_SLOT); // kLast -> 0: the write the trace sees
    expect(await pair.kLast()).to.equal(0n);
    await token0.connect(alice).transfer(pair.getAddress(), E18);
    await token1.connect(alice).transfer(pair.getAddress(), E18);
    const again = await pair.mint(alice.address); // kLast stays 0: not written
    expect(await written(again.hash)).to.not.include(KLAST_SLOT);
    await pair.connect(alice).transfer(pair.getAddress(), E18);
    const burn = await pair.burn(alice.address);
    expect(await written(burn.hash)).to.not.include(KLAST_SLOT);
    expect(await pair.kLast()).to.equal(0n);
  });

  // BOR L178 (`kAfter < kBefore` -> `<=`): a swap that leaves the fee-adjusted K exactly equal must
  // pass. Reserves 10,000 / 997,000: 2,000 token0 out for 250,000 token1 in gives
  // (10,000 - 2,000) * 1000 * ((997,000 + 250,000) * 1000 - 3 * 250,000) = 8e6 * 1,246,250,000
  // = 9.97e15 = 10,000 * 997,000 * 1e6 exactly; one wei less in is below it.
  it("accepts a swap that leaves the fee-adjusted K exactly equal, refuses one wei less", async function () {
    const { pair, token0, token1, alice, bob } = await loadFixture(ammFixture);
    await mintDirect(pair, token0, token1, 10_000n, 997_000n, alice);
    await token1.connect(bob).transfer(pair.getAddress(), 249_999n);
    const [kAfter, kBefore] = kSides(8_000n, 997_000n + 249_999n, 0n, 249_999n, 10_000n, 997_000n);
    expect(kBefore).to.equal(9_970_000_000_000_000n);
    await expect(pair.swap(2_000n, 0n, bob.address, "0x"))
      .to.be.revertedWithCustomError(pair, "KInvariant")
      .withArgs(kAfter, kBefore);
    await token1.connect(bob).transfer(pair.getAddress(), 1n);
    await expect(pair.connect(bob).swap(2_000n, 0n, bob.address, "0x"))
      .to.emit(pair, "Swap")
      .withArgs(bob.address, 0n, 250_000n, 2_000n, 0n, bob.address);
    expect(await pair.getReserves().then((r) => [r[0], r[1]])).to.deep.equal([8_000n, 1_247_000n]);
  });

  // BOR L188, L189 (`balance - reserve` -> `%` in skim): equal while the donation is below the
  // reserve, as the suite's were. A donation several times the reserve is skimmed whole.
  it("skims a donation several times the reserves, exactly", async function () {
    const { pair, token0, token1, alice, bob } = await seeded();
    await token0.connect(alice).transfer(pair.getAddress(), 20n * E18); // 4x reserve0
    await token1.connect(alice).transfer(pair.getAddress(), 30n * E18); // 3x reserve1
    const skim = pair.skim(bob.address);
    await expect(skim).to.changeTokenBalances(token0, [pair, bob], [-20n * E18, 20n * E18]);
    await expect(skim).to.changeTokenBalances(token1, [pair, bob], [-30n * E18, 30n * E18]);
    expect(await pair.getReserves().then((r) => [r[0], r[1]])).to.deep.equal([5n * E18, 10n * E18]);
  });

  // BOR L236 (the second `&&` -> `||`; `elapsed != 0` -> `>= 0`): a second update in the same block
  // would add price x 0 to both accumulators: two writes that change nothing.
  it("writes no price accumulator at a second update in the same block", async function () {
    const { pair, token0, alice } = await seeded();
    await time.increase(100);
    await network.provider.send("evm_setAutomine", [false]);
    try {
      const first = await pair.sync();
      await token0.connect(alice).transfer(pair.getAddress(), E18);
      const second = await pair.sync();
      await network.provider.send("evm_mine", []);
      expect((await first.wait())!.blockNumber).to.equal((await second.wait())!.blockNumber);
      expect(await slotsOf(first.hash, "SSTORE", pair)).to.include.members([PRICE0_SLOT, PRICE1_SLOT]);
      expect(await slotsOf(second.hash, "SSTORE", pair)).to.not.include.members([PRICE0_SLOT]);
      expect(await slotsOf(second.hash, "SSTORE", pair)).to.not.include.members([PRICE1_SLOT]);
    } finally {
      await network.provider.send("evm_setAutomine", [true]);
    }
    expect(BigInt(await ethers.provider.getStorage(pair, PRICE0_SLOT))).to.equal(
      await pair.price0CumulativeLast(),
    );
    expect((await pair.getReserves())[0]).to.equal(6n * E18);
  });

  // CSC L270 (`!feeWasEverOn` -> `false`): a pair whose fee was never on would read kLast at every
  // mint and burn for nothing.
  it("never reads kLast while the fee has never been on", async function () {
    const { pair, token0, token1, alice } = await loadFixture(ammFixture);
    const mint = await mintDirect(pair, token0, token1, 10n * E18, 10n * E18, alice);
    expect(await slotsOf(mint.hash, "SLOAD", pair)).to.not.include(KLAST_SLOT);
    await pair.connect(alice).transfer(pair.getAddress(), E18);
    const burn = await pair.burn(alice.address);
    expect(await slotsOf(burn.hash, "SLOAD", pair)).to.not.include(KLAST_SLOT);
  });

  // CSC L274 (`lastK != 0` -> `true`): the first liquidity event after the fee is switched on for a
  // live pool has no kLast to measure growth from; V2 mints nothing then and only records kLast.
  // The mutant measures from 0 and mints feeTo a fifth of the supply (sqrt(k) / (5 sqrt(k))).
  it("mints no fee at the first event after the switch-on of a live pool, and records kLast", async function () {
    const { pair, factory, token0, token1, alice, carol } = await seeded();
    await factory.setFeeTo(carol.address);
    await mintDirect(pair, token0, token1, 5n * E18, 10n * E18, alice);
    expect(await pair.balanceOf(carol.address)).to.equal(0n);
    expect(await pair.kLast()).to.equal(10n * E18 * 20n * E18);
  });

  // CSC L277 (`rootK > rootKLast` -> `true`): k can fall (tokens taken from the pair, then synced);
  // the next event with the fee on must mint nothing, not underflow on rootK - rootKLast.
  it("mints no fee and does not revert when k fell since the last event", async function () {
    const { pair, token0, token1, alice, carol } = await loadFixture(feeOnFixture);
    await mintDirect(pair, token0, token1, 10n * E18, 10n * E18, alice);
    await token0.burn(pair.getAddress(), E18); // a burn by the token's admin, or a negative rebase
    await pair.sync();
    await mintDirect(pair, token0, token1, 9n * E18, 10n * E18, alice);
    expect(await pair.balanceOf(carol.address)).to.equal(0n);
    expect(await pair.kLast()).to.equal(18n * E18 * 20n * E18);
  });

  // CSC L279 (`liquidity != 0` -> `true`): growth worth less than one LP wei mints nothing, not a
  // zero mint (a Transfer of 0 from the zero address to feeTo).
  it("emits no zero fee mint when the growth is worth less than one LP wei", async function () {
    const { pair, token0, token1, alice, carol } = await loadFixture(feeOnFixture);
    await mintDirect(pair, token0, token1, 10_000n, 10_000n, alice);
    await token0.connect(alice).transfer(pair.getAddress(), 3n); // sqrt(10,003 x 10,000) = 10,001
    await pair.sync();
    const mint = await mintDirect(pair, token0, token1, 10_003n, 10_000n, alice);
    // 10,003 x 10,000 / 10,003 = 10,000 LP to alice, nothing to carol.
    await expect(mint).to.emit(pair, "Transfer").withArgs(ethers.ZeroAddress, alice.address, 10_000n);
    const block = (await mint.wait())!.blockNumber;
    expect(
      await pair.queryFilter(pair.filters.Transfer(ethers.ZeroAddress, carol.address), block, block),
    ).to.deep.equal([]);
  });

  // BOR L236 (`reserve0 != 0` -> `>= 0`, `reserve1 != 0` -> `>= 0`): a reserve can be 0 (the
  // token's whole balance taken from the pair, then synced); the next update must skip the
  // accumulators, not divide by it.
  it("updates with a reserve at 0 without dividing by it", async function () {
    for (const side of [0, 1]) {
      const { pair, token0, token1 } = await seeded();
      const gone = side === 0 ? token0 : token1;
      await gone.burn(pair.getAddress(), await gone.balanceOf(pair.getAddress()));
      await pair.sync();
      const [p0, p1] = [await pair.price0CumulativeLast(), await pair.price1CumulativeLast()];
      await time.increase(100);
      await pair.sync();
      expect([await pair.price0CumulativeLast(), await pair.price1CumulativeLast()]).to.deep.equal([p0, p1]);
      expect((await pair.getReserves())[side]).to.equal(0n);
    }
  });

  // TOR L71, L109, L135 (`msg.sender` -> `tx.origin`): the suite called the pair from EOAs, where
  // the two are the same. Through a contract (the Router; a TimelockController for initialize)
  // Mint and Burn name the contract, and Forbidden names the caller.
  it("names the calling contract, not the transaction's origin, in Mint, Burn and Forbidden", async function () {
    const { pair, router, token0, token1, alice } = await loadFixture(ammFixture);
    const r = await router.getAddress();
    const deadline = ethers.MaxUint256;
    const add = router
      .connect(alice)
      .addLiquidity(token0, token1, 4n * E18, E18, 0n, 0n, alice.address, deadline);
    await expect(add)
      .to.emit(pair, "Mint")
      .withArgs(r, 4n * E18, E18);
    await pair.connect(alice).approve(router, ethers.MaxUint256);
    const lp = E18; // of 2e18 - 1000: half the pool's tokens
    const remove = router.connect(alice).removeLiquidity(token0, token1, lp, 0n, 0n, alice.address, deadline);
    await expect(remove)
      .to.emit(pair, "Burn")
      .withArgs(r, 2n * E18, E18 / 2n, alice.address);
    const caller = await ContractCaller.deploy(alice);
    const data = pair.interface.encodeFunctionData("initialize", [
      await token0.getAddress(),
      await token1.getAddress(),
    ]);
    await expect(caller.call(pair, data))
      .to.be.revertedWithCustomError(pair, "Forbidden")
      .withArgs(await caller.address());
  });

  // RVS L113 (burn's return values swapped): callers (a router, a zap) take burn's (amount0, amount1)
  // as sent; the suite read the Burn event and balances, never the return.
  it("burn returns (amount0, amount1) in token order", async function () {
    const { pair, alice } = await seeded();
    // alice holds sqrt(5e18 * 10e18) - 1000 LP of a supply of sqrt(5e18 * 10e18).
    const supply = await pair.totalSupply();
    const lp = supply / 10n;
    await pair.connect(alice).transfer(pair.getAddress(), lp);
    const [amount0, amount1] = await pair.burn.staticCall(alice.address);
    expect([amount0, amount1]).to.deep.equal([(lp * 5n * E18) / supply, (lp * 10n * E18) / supply]);
  });

  // MOI L69 (`lock` added to initialize): initialize always refuses, and must say Forbidden even
  // when reached from inside a locked call (a token's transfer hook), not Locked.
  it("refuses initialize with Forbidden, also from inside a locked call", async function () {
    const { router, factory, token0, admin } = await loadFixture(ammFixture);
    const evil = await ethers.deployContract("ReentrantToken");
    await evil.mint(admin.address, 1_000n * E18);
    await evil.connect(admin).approve(router, ethers.MaxUint256);
    await router
      .connect(admin)
      .addLiquidity(evil, token0, 100n * E18, 100n * E18, 0n, 0n, admin.address, ethers.MaxUint256);
    const evilPair = await ethers.getContractAt("Pair", await factory.getPair(evil, token0));
    const init = evilPair.interface.encodeFunctionData("initialize", [
      await evil.getAddress(),
      await token0.getAddress(),
    ]);
    await evil.arm(evilPair, init);
    // skim sends the evil token (0 wei of excess still runs its hook), which calls initialize.
    await expect(evilPair.skim(admin.address))
      .to.be.revertedWithCustomError(evilPair, "Forbidden")
      .withArgs(await evil.getAddress());
  });

  // BOR L278 (`rootK - rootKLast` -> `%`): equal while sqrt(k) less than doubles between liquidity
  // events, as in the suite. Quadrupled reserves (a donation, synced) give rootK = 4 rootKLast and
  // 4r % r = 0: the mutant would mint no fee.
  it("mints the fee on a growth of sqrt(k) by more than double", async function () {
    const { pair, token0, token1, alice, carol } = await loadFixture(feeOnFixture);
    await mintDirect(pair, token0, token1, 10n * E18, 10n * E18, alice);
    await token0.connect(alice).transfer(pair.getAddress(), 30n * E18);
    await token1.connect(alice).transfer(pair.getAddress(), 30n * E18);
    await pair.sync();
    await mintDirect(pair, token0, token1, E18, E18, alice);
    // supply 10e18 x (40e18 - 10e18) / (5 x 40e18 + 10e18) = 10e18 x 30 / 210, floored.
    const fee = 1_428_571_428_571_428_571n;
    expect(fee).to.equal(
      protocolFeeLiquidity(
        { reserve0: 40n * E18, reserve1: 40n * E18, totalSupply: 10n * E18 },
        100n * E18 * E18,
      ),
    );
    expect(await pair.balanceOf(carol.address)).to.equal(fee);
  });
});
