import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18 } from "../../src/model";
import { farmFixture } from "../fixtures";
import { bits, mappingSlot, word } from "../helpers/storage";

// Farm's storage, as solc lays it out: Ownable._owner (0), Ownable2Step._pendingOwner (1), then
// FarmAccrual's _emission (2) and _budget (3), then Farm's _keys (4), _rewarders (5), _pools (6).
// ReentrancyGuardTransient and Multicall keep no storage slots.
const EMISSION_SLOT = 2n;
const POOLS_SLOT = 6n;

/**
 * `_storeEmission` and `_storeState` write these two slots by hand (FarmAccrual); the views read
 * them through solc's layout. Both must agree, field by field, or a hand-packed write corrupts state.
 */
describe("Farm storage layout (the hand-packed slots)", function () {
  async function depositedFixture() {
    const f = await farmFixture();
    await f.farm.add(3, f.lpA, ethers.ZeroAddress);
    await f.farm.add(5, f.lpB, ethers.ZeroAddress);
    await time.increaseTo(f.startTime + 10n);
    await f.farm.connect(f.alice).deposit(0, 100n * E18, f.alice.address);
    await time.increase(7);
    await f.farm.connect(f.alice).deposit(0, 1n * E18, f.alice.address);
    return f;
  }

  it("_emission: G in bits 0-151, lastUpdateTime in 152-183, totalAllocPoint in 184-247", async function () {
    const { farm } = await loadFixture(depositedFixture);
    const w = await word(await farm.getAddress(), EMISSION_SLOT);
    const block = await ethers.provider.getBlock("latest");
    const pool = await farm.poolInfo(0);
    expect(bits(w, 0, 152)).to.equal(pool.accRewardPerAllocPoint); // pool 0 caught up to G in this block
    expect(bits(w, 152, 32)).to.equal(BigInt(block!.timestamp));
    expect(bits(w, 184, 64)).to.equal(8n);
    expect(bits(w, 248, 8)).to.equal(0n);
    expect(pool.accRewardPerAllocPoint).to.be.greaterThan(0n);
  });

  it("a pool's state: accRewardPerShare in bits 0-191, allocPoint in 192-223, exists at 224", async function () {
    const { farm, lpA, lpB } = await loadFixture(depositedFixture);
    const farmAddress = await farm.getAddress();
    for (const [pid, lp, alloc] of [
      [0, lpA, 3n],
      [1, lpB, 5n],
    ] as const) {
      const slot = mappingSlot("address", await lp.getAddress(), POOLS_SLOT);
      const w = await word(farmAddress, slot);
      const pool = await farm.poolInfo(pid);
      expect(bits(w, 0, 192)).to.equal(pool.accRewardPerShare);
      expect(bits(w, 192, 32)).to.equal(alloc);
      expect(bits(w, 224, 8)).to.equal(1n);
      expect(bits(w, 232, 24)).to.equal(0n);
    }
    expect((await farm.poolInfo(0)).accRewardPerShare).to.be.greaterThan(0n);
  });
});
