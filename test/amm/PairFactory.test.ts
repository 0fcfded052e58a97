import { expect } from "chai";
import { ethers, artifacts } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ammFixture } from "../fixtures";
import { computePairAddress, pairInitCodeHash, sortTokens } from "../../src/model";

describe("PairFactory", function () {
  async function tokensFixture() {
    const f = await ammFixture();
    const extra = [];
    for (const symbol of ["X", "Y", "Z"])
      extra.push(await ethers.deployContract("MockERC20", [symbol, symbol, 18]));
    return { ...f, extra };
  }

  describe("deployment", function () {
    it("sets the fee-to setter, leaves the fee off", async function () {
      const { factory, admin } = await loadFixture(ammFixture);
      expect(await factory.feeToSetter()).to.equal(admin.address);
      expect(await factory.feeTo()).to.equal(ethers.ZeroAddress);
      expect(await factory.allPairsLength()).to.equal(1n);
    });

    it("derives PAIR_INIT_CODE_HASH from the compiled Pair artifact", async function () {
      const { factory } = await loadFixture(ammFixture);
      const { bytecode } = await artifacts.readArtifact("Pair");
      expect(await factory.PAIR_INIT_CODE_HASH()).to.equal(pairInitCodeHash(bytecode));
    });
  });

  describe("#createPair", function () {
    it("deploys at the CREATE2 address that the router, the TS helper and getPair agree on", async function () {
      const { factory, router, extra, token0, token1 } = await loadFixture(tokensFixture);
      const { bytecode } = await artifacts.readArtifact("Pair");
      const hash = pairInitCodeHash(bytecode);
      const [x, y, z] = await Promise.all(extra.map((t) => t.getAddress()));
      const pairs: [string, string][] = [
        [x, y],
        [z, x],
        [y, z],
        [await token1.getAddress(), await token0.getAddress()],
      ];
      for (const [a, b] of pairs) {
        if ((await factory.getPair(a, b)) === ethers.ZeroAddress) await factory.createPair(a, b);
        const expected = computePairAddress(await factory.getAddress(), hash, a, b);
        expect(await factory.getPair(a, b)).to.equal(expected);
        expect(await factory.getPair(b, a)).to.equal(expected);
        // The router computes the same address locally: getAmountsOut on an empty pair shows
        // it reached that pair (it reverts with the pair's zero reserves, not a missing pair).
        await expect(router.getAmountsOut(1n, [a, b]))
          .to.be.revertedWithCustomError(router, "InsufficientReserves")
          .withArgs(0n, 0n);
      }
    });

    it("records the pair both ways, appends it and emits PairCreated", async function () {
      const { factory, extra } = await loadFixture(tokensFixture);
      const [x, y] = await Promise.all(extra.slice(0, 2).map((t) => t.getAddress()));
      const [t0, t1] = sortTokens(x, y);
      const expected = computePairAddress(
        await factory.getAddress(),
        await factory.PAIR_INIT_CODE_HASH(),
        x,
        y,
      );
      await expect(factory.createPair(y, x)).to.emit(factory, "PairCreated").withArgs(t0, t1, expected, 2n);
      expect(await factory.allPairs(1)).to.equal(expected);
      expect(await factory.allPairsLength()).to.equal(2n);
      const pair = await ethers.getContractAt("Pair", expected);
      expect(await pair.token0()).to.equal(t0);
      expect(await pair.token1()).to.equal(t1);
      expect(await pair.factory()).to.equal(await factory.getAddress());
      expect(await factory.pairParameters()).to.deep.equal([ethers.ZeroAddress, ethers.ZeroAddress]);
    });

    it("rejects identical tokens, the zero address, and a second pair for the same tokens", async function () {
      const { factory, token0, token1, pair } = await loadFixture(ammFixture);
      const [a, b] = [await token0.getAddress(), await token1.getAddress()];
      await expect(factory.createPair(a, a))
        .to.be.revertedWithCustomError(factory, "IdenticalAddresses")
        .withArgs(a);
      await expect(factory.createPair(ethers.ZeroAddress, a)).to.be.revertedWithCustomError(
        factory,
        "ZeroAddress",
      );
      await expect(factory.createPair(a, ethers.ZeroAddress)).to.be.revertedWithCustomError(
        factory,
        "ZeroAddress",
      );
      await expect(factory.createPair(b, a))
        .to.be.revertedWithCustomError(factory, "PairExists")
        .withArgs(a, b, await pair.getAddress());
    });
  });

  describe("#feeState", function () {
    it("reports the fee off and never on at deployment", async function () {
      const { factory } = await loadFixture(ammFixture);
      expect(await factory.feeState()).to.deep.equal([ethers.ZeroAddress, false]);
    });

    it("keeps 'was ever on' once feeTo was non-zero, also after the fee is switched off", async function () {
      const { factory, bob } = await loadFixture(ammFixture);
      await factory.setFeeTo(ethers.ZeroAddress);
      expect(await factory.feeState()).to.deep.equal([ethers.ZeroAddress, false]);
      await factory.setFeeTo(bob.address);
      expect(await factory.feeState()).to.deep.equal([bob.address, true]);
      await factory.setFeeTo(ethers.ZeroAddress);
      expect(await factory.feeState()).to.deep.equal([ethers.ZeroAddress, true]);
    });
  });

  describe("fee settings", function () {
    it("lets only the fee-to setter set feeTo and hand over its role", async function () {
      const { factory, admin, alice, bob } = await loadFixture(ammFixture);
      await expect(factory.connect(alice).setFeeTo(alice.address))
        .to.be.revertedWithCustomError(factory, "Forbidden")
        .withArgs(alice.address);
      await expect(factory.connect(alice).setFeeToSetter(alice.address))
        .to.be.revertedWithCustomError(factory, "Forbidden")
        .withArgs(alice.address);
      await expect(factory.setFeeTo(bob.address)).to.emit(factory, "FeeToSet").withArgs(bob.address);
      expect(await factory.feeTo()).to.equal(bob.address);
      await expect(factory.setFeeToSetter(alice.address))
        .to.emit(factory, "FeeToSetterSet")
        .withArgs(alice.address);
      await expect(factory.connect(admin).setFeeTo(admin.address))
        .to.be.revertedWithCustomError(factory, "Forbidden")
        .withArgs(admin.address);
      await factory.connect(alice).setFeeTo(ethers.ZeroAddress);
      expect(await factory.feeTo()).to.equal(ethers.ZeroAddress);
    });
  });
});
