import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time, mine } from "@nomicfoundation/hardhat-network-helpers";
import { ammFixture, E18, mintDirect } from "../fixtures";
import {
  MINIMUM_LIQUIDITY,
  burnAmounts,
  getAmountOut,
  mintLiquidity,
  protocolFeeLiquidity,
  sqrt,
} from "../../src/model";

const Q112 = 2n ** 112n;
const MAX_UINT112 = Q112 - 1n;

/** kAfter/kBefore of the pair's K check, as the KInvariant error reports them. */
function kArgs(r0: bigint, r1: bigint, b0: bigint, b1: bigint, out0: bigint, out1: bigint): [bigint, bigint] {
  const in0 = b0 > r0 - out0 ? b0 - (r0 - out0) : 0n;
  const in1 = b1 > r1 - out1 ? b1 - (r1 - out1) : 0n;
  return [(b0 * 1000n - in0 * 3n) * (b1 * 1000n - in1 * 3n), r0 * r1 * 1_000_000n];
}

describe("Pair", function () {
  async function seededFixture() {
    const f = await ammFixture();
    await mintDirect(f.pair, f.token0, f.token1, 5n * E18, 10n * E18, f.alice);
    return f;
  }

  describe("deployment", function () {
    it("knows its factory and sorted tokens, starts empty, and has V2's constants", async function () {
      const { pair, factory, token0, token1 } = await loadFixture(ammFixture);
      expect(await pair.factory()).to.equal(await factory.getAddress());
      expect(await pair.token0()).to.equal(await token0.getAddress());
      expect(await pair.token1()).to.equal(await token1.getAddress());
      expect(await pair.MINIMUM_LIQUIDITY()).to.equal(1000n);
      expect(await pair.getReserves()).to.deep.equal([0n, 0n, 0n]);
      expect(await pair.totalSupply()).to.equal(0n);
      expect(await pair.kLast()).to.equal(0n);
      expect(await pair.price0CumulativeLast()).to.equal(0n);
    });

    it("rejects initialize from anyone, as its tokens are immutables", async function () {
      const { pair, factory, alice, token0, token1 } = await loadFixture(ammFixture);
      await expect(pair.connect(alice).initialize(token0.getAddress(), token1.getAddress()))
        .to.be.revertedWithCustomError(pair, "Forbidden")
        .withArgs(alice.address);
      const asFactory = await ethers.getImpersonatedSigner(await factory.getAddress());
      await ethers.provider.send("hardhat_setBalance", [await factory.getAddress(), "0xde0b6b3a7640000"]);
      await expect(pair.connect(asFactory).initialize(token0.getAddress(), token1.getAddress()))
        .to.be.revertedWithCustomError(pair, "Forbidden")
        .withArgs(await factory.getAddress());
    });
  });

  describe("#mint", function () {
    it("locks MINIMUM_LIQUIDITY at address(0) on the first mint and gives the rest of sqrt(k)", async function () {
      const { pair, token0, token1, alice } = await loadFixture(ammFixture);
      const [a0, a1] = [1n * E18, 4n * E18];
      const expected = 2n * E18 - MINIMUM_LIQUIDITY;
      await token0.connect(alice).transfer(pair.getAddress(), a0);
      await token1.connect(alice).transfer(pair.getAddress(), a1);
      await expect(pair.connect(alice).mint(alice.address))
        .to.emit(pair, "Transfer")
        .withArgs(ethers.ZeroAddress, ethers.ZeroAddress, MINIMUM_LIQUIDITY)
        .and.to.emit(pair, "Transfer")
        .withArgs(ethers.ZeroAddress, alice.address, expected)
        .and.to.emit(pair, "Sync")
        .withArgs(a0, a1)
        .and.to.emit(pair, "Mint")
        .withArgs(alice.address, a0, a1);
      expect(await pair.totalSupply()).to.equal(2n * E18);
      expect(await pair.balanceOf(alice.address)).to.equal(expected);
      expect(await pair.balanceOf(ethers.ZeroAddress)).to.equal(MINIMUM_LIQUIDITY);
      const [r0, r1] = await pair.getReserves();
      expect([r0, r1]).to.deep.equal([a0, a1]);
    });

    it("mints the smaller of the two proportional shares to later depositors", async function () {
      const { pair, token0, token1, bob } = await loadFixture(seededFixture);
      const pool = { reserve0: 5n * E18, reserve1: 10n * E18, totalSupply: await pair.totalSupply() };
      const expected = mintLiquidity(pool, E18, 3n * E18); // token0 is the binding side
      expect(expected).to.equal((E18 * pool.totalSupply) / pool.reserve0);
      await expect(mintDirect(pair, token0, token1, E18, 3n * E18, bob))
        .to.emit(pair, "Transfer")
        .withArgs(ethers.ZeroAddress, bob.address, expected);
    });

    it("reverts when the first deposit is worth no more than MINIMUM_LIQUIDITY", async function () {
      const { pair, token0, token1, alice } = await loadFixture(ammFixture);
      await token0.connect(alice).transfer(pair.getAddress(), 1000n);
      await token1.connect(alice).transfer(pair.getAddress(), 1000n);
      await expect(pair.mint(alice.address))
        .to.be.revertedWithCustomError(pair, "InsufficientLiquidityMinted")
        .withArgs(1000n, 1000n);
    });

    it("reverts when a later deposit would mint zero LP tokens", async function () {
      const { pair, token0, alice } = await loadFixture(seededFixture);
      await token0.connect(alice).transfer(pair.getAddress(), E18);
      await expect(pair.mint(alice.address))
        .to.be.revertedWithCustomError(pair, "InsufficientLiquidityMinted")
        .withArgs(E18, 0n);
    });

    it("guards the uint112 reserves: a balance of 2**112 reverts with Overflow", async function () {
      const { pair, token0, token1, admin } = await loadFixture(ammFixture);
      await token0.mint(admin.address, Q112);
      await token1.mint(admin.address, Q112);
      await mintDirect(pair, token0, token1, MAX_UINT112, MAX_UINT112, admin);
      expect((await pair.getReserves())[0]).to.equal(MAX_UINT112);
      await token0.transfer(pair.getAddress(), 1n);
      await expect(pair.sync()).to.be.revertedWithCustomError(pair, "Overflow").withArgs(Q112, MAX_UINT112);
      await expect(pair.mint(admin.address))
        .to.be.revertedWithCustomError(pair, "Overflow")
        .withArgs(Q112, MAX_UINT112);
    });

    it("guards token1's reserve as well: a token1 balance of 2**112 reverts with Overflow", async function () {
      const { pair, token0, token1, admin } = await loadFixture(ammFixture);
      await token0.mint(admin.address, Q112);
      await token1.mint(admin.address, Q112);
      await mintDirect(pair, token0, token1, MAX_UINT112, MAX_UINT112, admin);
      await token1.transfer(pair.getAddress(), 1n);
      await expect(pair.sync()).to.be.revertedWithCustomError(pair, "Overflow").withArgs(MAX_UINT112, Q112);
    });
  });

  describe("#burn", function () {
    it("pays out the holder's exact share of the balances and burns the LP tokens", async function () {
      const { pair, token0, token1, alice } = await loadFixture(seededFixture);
      const liquidity = await pair.balanceOf(alice.address);
      const supply = await pair.totalSupply();
      const [e0, e1] = burnAmounts(liquidity, 5n * E18, 10n * E18, supply);
      await pair.connect(alice).transfer(pair.getAddress(), liquidity);
      const before0 = await token0.balanceOf(alice.address);
      await expect(pair.connect(alice).burn(alice.address))
        .to.emit(pair, "Transfer")
        .withArgs(await pair.getAddress(), ethers.ZeroAddress, liquidity)
        .and.to.emit(pair, "Burn")
        .withArgs(alice.address, e0, e1, alice.address)
        .and.to.emit(pair, "Sync")
        .withArgs(5n * E18 - e0, 10n * E18 - e1);
      expect(await token0.balanceOf(alice.address)).to.equal(before0 + e0);
      expect(await pair.totalSupply()).to.equal(MINIMUM_LIQUIDITY);
    });

    it("reverts when the pair holds no LP tokens (or the share rounds to zero)", async function () {
      const { pair, alice } = await loadFixture(seededFixture);
      await expect(pair.burn(alice.address))
        .to.be.revertedWithCustomError(pair, "InsufficientLiquidityBurned")
        .withArgs(0n, 0n);
      await pair.connect(alice).transfer(pair.getAddress(), 1n);
      // 1 LP wei of a 7.07e18 supply: 5e18/7.07e18 rounds to 0 for token0.
      const supply = await pair.totalSupply();
      await expect(pair.burn(alice.address))
        .to.be.revertedWithCustomError(pair, "InsufficientLiquidityBurned")
        .withArgs((5n * E18) / supply, (10n * E18) / supply);
    });

    it("reverts when only token1's share rounds to zero", async function () {
      const { pair, token0, token1, alice } = await loadFixture(ammFixture);
      // 1e12 : 1e3 gives a supply of floor(sqrt(1e15)) = 31,622,776. Burning 1,000 LP pays
      // 1e15 / 31,622,776 = 31,622,777 of token0 but 1e6 / 31,622,776 = 0 of token1.
      await mintDirect(pair, token0, token1, 10n ** 12n, 1000n, alice);
      expect(await pair.totalSupply()).to.equal(31_622_776n);
      await pair.connect(alice).transfer(pair.getAddress(), 1000n);
      await expect(pair.burn(alice.address))
        .to.be.revertedWithCustomError(pair, "InsufficientLiquidityBurned")
        .withArgs(31_622_777n, 0n);
    });

    it("reverts on an empty pair", async function () {
      const { pair, alice } = await loadFixture(ammFixture);
      await expect(pair.burn(alice.address))
        .to.be.revertedWithCustomError(pair, "InsufficientLiquidityBurned")
        .withArgs(0n, 0n);
    });
  });

  describe("#swap", function () {
    // [amountIn, reserve0, reserve1] in ether; token0 in, token1 out (V2's swap table).
    const cases: [bigint, bigint, bigint][] = [
      [1n, 5n, 10n],
      [1n, 10n, 5n],
      [2n, 5n, 10n],
      [2n, 10n, 5n],
      [1n, 10n, 10n],
      [1n, 100n, 100n],
      [1n, 1000n, 1000n],
    ];
    for (const [amountIn, r0, r1] of cases) {
      it(`pays exactly getAmountOut for ${amountIn} in at reserves ${r0}/${r1}, and not one wei more`, async function () {
        const { pair, token0, token1, alice, bob } = await loadFixture(ammFixture);
        await mintDirect(pair, token0, token1, r0 * E18, r1 * E18, alice);
        const out = getAmountOut(amountIn * E18, r0 * E18, r1 * E18);
        await token0.connect(bob).transfer(pair.getAddress(), amountIn * E18);
        const [kAfter, kBefore] = kArgs(
          r0 * E18,
          r1 * E18,
          (r0 + amountIn) * E18,
          r1 * E18 - out - 1n,
          0n,
          out + 1n,
        );
        await expect(pair.connect(bob).swap(0n, out + 1n, bob.address, "0x"))
          .to.be.revertedWithCustomError(pair, "KInvariant")
          .withArgs(kAfter, kBefore);
        await expect(pair.connect(bob).swap(0n, out, bob.address, "0x"))
          .to.emit(pair, "Swap")
          .withArgs(bob.address, amountIn * E18, 0n, 0n, out, bob.address)
          .and.to.emit(pair, "Sync")
          .withArgs((r0 + amountIn) * E18, r1 * E18 - out);
      });
    }

    it("swaps token1 in for token0 out", async function () {
      const { pair, token0, token1, bob } = await loadFixture(seededFixture);
      const out = getAmountOut(E18, 10n * E18, 5n * E18);
      await token1.connect(bob).transfer(pair.getAddress(), E18);
      const before = await token0.balanceOf(bob.address);
      await expect(pair.connect(bob).swap(out, 0n, bob.address, "0x"))
        .to.emit(pair, "Swap")
        .withArgs(bob.address, 0n, E18, out, 0n, bob.address);
      expect(await token0.balanceOf(bob.address)).to.equal(before + out);
    });

    it("rejects zero outputs, outputs at a reserve, the pair's tokens as recipient, and no input", async function () {
      const { pair, token0, token1, bob } = await loadFixture(seededFixture);
      await expect(pair.swap(0n, 0n, bob.address, "0x"))
        .to.be.revertedWithCustomError(pair, "InsufficientOutputAmount")
        .withArgs(0n, 0n);
      await expect(pair.swap(5n * E18, 0n, bob.address, "0x"))
        .to.be.revertedWithCustomError(pair, "InsufficientLiquidity")
        .withArgs(5n * E18, 0n, 5n * E18, 10n * E18);
      await expect(pair.swap(0n, 10n * E18, bob.address, "0x"))
        .to.be.revertedWithCustomError(pair, "InsufficientLiquidity")
        .withArgs(0n, 10n * E18, 5n * E18, 10n * E18);
      for (const token of [token0, token1]) {
        await expect(pair.swap(1n, 0n, token.getAddress(), "0x"))
          .to.be.revertedWithCustomError(pair, "InvalidTo")
          .withArgs(await token.getAddress());
      }
      await expect(pair.swap(1n, 0n, bob.address, "0x")).to.be.revertedWithCustomError(
        pair,
        "InsufficientInputAmount",
      );
    });
  });

  describe("flash swaps", function () {
    async function borrowerFixture() {
      const f = await seededFixture();
      const borrower = await ethers.deployContract("FlashBorrower");
      await f.token0.mint(borrower.getAddress(), 10n * E18);
      await f.token1.mint(borrower.getAddress(), 10n * E18);
      return { ...f, borrower };
    }

    it("calls uniswapV2Call on the receiver with the sender, amounts and data, and accepts repayment with the fee", async function () {
      const { pair, token0, borrower, bob } = await loadFixture(borrowerFixture);
      const borrowed = E18;
      // Repaying in the same token: amountIn·0.997 must cover what was taken.
      const repay = (borrowed * 1000n) / 997n + 1n;
      await borrower.setRepay(token0.getAddress(), repay);
      await expect(borrower.connect(bob).borrow(pair.getAddress(), borrowed, 0n, "0xbeef"))
        .to.emit(borrower, "Borrowed")
        .withArgs(await pair.getAddress(), await borrower.getAddress(), borrowed, 0n, "0xbeef")
        .and.to.emit(pair, "Swap")
        .withArgs(await borrower.getAddress(), repay, 0n, borrowed, 0n, await borrower.getAddress());
      expect((await pair.getReserves())[0]).to.equal(5n * E18 - borrowed + repay);
    });

    it("reverts with KInvariant when the borrower repays one wei too little", async function () {
      const { pair, token0, borrower } = await loadFixture(borrowerFixture);
      const borrowed = E18;
      const repay = (borrowed * 1000n) / 997n; // one wei short of the minimum
      await borrower.setRepay(token0.getAddress(), repay);
      const [kAfter, kBefore] = kArgs(
        5n * E18,
        10n * E18,
        5n * E18 - borrowed + repay,
        10n * E18,
        borrowed,
        0n,
      );
      await expect(borrower.borrow(pair.getAddress(), borrowed, 0n, "0x01"))
        .to.be.revertedWithCustomError(pair, "KInvariant")
        .withArgs(kAfter, kBefore);
    });

    it("reverts when the borrower does not repay at all", async function () {
      const { pair, borrower } = await loadFixture(borrowerFixture);
      await expect(borrower.borrow(pair.getAddress(), E18, 0n, "0x01")).to.be.revertedWithCustomError(
        pair,
        "InsufficientInputAmount",
      );
    });
  });

  describe("#skim and #sync", function () {
    it("skim sends exactly the excess over the reserves and leaves the reserves alone", async function () {
      const { pair, token0, token1, alice, carol } = await loadFixture(seededFixture);
      await token0.connect(alice).transfer(pair.getAddress(), 123n);
      await token1.connect(alice).transfer(pair.getAddress(), 456n);
      await expect(pair.skim(carol.address)).to.changeTokenBalances(token0, [carol, pair], [123n, -123n]);
      expect(await token1.balanceOf(carol.address)).to.equal(1_000_000n * E18 + 456n);
      const [r0, r1] = await pair.getReserves();
      expect([r0, r1]).to.deep.equal([5n * E18, 10n * E18]);
      expect(await token0.balanceOf(pair.getAddress())).to.equal(5n * E18);
    });

    it("sync sets the reserves to the balances", async function () {
      const { pair, token0, alice } = await loadFixture(seededFixture);
      await token0.connect(alice).transfer(pair.getAddress(), 7n);
      await expect(pair.sync())
        .to.emit(pair, "Sync")
        .withArgs(5n * E18 + 7n, 10n * E18);
    });
  });

  describe("price accumulators", function () {
    it("accumulate reserve ratios × seconds once per block, with the reserves from before", async function () {
      const { pair, token0, token1, alice } = await loadFixture(ammFixture);
      await token0.connect(alice).transfer(pair.getAddress(), 3n * E18);
      await token1.connect(alice).transfer(pair.getAddress(), 1n * E18);
      const t0 = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(t0);
      await pair.mint(alice.address); // writes the timestamp; nothing to accumulate yet
      const [, , ts] = await pair.getReserves();
      expect(ts).to.equal(BigInt(t0));
      expect(await pair.price0CumulativeLast()).to.equal(0n);

      await time.setNextBlockTimestamp(t0 + 10);
      await pair.sync();
      const p0 = (Q112 * 1n) / 3n; // reserve1/reserve0 as UQ112x112
      const p1 = (Q112 * 3n) / 1n;
      expect(await pair.price0CumulativeLast()).to.equal(p0 * 10n);
      expect(await pair.price1CumulativeLast()).to.equal(p1 * 10n);

      // Two updates in one block: only the first accumulates.
      await ethers.provider.send("evm_setAutomine", [false]);
      await token0.connect(alice).transfer(pair.getAddress(), 3n * E18);
      await pair.sync();
      await pair.sync();
      await time.setNextBlockTimestamp(t0 + 15);
      await mine();
      await ethers.provider.send("evm_setAutomine", [true]);
      expect(await pair.price0CumulativeLast()).to.equal(p0 * 15n);
      expect(await pair.price1CumulativeLast()).to.equal(p1 * 15n);

      await time.setNextBlockTimestamp(t0 + 20);
      await pair.sync();
      // Reserves are now 6:1.
      expect(await pair.price0CumulativeLast()).to.equal(p0 * 15n + ((Q112 * 1n) / 6n) * 5n);
      expect(await pair.price1CumulativeLast()).to.equal(p1 * 15n + ((Q112 * 6n) / 1n) * 5n);
    });

    it("keep counting across the uint32 wrap of the block timestamp", async function () {
      const { pair, token0, token1, alice } = await loadFixture(ammFixture);
      const beforeWrap = 2n ** 32n - 5n;
      await token0.connect(alice).transfer(pair.getAddress(), E18);
      await token1.connect(alice).transfer(pair.getAddress(), 2n * E18);
      await time.setNextBlockTimestamp(beforeWrap);
      await pair.mint(alice.address);
      expect((await pair.getReserves())[2]).to.equal(beforeWrap);
      await time.setNextBlockTimestamp(2n ** 32n + 7n); // 12 seconds later, timestamp mod 2**32 = 7
      await pair.sync();
      expect((await pair.getReserves())[2]).to.equal(7n);
      expect(await pair.price0CumulativeLast()).to.equal(((Q112 * 2n) / 1n) * 12n);
      expect(await pair.price1CumulativeLast()).to.equal((Q112 / 2n) * 12n);
    });
  });

  describe("protocol fee", function () {
    // V2's own test: 1000/1000 ether, swap 1 ether of token1 in, burn everything.
    async function swapAndBurn(feeOn: boolean) {
      const f = await loadFixture(ammFixture);
      const { pair, factory, token0, token1, admin, alice, carol } = f;
      if (feeOn) await factory.setFeeTo(carol.address);
      await mintDirect(pair, token0, token1, 1000n * E18, 1000n * E18, alice);
      const out = getAmountOut(E18, 1000n * E18, 1000n * E18);
      expect(out).to.equal(996006981039903216n);
      await token1.connect(admin).transfer(pair.getAddress(), E18);
      await pair.swap(out, 0n, admin.address, "0x");
      const liquidity = await pair.balanceOf(alice.address);
      await pair.connect(alice).transfer(pair.getAddress(), liquidity);
      await pair.burn(alice.address);
      return f;
    }

    it("is off by default: burning everything leaves only MINIMUM_LIQUIDITY and kLast stays 0", async function () {
      const { pair } = await swapAndBurn(false);
      expect(await pair.totalSupply()).to.equal(MINIMUM_LIQUIDITY);
      expect(await pair.kLast()).to.equal(0n);
    });

    it("mints exactly 1/6 of the sqrt(k) growth to feeTo when on (V2's figures)", async function () {
      const { pair, token0, token1, carol } = await swapAndBurn(true);
      // Reference model: the fee minted at the burn, from the reserves after the swap.
      const r0 = 1000n * E18 - 996006981039903216n;
      const r1 = 1001n * E18;
      const fee = protocolFeeLiquidity(
        { reserve0: r0, reserve1: r1, totalSupply: 1000n * E18 },
        1000n * E18 * 1000n * E18,
      );
      expect(fee).to.equal(249750499251388n);
      expect(await pair.balanceOf(carol.address)).to.equal(fee);
      expect(await pair.totalSupply()).to.equal(MINIMUM_LIQUIDITY + fee);
      // V2's test adds 1000 to these: the share of the MINIMUM_LIQUIDITY locked at address(0).
      expect(await token0.balanceOf(pair.getAddress())).to.equal(1000n + 249501683697445n);
      expect(await token1.balanceOf(pair.getAddress())).to.equal(1000n + 250000187312969n);
      const [b0, b1] = [1000n + 249501683697445n, 1000n + 250000187312969n];
      expect(await pair.kLast()).to.equal(b0 * b1);
    });

    it("keeps the fee in the pair's balance when feeTo is the pair itself, as V2 does", async function () {
      const { pair, factory, token0, token1, admin, alice } = await loadFixture(ammFixture);
      await factory.setFeeTo(pair.getAddress());
      await mintDirect(pair, token0, token1, 1000n * E18, 1000n * E18, alice);
      await token1.connect(admin).transfer(pair.getAddress(), E18);
      await pair.swap(996006981039903216n, 0n, admin.address, "0x");
      await pair.connect(alice).transfer(pair.getAddress(), await pair.balanceOf(alice.address));
      await pair.burn(alice.address);
      // The fee of the test above, minted to the pair inside burn, and not burned with the LP
      // tokens the pair held before it. (Before the fix the pair's balance was zeroed: 0 here,
      // and the balances summed to 1000 against a supply of 1000 + fee.)
      const fee = 249750499251388n;
      expect(await pair.balanceOf(pair.getAddress())).to.equal(fee);
      expect(await pair.totalSupply()).to.equal(MINIMUM_LIQUIDITY + fee);
      const holders = new Set<string>();
      for (const log of await pair.queryFilter(pair.filters.Transfer())) holders.add(log.args.to);
      let sum = 0n;
      for (const holder of holders) sum += await pair.balanceOf(holder);
      expect(sum).to.equal(await pair.totalSupply());
    });

    it("clears kLast at the next liquidity event after the fee is switched off", async function () {
      const { pair, factory, token0, token1, alice } = await swapAndBurn(true);
      expect(await pair.kLast()).to.not.equal(0n);
      await factory.setFeeTo(ethers.ZeroAddress);
      await mintDirect(pair, token0, token1, E18, E18, alice);
      expect(await pair.kLast()).to.equal(0n);
    });

    it("mints nothing and keeps kLast at 0 at later liquidity events while the fee stays off", async function () {
      const { pair, factory, token0, token1, alice, carol } = await swapAndBurn(true);
      await factory.setFeeTo(ethers.ZeroAddress);
      await mintDirect(pair, token0, token1, E18, E18, alice);
      const feeBalance = await pair.balanceOf(carol.address);
      // The fee was on once (feeState's flag stays set), so the pair reads kLast, finds 0, and
      // neither mints nor writes.
      await token0.connect(alice).transfer(pair.getAddress(), E18);
      await pair.swap(0n, 1000n, alice.address, "0x");
      await mintDirect(pair, token0, token1, E18, E18, alice);
      expect(await pair.kLast()).to.equal(0n);
      expect(await pair.balanceOf(carol.address)).to.equal(feeBalance);
    });

    it("mints nothing when the growth is worth less than one LP wei, and still records kLast", async function () {
      const { pair, factory, token0, token1, alice, carol } = await loadFixture(ammFixture);
      await factory.setFeeTo(carol.address);
      await mintDirect(pair, token0, token1, 10_000n, 10_000n, alice);
      // A 3-wei donation: sqrt(10,003 × 10,000) = 10,001 > sqrt(kLast) = 10,000, but the fee is
      // 10,000 × 1 / (5 × 10,001 + 10,000) = 0 LP tokens.
      await token0.connect(alice).transfer(pair.getAddress(), 3n);
      await pair.sync();
      await mintDirect(pair, token0, token1, 10_003n, 10_000n, alice);
      expect(await pair.balanceOf(carol.address)).to.equal(0n);
      expect(await pair.totalSupply()).to.equal(20_000n);
      expect(await pair.kLast()).to.equal(20_006n * 20_000n);
    });

    it("mints nothing when k did not grow", async function () {
      const { pair, factory, token0, token1, alice, carol } = await loadFixture(ammFixture);
      await factory.setFeeTo(carol.address);
      await mintDirect(pair, token0, token1, E18, E18, alice);
      await mintDirect(pair, token0, token1, E18, E18, alice);
      expect(await pair.balanceOf(carol.address)).to.equal(0n);
      expect(await pair.kLast()).to.equal(4n * E18 * E18);
    });
  });

  describe("donation games", function () {
    it("a donation before the first mint goes to the first depositor", async function () {
      const { pair, token0, token1, alice, bob } = await loadFixture(ammFixture);
      await token0.connect(bob).transfer(pair.getAddress(), E18); // bob donates
      await mintDirect(pair, token0, token1, E18, 2n * E18, alice);
      expect(await pair.balanceOf(alice.address)).to.equal(2n * E18 - MINIMUM_LIQUIDITY);
      expect(await pair.balanceOf(bob.address)).to.equal(0n);
    });

    it("inflating the share price after a tiny first mint costs the attacker far more than the victim loses", async function () {
      const { pair, token0, token1, alice, bob } = await loadFixture(ammFixture);
      // Attacker: the smallest first mint (1 LP token beyond MINIMUM_LIQUIDITY), then a huge donation.
      await mintDirect(pair, token0, token1, 1001n, 1001n, bob);
      expect(await pair.balanceOf(bob.address)).to.equal(1n);
      const donation = 10_000n * E18;
      await token0.connect(bob).transfer(pair.getAddress(), donation);
      await token1.connect(bob).transfer(pair.getAddress(), donation);
      await pair.sync();
      // Victim deposits 15,000 of each: floor(15000e18 · 1001 / (10000e18 + 1001)) LP.
      const deposit = 15_000n * E18;
      const reserve = donation + 1001n;
      const minted = mintLiquidity(
        { reserve0: reserve, reserve1: reserve, totalSupply: 1001n },
        deposit,
        deposit,
      );
      await mintDirect(pair, token0, token1, deposit, deposit, alice);
      expect(await pair.balanceOf(alice.address)).to.equal(minted);
      // Everyone leaves: the victim's loss is below one LP unit's worth; the attacker's loss,
      // through the 1000 locked LP units, is larger than the victim's.
      await pair.connect(alice).transfer(pair.getAddress(), minted);
      const supply = await pair.totalSupply();
      const [back0] = burnAmounts(minted, reserve + deposit, reserve + deposit, supply);
      await pair.burn(alice.address);
      const victimLoss = deposit - back0;
      const unitValue = (reserve + deposit) / supply;
      expect(victimLoss).to.be.lessThanOrEqual(unitValue);
      await pair.connect(bob).transfer(pair.getAddress(), 1n);
      const remaining0 = await token0.balanceOf(pair.getAddress());
      const supply2 = await pair.totalSupply();
      const [bobBack0] = burnAmounts(1n, remaining0, remaining0, supply2);
      await pair.burn(bob.address);
      const attackerLoss = donation + 1001n - bobBack0;
      expect(attackerLoss).to.be.greaterThan(victimLoss * 100n);
    });

    it("a donation (synced) after the first mint does not cost the next depositor beyond rounding", async function () {
      const { pair, token0, token1, bob, carol } = await loadFixture(seededFixture);
      await token0.connect(bob).transfer(pair.getAddress(), E18);
      await pair.sync(); // reserves 6:10
      const pool = { reserve0: 6n * E18, reserve1: 10n * E18, totalSupply: await pair.totalSupply() };
      const minted = mintLiquidity(pool, 3n * E18, 5n * E18);
      await mintDirect(pair, token0, token1, 3n * E18, 5n * E18, carol);
      expect(await pair.balanceOf(carol.address)).to.equal(minted);
      await pair.connect(carol).transfer(pair.getAddress(), minted);
      const [e0, e1] = burnAmounts(minted, 9n * E18, 15n * E18, pool.totalSupply + minted);
      await pair.burn(carol.address);
      expect(3n * E18 - e0).to.be.lessThanOrEqual(2n);
      expect(5n * E18 - e1).to.be.lessThanOrEqual(2n);
    });
  });

  describe("sqrt reference", function () {
    it("the TS sqrt floors exactly", function () {
      for (const x of [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, 10n ** 36n, 10n ** 36n - 1n, 2n ** 255n]) {
        const r = sqrt(x);
        expect(r * r <= x && (r + 1n) * (r + 1n) > x).to.equal(true);
      }
    });
  });
});
