import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18 } from "../fixtures";
import { mineAt, now, sendAt } from "../../src/chain/time";
import { STAKING_PRECISION as P, STAKING_REWARD_DURATION as D, StakedFurModel } from "../../src/model";
import { stakingFixture } from "./fixture";
import type { Contract } from "ethers";
import { factoryOf } from "../../src/bench/peers/uniswap";
import { sushiArtifacts } from "../../src/bench/peers/sushiswap";
import type {
  BreakableToken,
  FeeOnTransferToken,
  HostilePair,
  IdleStakingRewards,
  StrictPayStakedFUR,
} from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
const DAY = 86_400n;

describe("StakedFUR", function () {
  describe("deployment", function () {
    it("wraps FUR 1:1 as sFUR with timestamp votes and the admin as owner", async function () {
      const { sfur, fur, admin, rewardA, rewardB } = await loadFixture(stakingFixture);
      expect(await sfur.name()).to.equal("Staked Furrow");
      expect(await sfur.symbol()).to.equal("sFUR");
      expect(await sfur.decimals()).to.equal(18n);
      expect(await sfur.underlying()).to.equal(await fur.getAddress());
      expect(await sfur.owner()).to.equal(admin.address);
      expect(await sfur.REWARD_DURATION()).to.equal(7n * DAY);
      expect(await sfur.PRECISION()).to.equal(10n ** 27n);
      expect(await sfur.MAX_REWARD_TOKENS()).to.equal(8n);
      expect(await sfur.CLOCK_MODE()).to.equal("mode=timestamp");
      expect(await sfur.clock()).to.equal(await now());
      expect(await sfur.rewardTokens()).to.deep.equal([
        await rewardA.getAddress(),
        await rewardB.getAddress(),
      ]);
    });
  });

  describe("#addRewardToken", function () {
    it("allow-lists FUR itself", async function () {
      const { sfur, fur } = await loadFixture(stakingFixture);
      await expect(sfur.addRewardToken(fur))
        .to.emit(sfur, "RewardTokenAdded")
        .withArgs(await fur.getAddress());
      expect(await sfur.isRewardToken(fur)).to.equal(true);
    });

    it("refuses callers other than the owner", async function () {
      const { sfur, fur, alice } = await loadFixture(stakingFixture);
      await expect(sfur.connect(alice).addRewardToken(fur))
        .to.be.revertedWithCustomError(sfur, "OwnableUnauthorizedAccount")
        .withArgs(alice.address);
    });

    it("refuses address(0), sFUR itself, a listed token and a ninth token", async function () {
      const { sfur, rewardA } = await loadFixture(stakingFixture);
      await expect(sfur.addRewardToken(ZERO))
        .to.be.revertedWithCustomError(sfur, "InvalidRewardToken")
        .withArgs(ZERO);
      await expect(sfur.addRewardToken(sfur))
        .to.be.revertedWithCustomError(sfur, "InvalidRewardToken")
        .withArgs(await sfur.getAddress());
      await expect(sfur.addRewardToken(rewardA))
        .to.be.revertedWithCustomError(sfur, "RewardTokenExists")
        .withArgs(await rewardA.getAddress());
      for (let i = 0; i < 6; i++)
        await sfur.addRewardToken(await ethers.deployContract("MockERC20", ["X", "X", 18]));
      const ninth = await ethers.deployContract("MockERC20", ["X", "X", 18]);
      await expect(sfur.addRewardToken(ninth))
        .to.be.revertedWithCustomError(sfur, "TooManyRewardTokens")
        .withArgs(8n);
      expect((await sfur.rewardTokens()).length).to.equal(8);
    });
  });

  describe("#notifyRewardAmount", function () {
    it("refuses a token that is not allow-listed and a zero amount, changing nothing", async function () {
      const { sfur, fur, rewardA } = await loadFixture(stakingFixture);
      await expect(sfur.notifyRewardAmount(fur, E18))
        .to.be.revertedWithCustomError(sfur, "NotRewardToken")
        .withArgs(await fur.getAddress());
      await expect(sfur.notifyRewardAmount(rewardA, 0))
        .to.be.revertedWithCustomError(sfur, "ZeroReward")
        .withArgs(await rewardA.getAddress());
      expect(await sfur.rewardStream(rewardA)).to.deep.equal([0n, 0n, 0n]);
    });

    it("lets anyone fund and streams amount * PRECISION / 7 days per second", async function () {
      const { sfur, rewardA, alice } = await loadFixture(stakingFixture);
      await rewardA.mint(alice.address, 1_000n * E18);
      await rewardA.connect(alice).approve(sfur, ethers.MaxUint256);
      const at = (await now()) + 10n;
      const rate = (1_000n * E18 * P) / D;
      await expect(sendAt(at, () => sfur.connect(alice).notifyRewardAmount(rewardA, 1_000n * E18)))
        .to.emit(sfur, "RewardNotified")
        .withArgs(await rewardA.getAddress(), alice.address, 1_000n * E18, rate, at + D);
      expect(await sfur.rewardStream(rewardA)).to.deep.equal([rate, at + D, 0n]);
      expect(await rewardA.balanceOf(sfur)).to.equal(1_000n * E18);
    });

    it("credits what a fee-on-transfer token delivered, not what was asked", async function () {
      const { sfur, admin } = await loadFixture(stakingFixture);
      const fot: FeeOnTransferToken = await ethers.deployContract("FeeOnTransferToken", [100]); // 1%
      await sfur.addRewardToken(fot);
      await fot.mint(admin.address, 1_000n * E18);
      await fot.approve(sfur, ethers.MaxUint256);
      const at = (await now()) + 10n;
      await expect(sendAt(at, () => sfur.notifyRewardAmount(fot, 1_000n * E18)))
        .to.emit(sfur, "RewardNotified")
        .withArgs(await fot.getAddress(), admin.address, 990n * E18, (990n * E18 * P) / D, at + D);
    });

    it("refuses an amount above 2^160 - 1 (RewardTooLarge)", async function () {
      const { sfur, rewardA, admin } = await loadFixture(stakingFixture);
      const max = 2n ** 160n - 1n;
      await rewardA.mint(admin.address, max + 1n);
      await expect(sfur.notifyRewardAmount(rewardA, max + 1n))
        .to.be.revertedWithCustomError(sfur, "RewardTooLarge")
        .withArgs(max + 1n, max);
    });

    it("rolls what is left of the current stream into the new one", async function () {
      const { sfur, rewardA, alice } = await loadFixture(stakingFixture);
      await sfur.connect(alice).depositFor(alice.address, 100n * E18);
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => sfur.notifyRewardAmount(rewardA, 700n * E18));
      const rate0 = (700n * E18 * P) / D;
      await sendAt(t0 + 3n * DAY, () => sfur.notifyRewardAmount(rewardA, 100n * E18));
      const rate1 = (100n * E18 * P + (D - 3n * DAY) * rate0) / D;
      const [rate, finish] = await sfur.rewardStream(rewardA);
      expect([rate, finish]).to.deep.equal([rate1, t0 + 3n * DAY + D]);
      // 400 left + 100 new = 500 over the next 7 days.
      expect(rate1 / 10n ** 9n).to.equal((500n * E18 * 10n ** 18n) / D);
    });
  });

  describe("#burnAndNotify (what a pair pays straight to sFUR; with a real pair in FeeCollector.test.ts)", function () {
    it("streams what arrived of both tokens, as a notify of each would, with the caller as funder", async function () {
      const { sfur, rewardA, rewardB, admin, alice, carol } = await loadFixture(stakingFixture);
      await sfur.connect(alice).depositFor(alice.address, 100n * E18);
      const pair: HostilePair = await ethers.deployContract("HostilePair", [rewardA, rewardB]);
      await rewardA.connect(admin).transfer(pair, 70n * E18);
      await rewardB.connect(admin).transfer(pair, 7n * 10n ** 6n);
      await pair.setGift(70n * E18, 7n * 10n ** 6n);
      const at = (await now()) + 10n;
      const tx = await sendAt(at, () => sfur.connect(carol).burnAndNotify(pair));
      await expect(tx.hash)
        .to.emit(sfur, "RewardNotified")
        .withArgs(await rewardA.getAddress(), carol.address, 70n * E18, (70n * E18 * P) / D, at + D);
      await expect(tx.hash)
        .to.emit(sfur, "RewardNotified")
        .withArgs(
          await rewardB.getAddress(),
          carol.address,
          7n * 10n ** 6n,
          (7n * 10n ** 6n * P) / D,
          at + D,
        );
      expect(await sfur.rewardStream(rewardB)).to.deep.equal([(7n * 10n ** 6n * P) / D, at + D, 0n]);
      // A day later alice, the only staker, has earned a day of each stream.
      await mineAt(at + DAY);
      expect(await sfur.earned(alice.address, rewardA)).to.equal((DAY * ((70n * E18 * P) / D)) / P);
    });

    it("streams only the token that arrived when the other did not", async function () {
      const { sfur, rewardA, rewardB, admin } = await loadFixture(stakingFixture);
      const pair: HostilePair = await ethers.deployContract("HostilePair", [rewardA, rewardB]);
      await rewardA.connect(admin).transfer(pair, 5n * E18);
      await pair.setGift(5n * E18, 0n);
      const tx = await sfur.burnAndNotify(pair);
      await expect(tx).to.emit(sfur, "RewardNotified");
      expect((await sfur.rewardStream(rewardA))[0]).to.equal((5n * E18 * P) / D);
      expect(await sfur.rewardStream(rewardB)).to.deep.equal([0n, 0n, 0n]);
    });

    it("credits what a fee-on-transfer token delivered, not what the pair sent", async function () {
      const { sfur, rewardA, admin } = await loadFixture(stakingFixture);
      const fot: FeeOnTransferToken = await ethers.deployContract("FeeOnTransferToken", [100]); // 1%
      await sfur.addRewardToken(fot);
      const pair: HostilePair = await ethers.deployContract("HostilePair", [fot, rewardA]);
      await fot.mint(await pair.getAddress(), 1_000n * E18);
      await pair.setGift(1_000n * E18, 0n);
      const at = (await now()) + 10n;
      await expect(sendAt(at, () => sfur.burnAndNotify(pair)))
        .to.emit(sfur, "RewardNotified")
        .withArgs(await fot.getAddress(), admin.address, 990n * E18, (990n * E18 * P) / D, at + D);
      expect(await fot.balanceOf(sfur)).to.equal(990n * E18);
    });

    it("refuses a pair with a token sFUR does not stream, or that pays nothing, changing nothing", async function () {
      const { sfur, fur, rewardA, rewardB } = await loadFixture(stakingFixture);
      const unlisted: HostilePair = await ethers.deployContract("HostilePair", [rewardA, fur]);
      await expect(sfur.burnAndNotify(unlisted))
        .to.be.revertedWithCustomError(sfur, "NotRewardToken")
        .withArgs(await fur.getAddress());
      const empty: HostilePair = await ethers.deployContract("HostilePair", [rewardA, rewardB]);
      await empty.setNothing();
      await expect(sfur.burnAndNotify(empty))
        .to.be.revertedWithCustomError(sfur, "ZeroReward")
        .withArgs(await rewardA.getAddress());
      expect(await sfur.rewardStream(rewardA)).to.deep.equal([0n, 0n, 0n]);
    });

    it("refuses a 'pair' naming one token twice: one receipt is never streamed as two", async function () {
      // Without the check, 10 A sent once would be measured by both balances and streamed as 20 A,
      // more than sFUR holds: the last claims of A would fail.
      const { sfur, rewardA, admin } = await loadFixture(stakingFixture);
      const pair: HostilePair = await ethers.deployContract("HostilePair", [rewardA, rewardA]);
      await rewardA.connect(admin).transfer(pair, 10n * E18);
      await pair.setGift(10n * E18, 0n);
      await expect(sfur.burnAndNotify(pair))
        .to.be.revertedWithCustomError(sfur, "InvalidRewardToken")
        .withArgs(await rewardA.getAddress());
      expect(await rewardA.balanceOf(sfur)).to.equal(0n);
      expect(await sfur.rewardStream(rewardA)).to.deep.equal([0n, 0n, 0n]);
    });

    it("a 'pair' that stakes FUR during its burn is refused by the lock: the stake is never counted as reward", async function () {
      // Without the lock on depositFor, 100 FUR staked from inside burn would raise sFUR's FUR balance
      // by 100 and be streamed as 100 FUR of reward while also backing 100 new sFUR: 100 FUR short.
      const { sfur, fur, rewardA, admin, alice } = await loadFixture(stakingFixture);
      await sfur.connect(admin).addRewardToken(fur);
      await sfur.connect(alice).depositFor(alice.address, 100n * E18);
      const pair: HostilePair = await ethers.deployContract("HostilePair", [fur, rewardA]);
      await fur.mint(await pair.getAddress(), 100n * E18);
      await pair.setDeposit(sfur, fur, 100n * E18);
      await expect(sfur.burnAndNotify(pair)).to.be.revertedWithCustomError(
        sfur,
        "ReentrancyGuardReentrantCall",
      );
      expect(await fur.balanceOf(sfur)).to.equal(await sfur.totalSupply());
      expect(await sfur.rewardStream(fur)).to.deep.equal([0n, 0n, 0n]);
      expect(await sfur.balanceOf(pair)).to.equal(0n);
    });
  });

  describe("streaming", function () {
    it("splits each second by balance, in every reward token, exactly as the model", async function () {
      const { sfur, rewardA, rewardB, alice, bob } = await loadFixture(stakingFixture);
      const m = new StakedFurModel();
      const [A, B] = [await rewardA.getAddress(), await rewardB.getAddress()];
      m.addRewardToken(A);
      m.addRewardToken(B);
      let t = (await now()) + 10n;
      await sendAt(t, () => sfur.connect(alice).depositFor(alice.address, 300n * E18));
      m.deposit(alice.address, 300n * E18, t);
      await sendAt((t += 100n), () => sfur.notifyRewardAmount(rewardA, 7_000n * E18));
      m.notify(A, 7_000n * E18, t);
      await sendAt((t += 1_000n), () => sfur.notifyRewardAmount(rewardB, 1_234_567n));
      m.notify(B, 1_234_567n, t);
      await sendAt((t += DAY), () => sfur.connect(bob).depositFor(bob.address, 100n * E18));
      m.deposit(bob.address, 100n * E18, t);
      await mineAt((t += DAY));
      for (const who of [alice.address, bob.address])
        for (const token of [A, B]) expect(await sfur.earned(who, token)).to.equal(m.earned(who, token, t));
      // By hand: A pays 1,000 a day; alice alone for a day and 1,000 s, then 3/4 of the next day.
      const perSecond = (7_000n * E18 * P) / D;
      const aliceA = ((DAY + 1_000n) * perSecond) / (300n * E18) + (DAY * perSecond) / (400n * E18);
      expect(await sfur.earned(alice.address, A)).to.equal((300n * E18 * aliceA) / P);
    });

    it("never loses what is notified while nobody stakes: it streams in full from the first stake", async function () {
      const { sfur, rewardA, alice } = await loadFixture(stakingFixture);
      const t = (await now()) + 10n;
      await sendAt(t, () => sfur.notifyRewardAmount(rewardA, 700n * E18));
      await sendAt(t + 10n * DAY, () => sfur.connect(alice).depositFor(alice.address, 5n * E18));
      expect((await sfur.rewardStream(rewardA))[1]).to.equal(t + 10n * DAY + D);
      await mineAt(t + 30n * DAY);
      const rate = (700n * E18 * P) / D;
      const earned = (5n * E18 * ((D * rate) / (5n * E18))) / P;
      expect(await sfur.earned(alice.address, rewardA)).to.equal(earned);
      expect(700n * E18 - earned).to.be.lessThanOrEqual(2n); // the notify's and the accrual's floors
      await sfur.connect(alice).getReward();
      expect(await rewardA.balanceOf(alice.address)).to.equal(earned);
    });

    it("pauses a stream whose stakers all left and resumes it with the next stake", async function () {
      const { sfur, rewardA, alice, bob } = await loadFixture(stakingFixture);
      const m = new StakedFurModel();
      const A = await rewardA.getAddress();
      m.addRewardToken(A);
      let t = (await now()) + 10n;
      await sendAt(t, () => sfur.connect(alice).depositFor(alice.address, 10n * E18));
      m.deposit(alice.address, 10n * E18, t);
      await sendAt((t += 1n), () => sfur.notifyRewardAmount(rewardA, 700n * E18));
      m.notify(A, 700n * E18, t);
      await sendAt((t += 2n * DAY), () => sfur.connect(alice).withdrawTo(alice.address, 10n * E18));
      m.withdraw(alice.address, 10n * E18, t);
      await sendAt((t += 20n * DAY), () => sfur.connect(bob).depositFor(bob.address, E18));
      m.deposit(bob.address, E18, t);
      await mineAt((t += 30n * DAY));
      const alicePart = m.earned(alice.address, A, t);
      const bobPart = m.earned(bob.address, A, t);
      expect(await sfur.earned(alice.address, A)).to.equal(alicePart);
      expect(await sfur.earned(bob.address, A)).to.equal(bobPart);
      expect(alicePart).to.be.closeTo(200n * E18, 1n);
      expect(bobPart).to.be.closeTo(500n * E18, 1n);
      expect(700n * E18 - alicePart - bobPart).to.be.lessThanOrEqual(m.streams.get(A)!.roundings);
    });

    describe("a proof: Synthetix StakingRewards (IdleStakingRewards mock) loses the same idle days", function () {
      it("strands what streamed while nobody staked", async function () {
        const { fur, rewardA, admin, alice } = await loadFixture(stakingFixture);
        const idle: IdleStakingRewards = await ethers.deployContract("IdleStakingRewards", [fur, rewardA]);
        await rewardA.approve(idle, ethers.MaxUint256);
        const t = (await now()) + 10n;
        await sendAt(t, () => idle.connect(admin).notifyRewardAmount(700n * E18, D));
        await fur.connect(alice).approve(idle, ethers.MaxUint256);
        await sendAt(t + 2n * DAY, () => idle.connect(alice).stake(5n * E18));
        await mineAt(t + 30n * DAY);
        // Two of seven days paid nobody: 200 RA stay in the contract for good.
        expect(await idle.earned(alice.address)).to.be.closeTo(500n * E18, E18 / 1000n);
      });
    });
  });

  describe("a just-in-time stake around a notify", function () {
    it("earns only its time-weighted share: 12 s of 7 days, not half the notify", async function () {
      const { sfur, rewardA, alice, bob } = await loadFixture(stakingFixture);
      const t = (await now()) + 10n;
      await sendAt(t, () => sfur.connect(alice).depositFor(alice.address, 100n * E18));
      await sendAt(t + 100n, () => sfur.connect(bob).depositFor(bob.address, 100n * E18));
      await sendAt(t + 101n, () => sfur.notifyRewardAmount(rewardA, 700n * E18));
      await sendAt(t + 113n, () => sfur.connect(bob).withdrawTo(bob.address, 100n * E18));
      const rate = (700n * E18 * P) / D;
      const bobShare = (100n * E18 * ((12n * rate) / (200n * E18))) / P;
      expect(await sfur.earned(bob.address, rewardA)).to.equal(bobShare);
      expect(bobShare).to.be.lessThan((700n * E18) / 100_000n);
    });

    it("a proof: SushiBar (xSUSHI, a balance difference) hands the same stake half the payout at once", async function () {
      const { admin, alice, bob } = await loadFixture(stakingFixture);
      const artifacts = sushiArtifacts();
      const sushi = (await factoryOf(artifacts.SushiToken, admin).deploy()) as Contract;
      const bar = (await factoryOf(artifacts.SushiBar, admin).deploy(await sushi.getAddress())) as Contract;
      for (const who of [alice, bob]) {
        await sushi.mint(who.address, 100n * E18);
        await (sushi.connect(who) as Contract).approve(await bar.getAddress(), ethers.MaxUint256);
      }
      await (bar.connect(alice) as Contract).enter(100n * E18);
      await (bar.connect(bob) as Contract).enter(100n * E18); // just before the fees
      await sushi.mint(await bar.getAddress(), 700n * E18); // SushiMaker's payout
      await (bar.connect(bob) as Contract).leave(100n * E18);
      expect(await sushi.balanceOf(bob.address)).to.equal(450n * E18); // 100 back + 350 of the 700
    });
  });

  describe("transfers", function () {
    it("settle both sides: earned rewards stay with the sender (the Popsicle bug)", async function () {
      const { sfur, rewardA, alice, bob } = await loadFixture(stakingFixture);
      let t = (await now()) + 10n;
      await sendAt(t, () => sfur.connect(alice).depositFor(alice.address, 10n * E18));
      await sendAt((t += 1n), () => sfur.notifyRewardAmount(rewardA, 700n * E18));
      const rate = (700n * E18 * P) / D;
      await sendAt((t += DAY), () => sfur.connect(alice).transfer(bob.address, 10n * E18));
      const aliceEarned = (10n * E18 * ((DAY * rate) / (10n * E18))) / P;
      await mineAt((t += DAY));
      expect(await sfur.earned(alice.address, rewardA)).to.equal(aliceEarned);
      expect(await sfur.earned(bob.address, rewardA)).to.equal(
        (10n * E18 * ((DAY * rate) / (10n * E18))) / P,
      );
    });

    it("moves votes with the delegated balance", async function () {
      const { sfur, alice, bob } = await loadFixture(stakingFixture);
      await sfur.connect(alice).depositFor(alice.address, 10n * E18);
      await sfur.connect(alice).delegate(alice.address);
      await sfur.connect(bob).delegate(bob.address);
      await sfur.connect(alice).transfer(bob.address, 4n * E18);
      expect(await sfur.getVotes(alice.address)).to.equal(6n * E18);
      expect(await sfur.getVotes(bob.address)).to.equal(4n * E18);
    });
  });

  describe("#getReward", function () {
    /** alice staked 10 sFUR; 700 RA and 700 BRK notified a second apart; a day passed. With the model. */
    async function twoTokenStake() {
      const f = await stakingFixture();
      const brk: BreakableToken = await ethers.deployContract("BreakableToken");
      await f.sfur.addRewardToken(brk);
      await brk.mint(f.admin.address, 1_000n * E18);
      await brk.approve(f.sfur, ethers.MaxUint256);
      const [A, K] = [await f.rewardA.getAddress(), await f.rewardB.getAddress()];
      const BRK = await brk.getAddress();
      const t0 = (await now()) + 10n;
      await sendAt(t0, () => f.sfur.connect(f.alice).depositFor(f.alice.address, 10n * E18));
      await sendAt(t0 + 1n, () => f.sfur.notifyRewardAmount(f.rewardA, 700n * E18));
      await sendAt(t0 + 2n, () => f.sfur.notifyRewardAmount(brk, 700n * E18));
      // A fresh model per test (loadFixture hands every test the same objects).
      const model = () => {
        const m = new StakedFurModel();
        for (const token of [A, K, BRK]) m.addRewardToken(token);
        m.deposit(f.alice.address, 10n * E18, t0);
        m.notify(A, 700n * E18, t0 + 1n);
        m.notify(BRK, 700n * E18, t0 + 2n);
        return m;
      };
      return { ...f, brk, model, t: t0 + 2n + DAY, A, BRK };
    }

    it("pays every token and zeroes what is owed", async function () {
      const { sfur, rewardA, brk, alice, model, t, A, BRK } = await loadFixture(twoTokenStake);
      const m = model();
      const paid = m.getReward(alice.address, t);
      await expect(sendAt(t, () => sfur.connect(alice).getReward()))
        .to.emit(sfur, "RewardPaid")
        .withArgs(alice.address, A, paid.get(A)!);
      expect(await rewardA.balanceOf(alice.address)).to.equal(paid.get(A)!);
      expect(await brk.balanceOf(alice.address)).to.equal(paid.get(BRK)!);
      expect(paid.get(A)!).to.be.closeTo(100n * E18 + (700n * E18) / D, 2n); // a day and a second
      expect(await sfur.earned(alice.address, rewardA)).to.equal(0n);
      expect(await sfur.earned(alice.address, brk)).to.equal(0n);
    });

    for (const [mode, name] of [
      [1, "reverts"],
      [2, "returns false"],
      [3, "burns all its gas"],
    ] as const) {
      it(`pays the other tokens when one ${name}, and keeps that one owed`, async function () {
        const { sfur, rewardA, brk, alice, model, t, A, BRK } = await loadFixture(twoTokenStake);
        const m = model();
        await brk.setMode(mode);
        const paid = m.getReward(alice.address, t, new Set([BRK]));
        const kept = m.earned(alice.address, BRK, t);
        await expect(sendAt(t, () => sfur.connect(alice).getReward({ gasLimit: 2_000_000 })))
          .to.emit(sfur, "RewardPaymentFailed")
          .withArgs(alice.address, BRK, kept);
        expect(await rewardA.balanceOf(alice.address)).to.equal(paid.get(A)!);
        expect(await sfur.earned(alice.address, brk)).to.equal(kept);
        await brk.setMode(0);
        const later = m.getReward(alice.address, t + 10n);
        await sendAt(t + 10n, () => sfur.connect(alice).getReward());
        expect(await brk.balanceOf(alice.address)).to.equal(later.get(BRK)!);
        expect(later.get(BRK)!).to.be.greaterThan(kept);
      });
    }

    it("a proof: with a reverting payment (StrictPayStakedFUR mock) one bad token blocks every token", async function () {
      const { fur, rewardA, admin, alice } = await loadFixture(stakingFixture);
      const strict: StrictPayStakedFUR = await ethers.deployContract("StrictPayStakedFUR", [
        fur,
        admin.address,
      ]);
      const brk: BreakableToken = await ethers.deployContract("BreakableToken");
      for (const r of [rewardA, brk]) await strict.addRewardToken(r);
      await brk.mint(admin.address, 700n * E18);
      await brk.approve(strict, ethers.MaxUint256);
      await rewardA.approve(strict, ethers.MaxUint256);
      await fur.connect(alice).approve(strict, ethers.MaxUint256);
      await strict.connect(alice).depositFor(alice.address, 10n * E18);
      await strict.notifyRewardAmount(rewardA, 700n * E18);
      await strict.notifyRewardAmount(brk, 700n * E18);
      await time.increase(DAY);
      await brk.setMode(1);
      await expect(strict.connect(alice).getReward()).to.be.revertedWithCustomError(brk, "Broken");
      expect(await rewardA.balanceOf(alice.address)).to.equal(0n);
    });
  });

  describe("wrapping", function () {
    it("keeps sFUR supply equal to the FUR it holds through deposits and withdrawals", async function () {
      const { sfur, fur, alice, bob } = await loadFixture(stakingFixture);
      await sfur.connect(alice).depositFor(bob.address, 7n * E18);
      await sfur.connect(bob).withdrawTo(alice.address, 3n * E18);
      expect(await sfur.balanceOf(bob.address)).to.equal(4n * E18);
      expect(await sfur.totalSupply()).to.equal(await fur.balanceOf(sfur));
      await expect(sfur.connect(bob).withdrawTo(bob.address, 5n * E18))
        .to.be.revertedWithCustomError(sfur, "ERC20InsufficientBalance")
        .withArgs(bob.address, 4n * E18, 5n * E18);
    });
  });
});
