import { expect } from "chai";
import { ethers } from "hardhat";
import fc from "fast-check";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { BaseContract, ContractTransactionReceipt, LogDescription } from "ethers";
import type { VaultProbe } from "../../typechain-types";
import { HARVEST_BOUNTY_BPS, VAULT_BPS, VAULT_OFFSET } from "../../src/model";
import { E18 } from "../fixtures";
import { DEADLINE, vaultFixture } from "./fixture";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10);
/** The farm's per-pool stake cap, which bounds maxDeposit. */
const MAX_STAKE = 2n ** 104n - 1n;

const ceilDiv = (a: bigint, b: bigint) => (a + b - 1n) / b;
/** ERC-4626 with the vault's offset: assets -> shares and back, at totalAssets `ta`, supply `ts`. */
const toShares = (assets: bigint, ta: bigint, ts: bigint, up = false) =>
  up ? ceilDiv(assets * (ts + VAULT_OFFSET), ta + 1n) : (assets * (ts + VAULT_OFFSET)) / (ta + 1n);
const toAssets = (shares: bigint, ta: bigint, ts: bigint, up = false) =>
  up ? ceilDiv(shares * (ta + 1n), ts + VAULT_OFFSET) : (shares * (ta + 1n)) / (ts + VAULT_OFFSET);

function events(receipt: ContractTransactionReceipt, contract: BaseContract, name: string): LogDescription[] {
  const address = (contract.target as string).toLowerCase();
  return receipt.logs
    .filter((l) => l.address.toLowerCase() === address)
    .map((l) => contract.interface.parseLog(l))
    .filter((e): e is LogDescription => e?.name === name);
}

/** vaultFixture + a VaultProbe that alice, bob and carol approved for their LP and their shares. */
async function probeFixture() {
  const f = await vaultFixture();
  const probe: VaultProbe = await ethers.deployContract("VaultProbe", [f.vault]);
  for (const user of [f.alice, f.bob, f.carol]) {
    await f.pair.connect(user).approve(probe, ethers.MaxUint256);
    await f.vault.connect(user).approve(probe, ethers.MaxUint256);
  }
  return { ...f, probe };
}

type Step =
  | { kind: "deposit" | "roundTrip"; user: number; amount: bigint }
  | { kind: "mint"; user: number; shares: bigint }
  | { kind: "withdraw" | "redeem"; user: number; part: number }
  | { kind: "withdrawMax" | "redeemMax"; user: number }
  | { kind: "harvest"; wait: number }
  | { kind: "fee"; bps: number }
  | { kind: "unlock"; period: number }
  | { kind: "wait"; seconds: number };

const user = fc.nat(2);
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constantFrom("deposit" as const, "roundTrip" as const),
    user,
    amount: fc.bigInt(1n, 1_500n * E18),
  }),
  fc.record({ kind: fc.constant("mint" as const), user, shares: fc.bigInt(1n, 1_500n * E18 * VAULT_OFFSET) }),
  fc.record({
    kind: fc.constantFrom("withdraw" as const, "redeem" as const),
    user,
    part: fc.integer({ min: 1, max: 100 }),
  }),
  fc.record({ kind: fc.constantFrom("withdrawMax" as const, "redeemMax" as const), user }),
  // At least TWAP_WINDOW after the last harvest, whose sale then is the TWAP: the harvest prices.
  fc.record({ kind: fc.constant("harvest" as const), wait: fc.integer({ min: 1_800, max: 20_000 }) }),
  fc.record({ kind: fc.constant("fee" as const), bps: fc.integer({ min: 0, max: 1_000 }) }),
  fc.record({ kind: fc.constant("unlock" as const), period: fc.integer({ min: 3_600, max: 7 * 86_400 }) }),
  fc.record({ kind: fc.constant("wait" as const), seconds: fc.integer({ min: 1, max: 2 * 86_400 }) }),
);

describe("FarmVault ERC-4626 properties (fast-check)", function () {
  it("previews never favour the caller, round trips never profit, max* are honoured, conversions are monotonic: across harvests, fee and unlock changes and time", async function () {
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 4, maxLength: 10 }),
        fc.bigInt(1n, 10n ** 27n),
        async (steps, probeAmount) => {
          const { vault, vaultFactory, farm, pair, probe, alice, bob, carol } =
            await loadFixture(probeFixture);
          const users = [alice, bob, carol];
          let fee = 0n;
          let period = 86_400n;
          let lock = { locked: 0n, at: 0n, period: 1n };
          let price = await vault.convertToAssets(10n ** 30n);
          let sharesPerAsset = await vault.convertToShares(10n ** 24n);
          const send = async (tx: Promise<{ wait(): Promise<ContractTransactionReceipt | null> }>) =>
            (await (await tx).wait())!;
          const checked = (r: ContractTransactionReceipt) => events(r, probe, "Checked")[0].args;

          for (const s of steps) {
            if (s.kind === "deposit" || s.kind === "roundTrip") {
              const u = users[s.user];
              if ((await pair.balanceOf(u.address)) < s.amount) continue;
              if (s.kind === "deposit") {
                const c = checked(await send(probe.connect(u).deposit(s.amount)));
                expect(c.preview <= c.actual, "previewDeposit <= shares minted").to.equal(true);
                expect(c.actual).to.equal(toShares(s.amount, c.totalAssets, c.totalSupply));
              } else {
                const r = events(await send(probe.connect(u).roundTrip(s.amount)), probe, "RoundTrip")[0]
                  .args;
                expect(r.assetsOut <= s.amount, "deposit -> redeem never profits").to.equal(true);
                const shares = toShares(s.amount, r.totalAssets, r.totalSupply);
                expect([r.shares, r.assetsOut]).to.deep.equal([
                  shares,
                  toAssets(shares, r.totalAssets + s.amount, r.totalSupply + shares),
                ]);
              }
            } else if (s.kind === "mint") {
              const u = users[s.user];
              const balance = await pair.balanceOf(u.address);
              if ((await vault.previewMint(s.shares)) > balance) continue;
              const c = checked(await send(probe.connect(u).mint(s.shares, balance)));
              expect(c.preview >= c.actual, "previewMint >= assets taken").to.equal(true);
              expect(c.actual).to.equal(toAssets(s.shares, c.totalAssets, c.totalSupply, true));
            } else if (s.kind === "withdraw" || s.kind === "redeem") {
              const u = users[s.user];
              if (s.kind === "withdraw") {
                const assets = ((await vault.maxWithdraw(u.address)) * BigInt(s.part)) / 100n;
                const c = checked(await send(probe.connect(u).withdraw(assets)));
                expect(c.preview >= c.actual, "previewWithdraw >= shares burnt").to.equal(true);
                expect(c.actual).to.equal(toShares(assets, c.totalAssets, c.totalSupply, true));
              } else {
                const shares = ((await vault.balanceOf(u.address)) * BigInt(s.part)) / 100n;
                const c = checked(await send(probe.connect(u).redeem(shares)));
                expect(c.preview <= c.actual, "previewRedeem <= assets paid").to.equal(true);
                expect(c.actual).to.equal(toAssets(shares, c.totalAssets, c.totalSupply));
              }
            } else if (s.kind === "withdrawMax" || s.kind === "redeemMax") {
              const u = users[s.user];
              const lp = await pair.balanceOf(u.address);
              const held = await vault.balanceOf(u.address);
              const r = await send(
                s.kind === "withdrawMax" ? probe.connect(u).withdrawMax() : probe.connect(u).redeemMax(),
              );
              const m = events(r, probe, "MaxTaken")[0].args;
              const error =
                s.kind === "withdrawMax" ? "ERC4626ExceededMaxWithdraw" : "ERC4626ExceededMaxRedeem";
              expect(m.aboveMax).to.equal(
                vault.interface.encodeErrorResult(error, [u.address, m.max + 1n, m.max]),
              );
              if (s.kind === "withdrawMax") {
                expect((await pair.balanceOf(u.address)) - lp).to.equal(m.max);
              } else {
                expect(m.max).to.equal(held);
                expect(await vault.balanceOf(u.address)).to.equal(0n);
              }
            } else if (s.kind === "harvest") {
              await time.increase(s.wait);
              const r = await send(probe.harvest());
              const h = events(r, probe, "HarvestChecked")[0].args;
              const e = events(r, vault, "Harvested")[0].args;
              const feeAssets = (h.assetsAdded * fee) / VAULT_BPS;
              const feeShares = toShares(feeAssets, h.totalAssets, h.totalSupply);
              expect([e.feeShares, e.bountyShares, e.locked]).to.deep.equal([
                feeShares,
                (feeShares * HARVEST_BOUNTY_BPS) / VAULT_BPS,
                h.lockedBefore + h.assetsAdded - feeAssets,
              ]);
              const at = BigInt((await ethers.provider.getBlock(r.blockNumber))!.timestamp);
              lock = { locked: e.locked, at, period };
            } else if (s.kind === "fee") {
              await vaultFactory.setPerformanceFee(s.bps);
              fee = BigInt(s.bps);
            } else if (s.kind === "unlock") {
              await vaultFactory.setUnlockPeriod(s.period);
              period = BigInt(s.period);
            } else if (s.kind === "wait") {
              await time.increase(s.seconds);
            }

            // The lock unlocks linearly over the period its harvest started with.
            const t = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
            const end = lock.at + lock.period;
            expect(await vault.lockedProfit()).to.equal(
              t >= end ? 0n : (lock.locked * (end - t)) / lock.period,
            );
            // The share price never falls, whatever happened.
            const p = await vault.convertToAssets(10n ** 30n);
            const q = await vault.convertToShares(10n ** 24n);
            expect(p >= price && q <= sharesPerAsset, "share price never falls").to.equal(true);
            [price, sharesPerAsset] = [p, q];
            // Conversions are monotonic in their argument and exact (views of one block).
            const [ta, ts] = [await vault.totalAssets(), await vault.totalSupply()];
            let [lastShares, lastAssets] = [-1n, -1n];
            for (const a of [0n, 1n, VAULT_OFFSET, E18, probeAmount, probeAmount + 1n, 10n ** 28n].sort(
              (x, y) => (x < y ? -1 : x > y ? 1 : 0),
            )) {
              const [sh, as] = [await vault.convertToShares(a), await vault.convertToAssets(a)];
              expect([sh, as]).to.deep.equal([toShares(a, ta, ts), toAssets(a, ta, ts)]);
              expect(sh >= lastShares && as >= lastAssets).to.equal(true);
              [lastShares, lastAssets] = [sh, as];
            }
            // maxDeposit is what the farm's cap still takes, maxMint what that buys.
            const room = MAX_STAKE - (await farm.poolInfo(0)).totalStaked;
            expect([await vault.maxDeposit(alice.address), await vault.maxMint(alice.address)]).to.deep.equal(
              [room, toShares(room, ta, ts)],
            );
          }
        },
      ),
      { numRuns: RUNS, seed: 4626 },
    );
  });

  describe("max* functions", function () {
    it("maxDeposit and maxMint are 0 while deposits are paused; deposit and mint revert; withdrawals go on", async function () {
      const { vault, vaultFactory, pair, alice } = await loadFixture(probeFixture);
      await vault.connect(alice).deposit(1_000n * E18, alice.address);
      await vaultFactory.setDepositsPaused(vault, true);
      expect([await vault.maxDeposit(alice.address), await vault.maxMint(alice.address)]).to.deep.equal([
        0n,
        0n,
      ]);
      await expect(vault.connect(alice).deposit(1n, alice.address)).to.be.revertedWithCustomError(
        vault,
        "DepositsPaused",
      );
      await expect(vault.connect(alice).mint(1n, alice.address)).to.be.revertedWithCustomError(
        vault,
        "DepositsPaused",
      );
      const max = await vault.maxWithdraw(alice.address);
      expect(max).to.equal(1_000n * E18);
      const lp = await pair.balanceOf(alice.address);
      await vault.connect(alice).withdraw(max, alice.address, alice.address);
      expect((await pair.balanceOf(alice.address)) - lp).to.equal(max);
    });

    it("above maxWithdraw and maxRedeem revert with OZ's ERC4626ExceededMax* errors; both can be taken in full", async function () {
      const { vault, alice, bob } = await loadFixture(probeFixture);
      await vault.connect(alice).deposit(1_000n * E18, alice.address);
      await vault.connect(bob).deposit(333n, bob.address);
      await time.increase(3_600);
      await vault.harvest(0);
      await time.increase(86_400); // everything unlocked: the max no longer moves with time
      const maxW = await vault.maxWithdraw(alice.address);
      await expect(vault.connect(alice).withdraw(maxW + 1n, alice.address, alice.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxWithdraw")
        .withArgs(alice.address, maxW + 1n, maxW);
      const maxR = await vault.maxRedeem(bob.address);
      expect(maxR).to.equal(333n * VAULT_OFFSET);
      await expect(vault.connect(bob).redeem(maxR + 1n, bob.address, bob.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxRedeem")
        .withArgs(bob.address, maxR + 1n, maxR);
      await vault.connect(alice).withdraw(maxW, alice.address, alice.address);
      await vault.connect(bob).redeem(maxR, bob.address, bob.address);
      expect(await vault.totalSupply()).to.equal(await vault.balanceOf(alice.address));
      expect(await vault.maxWithdraw(alice.address)).to.equal(0n);
    });

    it("at the farm's cap: a deposit of maxDeposit goes through, one wei more reverts with StakeTooLarge, and it all comes back", async function () {
      const { vault, farm, router, pair, token0, token1, admin } = await loadFixture(probeFixture);
      const big = 2n ** 104n;
      await token0.mint(admin.address, big);
      await token1.mint(admin.address, big);
      const before = await pair.balanceOf(admin.address);
      await router.addLiquidity(token0, token1, big, big, 0, 0, admin.address, DEADLINE);
      expect((await pair.balanceOf(admin.address)) - before).to.equal(big);
      await pair.approve(vault, ethers.MaxUint256);
      const max = await vault.maxDeposit(admin.address);
      expect(max).to.equal(MAX_STAKE);
      await vault.deposit(max, admin.address);
      expect(await vault.balanceOf(admin.address)).to.equal(MAX_STAKE * VAULT_OFFSET);
      expect([await vault.maxDeposit(admin.address), await vault.maxMint(admin.address)]).to.deep.equal([
        0n,
        0n,
      ]);
      await expect(vault.deposit(1n, admin.address))
        .to.be.revertedWithCustomError(farm, "StakeTooLarge")
        .withArgs(big, MAX_STAKE);
      await expect(vault.mint(1n, admin.address))
        .to.be.revertedWithCustomError(vault, "ERC4626ExceededMaxMint")
        .withArgs(admin.address, 1n, 0n);
      expect(await vault.maxWithdraw(admin.address)).to.equal(MAX_STAKE);
      await vault.withdraw(MAX_STAKE, admin.address, admin.address);
      expect((await pair.balanceOf(admin.address)) - before).to.equal(big);
    });
  });
});
