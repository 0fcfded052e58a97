import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { BONUS_RATE, E18, E6, positionsFixture, type PositionsFixture } from "../fixtures";
import { runJson } from "../helpers/tasks";
import { loadContext } from "../../src/positions/context";
import { YEAR } from "../../src/model";
import { readPools } from "../../src/positions/pools";
import { readPosition } from "../../src/positions/position";
import { formatAmount, formatPercent, type Json } from "../../src/format/units";
import { poolsText } from "../../src/positions/text";
import type { PoolsReport } from "../../src/positions/pools";
import type { PositionReport } from "../../src/positions/position";
import type { HarvestResult } from "../../src/positions/harvest";

const E12 = 10n ** 12n;

/**
 * `a` and `b` in their pair's order: token0 is the token with the lower address. Addresses depend on
 * how many transactions the deployer sent before the fixture ran, so the order is computed.
 */
function pairOrder<T>(addressA: string, a: T, addressB: string, b: T): [T, T] {
  return BigInt(addressA) < BigInt(addressB) ? [a, b] : [b, a];
}

/** positionsFixture, 1,000 s after alice's deposit (a block is mined at that time). */
async function thousandSecondsFixture() {
  const f = await positionsFixture();
  await time.increaseTo(f.aliceDepositTime + 1_000n);
  const [weth, fur, usdc] = [await f.weth.getAddress(), await f.fur.getAddress(), await f.usdc.getAddress()];
  return {
    ...f,
    now: f.aliceDepositTime + 1_000n,
    /** Pool names as farm:pools gives them: "token0/token1 LP". */
    wethFurName: `${pairOrder(weth, "WETH", fur, "FUR").join("/")} LP`,
    wethUsdcName: `${pairOrder(weth, "WETH", usdc, "USDC").join("/")} LP`,
    /** Puts a WETH/FUR entry pair in the pair's order. */
    wethFurOrder: <T>(wethEntry: T, furEntry: T) => pairOrder(weth, wethEntry, fur, furEntry),
    wethUsdcOrder: <T>(wethEntry: T, usdcEntry: T) => pairOrder(weth, wethEntry, usdc, usdcEntry),
  };
}

/**
 * thousandSecondsFixture, then bob sells 4,400 FUR for WETH through the router: out =
 * 4400·997·110 / (44000·1000 + 4400·997) = 9.972719832681640447 WETH, leaving reserves
 * 100.027280167318359553 WETH : 48,400 FUR (FUR fell 17.3% against WETH).
 */
async function afterSwapFixture() {
  const f = await thousandSecondsFixture();
  await f.router
    .connect(f.bob)
    .swapExactTokensForTokens(4_400n * E18, 0, [f.fur, f.weth], f.bob.address, ethers.MaxUint256);
  return f;
}

async function addresses(f: PositionsFixture) {
  return { farm: await f.farm.getAddress(), weth: await f.weth.getAddress() };
}

async function pools(args: Record<string, unknown>) {
  const { json, exitCode, errors } = await runJson("farm:pools", args);
  expect(exitCode, errors.join("\n")).to.equal(0);
  return json as Json<PoolsReport>;
}

async function position(args: Record<string, unknown>) {
  const { json, exitCode, errors } = await runJson("farm:position", args);
  expect(exitCode, errors.join("\n")).to.equal(0);
  return json as Json<PositionReport>;
}

describe("Farm tasks", function () {
  describe("farm:pools", function () {
    it("lists every pool with its token, weight and stake", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await pools(await addresses(f));
      expect(r.rewardPerSecond).to.equal(E18.toString());
      expect(r.totalAllocPoint).to.equal("200");
      expect(r.pools.map((p) => [p.pid, p.staked.name, p.allocPoint, p.totalStaked])).to.deep.equal([
        [0, f.wethFurName, "100", (200n * E18).toString()],
        [1, "FUR", "40", (1_000n * E18).toString()],
        [2, f.wethUsdcName, "60", (500n * E12).toString()],
      ]);
      expect(r.pools[0].stakedUnderlying).to.deep.equal(
        f.wethFurOrder((10n * E18).toString(), (4_000n * E18).toString()),
      );
      expect(r.pools[2].stakedUnderlying).to.deep.equal(
        f.wethUsdcOrder((10n * E18).toString(), (25_000n * E6).toString()),
      );
    });

    it("values the stake in WETH from the pairs' reserves", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await pools(await addresses(f));
      expect(r.unit).to.deep.equal({
        symbol: "WETH",
        decimals: 18,
        reference: await f.weth.getAddress(),
        ethPriceWad: null,
      });
      // 1 FUR = 110 / 44,000 WETH.
      expect(r.rewardTokenPrice).to.equal((25n * 10n ** 14n).toString());
      // Pool 0: 10 WETH + 4,000 FUR · 0.0025 = 20 WETH; pool 1: 1,000 FUR = 2.5 WETH;
      // pool 2: 10 WETH + 25,000 USDC · 110 / 275,000 = 20 WETH.
      expect(r.pools.map((p) => p.stakedValue)).to.deep.equal([
        (20n * E18).toString(),
        ((5n * E18) / 2n).toString(),
        (20n * E18).toString(),
      ]);
    });

    it("gives each pool's emission per day and its value", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await pools(await addresses(f));
      // 86,400 FUR a day split 100 : 40 : 60.
      expect(r.pools.map((p) => p.rewardPerDay)).to.deep.equal(
        [43_200n * E18, 17_280n * E18, 25_920n * E18].map(String),
      );
      // At 0.0025 WETH per FUR.
      expect(r.pools.map((p) => p.rewardPerDayValue)).to.deep.equal(
        [108n * E18, (432n * E18) / 10n, (648n * E18) / 10n].map(String),
      );
    });

    it("computes APR as a year of emission at FUR's price over the staked value", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await pools(await addresses(f));
      // Pool 0: 365·43,200 FUR · 0.0025 = 39,420 WETH a year on 20 WETH = 1,971 (197,100%).
      // Pool 1: 365·17,280 · 0.0025 = 15,768 on 2.5 = 6,307.2; pool 2: 23,652 on 20 = 1,182.6.
      expect(r.pools.map((p) => p.aprWad)).to.deep.equal(
        [1_971n * E18, (63_072n * E18) / 10n, (11_826n * E18) / 10n].map(String),
      );
      expect(YEAR).to.equal(31_536_000n);
    });

    it("reports the bonus rate and, without a price route for the bonus token, no value or APR", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await pools(await addresses(f));
      expect(r.pools[0].bonus).to.equal(null);
      expect(r.pools[2].bonus).to.deep.equal({
        rewarder: await f.rewarder.getAddress(),
        token: { address: await f.bonus.getAddress(), symbol: "BONUS", decimals: 18 },
        rewardPerSecond: BONUS_RATE.toString(),
        rewardPerDay: (8_640n * E18).toString(),
        rewardPerDayValue: null,
        aprWad: null,
      });
    });

    it("values in a stablecoin, through WETH, with --usd-token", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await pools({ ...(await addresses(f)), usdToken: await f.usdc.getAddress() });
      expect(r.unit.symbol).to.equal("USDC");
      expect(r.unit.decimals).to.equal(6);
      // ETH = 275,000 / 110 = 2,500 USDC, so 1 FUR = 0.0025 · 2,500 = 6.25 USDC.
      expect(r.rewardTokenPrice).to.equal(6_250_000n.toString());
      expect(r.pools.map((p) => p.stakedValue)).to.deep.equal(
        [50_000n * E6, 6_250n * E6, 50_000n * E6].map(String),
      );
      expect(r.pools[0].rewardPerDayValue).to.equal((270_000n * E6).toString());
      expect(r.pools[0].aprWad).to.equal((1_971n * E18).toString());
    });

    it("values in USD at the given ETH price with --eth-price", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await pools({ ...(await addresses(f)), ethPrice: "2000.5" });
      expect(r.unit).to.include({
        symbol: "USD",
        decimals: 18,
        ethPriceWad: ((20_005n * E18) / 10n).toString(),
      });
      expect(r.pools[0].stakedValue).to.equal((40_010n * E18).toString());
      expect(r.rewardTokenPrice).to.equal(((20_005n * E18) / 10n / 400n).toString());
    });

    it("reads an earlier block with --block", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await pools({ ...(await addresses(f)), block: f.aliceDepositBlock });
      expect(r.block).to.equal(f.aliceDepositBlock);
      expect(r.pools.map((p) => p.totalStaked)).to.deep.equal(["200000000000000000000", "0", "0"]);
      expect(r.pools[1].aprWad).to.equal(null);
    });

    it("refuses --usd-token together with --eth-price", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const out = await runJson("farm:pools", {
        ...(await addresses(f)),
        usdToken: await f.usdc.getAddress(),
        ethPrice: "3000",
      });
      expect(out.exitCode).to.equal(1);
      expect(out.errors).to.deep.equal(["furrow: pass either --usd-token or --eth-price, not both"]);
    });

    it("asks for --weth or --usd-token when --farm comes without a deployment", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const out = await runJson("farm:pools", { farm: await f.farm.getAddress() });
      expect(out.exitCode).to.equal(1);
      expect(out.errors).to.deep.equal([
        "furrow: WETH is not known for this farm: pass --weth <address> or --usd-token",
      ]);
    });

    it("prints an aligned table with the same numbers", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const report = await readPools(await loadContext(ethers.provider, await addresses(f)));
      const lines = poolsText(report, "hardhat").split("\n");
      expect(lines[1]).to.equal("emission 1 FUR/s over 200 alloc points; 1 FUR = 0.0025 WETH");
      const table = lines.slice(3);
      expect(table[0]).to.match(/^pid  pool +alloc +staked +staked value +emission\/day/);
      expect(table[2]).to.equal(
        `  0  ${f.wethFurName}     100     200       20 WETH    43,200 FUR            108 WETH  197,100.00%`,
      );
      expect(table[4]).to.equal(
        `  2  ${f.wethUsdcName}     60  0.0005       20 WETH    25,920 FUR           64.8 WETH  118,260.00%  8,640 BONUS/day, APR n/a`,
      );
      // Every row has the header's width up to the last right-aligned column (APR).
      const aprEnd = table[0].indexOf("APR") + 3;
      for (const row of table.slice(2)) expect(row.slice(aprEnd - 1, aprEnd)).to.equal("%");
    });
  });

  describe("farm:position", function () {
    it("gives the stake, its share of the pool and of the pair, and the tokens behind it", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await position({ ...(await addresses(f)), account: f.alice.address });
      expect(r.positions).to.have.length(1);
      const p = r.positions[0];
      expect(p.pid).to.equal(0);
      expect(p.amount).to.equal((200n * E18).toString());
      expect(p.poolShareWad).to.equal(E18.toString());
      // 200 of 2,200 LP, rounded down.
      expect(p.pairShareWad).to.equal("90909090909090909");
      expect(p.underlying.map((u) => [u.token.symbol, u.amount, u.value])).to.deep.equal(
        f.wethFurOrder(
          ["WETH", (10n * E18).toString(), (10n * E18).toString()],
          ["FUR", (4_000n * E18).toString(), (10n * E18).toString()],
        ),
      );
      expect(p.value).to.equal((20n * E18).toString());
    });

    it("reports pending FUR as farm.pendingReward: half of 1 FUR/s for 1,000 s", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await position({ ...(await addresses(f)), account: f.alice.address });
      const pending = r.positions[0].pending;
      expect(pending.amount).to.equal((500n * E18).toString());
      expect(pending.amount).to.equal((await f.farm.pendingReward(0, f.alice.address)).toString());
      expect(pending.value).to.equal(((5n * E18) / 4n).toString()); // 500 · 0.0025 WETH
    });

    it("reports the bonus pending from the pool's rewarder, with no value when it has no price", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await position({ ...(await addresses(f)), account: f.carol.address });
      const seconds = f.now - f.carolDepositTime;
      const p = r.positions[0];
      expect(p.pid).to.equal(2);
      // 60/200 of 1 FUR/s, and 0.1 BONUS/s, since carol's deposit.
      expect(p.pending.amount).to.equal(((3n * E18 * seconds) / 10n).toString());
      expect(p.bonus).to.deep.equal([
        {
          token: { address: await f.bonus.getAddress(), symbol: "BONUS", decimals: 18 },
          amount: (BONUS_RATE * seconds).toString(),
          value: null,
        },
      ]);
      expect(p.bonus[0].amount).to.equal((await f.rewarder.pendingReward(f.carol.address)).toString());
      expect(r.totalPendingValue).to.equal(null);
      expect(r.totalValue).to.equal((20n * E18).toString());
    });

    it("finds the entry in the Deposit events: while the price has not moved, value equals holding", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await position({ ...(await addresses(f)), account: f.alice.address });
      expect(r.positions[0].entry).to.deep.equal({
        known: true,
        events: 1,
        firstBlock: f.aliceDepositBlock,
        held: f.wethFurOrder(
          {
            token: { address: await f.weth.getAddress(), symbol: "WETH", decimals: 18 },
            amount: (10n * E18).toString(),
            value: (10n * E18).toString(),
          },
          {
            token: { address: await f.fur.getAddress(), symbol: "FUR", decimals: 18 },
            amount: (4_000n * E18).toString(),
            value: (10n * E18).toString(),
          },
        ),
        holdValue: (20n * E18).toString(),
        difference: "0",
        differenceWad: "0",
      });
    });

    describe("after FUR's price fell 17.3%", function () {
      it("compares the position with holding the entry tokens: impermanent loss net of fees", async function () {
        const f = await loadFixture(afterSwapFixture);
        const r = await position({ ...(await addresses(f)), account: f.alice.address });
        const p = r.positions[0];
        // 200/2,200 of 100.027280167318359553 WETH : 48,400 FUR.
        expect(p.underlying.map((u) => u.amount)).to.deep.equal(
          f.wethFurOrder("9093389106119850868", (4_400n * E18).toString()),
        );
        // 9.093389106119850868 + 4,400 · 100.027280167318359553 / 48,400 WETH.
        expect(p.value).to.equal("18186778212239701736");
        if (!p.entry.known) throw new Error("entry should be known");
        // 10 WETH + 4,000 FUR at today's price.
        expect(p.entry.holdValue).to.equal("18266717369199864425");
        expect(p.entry.difference).to.equal("-79939156960162689");
        // −0.4376%: 2√r/(1+r) − 1 = −0.4513% for r = 0.8267, less alice's 1/11 of the 0.3% fee on 4,400 FUR.
        expect(p.entry.differenceWad).to.equal("-4376219073436304");
        expect(formatPercent(BigInt(p.entry.differenceWad!))).to.equal("-0.43%");
      });

      it("keeps the entry of the remaining stake, pro rata, after a partial withdrawal", async function () {
        const f = await loadFixture(afterSwapFixture);
        await f.farm.connect(f.alice).withdraw(0, 50n * E18, f.alice.address);
        const r = await position({ ...(await addresses(f)), account: f.alice.address });
        const p = r.positions[0];
        if (!p.entry.known) throw new Error("entry should be known");
        expect(p.entry.events).to.equal(2);
        expect(p.entry.held.map((h) => h.amount)).to.deep.equal(
          f.wethFurOrder(((15n * E18) / 2n).toString(), (3_000n * E18).toString()),
        );
        expect(p.value).to.equal("13640083659179776302");
        expect(p.entry.holdValue).to.equal("13700038026899898319");
        expect(p.entry.difference).to.equal("-59954367720122017");
      });
    });

    it("says the entry is unknown when the event scan starts after the deposit", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await position({
        ...(await addresses(f)),
        account: f.alice.address,
        fromBlock: f.aliceDepositBlock + 1,
      });
      expect(r.positions[0].entry).to.deep.equal({
        known: false,
        reason: `events since block ${f.aliceDepositBlock + 1} account for 0 of the stake ${200n * E18}`,
      });
      expect(r.positions[0].value).to.equal((20n * E18).toString());
    });

    it("lists no position for an account with no stake and nothing pending", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const r = await position({ ...(await addresses(f)), account: f.dave.address });
      expect(r.positions).to.deep.equal([]);
      expect(r.totalValue).to.equal("0");
    });

    it("rejects an account that is not an address", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const out = await runJson("farm:position", { ...(await addresses(f)), account: "alice" });
      expect(out.exitCode).to.equal(1);
      expect(out.errors).to.deep.equal(["furrow: --account is not an address: alice"]);
    });

    it("gives the same report from the library function", async function () {
      const f = await loadFixture(afterSwapFixture);
      const ctx = await loadContext(ethers.provider, await addresses(f));
      const report = await readPosition(ctx, f.alice.address);
      expect(report.positions[0].value).to.equal(18186778212239701736n);
      expect(formatAmount(report.positions[0].value!, 18)).to.equal("18.1867");
    });
  });

  describe("farm:harvest", function () {
    it("pays the signer exactly the pending amount at the harvest's block", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const before = await f.fur.balanceOf(f.alice.address);
      await time.setNextBlockTimestamp(f.now + 10n);
      const { json, exitCode, errors } = await runJson("farm:harvest", {
        farm: await f.farm.getAddress(),
        pid: 0,
        from: f.alice.address,
      });
      expect(exitCode, errors.join("\n")).to.equal(0);
      const h = json as Json<HarvestResult>;
      // 500 FUR pending at the last block, 5 more for the 10 s until the harvest's block.
      expect(h.pendingBefore).to.equal((500n * E18).toString());
      expect(h.harvested).to.equal((505n * E18).toString());
      expect((await f.fur.balanceOf(f.alice.address)) - before).to.equal(505n * E18);
      expect(await f.farm.pendingReward(0, f.alice.address)).to.equal(0n);
      expect(h).to.include({ pid: 0, account: f.alice.address, to: f.alice.address });
      const receipt = await ethers.provider.getTransactionReceipt(h.txHash);
      expect(h.block).to.equal(receipt!.blockNumber);
      expect(h.gasUsed).to.equal(receipt!.gasUsed.toString());
    });

    it("sends FUR and the bonus to --to", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const at = f.now + 10n;
      await time.setNextBlockTimestamp(at);
      const { json, exitCode, errors } = await runJson("farm:harvest", {
        farm: await f.farm.getAddress(),
        pid: 2,
        from: f.carol.address,
        to: f.dave.address,
      });
      expect(exitCode, errors.join("\n")).to.equal(0);
      const h = json as Json<HarvestResult>;
      const seconds = at - f.carolDepositTime;
      expect(h.harvested).to.equal(((3n * E18 * seconds) / 10n).toString());
      expect(await f.fur.balanceOf(f.dave.address)).to.equal((3n * E18 * seconds) / 10n);
      expect(h.bonus.map((b) => [b.token.symbol, b.amount])).to.deep.equal([
        ["BONUS", (BONUS_RATE * seconds).toString()],
      ]);
      expect(await f.bonus.balanceOf(f.dave.address)).to.equal(BONUS_RATE * seconds);
    });

    it("refuses a pool that does not exist", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const out = await runJson("farm:harvest", {
        farm: await f.farm.getAddress(),
        pid: 3,
        from: f.alice.address,
      });
      expect(out.exitCode).to.equal(1);
      expect(out.errors).to.deep.equal(["furrow: pool 3 does not exist: the farm has 3 pool(s) (0..2)"]);
    });

    it("sends nothing when the signer has nothing in the pool", async function () {
      const f = await loadFixture(thousandSecondsFixture);
      const block = await ethers.provider.getBlockNumber();
      const out = await runJson("farm:harvest", {
        farm: await f.farm.getAddress(),
        pid: 0,
        from: f.dave.address,
      });
      expect(out.exitCode).to.equal(1);
      expect(out.errors).to.deep.equal([
        `furrow: nothing to harvest: ${f.dave.address} has no stake and nothing pending in pool 0`,
      ]);
      expect(await ethers.provider.getBlockNumber()).to.equal(block);
    });
  });
});
