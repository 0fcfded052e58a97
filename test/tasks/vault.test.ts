import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18, VAULT_TASKS_FEE_BPS, vaultTasksFixture, type VaultTasksFixture } from "../fixtures";
import { runCapturing, runJson } from "../helpers/tasks";
import { getAmountOut, mintLiquidity, quote, sqrt } from "../../src/model";
import { VaultModel } from "../../src/model/vault";
import { decodeRevert } from "../../src/chain/errors";
import { loadVaultContext, readVaults } from "../../src/positions/vaults";
import { deviationWad, harvestVault } from "../../src/positions/vaultHarvest";
import { vaultsText } from "../../src/positions/text";
import type { Json } from "../../src/format/units";
import type { VaultPositionReport, VaultsReport } from "../../src/positions/vaults";
import type { VaultHarvestResult } from "../../src/positions/vaultHarvest";

const DAY = 86_400n;
const E24 = 10n ** 24n;

async function addresses(f: VaultTasksFixture) {
  return { vaultFactory: await f.vaultFactory.getAddress(), weth: await f.weth.getAddress() };
}

async function list(args: Record<string, unknown>) {
  const { json, exitCode, errors } = await runJson("vault:list", args);
  expect(exitCode, errors.join("\n")).to.equal(0);
  return json as Json<VaultsReport>;
}

async function position(args: Record<string, unknown>) {
  const { json, exitCode, errors } = await runJson("vault:position", args);
  expect(exitCode, errors.join("\n")).to.equal(0);
  return json as Json<VaultPositionReport>;
}

/**
 * FUR vault 0 has earned by `t`: pool 0 gets 0.5 FUR/s (alloc 100 of 200), alice stakes 200 LP;
 * with dave's 200 LP the vault holds half of the pool (0.25 FUR/s), with admin's 100 more 3/5 (0.3 FUR/s).
 */
function vault0Earned(f: VaultTasksFixture, t: bigint): bigint {
  return (
    (E18 / 4n) * (f.adminDepositTime - f.daveDepositTime) + ((3n * E18) / 10n) * (t - f.adminDepositTime)
  );
}

/**
 * What FarmVault.harvest stakes for `fur` FUR in vault 0 (it holds no WETH): the closed-form part
 * of the FUR (ZapMath.swapAmountDown) sold into WETH/FUR, then the Router adds both balances at the
 * pair's new ratio. BigInt, from the reserves and LP supply before the harvest.
 */
async function expectedAssetsAdded(f: VaultTasksFixture, fur: bigint): Promise<bigint> {
  const [r0, r1] = await f.wethFur.getReserves();
  const supply = await f.wethFur.totalSupply();
  const furIs0 = (await f.wethFur.token0()) === (await f.fur.getAddress());
  const [rFur, rWeth] = furIs0 ? [r0, r1] : [r1, r0];
  const swapIn = (sqrt(rFur * (rFur * 3_988_009n + fur * 3_988_000n)) - rFur * 1_997n) / 1_994n;
  const wethOut = getAmountOut(swapIn, rFur, rWeth);
  const [rFur2, rWeth2] = [rFur + swapIn, rWeth - wethOut];
  const [b0, b1, R0, R1] = furIs0
    ? [fur - swapIn, wethOut, rFur2, rWeth2]
    : [wethOut, fur - swapIn, rWeth2, rFur2];
  const b1Optimal = quote(b0, R0, R1);
  const [a0, a1] = b1Optimal <= b1 ? [b0, b1Optimal] : [quote(b1, R1, R0), b1];
  return mintLiquidity({ reserve0: R0, reserve1: R1, totalSupply: supply }, a0, a1);
}

describe("Vault tasks", function () {
  describe("vault:list", function () {
    it("lists every vault of the factory with its pid, asset, assets, shares and price per share", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const r = await list(await addresses(f));
      expect(r.vaultFactory).to.equal(await f.vaultFactory.getAddress());
      expect(r.farm).to.equal(await f.farm.getAddress());
      expect(r.source).to.equal("--vault-factory");
      expect(
        r.vaults.map((v) => [
          v.pid,
          v.vault,
          v.symbol,
          v.decimals,
          v.asset.address,
          v.totalAssets,
          v.totalSupply,
        ]),
      ).to.deep.equal([
        [
          0,
          await f.vault0.getAddress(),
          "fv0",
          24,
          await f.wethFur.getAddress(),
          (300n * E18).toString(),
          (300n * E24).toString(),
        ],
        [2, await f.vault2.getAddress(), "fv2", 24, await f.wethUsdc.getAddress(), "0", "0"],
      ]);
      // One whole share (10^24) is worth (10^24 · (300e18 + 1)) / (300e24 + 10^6) = 1e18 exactly, and
      // 10^24 · 1 / 10^6 = 1e18 in the empty vault (the virtual share and asset).
      expect(r.vaults.map((v) => v.assetsPerShare)).to.deep.equal([E18.toString(), E18.toString()]);
      expect(r.vaults.map((v) => v.totalStaked)).to.deep.equal([(300n * E18).toString(), "0"]);
    });

    it("values the assets in WETH: 300 of 2,200 LP are 15 WETH + 6,000 FUR = 30 WETH", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const r = await list(await addresses(f));
      expect(r.vaults.map((v) => v.totalAssetsValue)).to.deep.equal([(30n * E18).toString(), "0"]);
    });

    it("gives the factory's fee, recipient and unlock period, and no harvest or lock yet", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const r = await list(await addresses(f));
      expect([r.performanceFeeBps, r.feeRecipient, r.unlockPeriod]).to.deep.equal([
        VAULT_TASKS_FEE_BPS.toString(),
        f.bob.address,
        DAY.toString(),
      ]);
      expect(
        r.vaults.map((v) => [v.performanceFeeBps, v.feeRecipient, v.lockedProfit, v.lastHarvest]),
      ).to.deep.equal([
        ["500", f.bob.address, "0", "0"],
        ["500", f.bob.address, "0", "0"],
      ]);
      expect(r.vaults.map((v) => v.depositsPaused)).to.deep.equal([false, false]);
    });

    it("reports what a harvest would collect: vault 0's FUR, vault 2's FUR and BONUS (nothing staked)", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const r = await list(await addresses(f));
      const now = BigInt(await time.latest());
      const fur = vault0Earned(f, now);
      expect(fur).to.equal(await f.farm.pendingReward(0, f.vault0));
      const furAddress = await f.fur.getAddress();
      expect(r.vaults[0].pending.map((p) => [p.token.address, p.amount, p.value])).to.deep.equal([
        // 1 FUR = 110 / 44,000 WETH.
        [furAddress, fur.toString(), (fur / 400n).toString()],
      ]);
      expect(r.vaults[1].pending.map((p) => [p.token.symbol, p.amount, p.value])).to.deep.equal([
        ["FUR", "0", "0"],
        ["BONUS", "0", null],
      ]);
    });

    it("shows the locked profit, the last harvest and the new price per share after a harvest", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const receipt = await (await f.vault0.connect(f.carol).harvest(0)).wait();
      const harvestTime = BigInt((await ethers.provider.getBlock(receipt!.blockNumber))!.timestamp);
      const [event] = await f.vault0.queryFilter(f.vault0.filters.Harvested(), receipt!.blockNumber);
      await time.increaseTo(harvestTime + DAY / 4n);
      const r = await list(await addresses(f));
      const { assetsAdded, locked } = event.args;
      // Locked right after: added less the 5% fee; a quarter of the day later three quarters remain.
      expect(locked).to.equal(assetsAdded - (assetsAdded * VAULT_TASKS_FEE_BPS) / 10_000n);
      const stillLocked = (locked * (DAY - DAY / 4n)) / DAY;
      const v = r.vaults[0];
      expect([v.lastHarvest, v.lockedProfit, v.totalStaked, v.totalAssets]).to.deep.equal([
        harvestTime.toString(),
        stillLocked.toString(),
        (300n * E18 + assetsAdded).toString(),
        (300n * E18 + assetsAdded - stillLocked).toString(),
      ]);
      const supply = 300n * E24 + event.args.feeShares;
      expect(v.totalSupply).to.equal(supply.toString());
      expect(v.assetsPerShare).to.equal(
        ((E24 * (300n * E18 + assetsAdded - stillLocked + 1n)) / (supply + 10n ** 6n)).toString(),
      );
    });

    it("prints an aligned table with the same numbers", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const { printed, exitCode } = await runCapturing("vault:list", await addresses(f));
      expect(exitCode).to.equal(0);
      const ctx = await loadVaultContext(ethers.provider, await addresses(f));
      expect(printed.join("\n")).to.equal(vaultsText(await readVaults(ctx), "hardhat"));
      const lines = printed.join("\n").split("\n");
      expect(lines[1]).to.equal(`performance fee 5.00% to ${f.bob.address}; profit unlocks over 86400 s`);
      expect(lines[5]).to.match(
        /^ {2}0 {2}fv0 {4}(WETH\/FUR|FUR\/WETH) LP {11}300 {2}30 WETH {5}300 {13}1 {7}0 {2}never {9}5\.00% {2}[\d,.]+ FUR\b/,
      );
      expect(lines[6]).to.match(
        /^ {2}2 {2}fv2 {4}(WETH\/USDC|USDC\/WETH) LP {12}0 {3}0 WETH .* {2}0 FUR \+ 0 BONUS\b/,
      );
    });
  });

  describe("vault:position", function () {
    it("gives dave's shares, the assets behind them, their tokens and value", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const r = await position({ ...(await addresses(f)), account: f.dave.address });
      expect(r.positions).to.have.length(1);
      const p = r.positions[0];
      expect([p.pid, p.vault, p.shares, p.assets, p.value, p.vaultShareWad]).to.deep.equal([
        0,
        await f.vault0.getAddress(),
        (200n * E24).toString(),
        // previewRedeem(200e24) = 200e24 · (300e18 + 1) / (300e24 + 10^6) = 200e18 exactly.
        (200n * E18).toString(),
        (20n * E18).toString(),
        ((2n * E18) / 3n).toString(),
      ]);
      // 200 of 2,200 LP: 10 WETH and 4,000 FUR.
      const byToken = Object.fromEntries(p.underlying.map((u) => [u.token.symbol, [u.amount, u.value]]));
      expect(byToken).to.deep.equal({
        WETH: [(10n * E18).toString(), (10n * E18).toString()],
        FUR: [(4_000n * E18).toString(), (10n * E18).toString()],
      });
      expect(r.totalValue).to.equal((20n * E18).toString());
    });

    it("reports the vault's pending rewards and dave's two-thirds part of them", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const r = await position({ ...(await addresses(f)), account: f.dave.address });
      const fur = vault0Earned(f, BigInt(await time.latest()));
      const p = r.positions[0];
      expect(p.vaultPending.map((x) => [x.token.symbol, x.amount])).to.deep.equal([["FUR", fur.toString()]]);
      const part = (fur * 200n * E24) / (300n * E24);
      expect(p.pending.map((x) => [x.token.symbol, x.amount, x.value])).to.deep.equal([
        ["FUR", part.toString(), (part / 400n).toString()],
      ]);
      expect(r.totalPendingValue).to.equal((part / 400n).toString());
    });

    it("values in USD at the given ETH price with --eth-price", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const r = await position({ ...(await addresses(f)), account: f.admin.address, ethPrice: "2500" });
      expect(r.unit.symbol).to.equal("USD");
      expect([r.positions[0].shares, r.positions[0].assets, r.positions[0].value]).to.deep.equal([
        (100n * E24).toString(),
        (100n * E18).toString(),
        (25_000n * E18).toString(),
      ]);
    });

    it("lists no position for an account without shares", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const r = await position({ ...(await addresses(f)), account: f.alice.address });
      expect([r.positions, r.totalValue, r.totalPendingValue]).to.deep.equal([[], "0", "0"]);
      const { printed } = await runCapturing("vault:position", {
        ...(await addresses(f)),
        account: f.alice.address,
      });
      expect(printed.join("\n")).to.match(/\n\nno shares in any vault$/);
    });

    it("rejects an account that is not an address", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const out = await runCapturing("vault:position", { ...(await addresses(f)), account: "0x1234" });
      expect([out.exitCode, out.errors]).to.deep.equal([1, ["furrow: --account is not an address: 0x1234"]]);
    });
  });

  describe("vault:harvest", function () {
    it("sends harvest with the estimate less 1% and stakes exactly what the AMM maths gives", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const harvestTime = BigInt(await time.latest()) + 100n;
      const fur = vault0Earned(f, harvestTime);
      const expected = await expectedAssetsAdded(f, fur);
      await time.setNextBlockTimestamp(harvestTime);
      const { json, exitCode, errors } = await runJson("vault:harvest", {
        vaultFactory: await f.vaultFactory.getAddress(),
        pid: 0,
        from: f.carol.address,
      });
      expect(exitCode, errors.join("\n")).to.equal(0);
      const h = json as Json<VaultHarvestResult>;
      expect([h.pid, h.vault, h.account, h.assetsAdded]).to.deep.equal([
        0,
        await f.vault0.getAddress(),
        f.carol.address,
        expected.toString(),
      ]);
      expect(h.minAssetsAdded).to.equal(((BigInt(h.estimate!) * 9_900n) / 10_000n).toString());
      expect(await f.vault0.totalStaked()).to.equal(300n * E18 + expected);
      expect((await f.farm.userInfo(0, f.vault0)).amount).to.equal(300n * E18 + expected);
      const receipt = await ethers.provider.getTransactionReceipt(h.txHash);
      expect([h.block, h.gasUsed]).to.deep.equal([receipt!.blockNumber, receipt!.gasUsed.toString()]);
    });

    it("mints the 5% fee as shares, a tenth of them to the caller, as the reference model says", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const { json } = await runJson("vault:harvest", {
        vaultFactory: await f.vaultFactory.getAddress(),
        pid: 0,
        from: f.carol.address,
      });
      const h = json as Json<VaultHarvestResult>;
      const harvestTime = BigInt((await ethers.provider.getBlock(h.block))!.timestamp);
      const model = new VaultModel();
      model.deposit("dave", 200n * E18, f.daveDepositTime);
      model.deposit("admin", 100n * E18, f.adminDepositTime);
      const added = BigInt(h.assetsAdded);
      const feeShares = model.harvest("carol", "bob", added, VAULT_TASKS_FEE_BPS, DAY, harvestTime);
      expect([h.feeShares, h.bountyShares, h.locked]).to.deep.equal([
        feeShares.toString(),
        (feeShares / 10n).toString(),
        (added - (added * VAULT_TASKS_FEE_BPS) / 10_000n).toString(),
      ]);
      expect(await f.vault0.balanceOf(f.carol)).to.equal(feeShares / 10n);
      expect(await f.vault0.balanceOf(f.bob)).to.equal(feeShares - feeShares / 10n);
    });

    it("sends the given --min-assets as the minimum, without an estimate", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const { json, exitCode, errors } = await runJson("vault:harvest", {
        vaultFactory: await f.vaultFactory.getAddress(),
        pid: 0,
        minAssets: "1000",
      });
      expect(exitCode, errors.join("\n")).to.equal(0);
      const h = json as Json<VaultHarvestResult>;
      expect([h.estimate, h.minAssetsAdded, h.account]).to.deep.equal([null, "1000", f.admin.address]);
      const [event] = await f.vault0.queryFilter(f.vault0.filters.Harvested(), h.block);
      expect(h.assetsAdded).to.equal(event.args.assetsAdded.toString());
    });

    it("prints a PriceDeviation refusal as one plain line and sends nothing", async function () {
      const f = await loadFixture(vaultTasksFixture);
      // Bob sells 4,400 FUR: FUR falls 17.3% against WETH, far outside the vault's 2% band.
      await f.router
        .connect(f.bob)
        .swapExactTokensForTokens(4_400n * E18, 0, [f.fur, f.weth], f.bob.address, ethers.MaxUint256);
      const block = await ethers.provider.getBlockNumber();
      const out = await runCapturing("vault:harvest", {
        vaultFactory: await f.vaultFactory.getAddress(),
        pid: 0,
      });
      expect(out.exitCode).to.equal(1);
      expect(out.errors).to.have.length(1);
      const pair = await f.wethFur.getAddress();
      expect(out.errors[0]).to.match(
        new RegExp(
          `^furrow: harvest refused: the price of pair ${pair} \\(token1 per token0\\) is -?\\d+\\.\\d\\d% off its ` +
            "time-weighted average, beyond the vault's bound of 2.00% \\(a trade moved it, perhaps to sandwich " +
            "the harvest\\); nothing was harvested: try again once the price is back$",
        ),
      );
      expect(await ethers.provider.getBlockNumber()).to.equal(block);
      expect(await f.vault0.lastHarvest()).to.equal(0n);
    });

    it("refuses a --min-assets above what the harvest adds, in plain words, and changes nothing", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const out = await runCapturing("vault:harvest", {
        vaultFactory: await f.vaultFactory.getAddress(),
        pid: 0,
        minAssets: (10n ** 30n).toString(),
      });
      expect(out.exitCode).to.equal(1);
      expect(out.errors).to.have.length(1);
      expect(out.errors[0]).to.match(
        /^furrow: harvest refused: it would add [\d.,]+ (WETH\/FUR|FUR\/WETH) LP, less than the minimum 1,000,000,000,000; nothing was harvested$/,
      );
      expect([await f.vault0.lastHarvest(), await f.vault0.totalStaked()]).to.deep.equal([0n, 300n * E18]);
    });

    it("names the minimum to the wei when it refuses one wei more than a harvest adds", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const out = await runCapturing("vault:harvest", {
        vaultFactory: await f.vaultFactory.getAddress(),
        pid: 2,
        minAssets: "1",
      });
      const name =
        (await f.wethUsdc.token0()) === (await f.weth.getAddress()) ? "WETH/USDC LP" : "USDC/WETH LP";
      expect([out.exitCode, out.errors]).to.deep.equal([
        1,
        [
          `furrow: harvest refused: it would add 0 ${name}, less than the minimum 0.000000000000000001; nothing was harvested`,
        ],
      ]);
    });

    it("refuses a vault with nothing to add before sending anything", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const block = await ethers.provider.getBlockNumber();
      const out = await runCapturing("vault:harvest", {
        vaultFactory: await f.vaultFactory.getAddress(),
        pid: 2,
      });
      expect([out.exitCode, out.errors]).to.deep.equal([
        1,
        [`furrow: nothing to harvest: vault ${await f.vault2.getAddress()} (pool 2) would add 0 assets now`],
      ]);
      expect(await ethers.provider.getBlockNumber()).to.equal(block);
    });

    it("refuses a pool without a vault, naming those that have one", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const out = await runCapturing("vault:harvest", {
        vaultFactory: await f.vaultFactory.getAddress(),
        pid: 1,
      });
      expect([out.exitCode, out.errors]).to.deep.equal([
        1,
        ["furrow: pool 1 has no vault (pools with a vault: 0, 2)"],
      ]);
    });

    it("refuses a --min-assets or --margin-bps that is not a whole number", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const vaultFactory = await f.vaultFactory.getAddress();
      const a = await runCapturing("vault:harvest", { vaultFactory, pid: 0, minAssets: "1.5" });
      const b = await runCapturing("vault:harvest", { vaultFactory, pid: 0, marginBps: "-1" });
      expect([a.errors, b.errors]).to.deep.equal([
        ["furrow: --min-assets must be a whole number: 1.5"],
        ["furrow: --margin-bps must be a whole number: -1"],
      ]);
    });
  });

  describe("the vault factory's location", function () {
    it("says when the deployment predates the vaults", async function () {
      const f = await loadFixture(vaultTasksFixture);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "furrow-vaults-"));
      const futures = [
        "Token#RewardToken",
        "Governance#TimelockController",
        "Governance#FarmGovernor",
        "Amm#PairFactory",
        "Amm#Router",
        "Amm#WETH9",
        "Farm#Farm",
      ];
      const farm = await f.farm.getAddress();
      fs.writeFileSync(
        path.join(dir, "deployed_addresses.json"),
        JSON.stringify(Object.fromEntries(futures.map((k) => [k, farm]))),
      );
      try {
        const out = await runCapturing("vault:list", { deployment: dir });
        expect([out.exitCode, out.errors]).to.deep.equal([
          1,
          [
            `furrow: the deployment in ${path.relative(process.cwd(), dir)} has no VaultFactory (it predates the vaults): pass --vault-factory <address>`,
          ],
        ]);
      } finally {
        fs.rmSync(dir, { recursive: true });
      }
    });

    it("rejects a --vault-factory that is not an address, or has no code", async function () {
      await loadFixture(vaultTasksFixture);
      const a = await runCapturing("vault:list", { vaultFactory: "0xabc" });
      const nobody = ethers.Wallet.createRandom().address;
      const b = await runCapturing("vault:list", { vaultFactory: nobody });
      expect([a.errors, b.errors]).to.deep.equal([
        ["furrow: --vault-factory is not an address: 0xabc"],
        [`furrow: no contract at ${nobody} on chain 31337`],
      ]);
    });
  });

  describe("revert decoding (src/chain/errors.ts)", function () {
    it("decodes the vault's PriceDeviation from a failed static call: the pair and its spot price", async function () {
      const f = await loadFixture(vaultTasksFixture);
      await f.router
        .connect(f.bob)
        .swapExactTokensForTokens(4_400n * E18, 0, [f.fur, f.weth], f.bob.address, ethers.MaxUint256);
      const err = await f.vault0.harvest.staticCall(0).then(
        () => null,
        (e: unknown) => e,
      );
      const decoded = decodeRevert(err, f.vault0.interface);
      expect(decoded?.name).to.equal("PriceDeviation");
      const [r0, r1] = await f.wethFur.getReserves();
      expect([decoded!.args[0], decoded!.args[1]]).to.deep.equal([
        await f.wethFur.getAddress(),
        (r1 << 112n) / r0,
      ]);
      // The TWAP is still (about) the seeded price: the deviation is FUR's fall or WETH's rise.
      const dev = deviationWad(decoded!.args[1] as bigint, decoded!.args[2] as bigint);
      const furIs0 = (await f.wethFur.token0()) === (await f.fur.getAddress());
      expect(furIs0 ? dev < -(E18 / 10n) : dev > E18 / 10n).to.equal(true);
    });

    it("returns null for an error without revert data or from another interface", async function () {
      const f = await loadFixture(vaultTasksFixture);
      expect(decodeRevert(new Error("boom"), f.vault0.interface)).to.equal(null);
      expect(decodeRevert({ data: "0xdeadbeef" }, f.vault0.interface)).to.equal(null);
      const data = f.vault0.interface.encodeErrorResult("InsufficientAssetsAdded", [1n, 2n]);
      const nested = decodeRevert({ error: { info: { error: { data } } } }, f.vault0.interface);
      expect([nested?.name, nested?.args[0], nested?.args[1]]).to.deep.equal([
        "InsufficientAssetsAdded",
        1n,
        2n,
      ]);
    });
  });

  describe("deviationWad", function () {
    const T = 10n ** 20n;
    for (const [spot, twap, wad] of [
      [T, T, 0n],
      [(T * 121n) / 100n, T, (21n * E18) / 100n],
      [(T * 98n) / 100n, T, -(2n * E18) / 100n],
      [T / 2n, T, -E18 / 2n],
      // Toward zero: -1/3 → -0.333…
      [2n, 3n, -333_333_333_333_333_333n],
    ] as const) {
      it(`(${spot} − ${twap}) / ${twap} → ${wad}`, function () {
        expect(deviationWad(spot, twap)).to.equal(wad);
      });
    }
  });

  describe("harvestVault (library)", function () {
    it("refuses a margin above 10,000 bps", async function () {
      const f = await loadFixture(vaultTasksFixture);
      await expect(harvestVault(f.vault0, f.admin, { marginBps: 10_001n })).to.be.rejectedWith(
        "--margin-bps must be between 0 and 10000: 10001",
      );
    });
  });
});
