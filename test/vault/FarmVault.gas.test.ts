import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import { E18 } from "../fixtures";
import { now, sendAt } from "../../src/chain/time";
import { vaultFixture } from "./fixture";

// Gas of the bench ids, measured here (src/bench is being rewritten elsewhere), exact as in
// v2-core's gas tests: the in-process EVM is deterministic, so any change shows up here. Goals of
// issue 11: deposit <= 130,000, withdraw <= 120,000 and zap.in <= 290,000 are met; harvest <= 260,000
// is not (docs/vault.md, "Gas", says where its 350k goes: the farm's harvest, two router swaps, an
// add and a re-stake alone take ~255k).
describe("FarmVault gas (vault.deposit, vault.withdraw, vault.harvest)", function () {
  it("measures deposit into a vault holding stake, partial withdraw and a two-token harvest", async function () {
    const { vault, vaultFactory, alice, bob, token, token0 } = await loadFixture(vaultFixture);
    await vaultFactory.setPerformanceFee(500);
    // Times relative to the fixture's end: what the farm pays (and so the gas) does not depend on
    // how long the fixture was cached before this test ran.
    const t = (await now()) + 10n;
    await sendAt(t, () => vault.connect(alice).deposit(1_000n * E18, alice.address));
    await sendAt(t + 3_600n, () => vault.harvest(0));
    const deposit = (await sendAt(t + 7_200n, () => vault.connect(bob).deposit(500n * E18, bob.address)))
      .gasUsed;
    const withdraw = (
      await sendAt(t + 7_201n, () => vault.connect(alice).withdraw(100n * E18, alice.address, alice.address))
    ).gasUsed;
    const harvest = (await sendAt(t + 10_801n, () => vault.harvest(0))).gasUsed;
    console.log(`      vault.deposit ${deposit}  vault.withdraw ${withdraw}  vault.harvest ${harvest}`);
    // The harvest swaps FUR for token0 on the FUR/token0 pair, whose token order follows the two
    // addresses, i.e. the deployer's nonce when the fixture first ran (which earlier test files move):
    // the pair's two swap directions differ by 9 gas. Both are pinned.
    const furIsToken0 = BigInt(await token.getAddress()) < BigInt(await token0.getAddress());
    expect([deposit, withdraw, harvest]).to.deep.equal([
      129_372n,
      109_369n,
      furIsToken0 ? 345_743n : 345_734n,
    ]);
  });
});

describe("Zap gas (zap.in)", function () {
  it("measures one token in -> LP -> vault shares for a vault holding stake", async function () {
    const { vault, router, token0, alice, bob } = await loadFixture(vaultFixture);
    const zap = await ethers.deployContract("Zap", [router]);
    const t = (await now()) + 10n;
    await sendAt(t, () => vault.connect(alice).deposit(1_000n * E18, alice.address));
    await token0.connect(bob).approve(zap, ethers.MaxUint256);
    let at = t + 10n;
    const zapIn = async () =>
      (await sendAt((at += 10n), () => zap.connect(bob).zapIn(vault, token0, 100n * E18, 1n, bob.address)))
        .gasUsed;
    // The Zap's first use of a token pair sets its standing router allowances (two 0 -> max writes);
    // every later zap through that pair, the id zap.in, finds them set.
    const first = await zapIn();
    const gas = await zapIn();
    console.log(`      zap.in ${gas} (first zap of the pair ${first})`);
    // As for the harvest above, the fixture's addresses (which follow the deployer nonce that earlier
    // test files leave) move 9 gas: both values measured are accepted, nothing in between.
    expect([
      [332_405n, 271_364n],
      [332_396n, 271_355n],
    ]).to.deep.include([first, gas]);
  });
});
