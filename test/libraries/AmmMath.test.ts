import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { getAmountIn, getAmountOut, quote } from "../../src/model";

describe("AmmMath", function () {
  async function harnessFixture() {
    return { lib: await ethers.deployContract("AmmLibrariesHarness") };
  }

  // Rows: [amount, reserveIn, reserveOut, quote, getAmountOut, getAmountIn] worked by hand
  // (V2's formulas), then also checked against the TS reference below.
  const rows: [bigint, bigint, bigint, bigint, bigint, bigint][] = [
    // 1 in, 1000:1000: out = 997·1000 / (1000·1000 + 997) = 0; in = 1000·1·1000 / (999·997) + 1 = 2
    [1n, 1000n, 1000n, 1n, 0n, 2n],
    // 100 in, 1000:1000: out = 99700·1000 / 1099700 = 90; in(100) = 100000000 / 897300 + 1 = 112
    [100n, 1000n, 1000n, 100n, 90n, 112n],
    // 10 in, 100:50: quote = 5; out = 9970·50 / 109970 = 4; in(10) = 100·10·1000 / (40·997) + 1 = 26
    [10n, 100n, 50n, 5n, 4n, 26n],
    // 7 in, 3:1000: quote = 2333; out = 6979·1000 / 9979 = 699; in(7) = 21000 / (993·997) + 1 = 1
    [7n, 3n, 1000n, 2333n, 699n, 1n],
  ];
  for (const [amount, rIn, rOut, q, out, inn] of rows) {
    it(`(${amount}, ${rIn}, ${rOut}) → quote ${q}, out ${out}, in ${inn}`, async function () {
      const { lib } = await loadFixture(harnessFixture);
      expect(await lib.quote(amount, rIn, rOut)).to.equal(q);
      expect(await lib.getAmountOut(amount, rIn, rOut)).to.equal(out);
      expect(await lib.getAmountIn(amount, rIn, rOut)).to.equal(inn);
      expect([
        quote(amount, rIn, rOut),
        getAmountOut(amount, rIn, rOut),
        getAmountIn(amount, rIn, rOut),
      ]).to.deep.equal([q, out, inn]);
    });
  }

  it("getAmountIn is the least input whose getAmountOut covers the output", async function () {
    for (const [out, rIn, rOut] of [
      [1n, 1000n, 1000n],
      [90n, 1000n, 1000n],
      [699n, 3n, 1000n],
      [10n ** 18n, 5n * 10n ** 18n, 10n * 10n ** 18n],
    ]) {
      const inn = getAmountIn(out, rIn, rOut);
      expect(getAmountOut(inn, rIn, rOut)).to.be.greaterThanOrEqual(out);
      // V2's "+1" may overshoot by one; one wei less than the minimum never suffices.
      if (inn > 2n) expect(getAmountOut(inn - 2n, rIn, rOut)).to.be.lessThan(out);
    }
  });

  it("reverts on zero amounts, empty reserves and outputs at the reserve", async function () {
    const { lib } = await loadFixture(harnessFixture);
    for (const fn of ["quote", "getAmountOut", "getAmountIn"] as const) {
      await expect(lib[fn](0n, 1n, 1n)).to.be.revertedWithCustomError(lib, "ZeroAmount");
      await expect(lib[fn](1n, 0n, 5n))
        .to.be.revertedWithCustomError(lib, "InsufficientReserves")
        .withArgs(0n, 5n);
      await expect(lib[fn](1n, 5n, 0n))
        .to.be.revertedWithCustomError(lib, "InsufficientReserves")
        .withArgs(5n, 0n);
    }
    await expect(lib.getAmountIn(5n, 5n, 5n))
      .to.be.revertedWithCustomError(lib, "OutputExceedsReserve")
      .withArgs(5n, 5n);
    expect(() => getAmountIn(5n, 5n, 5n)).to.throw("OutputExceedsReserve(5, 5)");
    expect(() => quote(0n, 1n, 1n)).to.throw("ZeroAmount");
  });
});

describe("PairAddress", function () {
  async function harnessFixture() {
    return { lib: await ethers.deployContract("AmmLibrariesHarness") };
  }

  it("sorts tokens and rejects identical or zero tokens", async function () {
    const { lib } = await loadFixture(harnessFixture);
    const [a, b] = [
      "0x0000000000000000000000000000000000000002",
      "0x0000000000000000000000000000000000000001",
    ];
    expect(await lib.sortTokens(a, b)).to.deep.equal([b, a]);
    expect(await lib.sortTokens(b, a)).to.deep.equal([b, a]);
    await expect(lib.sortTokens(a, a)).to.be.revertedWithCustomError(lib, "IdenticalAddresses").withArgs(a);
    await expect(lib.sortTokens(ethers.ZeroAddress, a)).to.be.revertedWithCustomError(lib, "ZeroAddress");
  });

  it("computes CREATE2 addresses like ethers.getCreate2Address", async function () {
    const { lib } = await loadFixture(harnessFixture);
    const factory = "0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f";
    const hash = ethers.id("any init code");
    const [a, b] = [
      "0x1000000000000000000000000000000000000000",
      "0x2000000000000000000000000000000000000000",
    ];
    const salt = ethers.solidityPackedKeccak256(["address", "address"], [a, b]);
    const expected = ethers.getCreate2Address(factory, salt, hash);
    expect(await lib.pairFor(factory, hash, b, a)).to.equal(expected);
  });
});

describe("SafeTransfer", function () {
  async function tokensFixture() {
    const [owner, other] = await ethers.getSigners();
    const lib = await ethers.deployContract("AmmLibrariesHarness");
    const plain = await ethers.deployContract("MockERC20", ["P", "P", 18]);
    const missing = await ethers.deployContract("MissingReturnToken");
    const falsy = await ethers.deployContract("ReturnsFalseToken");
    for (const t of [plain, missing]) {
      await t.mint(lib.getAddress(), 100n);
      await t.mint(owner.address, 100n);
      await t.connect(owner).approve(lib.getAddress(), 100n);
    }
    return { lib, plain, missing, falsy, owner, other };
  }

  it("moves tokens that return true or nothing", async function () {
    const { lib, plain, missing, owner, other } = await loadFixture(tokensFixture);
    for (const t of [plain, missing]) {
      await lib.safeTransfer(t, other.address, 10n);
      await lib.safeTransferFrom(t, owner.address, other.address, 5n);
      expect(await t.balanceOf(other.address)).to.equal(15n);
    }
  });

  it("reverts with the token's own error, or with TransferFailed when it returns false or has no code", async function () {
    const { lib, plain, falsy, owner, other } = await loadFixture(tokensFixture);
    await expect(lib.safeTransfer(plain, other.address, 1000n)).to.be.revertedWithCustomError(
      plain,
      "ERC20InsufficientBalance",
    );
    await expect(lib.safeTransfer(falsy, other.address, 1n))
      .to.be.revertedWithCustomError(lib, "TransferFailed")
      .withArgs(await falsy.getAddress(), other.address, 1n);
    await expect(lib.safeTransferFrom(falsy, owner.address, other.address, 1n))
      .to.be.revertedWithCustomError(lib, "TransferFromFailed")
      .withArgs(await falsy.getAddress(), owner.address, other.address, 1n);
    await expect(lib.safeTransfer(other.address, owner.address, 1n))
      .to.be.revertedWithCustomError(lib, "TransferFailed")
      .withArgs(other.address, owner.address, 1n);
    await expect(lib.safeTransferFrom(plain, other.address, owner.address, 1n)).to.be.revertedWithCustomError(
      plain,
      "ERC20InsufficientAllowance",
    );
  });

  it("sends ether, and reverts with ETHTransferFailed when the recipient refuses it", async function () {
    const { lib, owner, other } = await loadFixture(tokensFixture);
    await owner.sendTransaction({ to: lib.getAddress(), value: 10n });
    const rejecter = await ethers.deployContract("EtherRejecter");
    await expect(lib.safeTransferETH(other.address, 4n)).to.changeEtherBalances([other], [4n]);
    await expect(lib.safeTransferETH(rejecter, 4n))
      .to.be.revertedWithCustomError(lib, "ETHTransferFailed")
      .withArgs(await rejecter.getAddress(), 4n);
  });
});
