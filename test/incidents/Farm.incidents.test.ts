// Issue 9.8, the farm half of the incident suite: one `describe` per historical incident. Each runs
// the scenario against Furrow's Farm (the defended values) and against a copy with the historical bug
// in contracts/mocks/incidents/ (the wrong values), so every test is shown once to be able to fail.
// LegacyMasterChef is the first MasterChef's mechanism on a timestamp clock; the others are minimal
// reproductions of one contract each. Amounts are in wei; E18 = 1 token.
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import type { ContractTransactionResponse, Interface } from "ethers";
import { E18, FARM_USER_BALANCE, farmFixture } from "../fixtures";
import { FARM_MUTATING, mutatingFunctions } from "../helpers/abi";
import { executionGas, mineAt, sendAt } from "../../src/chain/time";
import type {
  DrainingMigrator,
  Farm,
  FeeOnTransferToken,
  GrimVault,
  IdleStakingRewards,
  LegacyMasterChef,
  MockERC20,
  ReceiptChef,
  ReenteringToken,
  StaleStructChef,
  UncheckpointedShares,
} from "../../typechain-types";

const ZERO = ethers.ZeroAddress;
const MAX = ethers.MaxUint256;
const PANIC_DIVISION_BY_ZERO = 0x12;

/** Sends every transaction of `txs` (in order) into one block mined at `at`. */
async function sameBlock(at: bigint, txs: (() => Promise<ContractTransactionResponse>)[]) {
  await ethers.provider.send("evm_setAutomine", [false]);
  const sent: ContractTransactionResponse[] = [];
  try {
    for (const tx of txs) sent.push(await tx());
    await ethers.provider.send("evm_mine", [Number(at)]);
  } finally {
    await ethers.provider.send("evm_setAutomine", [true]);
  }
  for (const tx of sent) await tx.wait();
}

/** What an ERC-20 receipt or share token needs; a farm position that has none cannot be moved. */
const ERC20_ENTRY_POINTS = ["approve", "balanceOf", "totalSupply", "transfer", "transferFrom"];

/** Which of the ERC-20 entry points an ABI has, sorted. */
function erc20EntryPoints(iface: Interface): string[] {
  const names: string[] = [];
  iface.forEachFunction((f) => {
    if (ERC20_ENTRY_POINTS.includes(f.name)) names.push(f.name);
  });
  return names.sort();
}

/**
 * farmFixture plus LegacyMasterChef (owned by admin) paying 1 OLD/s, minted on update; alice, bob,
 * carol and dave approved lpA and lpB to it too. `t0` = startTime + 1,000 for both farms.
 */
async function legacyFixture() {
  const f = await farmFixture();
  const reward: MockERC20 = await ethers.deployContract("MockERC20", ["Old reward", "OLD", 18]);
  const chef: LegacyMasterChef = await ethers.deployContract("LegacyMasterChef", [reward, E18]);
  for (const user of [f.alice, f.bob, f.carol, f.dave]) {
    await f.lpA.connect(user).approve(chef, MAX);
    await f.lpB.connect(user).approve(chef, MAX);
  }
  return { ...f, reward, chef, t0: f.startTime + 1_000n };
}

// ---------------------------------------------------------------------------------------------

describe("Sushi migrator", function () {
  // MasterChef's owner could set a migrator that `migrate(pid)` approved for the pool's whole balance:
  // a migrator that keeps the tokens and reports the same balance takes all 200 LP staked here.
  // Furrow's farm has no migrator, and no owner function moves a stake: the 200 LP stay put.

  it("Farm: no migrate entry point, and every owner function at its worst leaves the 200 LP staked", async function () {
    const { farm, lpA, lpB, alice, bob, carol, t0 } = await loadFixture(legacyFixture);
    expect(mutatingFunctions(farm.interface)).to.deep.equal(FARM_MUTATING);
    await farm.add(100, lpA, ZERO);
    await sendAt(t0, () => farm.connect(alice).deposit(0, 100n * E18, alice.address));
    await farm.connect(bob).deposit(0, 100n * E18, bob.address);
    await farm.add(2n ** 32n - 1n, lpB, ZERO);
    await farm.set(0, 0, ZERO, true);
    await farm.setRewardPerSecond(100n * E18);
    await farm.setRewardPerSecond(0);
    await farm.transferOwnership(carol.address);
    await farm.connect(carol).acceptOwnership();
    await farm.connect(carol).renounceOwnership();
    expect(await farm.owner()).to.equal(ZERO);
    expect(await lpA.balanceOf(farm)).to.equal(200n * E18);
    await farm.connect(alice).withdraw(0, 100n * E18, alice.address);
    await farm.connect(bob).emergencyWithdraw(0, bob.address);
    expect(await lpA.balanceOf(alice.address)).to.equal(FARM_USER_BALANCE);
    expect(await lpA.balanceOf(bob.address)).to.equal(FARM_USER_BALANCE);
  });

  it("LegacyMasterChef (historical): the migrator takes all 200 LP and the stakers cannot withdraw", async function () {
    const { chef, lpA, alice, bob, signers } = await loadFixture(legacyFixture);
    expect(mutatingFunctions(chef.interface).filter((n) => /migrat/i.test(n))).to.deep.equal([
      "migrate",
      "setMigrator",
    ]);
    await chef.add(100, lpA, false);
    await chef.connect(alice).deposit(0, 100n * E18);
    await chef.connect(bob).deposit(0, 100n * E18);
    const thief = signers[9];
    const migrator: DrainingMigrator = await ethers.deployContract("DrainingMigrator", [], thief);
    await chef.setMigrator(migrator);
    await chef.connect(thief).migrate(0);
    expect(await lpA.balanceOf(thief.address)).to.equal(200n * E18);
    expect(await lpA.balanceOf(chef)).to.equal(0n);
    await expect(chef.connect(alice).withdraw(0, 100n * E18)).to.be.reverted;
    await expect(chef.connect(bob).emergencyWithdraw(0)).to.be.reverted;
  });
});

// ---------------------------------------------------------------------------------------------

describe("Duplicate LP pool", function () {
  // MasterChef's `add` accepted a token that had a pool: both pools divide by the same balance, so
  // 100 LP in each earn 25 + 25 of the 100 emitted in 100 s; Furrow refuses the second pool and pays 50 + 50.

  it("Farm: a second pool for lpA reverts with PoolExists and changes nothing; the stakers get 50 + 50", async function () {
    const { farm, token, lpA, alice, bob, t0 } = await loadFixture(legacyFixture);
    await farm.add(100, lpA, ZERO);
    await expect(farm.add(100, lpA, ZERO))
      .to.be.revertedWithCustomError(farm, "PoolExists")
      .withArgs(lpA);
    expect(await farm.poolLength()).to.equal(1n);
    expect(await farm.totalAllocPoint()).to.equal(100n);
    await sameBlock(t0, [
      () => farm.connect(alice).deposit(0, 100n * E18, alice.address, { gasLimit: 1_000_000 }),
      () => farm.connect(bob).deposit(0, 100n * E18, bob.address, { gasLimit: 1_000_000 }),
    ]);
    await sameBlock(t0 + 100n, [
      () => farm.connect(alice).harvest(0, alice.address, { gasLimit: 1_000_000 }),
      () => farm.connect(bob).harvest(0, bob.address, { gasLimit: 1_000_000 }),
    ]);
    expect(await token.balanceOf(alice.address)).to.equal(50n * E18);
    expect(await token.balanceOf(bob.address)).to.equal(50n * E18);
  });

  it("LegacyMasterChef (historical): two lpA pools share one balance; 25 + 25 paid, 50 OLD stranded", async function () {
    const { chef, reward, lpA, alice, bob, t0 } = await loadFixture(legacyFixture);
    await chef.add(100, lpA, false);
    await chef.add(100, lpA, false);
    // Both pools start at t0 (an update first: each would count the other's stake from its add on).
    await sameBlock(t0, [
      () => chef.massUpdatePools({ gasLimit: 1_000_000 }),
      () => chef.connect(alice).deposit(0, 100n * E18, { gasLimit: 1_000_000 }),
      () => chef.connect(bob).deposit(1, 100n * E18, { gasLimit: 1_000_000 }),
    ]);
    await sameBlock(t0 + 100n, [
      () => chef.connect(alice).withdraw(0, 0, { gasLimit: 1_000_000 }),
      () => chef.connect(bob).withdraw(1, 0, { gasLimit: 1_000_000 }),
    ]);
    // Each pool minted 50 and divided it by 200 LP: 50 * 100 / 200 = 25 per staker.
    expect(await reward.balanceOf(alice.address)).to.equal(25n * E18);
    expect(await reward.balanceOf(bob.address)).to.equal(25n * E18);
    expect(await reward.balanceOf(chef)).to.equal(50n * E18);
  });
});

// ---------------------------------------------------------------------------------------------

/** legacyFixture plus a 10% fee-on-transfer token that alice, bob and carol hold 10,000 of. */
async function fotFixture() {
  const f = await legacyFixture();
  const fot: FeeOnTransferToken = await ethers.deployContract("FeeOnTransferToken", [1_000]);
  for (const user of [f.alice, f.bob, f.carol]) {
    await fot.mint(user.address, 10_000n * E18);
    await fot.connect(user).approve(f.farm, MAX);
    await fot.connect(user).approve(f.chef, MAX);
  }
  return { ...f, fot };
}

describe("Zabu fee-on-transfer drain", function () {
  // A farm that credits `amount` for a fee-on-transfer deposit owes more than it holds: each
  // deposit-withdraw round of 1,000 takes 100 of others' stake (Zabu's attacker drained its pool this way).
  // Furrow credits what arrived (900 of 1,000), so nine rounds leave alice's 900 whole.

  it("Farm: credits 900 per 1,000; after nine rounds by bob it still holds alice's 900 and every exit works", async function () {
    const { farm, fot, alice, bob, carol } = await loadFixture(fotFixture);
    await farm.add(100, fot, ZERO);
    await farm.connect(alice).deposit(0, 1_000n * E18, alice.address);
    expect((await farm.userInfo(0, alice.address)).amount).to.equal(900n * E18);
    for (let round = 0; round < 9; round++) {
      await farm.connect(bob).deposit(0, 1_000n * E18, bob.address);
      await farm.connect(bob).withdraw(0, 900n * E18, bob.address);
    }
    expect(await fot.balanceOf(farm)).to.equal(900n * E18);
    expect((await farm.poolInfo(0)).totalStaked).to.equal(900n * E18);
    // bob paid 1,000 and got 810 back per round.
    expect(await fot.balanceOf(bob.address)).to.equal(10_000n * E18 - 9n * 190n * E18);
    await farm.connect(carol).deposit(0, 1_000n * E18, carol.address);
    await farm.connect(alice).emergencyWithdraw(0, alice.address);
    await farm.connect(carol).withdrawAndHarvest(0, 900n * E18, carol.address);
    // Each got 900 less the token's 10% on the way out.
    expect(await fot.balanceOf(alice.address)).to.equal(9_810n * E18);
    expect(await fot.balanceOf(carol.address)).to.equal(9_810n * E18);
    expect(await fot.balanceOf(farm)).to.equal(0n);
    expect((await farm.poolInfo(0)).totalStaked).to.equal(0n);
  });

  it("LegacyMasterChef (historical): credits 1,000 per 1,000; nine rounds empty the pool and alice is stuck", async function () {
    const { chef, fot, alice, bob } = await loadFixture(fotFixture);
    await chef.add(100, fot, false);
    await chef.connect(alice).deposit(0, 1_000n * E18);
    expect((await chef.userInfo(0, alice.address)).amount).to.equal(1_000n * E18);
    for (let round = 0; round < 9; round++) {
      await chef.connect(bob).deposit(0, 1_000n * E18);
      await chef.connect(bob).withdraw(0, 1_000n * E18);
    }
    expect(await fot.balanceOf(chef)).to.equal(0n);
    // The token's fee (100) is the first thing the chef cannot pay.
    await expect(chef.connect(alice).emergencyWithdraw(0))
      .to.be.revertedWithCustomError(fot, "ERC20InsufficientBalance")
      .withArgs(await chef.getAddress(), 0n, 100n * E18);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Reward token == staked token", function () {
  // MasterChef took a pool's stake from `balanceOf(this)`, which also holds minted, unpaid rewards when
  // the reward token is the pool's token: 100 staked looked like 125, and alice earned 40 instead of 50.
  // Furrow counts stakes apart from the FUR it holds for emission: alice earns exactly 50.

  it("Farm: FUR staked in a FUR pool earns its exact share, and stake and emission never mix", async function () {
    const { farm, token, lpA, alice, bob, t0 } = await loadFixture(legacyFixture);
    await token.mint(alice.address, 1_000n * E18);
    await token.connect(alice).approve(farm, MAX);
    await farm.add(100, lpA, ZERO);
    await farm.add(100, token, ZERO);
    await sameBlock(t0, [
      () => farm.connect(alice).deposit(1, 100n * E18, alice.address, { gasLimit: 1_000_000 }),
      () => farm.connect(bob).deposit(0, 100n * E18, bob.address, { gasLimit: 1_000_000 }),
    ]);
    await sendAt(t0 + 50n, () => farm.updatePool(0));
    // The farm now holds a day of emission ahead besides alice's stake; the pool counts the stake only.
    expect(await token.balanceOf(farm)).to.be.greaterThan(86_400n * E18);
    expect((await farm.poolInfo(1)).totalStaked).to.equal(100n * E18);
    await sendAt(t0 + 100n, () => farm.connect(alice).withdrawAndHarvest(1, 100n * E18, alice.address));
    // Half of 1 FUR/s for 100 s, plus the stake back.
    expect(await token.balanceOf(alice.address)).to.equal(1_050n * E18);
  });

  it("LegacyMasterChef (historical): bob's 25 unpaid OLD counted as stake; alice got 40", async function () {
    const { chef, reward, lpA, alice, bob, t0 } = await loadFixture(legacyFixture);
    await reward.mint(alice.address, 1_000n * E18);
    await reward.connect(alice).approve(chef, MAX);
    await chef.add(100, lpA, false);
    await chef.add(100, reward, false);
    await sameBlock(t0, [
      () => chef.connect(alice).deposit(1, 100n * E18, { gasLimit: 1_000_000 }),
      () => chef.connect(bob).deposit(0, 100n * E18, { gasLimit: 1_000_000 }),
    ]);
    await sendAt(t0 + 50n, () => chef.updatePool(0)); // mints bob's 25 into the chef
    await sendAt(t0 + 100n, () => chef.connect(alice).withdraw(1, 100n * E18));
    // Pool 1 minted 50 and divided it by 125: 100 * 50 / 125 = 40.
    expect(await reward.balanceOf(alice.address)).to.equal(1_040n * E18);
  });
});

// ---------------------------------------------------------------------------------------------

describe("massUpdatePools gas DoS", function () {
  // MasterChef's `add(.., withUpdate)` and `set` update every pool in one loop: their gas grows with
  // the pool count until they cannot fit a block. Furrow's add and set are O(1): the gas of the 41st
  // add equals the 2nd's, and set's is the same at 2 pools and 41.

  it("Farm: add and set cost the same gas at 2 pools and at 41", async function () {
    const { farm, lpA, alice, t0 } = await loadFixture(legacyFixture);
    await farm.add(100, lpA, ZERO);
    await sendAt(t0, () => farm.connect(alice).deposit(0, 100n * E18, alice.address));
    // Farm.add never calls the token: any non-zero address lists a pool.
    const token = (i: number) => ethers.getAddress(ethers.toBeHex(0x1000 + i, 20));
    const addGas: bigint[] = [];
    const setGas: bigint[] = [];
    for (let i = 1; i <= 40; i++) {
      const receipt = await sendAt(t0 + BigInt(2 * i), () => farm.add(100, token(i), ZERO));
      if (i === 1 || i === 40) {
        addGas.push(await executionGas(receipt));
        const set = await sendAt(t0 + BigInt(2 * i + 1), () => farm.set(0, 100 + i, ZERO, false));
        setGas.push(await executionGas(set));
      }
    }
    expect(await farm.poolLength()).to.equal(41n);
    expect(addGas[1]).to.equal(addGas[0]);
    expect(setGas[1]).to.equal(setGas[0]);
  });

  it("LegacyMasterChef (historical): each pool adds the same gas to add(.., true), without bound", async function () {
    const { chef, lpA } = await loadFixture(legacyFixture);
    const gas: bigint[] = [];
    for (let i = 1; i <= 41; i++) {
      const receipt = (await (await chef.add(100, lpA, true)).wait())!;
      gas.push(await executionGas(receipt));
    }
    // gas[n] is the add that finds n pools to update (from the 2nd pool on: warm token, same writes).
    const perPool = gas[21] - gas[20];
    // 8,446 here: two cold reads of the pool, the token's balanceOf, one write of lastRewardTime.
    expect(perPool).to.be.within(8_000n, 9_000n);
    // Linear: 20 more pools cost 20 times that (the measured steps differ by at most 1 gas).
    const drift = gas[40] - gas[20] - 20n * perPool;
    expect(drift < 0n ? -drift : drift).to.be.lessThan(100n);
    // At that rate no add fits a 30,000,000-gas block once the chef has about 3,550 pools.
    expect(30_000_000n / perPool).to.be.lessThan(3_750n);
  });
});

// ---------------------------------------------------------------------------------------------

/** A Farm and a LegacyMasterChef paying 1,000 wei per second; alice holds 1,000,000 LP (1e24 wei). */
async function tinyRateFixture() {
  const f = await legacyFixture();
  const farm: Farm = await ethers.deployContract("Farm", [f.token, 1_000n, f.startTime, f.admin.address]);
  await f.token.grantRole(await f.token.MINTER_ROLE(), farm);
  await f.lpA.connect(f.alice).approve(farm, MAX);
  const chef: LegacyMasterChef = await ethers.deployContract("LegacyMasterChef", [f.reward, 1_000n]);
  await f.lpA.connect(f.alice).approve(chef, MAX);
  return { ...f, tinyFarm: farm, tinyChef: chef };
}

describe("1e12 precision loss", function () {
  // MasterChef scales its per-share index by 1e12: 1,000 wei/s over 1,000,000 LP (1e24 wei) adds
  // 1,000 * 1e12 / 1e24 = 0 per update, so an update every second pays 0 of the 10,000 wei emitted.
  // Furrow's index is scaled by 1e30: each second adds 1e9 and alice earns exactly 10,000 wei.

  it("Farm: 1,000 wei/s over 1e24 staked, updated every second, pays alice all 10,000 wei", async function () {
    const { tinyFarm: farm, lpA, alice, bob, t0 } = await loadFixture(tinyRateFixture);
    await farm.add(100, lpA, ZERO);
    await sendAt(t0, () => farm.connect(alice).deposit(0, 1_000_000n * E18, alice.address));
    for (let s = 1n; s <= 10n; s++) await sendAt(t0 + s, () => farm.connect(bob).updatePool(0));
    // acc moves by 100 * 1e19 * 1e12 / 1e24 = 1e9 a second.
    expect((await farm.poolInfo(0)).accRewardPerShare).to.equal(10n ** 10n);
    expect(await farm.pendingReward(0, alice.address)).to.equal(10_000n);
  });

  it("LegacyMasterChef (historical): the same updates leave the index at 0 and alice at 0 wei", async function () {
    const { tinyChef: chef, reward, lpA, alice, bob, t0 } = await loadFixture(tinyRateFixture);
    await chef.add(100, lpA, false);
    await sendAt(t0, () => chef.connect(alice).deposit(0, 1_000_000n * E18));
    for (let s = 1n; s <= 10n; s++) await sendAt(t0 + s, () => chef.connect(bob).updatePool(0));
    expect((await chef.poolInfo(0)).accRewardPerShare).to.equal(0n);
    expect(await chef.pendingReward(0, alice.address)).to.equal(0n);
    // Minted and owed to nobody.
    expect(await reward.balanceOf(chef)).to.equal(10_000n);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Pancake SYRUP receipt not burned", function () {
  // PancakeSwap minted a transferable SYRUP receipt for each CAKE staked and burned it on leave, but not
  // on emergencyWithdraw: three rounds of 100 left 300 SYRUP on 0 stake. Furrow mints no receipt: a
  // stake is an entry in the farm, deleted by emergencyWithdraw, and nothing about it can be moved.

  it("Farm: a deposit mints nothing, and after three emergency exits alice holds no claim at all", async function () {
    const { farm, token, lpA, alice, bob, t0 } = await loadFixture(legacyFixture);
    expect(erc20EntryPoints(farm.interface)).to.deep.equal([]);
    await farm.add(100, lpA, ZERO);
    await sendAt(t0, () => farm.connect(bob).deposit(0, 100n * E18, bob.address)); // mints the day's FUR
    const lpAddress = await lpA.getAddress();
    for (let round = 1n; round <= 3n; round++) {
      const receipt = await sendAt(t0 + 10n * round, () =>
        farm.connect(alice).deposit(0, 100n * E18, alice.address),
      );
      const transfers = receipt.logs.filter(
        (l) => l.topics[0] === ethers.id("Transfer(address,address,uint256)"),
      );
      expect(transfers.map((l) => l.address)).to.deep.equal([lpAddress]);
      await sendAt(t0 + 10n * round + 5n, () => farm.connect(alice).emergencyWithdraw(0, alice.address));
    }
    const info = await farm.userInfo(0, alice.address);
    expect([info.amount, info.accrued]).to.deep.equal([0n, 0n]);
    expect(await farm.pendingReward(0, alice.address)).to.equal(0n);
    expect(await lpA.balanceOf(alice.address)).to.equal(FARM_USER_BALANCE);
    expect((await farm.poolInfo(0)).totalStaked).to.equal(100n * E18);
    await expect(farm.connect(alice).harvest(0, alice.address)).to.changeTokenBalance(token, alice, 0n);
  });

  it("ReceiptChef (historical): three rounds leave alice 300 transferable SYRUP on 0 stake", async function () {
    const { lpA, alice, carol } = await loadFixture(legacyFixture);
    const chef: ReceiptChef = await ethers.deployContract("ReceiptChef", [lpA]);
    expect(erc20EntryPoints(chef.interface)).to.deep.equal(ERC20_ENTRY_POINTS);
    await lpA.connect(alice).approve(chef, MAX);
    for (let round = 0; round < 3; round++) {
      await chef.connect(alice).enterStaking(100n * E18);
      await chef.connect(alice).emergencyWithdraw();
    }
    expect(await chef.staked(alice.address)).to.equal(0n);
    expect(await lpA.balanceOf(chef)).to.equal(0n);
    expect(await chef.balanceOf(alice.address)).to.equal(300n * E18);
    await chef.connect(alice).transfer(carol.address, 300n * E18);
    expect(await chef.balanceOf(carol.address)).to.equal(300n * E18);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Cover stale memory struct", function () {
  // Cover's Blacksmith copied the pool to memory, updated it in storage, and set the depositor's debt
  // from the stale copy: bob, depositing at +100, was owed alice's 100 at once and took 100.5 for 1 s.
  // Furrow settles a depositor at the pool's updated index: bob is owed 0, then 0.5 for his 1 s.

  it("Farm: bob is owed 0 on arrival and 0.5 FUR for his second; alice gets 101.5", async function () {
    const { farm, token, lpA, alice, bob, t0 } = await loadFixture(legacyFixture);
    await farm.add(100, lpA, ZERO);
    await sendAt(t0, () => farm.connect(alice).deposit(0, 100n * E18, alice.address));
    await sendAt(t0 + 100n, () => farm.connect(bob).deposit(0, 100n * E18, bob.address));
    expect(await farm.pendingReward(0, bob.address)).to.equal(0n);
    expect(await farm.pendingReward(0, alice.address)).to.equal(100n * E18);
    await sendAt(t0 + 101n, () => farm.connect(bob).withdrawAndHarvest(0, 100n * E18, bob.address));
    await sendAt(t0 + 102n, () => farm.connect(alice).harvest(0, alice.address));
    expect(await token.balanceOf(bob.address)).to.equal(5n * 10n ** 17n);
    expect(await token.balanceOf(alice.address)).to.equal(1_015n * 10n ** 17n);
  });

  it("StaleStructChef (historical): bob is owed 100 on arrival, takes 100.5, and alice cannot be paid", async function () {
    const { reward, lpA, alice, bob, t0 } = await loadFixture(legacyFixture);
    const chef: StaleStructChef = await ethers.deployContract("StaleStructChef", [reward, E18]);
    await lpA.connect(alice).approve(chef, MAX);
    await lpA.connect(bob).approve(chef, MAX);
    await chef.add(100, lpA, false);
    await sendAt(t0, () => chef.connect(alice).deposit(0, 100n * E18));
    await sendAt(t0 + 100n, () => chef.connect(bob).deposit(0, 100n * E18));
    expect(await chef.pendingReward(0, bob.address)).to.equal(100n * E18);
    await sendAt(t0 + 101n, () => chef.connect(bob).withdraw(0, 100n * E18));
    expect(await reward.balanceOf(bob.address)).to.equal(1_005n * 10n ** 17n);
    // 102 minted, 100.5 paid to bob: the chef holds 1.5 of the 101.5 it owes alice.
    await expect(sendAt(t0 + 102n, () => chef.connect(alice).withdraw(0, 0)))
      .to.be.revertedWithCustomError(reward, "ERC20InsufficientBalance")
      .withArgs(await chef.getAddress(), 15n * 10n ** 17n, 1_015n * 10n ** 17n);
  });
});

// ---------------------------------------------------------------------------------------------

describe("Popsicle transfer without checkpoint", function () {
  // Popsicle's shares were checkpointed only on claim: moved to a fresh account, 50 claimed shares claimed
  // 50 again and the honest holder's 50 were gone. Furrow's earning balances are farm positions: no
  // transfer, and `deposit(.., to)` settles `to` first (FUR earns nothing held; its votes: SUSHI incident).

  it("Farm: positions cannot be transferred, and a deposit for bob earns him nothing retroactively", async function () {
    const { farm, lpA, alice, bob, carol, t0 } = await loadFixture(legacyFixture);
    expect(erc20EntryPoints(farm.interface)).to.deep.equal([]);
    await farm.add(100, lpA, ZERO);
    await sendAt(t0, () => farm.connect(alice).deposit(0, 100n * E18, alice.address));
    await sendAt(t0 + 100n, () => farm.connect(carol).deposit(0, 100n * E18, bob.address));
    expect(await farm.pendingReward(0, bob.address)).to.equal(0n);
    await mineAt(t0 + 200n);
    expect(await farm.pendingReward(0, bob.address)).to.equal(50n * E18);
    expect(await farm.pendingReward(0, alice.address)).to.equal(150n * E18);
    expect(await farm.pendingReward(0, carol.address)).to.equal(0n);
  });

  it("UncheckpointedShares (historical): alice's 50 shares claim twice; bob's claim of 50 finds nothing", async function () {
    const { alice, bob, carol, signers } = await loadFixture(legacyFixture);
    const fees: MockERC20 = await ethers.deployContract("MockERC20", ["Fee", "FEE", 18]);
    const shares: UncheckpointedShares = await ethers.deployContract("UncheckpointedShares", [fees]);
    expect(erc20EntryPoints(shares.interface)).to.deep.equal(ERC20_ENTRY_POINTS);
    await shares.mintShares(alice.address, 50n * E18);
    await shares.mintShares(bob.address, 50n * E18);
    await fees.mint(carol.address, 100n * E18);
    await fees.connect(carol).approve(shares, MAX);
    await shares.connect(carol).distribute(100n * E18);
    const fresh = signers[9];
    await shares.connect(alice).claim();
    await shares.connect(alice).transfer(fresh.address, 50n * E18);
    await shares.connect(fresh).claim();
    expect(await fees.balanceOf(alice.address)).to.equal(50n * E18);
    expect(await fees.balanceOf(fresh.address)).to.equal(50n * E18);
    await expect(shares.connect(bob).claim())
      .to.be.revertedWithCustomError(fees, "ERC20InsufficientBalance")
      .withArgs(await shares.getAddress(), 0n, 50n * E18);
  });
});

// ---------------------------------------------------------------------------------------------

/** legacyFixture plus ReenteringToken: dave holds 100 and the token itself 100 (the re-entry's stake). */
async function reentryFixture() {
  const f = await legacyFixture();
  const ren: ReenteringToken = await ethers.deployContract("ReenteringToken");
  await ren.mint(f.dave.address, 100n * E18);
  await ren.mint(ren, 100n * E18);
  return { ...f, ren };
}

describe("Grim depositFor re-entry", function () {
  // Grim's vault credited the balance difference around its pull with no lock: a deposit of 100 made
  // from the token's hook was counted by itself and again by the outer deposit (300 for 200 arrived).
  // Furrow's deposit(pid, amount, to) is nonReentrant: the nested deposit fails, dave is credited 100.

  it("Farm: the re-entrant deposit fails; dave is credited the 100 that arrived, once", async function () {
    const { farm, ren, dave } = await loadFixture(reentryFixture);
    await farm.add(100, ren, ZERO);
    await ren.connect(dave).approve(farm, MAX);
    await ren.arm(farm, farm.interface.encodeFunctionData("deposit", [0, 100n * E18, dave.address]), farm);
    await farm.connect(dave).deposit(0, 100n * E18, dave.address);
    expect(await ren.reentered()).to.equal(true);
    expect(await ren.reentryOk()).to.equal(false);
    expect((await farm.userInfo(0, dave.address)).amount).to.equal(100n * E18);
    expect((await farm.poolInfo(0)).totalStaked).to.equal(100n * E18);
    expect(await ren.balanceOf(farm)).to.equal(100n * E18);
  });

  it("GrimVault (historical): the nested deposit is counted twice: 300 credited for 200 arrived", async function () {
    const { ren, dave } = await loadFixture(reentryFixture);
    const vault: GrimVault = await ethers.deployContract("GrimVault", [ren]);
    await ren.connect(dave).approve(vault, MAX);
    await ren.arm(vault, vault.interface.encodeFunctionData("depositFor", [100n * E18, dave.address]), vault);
    await vault.connect(dave).depositFor(100n * E18, dave.address);
    expect(await ren.reentryOk()).to.equal(true);
    expect(await ren.balanceOf(vault)).to.equal(200n * E18);
    expect(await vault.credited(dave.address)).to.equal(300n * E18);
  });
});

// ---------------------------------------------------------------------------------------------

describe("BoostedMasterChefJoe totalAllocPoint 0", function () {
  // With every pool at weight 0, a MasterChef update divides by totalAllocPoint = 0: withdraw, deposit
  // and harvest revert (panic 0x12) and only emergencyWithdraw, forfeiting the 100 earned, gets out.
  // Furrow emits nothing while no pool has weight: alice harvests her 100 FUR and withdraws, and the
  // 100 s of backing at 1 FUR/s stay in the reserve for later emission.

  it("Farm: at total weight 0 alice harvests 100 FUR and withdraws; the idle 100 FUR stay in the reserve", async function () {
    const { farm, token, lpA, alice, t0 } = await loadFixture(legacyFixture);
    await farm.add(100, lpA, ZERO);
    await sendAt(t0, () => farm.connect(alice).deposit(0, 100n * E18, alice.address));
    await sendAt(t0 + 100n, () => farm.set(0, 0, ZERO, false));
    expect(await farm.totalAllocPoint()).to.equal(0n);
    const [reserveBefore] = await farm.rewardReserve();
    await sendAt(t0 + 200n, () => farm.connect(alice).harvest(0, alice.address));
    expect(await token.balanceOf(alice.address)).to.equal(100n * E18);
    const [reserveAfter] = await farm.rewardReserve();
    expect(reserveAfter - reserveBefore).to.equal(100n * E18);
    await farm.connect(alice).withdraw(0, 100n * E18, alice.address);
    expect(await lpA.balanceOf(alice.address)).to.equal(FARM_USER_BALANCE);
  });

  it("LegacyMasterChef (historical): withdraw and deposit panic at total weight 0; the exit forfeits 100", async function () {
    const { chef, reward, lpA, alice, t0 } = await loadFixture(legacyFixture);
    await chef.add(100, lpA, false);
    await sendAt(t0, () => chef.connect(alice).deposit(0, 100n * E18));
    await sendAt(t0 + 100n, () => chef.set(0, 0, true));
    await expect(
      sendAt(t0 + 200n, () => chef.connect(alice).withdraw(0, 100n * E18)),
    ).to.be.revertedWithPanic(PANIC_DIVISION_BY_ZERO);
    await expect(chef.connect(alice).deposit(0, 1n)).to.be.revertedWithPanic(PANIC_DIVISION_BY_ZERO);
    await chef.connect(alice).emergencyWithdraw(0);
    expect(await lpA.balanceOf(alice.address)).to.equal(FARM_USER_BALANCE);
    expect(await reward.balanceOf(alice.address)).to.equal(0n);
    expect(await reward.balanceOf(chef)).to.equal(100n * E18);
  });
});

// ---------------------------------------------------------------------------------------------

describe("StakingRewards idle time", function () {
  // StakingRewards' index stands still while nothing is staked but its clock runs: the first 100 s of a
  // 1,000-s, 1,000-token period were paid to nobody and those 100 stay in the contract for good. In
  // Furrow an empty pool's share goes back to the farm's reserve, which backs later emission (550 here).

  it("Farm: pool 1's share while empty (1,100 s at 0.5 FUR/s) returns to the reserve; bob earns from arrival", async function () {
    const { farm, lpA, lpB, alice, bob, t0 } = await loadFixture(legacyFixture);
    await farm.add(100, lpA, ZERO);
    await farm.add(100, lpB, ZERO);
    await sendAt(t0, () => farm.connect(alice).deposit(0, 100n * E18, alice.address));
    const [reserveBefore] = await farm.rewardReserve();
    // Pool 1 has had half of the emission since startTime (t0 - 1,000) with nobody staked.
    await sendAt(t0 + 100n, () => farm.connect(bob).deposit(1, 100n * E18, bob.address));
    const [reserveAfter] = await farm.rewardReserve();
    expect(reserveAfter - reserveBefore).to.equal(550n * E18);
    expect(await farm.pendingReward(1, bob.address)).to.equal(0n);
    await mineAt(t0 + 200n);
    expect(await farm.pendingReward(1, bob.address)).to.equal(50n * E18);
    expect(await farm.pendingReward(0, alice.address)).to.equal(100n * E18);
  });

  it("IdleStakingRewards (historical): 100 of the 1,000 are paid to nobody and stay in the contract", async function () {
    const { admin, reward, lpA, alice, t0 } = await loadFixture(legacyFixture);
    const pool: IdleStakingRewards = await ethers.deployContract("IdleStakingRewards", [lpA, reward]);
    await reward.mint(admin.address, 1_000n * E18);
    await reward.approve(pool, MAX);
    await lpA.connect(alice).approve(pool, MAX);
    await sendAt(t0, () => pool.notifyRewardAmount(1_000n * E18, 1_000n));
    await sendAt(t0 + 100n, () => pool.connect(alice).stake(100n * E18));
    await sendAt(t0 + 1_000n, () => pool.connect(alice).exit());
    expect(await reward.balanceOf(alice.address)).to.equal(900n * E18);
    expect(await reward.balanceOf(pool)).to.equal(100n * E18);
    expect(await pool.earned(alice.address)).to.equal(0n);
    expect(await pool.totalSupply()).to.equal(0n);
  });
});
