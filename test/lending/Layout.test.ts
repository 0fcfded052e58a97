import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18 } from "../../src/model";
import { lendingFixture, USDC } from "../fixtures/lending";
import { bits, mappingSlot, word } from "../helpers/storage";

// BorrowRewards' storage, as solc lays it out: Ownable._owner (0), then _state (1), _config (2),
// _accounts (3) and _totals (4). ReentrancyGuardTransient keeps no storage slot.
const STATE_SLOT = 1n;
const TOTALS_SLOT = 4n;

/**
 * `_storeTotals` and `_storeMarketState` write these slots by hand (BorrowRewards); the views and the
 * rest of the contract read them through solc's layout. Both must agree, field by field.
 */
describe("BorrowRewards storage layout (the hand-packed slots)", function () {
  /** lendingFixture where bob supplied and alice borrowed, then repaid part 10 s later: both slots written by hand. */
  async function accruedFixture() {
    const f = await lendingFixture();
    await f.market.connect(f.bob).deposit(10_000n * USDC, f.bob.address);
    await f.market.connect(f.alice).supplyCollateral(10n * E18, f.alice.address);
    await f.market.connect(f.alice).borrow(1_000n * USDC, f.alice.address);
    await time.increase(10);
    await f.market.connect(f.alice).repay(100n * USDC, f.alice.address);
    return f;
  }

  it("_totals: allocated in bits 0-127, reserve in 128-255", async function () {
    const { rewards, token } = await loadFixture(accruedFixture);
    const w = await word(await rewards.getAddress(), TOTALS_SLOT);
    const reserve = await rewards.reserve();
    expect(bits(w, 128, 128)).to.equal(reserve);
    // Nothing was claimed and no plain transfer is unsynced: allocated = balance - reserve.
    expect(bits(w, 0, 128)).to.equal((await token.balanceOf(rewards)) - reserve);
    expect(bits(w, 0, 128)).to.be.greaterThan(0n);
  });

  it("a market's state: index in bits 0-159, lastUpdate in 160-199, listed at 200", async function () {
    const { rewards, market } = await loadFixture(accruedFixture);
    const slot = mappingSlot("address", await market.getAddress(), STATE_SLOT);
    const w = await word(await rewards.getAddress(), slot);
    const state = await rewards.marketState(market);
    const block = await ethers.provider.getBlock("latest");
    expect(bits(w, 0, 160)).to.equal(state.index);
    expect(bits(w, 160, 40)).to.equal(BigInt(block!.timestamp));
    expect(bits(w, 160, 40)).to.equal(state.lastUpdate);
    expect(bits(w, 200, 8)).to.equal(1n);
    expect(state.listed).to.equal(true);
    expect(bits(w, 208, 48)).to.equal(0n);
    expect(state.index).to.be.greaterThan(0n);
  });
});
