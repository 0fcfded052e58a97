// Kills the PairFactory.sol mutants that outlived the unit tests in `npm run mutation`
// (docs/security.md, "Mutation testing"). Each test names the mutants it kills by SuMo operator,
// line and change.
import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ammFixture } from "../fixtures";
import { ContractCaller } from "./contractCaller";

describe("PairFactory (mutation survivors)", function () {
  /** ammFixture with the fee-to setter role handed to a contract, as deployment does (the Timelock). */
  async function contractSetterFixture() {
    const f = await ammFixture();
    const setter = await ContractCaller.deploy(f.admin);
    await f.factory.setFeeToSetter(setter.address());
    return { ...f, setter };
  }

  // TOR L80 and L88 (`msg.sender` -> `tx.origin` in setFeeTo and setFeeToSetter): every test calls
  // from an EOA, where the two are equal. With a contract as setter they differ.
  it("takes the setter's orders from the setter contract, not from the account that sent the transaction", async function () {
    const { factory, setter, admin, bob } = await loadFixture(contractSetterFixture);
    await expect(setter.call(factory, factory.interface.encodeFunctionData("setFeeTo", [bob.address])))
      .to.emit(factory, "FeeToSet")
      .withArgs(bob.address);
    expect(await factory.feeState()).to.deep.equal([bob.address, true]);
    // admin sent the setter's transactions (tx.origin) but is not the setter.
    await expect(factory.connect(admin).setFeeTo(admin.address))
      .to.be.revertedWithCustomError(factory, "Forbidden")
      .withArgs(admin.address);
    await expect(factory.connect(admin).setFeeToSetter(admin.address))
      .to.be.revertedWithCustomError(factory, "Forbidden")
      .withArgs(admin.address);
    await expect(setter.call(factory, factory.interface.encodeFunctionData("setFeeToSetter", [bob.address])))
      .to.emit(factory, "FeeToSetterSet")
      .withArgs(bob.address);
    expect(await factory.feeToSetter()).to.equal(bob.address);
    // TOR L80 and L88 in the error (`Forbidden(msg.sender)` -> `Forbidden(tx.origin)`): a refused
    // contract is named, not the account behind it.
    const c = await setter.address();
    for (const data of [
      factory.interface.encodeFunctionData("setFeeTo", [c]),
      factory.interface.encodeFunctionData("setFeeToSetter", [c]),
    ]) {
      await expect(setter.call(factory, data))
        .to.be.revertedWithCustomError(factory, "Forbidden")
        .withArgs(c);
    }
  });

  // BOR L80 and L88 (`msg.sender != feeToSetter` -> `>` or `<`): a unit test's stranger sits on one
  // side of the setter's address only. Strangers on both sides are refused.
  it("refuses callers whose address is below and above the setter's", async function () {
    const { factory, admin } = await loadFixture(ammFixture);
    const sorted = [...(await ethers.getSigners())].sort((a, b) =>
      BigInt(a.address) < BigInt(b.address) ? -1 : 1,
    );
    const setter = sorted[Math.floor(sorted.length / 2)];
    const [below, above] = [sorted[0], sorted[sorted.length - 1]];
    expect(BigInt(below.address) < BigInt(setter.address)).to.equal(true);
    expect(BigInt(above.address) > BigInt(setter.address)).to.equal(true);
    await factory.connect(admin).setFeeToSetter(setter.address);
    for (const stranger of [below, above]) {
      await expect(factory.connect(stranger).setFeeTo(stranger.address))
        .to.be.revertedWithCustomError(factory, "Forbidden")
        .withArgs(stranger.address);
      await expect(factory.connect(stranger).setFeeToSetter(stranger.address))
        .to.be.revertedWithCustomError(factory, "Forbidden")
        .withArgs(stranger.address);
    }
    expect(await factory.feeState()).to.deep.equal([ethers.ZeroAddress, false]);
    expect(await factory.feeToSetter()).to.equal(setter.address);
  });
});
