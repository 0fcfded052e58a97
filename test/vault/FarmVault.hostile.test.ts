import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { BaseContract, ContractTransactionReceipt, LogDescription } from "ethers";
import type {
  ERC20Rewarder,
  FeeOnTransferToken,
  MockERC20,
  Pair,
  ReentrantToken,
} from "../../typechain-types";
import { getAmountOut } from "../../src/model";
import { now, sendAt } from "../../src/chain/time";
import { E18 } from "../fixtures";
import { DEADLINE, POOL_DEPTH, vaultFixture } from "./fixture";

/** The pool rewarder's rate in every fixture here: 1 bonus token per second. */
const BONUS_RATE = E18;
/** What the rewarder is funded with, and the depth of the bonus/token0 pair (both sides). */
const BONUS_FUNDING = 100_000n * E18;
/** alice's stake in the vault before the rewarder is attached (the vault is the pool's only staker). */
const STAKE = 1_000n * E18;

/** The logs of `receipt` that `contract` emitted, named `name`, parsed. */
function events(receipt: ContractTransactionReceipt, contract: BaseContract, name: string): LogDescription[] {
  const address = (contract.target as string).toLowerCase();
  return receipt.logs
    .filter((l) => l.address.toLowerCase() === address)
    .map((l) => contract.interface.parseLog(l))
    .filter((e): e is LogDescription => e?.name === name);
}

/**
 * The token amounts `pair` took in and paid out in `receipt`'s single Swap on it, named by token:
 * `[amountIn of tokenIn, amountOut of the other]`.
 */
async function swapOf(receipt: ContractTransactionReceipt, pair: Pair, tokenIn: string) {
  const swaps = events(receipt, pair, "Swap");
  expect(swaps.length).to.equal(1);
  const s = swaps[0].args;
  return (await pair.token0()) === tokenIn ? [s.amount0In, s.amount1Out] : [s.amount1In, s.amount0Out];
}

/** `pair`'s reserves as (reserve of `tokenIn`, reserve of the other). */
async function reservesOf(pair: Pair, tokenIn: string): Promise<[bigint, bigint]> {
  const [r0, r1] = await pair.getReserves();
  return (await pair.token0()) === tokenIn ? [r0, r1] : [r1, r0];
}

/**
 * vaultFixture + alice's STAKE in the vault, then an ERC20Rewarder paying `bonus` at BONUS_RATE
 * (funded with BONUS_FUNDING) attached to pool 0 at `attachedAt`; with `route`, a bonus/token0 pair
 * of BONUS_FUNDING a side. Every pair is observed and TWAP_WINDOW has passed.
 */
async function withRewarder<T extends MockERC20 | FeeOnTransferToken | ReentrantToken>(
  bonus: T,
  route: boolean,
) {
  const f = await vaultFixture();
  const { vault, farm, router, token0, admin, alice } = f;
  await vault.connect(alice).deposit(STAKE, alice.address);
  const rewarder: ERC20Rewarder = await ethers.deployContract("ERC20Rewarder", [
    farm,
    0,
    bonus,
    BONUS_RATE,
    admin.address,
  ]);
  await bonus.mint(admin.address, 10n * BONUS_FUNDING);
  await bonus.approve(rewarder, ethers.MaxUint256);
  await bonus.approve(router, ethers.MaxUint256);
  await rewarder.fund(BONUS_FUNDING);
  let bonusPair: Pair | undefined;
  if (route) {
    await router.addLiquidity(bonus, token0, BONUS_FUNDING, BONUS_FUNDING, 0, 0, admin.address, DEADLINE);
    bonusPair = await ethers.getContractAt("Pair", await f.factory.getPair(bonus, token0));
  }
  const attachedAt = (await now()) + 10n;
  await sendAt(attachedAt, () => farm.set(0, 100, rewarder, true));
  await vault.observe();
  await time.increase(await vault.TWAP_WINDOW());
  return { ...f, bonus, rewarder, bonusPair, attachedAt };
}

async function mockBonusFixture() {
  return withRewarder(await ethers.deployContract("MockERC20", ["Bonus", "BONUS", 18]), true);
}
async function strayBonusFixture() {
  return withRewarder(await ethers.deployContract("MockERC20", ["Stray", "STRAY", 18]), false);
}
async function fot1BonusFixture() {
  return withRewarder(await ethers.deployContract("FeeOnTransferToken", [100]), true);
}
async function fot5BonusFixture() {
  return withRewarder(await ethers.deployContract("FeeOnTransferToken", [500]), true);
}
async function reentrantBonusFixture() {
  return withRewarder(await ethers.deployContract("ReentrantToken"), true);
}

/** Scale of the rewarder's per-share index. */
const INDEX_SCALE = 10n ** 30n;

/**
 * What the rewarder's only staker, with `staked`, earns over `seconds` between two of its updates:
 * the index moves by floor(rate * seconds * 1e30 / staked), and the staker is owed
 * floor(staked * that / 1e30). With the vault's first stake, STAKE, nothing rounds (`owed`).
 */
const earned = (seconds: bigint, staked: bigint) =>
  (staked * ((BONUS_RATE * seconds * INDEX_SCALE) / staked)) / INDEX_SCALE;
const owed = (seconds: bigint) => earned(seconds, STAKE);

describe("FarmVault against hostile reward tokens and callers", function () {
  describe("a pool rewarder's bonus on a withdrawal", function () {
    it("stays in the vault: a withdrawal's receiver gets only its assets", async function () {
      const { vault, farm, bonus, rewarder, pair, alice, bob, carol, dave, attachedAt } =
        await loadFixture(mockBonusFixture);
      // The farm pays a pool rewarder's bonus to a withdrawal's recipient, all of it: carol, a direct
      // staker, withdrawing to dave hands him her bonus. The vault withdrew to its receiver before
      // this test: bob received all 3,600 BONUS the vault had earned (the test failed, 3600e18 != 0).
      await farm.connect(carol).deposit(0, STAKE, carol.address);
      const carolAt = await now();
      await sendAt(carolAt + 100n, () => farm.connect(carol).withdraw(0, 0, dave.address));
      expect(await bonus.balanceOf(dave.address)).to.be.greaterThan(0n);

      // The vault's owed bonus (3,600 s at 1/s before carol staked, then its half for 101 s) arrives
      // in the vault, and bob gets exactly the LP alice withdrew for him.
      const at = carolAt + 200n;
      const lp = await pair.balanceOf(bob.address);
      const receipt = await sendAt(at, () =>
        vault.connect(alice).withdraw(100n * E18, bob.address, alice.address),
      );
      const paid = events(receipt, rewarder, "BonusPaid");
      expect(paid.length).to.equal(1);
      expect(paid[0].args.recipient).to.equal(await vault.getAddress());
      const vaultShare = owed(carolAt - attachedAt) + owed(at - carolAt) / 2n;
      expect(paid[0].args.amount).to.equal(vaultShare);
      expect(await bonus.balanceOf(vault)).to.equal(vaultShare);
      expect(await bonus.balanceOf(bob.address)).to.equal(0n);
      expect(await bonus.balanceOf(alice.address)).to.equal(0n);
      expect((await pair.balanceOf(bob.address)) - lp).to.equal(100n * E18);
    });
  });

  describe("a fee-on-transfer bonus token", function () {
    it("1% fee: swaps what arrived, at the pair's exact output for what the pair received", async function () {
      const { vault, bonus, bonusPair, attachedAt } = await loadFixture(fot1BonusFixture);
      const at = attachedAt + 3_600n;
      const [rIn, rOut] = await reservesOf(bonusPair!, await bonus.getAddress());
      const receipt = await sendAt(at, () => vault.harvest(0));
      // Rewarder -> vault loses 1%, vault -> pair 1% of what arrived.
      const arrived = owed(3_600n) - owed(3_600n) / 100n;
      const intoPair = arrived - arrived / 100n;
      expect(await swapOf(receipt, bonusPair!, await bonus.getAddress())).to.deep.equal([
        intoPair,
        getAmountOut(intoPair, rIn, rOut),
      ]);
      expect(events(receipt, vault, "RewardKept")).to.deep.equal([]);
      expect(await bonus.balanceOf(vault)).to.equal(0n);
    });

    it("5% fee (over the 2% bound): the swap misses its TWAP minimum, the bonus is kept and FUR compounds", async function () {
      const { vault, bonus, bonusPair, attachedAt } = await loadFixture(fot5BonusFixture);
      const reserves = await bonusPair!.getReserves();
      const receipt = await sendAt(attachedAt + 3_600n, () => vault.harvest(0));
      const arrived = owed(3_600n) - (owed(3_600n) * 5n) / 100n;
      const kept = events(receipt, vault, "RewardKept");
      expect(kept.map((e) => [e.args.token, e.args.amount])).to.deep.equal([
        [await bonus.getAddress(), arrived],
      ]);
      expect(await bonus.balanceOf(vault)).to.equal(arrived);
      expect(await bonusPair!.getReserves()).to.deep.equal(reserves);
      const [harvested] = events(receipt, vault, "Harvested");
      expect(harvested.args.assetsAdded).to.be.greaterThan(0n);
    });
  });

  describe("a re-entrant bonus token (its transfers call back into the vault)", function () {
    it("every re-entry during a harvest is refused by the vault's lock; the harvest completes and swaps the bonus", async function () {
      const { vault, farm, bonus, bonusPair, pair, alice } = await loadFixture(reentrantBonusFixture);
      const recorder = await ethers.deployContract("ReentryRecorder", [vault, pair]);
      await pair.connect(alice).transfer(recorder, 10n);
      const entries = ["deposit", "mint", "withdraw", "redeem", "harvest", "observe"].map((n) =>
        vault.interface.getFunction(n)!.selector.toLowerCase(),
      );
      const outcomes = (r: ContractTransactionReceipt) =>
        events(r, recorder, "Reentered").map((e) => [e.args.selector, e.args.ok, e.args.result]);
      // Outside a vault call every entry goes through (the harvest among them pays and swaps the
      // bonus so far): what fails below fails for being inside one.
      const controlAt = (await now()) + 1n;
      const control = await sendAt(controlAt, () => recorder.reenter());
      expect(outcomes(control)).to.deep.equal(entries.map((s) => [s, true, "0x"]));

      const bonusToken = bonus as unknown as ReentrantToken;
      await bonusToken.arm(recorder, recorder.interface.encodeFunctionData("reenter"));
      const window = await vault.TWAP_WINDOW();
      const staked = (await farm.userInfo(0, vault)).amount; // the control's harvest re-staked its LP
      const receipt = await sendAt(controlAt + window, () => vault.harvest(0));
      // Two transfers of the bonus inside the harvest (rewarder -> vault, vault -> pair), six refusals each.
      const refused = vault.interface.encodeErrorResult("ReentrancyGuardReentrantCall", []);
      expect(outcomes(receipt)).to.deep.equal([...entries, ...entries].map((s) => [s, false, refused]));
      expect(events(receipt, vault, "Harvested").length).to.equal(1);
      const [amountIn] = await swapOf(receipt, bonusPair!, await bonus.getAddress());
      expect(amountIn).to.equal(earned(window, staked));
      expect(await bonus.balanceOf(vault)).to.equal(0n);
    });

    it("a hook that bubbles the refusal: the bonus stays owed to the vault, FUR compounds, withdrawals go on, the next harvest takes it all", async function () {
      const { vault, farm, bonus, bonusPair, rewarder, pair, alice, attachedAt } =
        await loadFixture(reentrantBonusFixture);
      const bonusToken = bonus as unknown as ReentrantToken;
      await bonusToken.arm(vault, vault.interface.encodeFunctionData("deposit", [1n, alice.address]));
      const receipt = await sendAt(attachedAt + 3_600n, () => vault.harvest(0));
      // The rewarder's transfer to the vault reverts with the vault's lock error: it defers, at the
      // farm's harvest and again at the harvest's re-stake (the same amount: no time passed).
      const deferred = events(receipt, rewarder, "BonusDeferred");
      const v = await vault.getAddress();
      expect(deferred.map((e) => [e.args.user, e.args.recipient, e.args.amount])).to.deep.equal([
        [v, v, owed(3_600n)],
        [v, v, owed(3_600n)],
      ]);
      expect((await rewarder.userInfo(vault)).owed).to.equal(owed(3_600n));
      expect(await bonus.balanceOf(vault)).to.equal(0n);
      expect(events(receipt, vault, "Harvested")[0].args.assetsAdded).to.be.greaterThan(0n);

      // A withdrawal while armed: the rewarder defers again, the LP arrives.
      const lp = await pair.balanceOf(alice.address);
      const staked1 = (await farm.userInfo(0, vault)).amount;
      await sendAt(attachedAt + 3_700n, () =>
        vault.connect(alice).withdraw(E18, alice.address, alice.address),
      );
      expect((await pair.balanceOf(alice.address)) - lp).to.equal(E18);
      expect(await bonus.balanceOf(vault)).to.equal(0n);
      const owedThen = owed(3_600n) + earned(100n, staked1);
      expect((await rewarder.userInfo(vault)).owed).to.equal(owedThen);

      // Disarmed: everything owed since the attach arrives and is swapped.
      await bonusToken.arm(ethers.ZeroAddress, "0x");
      const at = attachedAt + 3_600n + 1_800n;
      const next = await sendAt(at, () => vault.harvest(0));
      const [amountIn] = await swapOf(next, bonusPair!, await bonus.getAddress());
      expect(amountIn).to.equal(owedThen + earned(at - attachedAt - 3_700n, staked1 - E18));
      expect((await rewarder.userInfo(vault)).owed).to.equal(0n);
    });
  });

  describe("a bonus token with no route", function () {
    it("stays in the vault (RewardKept), is sent nowhere, and is swapped once a pair to token0 exists and was observed TWAP_WINDOW ago", async function () {
      const f = await loadFixture(strayBonusFixture);
      const { vault, farm, bonus, rewarder, router, factory, token0, admin, alice, bob, attachedAt } = f;
      const stakeOfVault = async () => (await farm.userInfo(0, vault)).amount;
      const first = await sendAt(attachedAt + 3_600n, () => vault.harvest(0));
      expect(events(first, vault, "RewardKept").map((e) => [e.args.token, e.args.amount])).to.deep.equal([
        [await bonus.getAddress(), owed(3_600n)],
      ]);
      // The only movement of the token in the harvest: rewarder -> vault.
      expect(
        events(first, bonus, "Transfer").map((e) => [e.args.from, e.args.to, e.args.value]),
      ).to.deep.equal([[await rewarder.getAddress(), await vault.getAddress(), owed(3_600n)]]);
      const [tokens, amounts] = await vault.pendingRewards();
      expect([tokens[1], amounts[1]]).to.deep.equal([await bonus.getAddress(), owed(3_600n)]);

      // A withdrawal later: what the vault earned meanwhile joins the kept balance, alice gets LP only.
      const staked1 = await stakeOfVault();
      await sendAt(attachedAt + 3_700n, () =>
        vault.connect(alice).withdraw(E18, alice.address, alice.address),
      );
      let kept = owed(3_600n) + earned(100n, staked1);
      expect(await bonus.balanceOf(vault)).to.equal(kept);
      expect(await bonus.balanceOf(alice.address)).to.equal(0n);

      // A pair appears and is observed; within TWAP_WINDOW the harvest still keeps the token.
      await router.addLiquidity(bonus, token0, POOL_DEPTH, POOL_DEPTH, 0, 0, admin.address, DEADLINE);
      const stray: Pair = await ethers.getContractAt("Pair", await factory.getPair(bonus, token0));
      const observedAt = attachedAt + 3_800n;
      await expect(sendAt(observedAt, () => vault.observe()))
        .to.emit(vault, "ObservationRecorded")
        .withArgs(stray, observedAt);
      const window = await vault.TWAP_WINDOW();
      const earlyAt = observedAt + window - 1n;
      const early = await sendAt(earlyAt, () => vault.harvest(0));
      kept += earned(earlyAt - attachedAt - 3_700n, staked1 - E18);
      expect(events(early, vault, "RewardKept").map((e) => e.args.amount)).to.deep.equal([kept]);
      const staked2 = await stakeOfVault();

      // TWAP_WINDOW after the observation (and after the vault's last FUR sale): all of it is swapped.
      const at = observedAt + 2n * window;
      const [rIn, rOut] = await reservesOf(stray, await bonus.getAddress());
      const last = await sendAt(at, () => vault.harvest(0));
      expect(events(last, vault, "RewardKept")).to.deep.equal([]);
      const all = kept + earned(at - earlyAt, staked2);
      expect(await swapOf(last, stray, await bonus.getAddress())).to.deep.equal([
        all,
        getAmountOut(all, rIn, rOut),
      ]);
      expect(await bonus.balanceOf(vault)).to.equal(0n);
      for (const user of [admin, alice, bob])
        expect(await bonus.balanceOf(user.address)).to.equal(
          user === admin ? 9n * BONUS_FUNDING - POOL_DEPTH : 0n,
        );
    });
  });
});
