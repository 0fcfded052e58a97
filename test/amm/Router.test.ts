import { expect } from "chai";
import { ethers } from "hardhat";
import { loadFixture, time } from "@nomicfoundation/hardhat-network-helpers";
import type { AddressLike } from "ethers";
import { ammFixture, E18 } from "../fixtures";
import { signPermit } from "../../src/chain/permit";
import {
  getAmountIn,
  getAmountOut,
  getAmountsIn,
  getAmountsOut,
  quote,
  type HopReserves,
} from "../../src/model";
import type { ERC20, Pair } from "../../typechain-types";

const MAX = ethers.MaxUint256;

describe("Router", function () {
  /** token0/token1 at 1000:2000, token0/WETH at 1000:10, a 1% fee-on-transfer token paired with WETH and token0. */
  async function routerFixture() {
    const f = await ammFixture();
    const { router, token0, token1, weth, admin, alice, bob } = f;
    await router
      .connect(admin)
      .addLiquidity(token0, token1, 1000n * E18, 2000n * E18, 0, 0, admin.address, MAX);
    await router
      .connect(admin)
      .addLiquidityETH(token0, 1000n * E18, 0, 0, admin.address, MAX, { value: 10n * E18 });
    const fot = await ethers.deployContract("FeeOnTransferToken", [100]);
    for (const user of [admin, alice, bob]) {
      await fot.mint(user.address, 100_000n * E18);
      await fot.connect(user).approve(router, MAX);
    }
    await router
      .connect(admin)
      .addLiquidityETH(fot, 1000n * E18, 0, 0, admin.address, MAX, { value: 10n * E18 });
    await router.connect(admin).addLiquidity(fot, token0, 1000n * E18, 1000n * E18, 0, 0, admin.address, MAX);
    const pairOf = async (a: AddressLike, b: AddressLike): Promise<Pair> =>
      ethers.getContractAt("Pair", await f.factory.getPair(a, b));
    return { ...f, fot, pairOf, weth };
  }

  /** Reserves of the hop a -> b. */
  async function hop(
    pairOf: (a: AddressLike, b: AddressLike) => Promise<Pair>,
    a: string,
    b: string,
  ): Promise<HopReserves> {
    const pair = await pairOf(a, b);
    const [r0, r1] = await pair.getReserves();
    return BigInt(a) < BigInt(b) ? { reserveIn: r0, reserveOut: r1 } : { reserveIn: r1, reserveOut: r0 };
  }

  describe("deployment", function () {
    it("exposes factory and WETH and accepts ether only from WETH", async function () {
      const { router, factory, weth, alice } = await loadFixture(ammFixture);
      expect(await router.factory()).to.equal(await factory.getAddress());
      expect(await router.WETH()).to.equal(await weth.getAddress());
      await expect(alice.sendTransaction({ to: router, value: 1n }))
        .to.be.revertedWithCustomError(router, "OnlyWETH")
        .withArgs(alice.address);
    });
  });

  describe("#addLiquidity", function () {
    it("creates a missing pair and deposits the desired amounts into it", async function () {
      const { router, factory, alice } = await loadFixture(ammFixture);
      const x = await ethers.deployContract("MockERC20", ["X", "X", 18]);
      const y = await ethers.deployContract("MockERC20", ["Y", "Y", 6]);
      for (const t of [x, y]) {
        await t.mint(alice.address, 10n ** 30n);
        await t.connect(alice).approve(router, MAX);
      }
      await expect(
        router.connect(alice).addLiquidity(x, y, 4n * E18, 1_000_000n, 0, 0, alice.address, MAX),
      ).to.emit(factory, "PairCreated");
      const pair = await ethers.getContractAt("Pair", await factory.getPair(x, y));
      // sqrt(4e18 · 1e6) = 2e12
      expect(await pair.balanceOf(alice.address)).to.equal(2n * 10n ** 12n - 1000n);
    });

    it("uses all of A and the matching B when B is the slack side", async function () {
      const { router, token0, token1, alice, pairOf } = await loadFixture(routerFixture);
      const pair = await pairOf(token0, token1);
      const supply = await pair.totalSupply();
      const result = await router
        .connect(alice)
        .addLiquidity.staticCall(token0, token1, 10n * E18, 50n * E18, 0, 0, alice.address, MAX);
      expect(result).to.deep.equal([10n * E18, 20n * E18, (10n * E18 * supply) / (1000n * E18)]);
      await expect(
        router.connect(alice).addLiquidity(token0, token1, 10n * E18, 50n * E18, 0, 0, alice.address, MAX),
      ).to.changeTokenBalances(token1, [alice, pair], [-20n * E18, 20n * E18]);
    });

    it("uses all of B and the matching A when A is the slack side (tokens in reverse order)", async function () {
      const { router, token0, token1, alice } = await loadFixture(routerFixture);
      const result = await router
        .connect(alice)
        .addLiquidity.staticCall(token1, token0, 10n * E18, 50n * E18, 0, 0, alice.address, MAX);
      expect(result[0]).to.equal(10n * E18);
      expect(result[1]).to.equal(5n * E18);
      const result2 = await router
        .connect(alice)
        .addLiquidity.staticCall(token1, token0, 100n * E18, 5n * E18, 0, 0, alice.address, MAX);
      expect([result2[0], result2[1]]).to.deep.equal([10n * E18, 5n * E18]);
    });

    it("reverts below the minimums and after the deadline", async function () {
      const { router, token0, token1, alice } = await loadFixture(routerFixture);
      await expect(
        router
          .connect(alice)
          .addLiquidity(token0, token1, 10n * E18, 50n * E18, 0, 21n * E18, alice.address, MAX),
      )
        .to.be.revertedWithCustomError(router, "InsufficientBAmount")
        .withArgs(20n * E18, 21n * E18);
      await expect(
        router
          .connect(alice)
          .addLiquidity(token0, token1, 50n * E18, 20n * E18, 11n * E18, 0, alice.address, MAX),
      )
        .to.be.revertedWithCustomError(router, "InsufficientAAmount")
        .withArgs(10n * E18, 11n * E18);
      const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
      await expect(router.connect(alice).addLiquidity(token0, token1, 1n, 1n, 0, 0, alice.address, now))
        .to.be.revertedWithCustomError(router, "Expired")
        .withArgs(now, now + 1n);
    });
  });

  describe("#addLiquidityETH", function () {
    it("wraps only the ETH it needs and refunds the rest", async function () {
      const { router, token0, weth, alice, pairOf } = await loadFixture(routerFixture);
      const pair = await pairOf(token0, weth);
      await expect(
        router
          .connect(alice)
          .addLiquidityETH(token0, 100n * E18, 0, 0, alice.address, MAX, { value: 5n * E18 }),
      ).to.changeEtherBalances([alice, router], [-1n * E18, 0n]);
      expect(await weth.balanceOf(pair)).to.equal(11n * E18);
    });

    it("reverts when the refund cannot be delivered", async function () {
      const { router, token0, alice } = await loadFixture(routerFixture);
      const rejecter = await ethers.deployContract("EtherRejecter");
      await token0.connect(alice).transfer(rejecter, 100n * E18);
      const approve = token0.interface.encodeFunctionData("approve", [await router.getAddress(), MAX]);
      await rejecter.forward(token0, approve);
      const call = router.interface.encodeFunctionData("addLiquidityETH", [
        await token0.getAddress(),
        100n * E18,
        0n,
        0n,
        await rejecter.getAddress(),
        MAX,
      ]);
      await expect(rejecter.forward(router, call, { value: 5n * E18 }))
        .to.be.revertedWithCustomError(router, "ETHTransferFailed")
        .withArgs(await rejecter.getAddress(), 4n * E18);
    });
  });

  describe("#addLiquiditySupportingFeeOnTransferTokens", function () {
    it("sizes B to what the pair received of a fee-taking A and returns the received amounts", async function () {
      const { router, fot, token0, alice, pairOf } = await loadFixture(routerFixture);
      const pair = await pairOf(fot, token0);
      const [r0, r1] = await pair.getReserves();
      const fotIs0 = BigInt(await fot.getAddress()) < BigInt(await token0.getAddress());
      const [rFot, rT0] = fotIs0 ? [r0, r1] : [r1, r0];
      const receivedA = 99n * E18; // 100 minus the 1% fee
      const amountB = quote(receivedA, rFot, rT0);
      const supply = await pair.totalSupply();
      const liquidity =
        (receivedA * supply) / rFot < (amountB * supply) / rT0
          ? (receivedA * supply) / rFot
          : (amountB * supply) / rT0;
      const result = await router
        .connect(alice)
        .addLiquiditySupportingFeeOnTransferTokens.staticCall(
          fot,
          token0,
          100n * E18,
          500n * E18,
          0,
          0,
          alice.address,
          MAX,
        );
      expect(result).to.deep.equal([receivedA, amountB, liquidity]);
      const fotBefore = await fot.balanceOf(alice.address);
      await router
        .connect(alice)
        .addLiquiditySupportingFeeOnTransferTokens(
          fot,
          token0,
          100n * E18,
          500n * E18,
          0,
          0,
          alice.address,
          MAX,
        );
      expect(await pair.balanceOf(alice.address)).to.equal(liquidity);
      // Alice spent the 100 (99 deposited + the 1% fee), the reserves grew by exactly the
      // returned amounts, and the LP minted is worth all of the A that arrived (none of it was
      // left to the other LPs).
      expect(fotBefore - (await fot.balanceOf(alice.address))).to.equal(100n * E18);
      const [n0, n1] = await pair.getReserves();
      expect(fotIs0 ? [n0, n1] : [n1, n0]).to.deep.equal([rFot + receivedA, rT0 + amountB]);
      expect(liquidity).to.equal((receivedA * supply) / rFot);
    });

    it("deposits the desired amounts into an empty pair and checks the minimums against what arrived", async function () {
      const { router, fot, token1, alice } = await loadFixture(routerFixture);
      await expect(
        router
          .connect(alice)
          .addLiquiditySupportingFeeOnTransferTokens(
            fot,
            token1,
            100n * E18,
            100n * E18,
            100n * E18,
            0,
            alice.address,
            MAX,
          ),
      )
        .to.be.revertedWithCustomError(router, "InsufficientAAmount")
        .withArgs(99n * E18, 100n * E18);
      await expect(
        router
          .connect(alice)
          .addLiquiditySupportingFeeOnTransferTokens(
            token1,
            fot,
            100n * E18,
            100n * E18,
            0,
            100n * E18,
            alice.address,
            MAX,
          ),
      )
        .to.be.revertedWithCustomError(router, "InsufficientBAmount")
        .withArgs(99n * E18, 100n * E18);
      const result = await router
        .connect(alice)
        .addLiquiditySupportingFeeOnTransferTokens.staticCall(
          fot,
          token1,
          100n * E18,
          100n * E18,
          0,
          0,
          alice.address,
          MAX,
        );
      expect(result[0]).to.equal(99n * E18);
      expect(result[1]).to.equal(100n * E18);
    });

    describe("never leaving part of the deposit to the other LPs", function () {
      /**
       * Pools with round numbers. P is a plain token (token0); F takes 10% of every transfer, G
       * 20%, H 3% (each rounded down), X a flat 1 token. Seeded by admin straight into the pairs:
       * P/F 3600 P : 900 F, F/G 900 F : 3600 G, P/X 3600 P : 900 X (1800 LP each), and P/H 970 : 970
       * (970 LP).
       */
      async function feeOnTransferFixture() {
        const f = await ammFixture();
        const { factory, router, token0: p, admin, alice } = f;
        const f10 = await ethers.deployContract("FeeOnTransferToken", [1000]);
        const g20 = await ethers.deployContract("FeeOnTransferToken", [2000]);
        const h3 = await ethers.deployContract("FeeOnTransferToken", [300]);
        const x = await ethers.deployContract("FlatFeeToken", [E18]);
        for (const token of [f10, g20, h3, x]) {
          for (const user of [admin, alice]) {
            await token.mint(user.address, 100_000n * E18);
            await token.connect(user).approve(router, MAX);
          }
        }
        const seed = async (a: ERC20, sentA: bigint, b: ERC20, sentB: bigint) => {
          await factory.createPair(a, b);
          const pair = await ethers.getContractAt("Pair", await factory.getPair(a, b));
          await a.connect(admin).transfer(pair, sentA);
          await b.connect(admin).transfer(pair, sentB);
          await pair.mint(admin.address);
        };
        await seed(p, 3600n * E18, f10, 1000n * E18);
        await seed(f10, 1000n * E18, g20, 4500n * E18);
        await seed(p, 3600n * E18, x, 901n * E18);
        await seed(p, 970n * E18, h3, 1000n * E18);
        return {
          ...f,
          tokens: { P: p as ERC20, F: f10 as ERC20, G: g20 as ERC20, H: h3 as ERC20, X: x as ERC20 },
        };
      }

      type Token = "P" | "F" | "G" | "H" | "X";
      interface Row {
        title: string;
        pair: [Token, Token];
        desired: [bigint, bigint];
        /** What the pair received of A and B, and the LP minted: the function's return values. */
        deposited: [bigint, bigint, bigint];
        /** What alice was charged of A and B (deposits, top-ups and fees). */
        spent: [bigint, bigint];
      }

      // Each top-up is (needed − received) × spent / received, rounded down. Against the router
      // before the fix, every row but the first failed with the amounts noted on it.
      const rows: Row[] = [
        {
          // The one case the router handled before the fix.
          title: "fee on A, B has slack: B is sized to the 90 F that arrived",
          pair: ["F", "P"],
          desired: [100n * E18, 1000n * E18],
          deposited: [90n * E18, 360n * E18, 180n * E18],
          spent: [100n * E18, 360n * E18],
        },
        {
          // Before the fix: [90 F, 360 P, 180 LP]; it did not use all of B's 400 P.
          title: "fee on A, A has slack: B goes first and A's fee is topped up (100 F arrive of 111.1…)",
          pair: ["F", "P"],
          desired: [200n * E18, 400n * E18],
          // 100 F send 90; top-up 10 × 100 / 90 = 11.111111111111111111 F, of which 10 arrive.
          deposited: [100n * E18, 400n * E18, 200n * E18],
          spent: [111_111111111111111111n, 400n * E18],
        },
        {
          // Before the fix: [400 P, 90 F, 180 LP], leaving 40 P to the other LPs (the LP minted
          // was worth 360 P + 90 F).
          title: "fee on B, B has slack: B's fee is topped up (100 F arrive of 111.1…)",
          pair: ["P", "F"],
          desired: [400n * E18, 200n * E18],
          deposited: [400n * E18, 100n * E18, 200n * E18],
          spent: [400n * E18, 111_111111111111111111n],
        },
        {
          // Before the fix: [400 P, 90 F, 180 LP], leaving 40 P to the other LPs.
          title: "fee on B, A has slack: B goes first and A is sized to the 90 F that arrived",
          pair: ["P", "F"],
          desired: [500n * E18, 100n * E18],
          deposited: [360n * E18, 90n * E18, 180n * E18],
          spent: [360n * E18, 100n * E18],
        },
        {
          // Before the fix: [90 F, 288 G, 144 LP], leaving 18 F to the other LPs.
          title: "fee on both: 360 G sent arrive as 288, the top-up of 72 × 360 / 288 = 90 G as 72",
          pair: ["F", "G"],
          desired: [100n * E18, 1000n * E18],
          deposited: [90n * E18, 360n * E18, 180n * E18],
          spent: [100n * E18, 450n * E18],
        },
        {
          // Before the fix: 400 G arrived as 320 and 80 F as 72: [320 G, 72 F, 144 LP], leaving
          // 32 G to the other LPs.
          title: "fee on both, B binding: F goes first, G is sized to the 90 F and topped up",
          pair: ["G", "F"],
          desired: [1000n * E18, 100n * E18],
          deposited: [360n * E18, 90n * E18, 180n * E18],
          spent: [450n * E18, 100n * E18],
        },
        {
          // Before the fix: [6533 P, 6338 H, 6338 LP], leaving 195 P to the other LPs.
          title: "a second top-up delivers the wei the first one's rounding left (3% fee)",
          pair: ["P", "H"],
          desired: [6533n, 10_000n],
          // 6533 H arrive as 6338 (fee 195); top-up 195 × 6533 / 6338 = 200 arrives as 194; top-up
          // 1 × 6733 / 6532 = 1 arrives whole.
          deposited: [6533n, 6533n, 6533n],
          spent: [6533n, 6734n],
        },
      ];

      for (const row of rows) {
        it(`${row.title}`, async function () {
          const { router, factory, alice, tokens } = await loadFixture(feeOnTransferFixture);
          const [tokenA, tokenB] = [tokens[row.pair[0]], tokens[row.pair[1]]];
          const pair = await ethers.getContractAt("Pair", await factory.getPair(tokenA, tokenB));
          const aIs0 = (await pair.token0()) === (await tokenA.getAddress());
          const reserves = async () => {
            const [r0, r1] = await pair.getReserves();
            return aIs0 ? [r0, r1] : [r1, r0];
          };
          const [rA, rB] = await reserves();
          const supply = await pair.totalSupply();
          const args = [tokenA, tokenB, ...row.desired, 0n, 0n, alice.address, MAX] as const;
          const [amountA, amountB, liquidity] = row.deposited;

          expect(
            await router.connect(alice).addLiquiditySupportingFeeOnTransferTokens.staticCall(...args),
          ).to.deep.equal(row.deposited);
          const [balanceA, balanceB] = [await tokenA.balanceOf(alice), await tokenB.balanceOf(alice)];
          await router.connect(alice).addLiquiditySupportingFeeOnTransferTokens(...args);

          expect(await pair.balanceOf(alice)).to.equal(liquidity);
          expect([
            balanceA - (await tokenA.balanceOf(alice)),
            balanceB - (await tokenB.balanceOf(alice)),
          ]).to.deep.equal(row.spent);
          // The reserves grew by exactly the amounts returned, and the LP minted is the same share
          // of the supply as each deposit is of its reserve: the other LPs' shares are worth
          // exactly what they were.
          expect(await reserves()).to.deep.equal([rA + amountA, rB + amountB]);
          expect(liquidity * rA).to.equal(amountA * supply);
          expect(liquidity * rB).to.equal(amountB * supply);
        });
      }

      it("reverts rather than donate when the second token's fee cannot be topped up within its desired amount", async function () {
        const { router, alice, tokens } = await loadFixture(feeOnTransferFixture);
        const { P, F } = tokens;
        // 400 P : 100 F is the pool's ratio, so neither side has slack: P goes first, 100 F are
        // quoted, 90 arrive and nothing is left to top them up with. (Before the fix: deposited
        // [400 P, 90 F] and left 40 P to the other LPs.)
        await expect(
          router
            .connect(alice)
            .addLiquiditySupportingFeeOnTransferTokens(
              P,
              F,
              400n * E18,
              100n * E18,
              0,
              0,
              alice.address,
              MAX,
            ),
        )
          .to.be.revertedWithCustomError(router, "FeeOnTransferShortfall")
          .withArgs(await F.getAddress(), 90n * E18, 100n * E18);
      });

      it("reverts rather than donate when a flat fee keeps the top-ups short", async function () {
        const { router, alice, tokens } = await loadFixture(feeOnTransferFixture);
        const { P, X } = tokens;
        // 100 X quoted for 400 P arrive as 99; top-up 1 × 100 / 99 = 1.010101010101010101 X arrives
        // as 0.010101010101010101; top-up 0.989898989898989899 × 101.010101010101010101 /
        // 99.010101010101010101 = 1.009894909099153130 X as 0.009894909099153130: 99.019995919200163231.
        await expect(
          router
            .connect(alice)
            .addLiquiditySupportingFeeOnTransferTokens(
              P,
              X,
              400n * E18,
              200n * E18,
              0,
              0,
              alice.address,
              MAX,
            ),
        )
          .to.be.revertedWithCustomError(router, "FeeOnTransferShortfall")
          .withArgs(await X.getAddress(), 99_019995919200163231n, 100n * E18);
      });

      it("checks the minimums against what arrived", async function () {
        const { router, alice, tokens } = await loadFixture(feeOnTransferFixture);
        const { P, F } = tokens;
        // The "fee on B, A has slack" row: 360 P and 90 F arrive.
        await expect(
          router
            .connect(alice)
            .addLiquiditySupportingFeeOnTransferTokens(
              P,
              F,
              500n * E18,
              100n * E18,
              361n * E18,
              0,
              alice.address,
              MAX,
            ),
        )
          .to.be.revertedWithCustomError(router, "InsufficientAAmount")
          .withArgs(360n * E18, 361n * E18);
        await expect(
          router
            .connect(alice)
            .addLiquiditySupportingFeeOnTransferTokens(
              P,
              F,
              500n * E18,
              100n * E18,
              360n * E18,
              91n * E18,
              alice.address,
              MAX,
            ),
        )
          .to.be.revertedWithCustomError(router, "InsufficientBAmount")
          .withArgs(90n * E18, 91n * E18);
      });
    });
  });

  describe("removing liquidity", function () {
    it("#removeLiquidity pays the pro-rata amounts in the caller's token order", async function () {
      const { router, token0, token1, admin, carol, pairOf } = await loadFixture(routerFixture);
      const pair = await pairOf(token0, token1);
      await pair.connect(admin).approve(router, MAX);
      const supply = await pair.totalSupply();
      const liquidity = 100n * E18;
      const e0 = (liquidity * 1000n * E18) / supply;
      const e1 = (liquidity * 2000n * E18) / supply;
      expect(
        await router
          .connect(admin)
          .removeLiquidity.staticCall(token1, token0, liquidity, 0, 0, carol.address, MAX),
      ).to.deep.equal([e1, e0]);
      await expect(
        router.connect(admin).removeLiquidity(token0, token1, liquidity, 0, 0, carol.address, MAX),
      ).to.changeTokenBalances(token1, [carol], [e1]);
      await expect(
        router.connect(admin).removeLiquidity(token0, token1, liquidity, e0 + 1n, 0, carol.address, MAX),
      )
        .to.be.revertedWithCustomError(router, "InsufficientAAmount")
        .withArgs(e0, e0 + 1n);
      await expect(
        router.connect(admin).removeLiquidity(token0, token1, liquidity, 0, 10n ** 30n, carol.address, MAX),
      )
        .to.be.revertedWithCustomError(router, "InsufficientBAmount")
        .withArgs(e1, 10n ** 30n);
    });

    it("#removeLiquidityETH pays the WETH side as ether", async function () {
      const { router, token0, weth, admin, carol, pairOf } = await loadFixture(routerFixture);
      const pair = await pairOf(token0, weth);
      await pair.connect(admin).approve(router, MAX);
      const supply = await pair.totalSupply();
      const liquidity = E18;
      const eEth = (liquidity * 10n * E18) / supply;
      const eTok = (liquidity * 1000n * E18) / supply;
      await expect(
        router.connect(admin).removeLiquidityETH(token0, liquidity, 0, 0, carol.address, MAX),
      ).to.changeEtherBalances([carol], [eEth]);
      expect(await token0.balanceOf(carol.address)).to.equal(1_000_000n * E18 + eTok);
    });

    it("the permit forms remove with a signature instead of an approval", async function () {
      const { router, token0, token1, weth, admin, carol, pairOf } = await loadFixture(routerFixture);
      const pair = await pairOf(token0, token1);
      const routerAddress = await router.getAddress();
      let sig = await signPermit(pair, admin, routerAddress, E18, MAX);
      await router
        .connect(admin)
        .removeLiquidityWithPermit(token0, token1, E18, 0, 0, carol.address, MAX, false, sig.v, sig.r, sig.s);
      expect(await pair.allowance(admin.address, routerAddress)).to.equal(0n);

      const pairEth = await pairOf(token0, weth);
      sig = await signPermit(pairEth, admin, routerAddress, MAX, MAX);
      const supply = await pairEth.totalSupply();
      await expect(
        router
          .connect(admin)
          .removeLiquidityETHWithPermit(token0, E18, 0, 0, carol.address, MAX, true, sig.v, sig.r, sig.s),
      ).to.changeEtherBalances([carol], [(E18 * 10n * E18) / supply]);
      expect(await pairEth.allowance(admin.address, routerAddress)).to.equal(MAX);
    });

    it("the fee-on-transfer forms forward what the router actually received", async function () {
      const { router, fot, weth, admin, carol, pairOf } = await loadFixture(routerFixture);
      const pair = await pairOf(fot, weth);
      const routerAddress = await router.getAddress();
      const supply = await pair.totalSupply();
      const eFot = (E18 * (await fot.balanceOf(pair))) / supply; // the pair holds 990 after the fee
      const eEth = (E18 * 10n * E18) / supply;
      await pair.connect(admin).approve(router, MAX);
      expect(
        await router
          .connect(admin)
          .removeLiquidityETHSupportingFeeOnTransferTokens.staticCall(fot, E18, 0, 0, carol.address, MAX),
      ).to.equal(eEth);
      await expect(
        router
          .connect(admin)
          .removeLiquidityETHSupportingFeeOnTransferTokens(fot, E18, 0, 0, carol.address, MAX),
      ).to.changeEtherBalances([carol], [eEth]);
      // Pair -> router loses 1%, router -> carol another 1%.
      const viaRouter = eFot - (eFot * 100n) / 10_000n;
      expect(await fot.balanceOf(carol.address)).to.equal(viaRouter - (viaRouter * 100n) / 10_000n);

      await pair.connect(admin).approve(router, 0);
      const sig = await signPermit(pair, admin, routerAddress, E18, MAX);
      await expect(
        router
          .connect(admin)
          .removeLiquidityETHWithPermitSupportingFeeOnTransferTokens(
            fot,
            E18,
            0,
            0,
            carol.address,
            MAX,
            false,
            sig.v,
            sig.r,
            sig.s,
          ),
      ).to.emit(pair, "Burn");
    });
  });

  describe("swaps", function () {
    it("#swapExactTokensForTokens pays the chained quotes over one and two hops", async function () {
      const { router, token0, token1, weth, bob, pairOf } = await loadFixture(routerFixture);
      const [a, b, w] = [await token1.getAddress(), await token0.getAddress(), await weth.getAddress()];
      const expected = getAmountsOut(E18, [await hop(pairOf, a, b), await hop(pairOf, b, w)]);
      expect(await router.getAmountsOut(E18, [a, b, w])).to.deep.equal(expected);
      expect(
        await router.connect(bob).swapExactTokensForTokens.staticCall(E18, 0, [a, b, w], bob.address, MAX),
      ).to.deep.equal(expected);
      await expect(
        router.connect(bob).swapExactTokensForTokens(E18, 0, [a, b, w], bob.address, MAX),
      ).to.changeTokenBalances(weth, [bob], [expected[2]]);
      const next = getAmountsOut(E18, [await hop(pairOf, a, b)]);
      await expect(router.connect(bob).swapExactTokensForTokens(E18, next[1] + 1n, [a, b], bob.address, MAX))
        .to.be.revertedWithCustomError(router, "InsufficientOutputAmount")
        .withArgs(next[1], next[1] + 1n);
    });

    it("#swapTokensForExactTokens takes exactly the chained input quotes", async function () {
      const { router, token0, token1, bob, pairOf } = await loadFixture(routerFixture);
      const [a, b] = [await token0.getAddress(), await token1.getAddress()];
      const expected = getAmountsIn(E18, [await hop(pairOf, a, b)]);
      expect(await router.getAmountsIn(E18, [a, b])).to.deep.equal(expected);
      await expect(
        router.connect(bob).swapTokensForExactTokens(E18, expected[0], [a, b], bob.address, MAX),
      ).to.changeTokenBalances(token0, [bob], [-expected[0]]);
      const again = getAmountsIn(E18, [await hop(pairOf, a, b)]);
      await expect(router.connect(bob).swapTokensForExactTokens(E18, again[0] - 1n, [a, b], bob.address, MAX))
        .to.be.revertedWithCustomError(router, "ExcessiveInputAmount")
        .withArgs(again[0], again[0] - 1n);
    });

    it("#swapExactETHForTokens wraps msg.value and requires a WETH-first path", async function () {
      const { router, token0, weth, bob, pairOf } = await loadFixture(routerFixture);
      const [w, t] = [await weth.getAddress(), await token0.getAddress()];
      const expected = getAmountsOut(E18 / 10n, [await hop(pairOf, w, t)]);
      await expect(
        router.connect(bob).swapExactETHForTokens(0, [w, t], bob.address, MAX, { value: E18 / 10n }),
      ).to.changeTokenBalances(token0, [bob], [expected[1]]);
      await expect(router.connect(bob).swapExactETHForTokens(0, [t, w], bob.address, MAX, { value: 1n }))
        .to.be.revertedWithCustomError(router, "InvalidPathToken")
        .withArgs(t, w);
      const again = getAmountsOut(E18 / 10n, [await hop(pairOf, w, t)]);
      await expect(
        router
          .connect(bob)
          .swapExactETHForTokens(again[1] + 1n, [w, t], bob.address, MAX, { value: E18 / 10n }),
      )
        .to.be.revertedWithCustomError(router, "InsufficientOutputAmount")
        .withArgs(again[1], again[1] + 1n);
    });

    it("#swapTokensForExactETH and #swapExactTokensForETH pay ether and require a WETH-last path", async function () {
      const { router, token0, weth, bob, pairOf } = await loadFixture(routerFixture);
      const [t, w] = [await token0.getAddress(), await weth.getAddress()];
      const exactOut = getAmountsIn(E18 / 10n, [await hop(pairOf, t, w)]);
      await expect(
        router.connect(bob).swapTokensForExactETH(E18 / 10n, exactOut[0], [t, w], bob.address, MAX),
      ).to.changeEtherBalances([bob], [E18 / 10n]);
      const again = getAmountsIn(E18 / 10n, [await hop(pairOf, t, w)]);
      await expect(
        router.connect(bob).swapTokensForExactETH(E18 / 10n, again[0] - 1n, [t, w], bob.address, MAX),
      )
        .to.be.revertedWithCustomError(router, "ExcessiveInputAmount")
        .withArgs(again[0], again[0] - 1n);
      await expect(router.connect(bob).swapTokensForExactETH(1n, MAX, [w, t], bob.address, MAX))
        .to.be.revertedWithCustomError(router, "InvalidPathToken")
        .withArgs(t, w);

      const exactIn = getAmountsOut(E18, [await hop(pairOf, t, w)]);
      await expect(
        router.connect(bob).swapExactTokensForETH(E18, 0, [t, w], bob.address, MAX),
      ).to.changeEtherBalances([bob], [exactIn[1]]);
      const again2 = getAmountsOut(E18, [await hop(pairOf, t, w)]);
      await expect(router.connect(bob).swapExactTokensForETH(E18, again2[1] + 1n, [t, w], bob.address, MAX))
        .to.be.revertedWithCustomError(router, "InsufficientOutputAmount")
        .withArgs(again2[1], again2[1] + 1n);
      await expect(router.connect(bob).swapExactTokensForETH(E18, 0, [w, t], bob.address, MAX))
        .to.be.revertedWithCustomError(router, "InvalidPathToken")
        .withArgs(t, w);
    });

    it("#swapETHForExactTokens wraps only what it needs and refunds the rest", async function () {
      const { router, token0, weth, bob, pairOf } = await loadFixture(routerFixture);
      const [w, t] = [await weth.getAddress(), await token0.getAddress()];
      const expected = getAmountsIn(E18, [await hop(pairOf, w, t)]);
      await expect(
        router.connect(bob).swapETHForExactTokens(E18, [w, t], bob.address, MAX, { value: E18 }),
      ).to.changeEtherBalances([bob, router], [-expected[0], 0n]);
      const again = getAmountsIn(E18, [await hop(pairOf, w, t)]);
      await expect(
        router.connect(bob).swapETHForExactTokens(E18, [w, t], bob.address, MAX, { value: again[0] - 1n }),
      )
        .to.be.revertedWithCustomError(router, "ExcessiveInputAmount")
        .withArgs(again[0], again[0] - 1n);
      const exact = getAmountsIn(E18, [await hop(pairOf, w, t)]);
      await expect(
        router.connect(bob).swapETHForExactTokens(E18, [w, t], bob.address, MAX, { value: exact[0] }),
      ).to.changeEtherBalances([bob, router], [-exact[0], 0n]);
      await expect(router.connect(bob).swapETHForExactTokens(E18, [t, w], bob.address, MAX, { value: E18 }))
        .to.be.revertedWithCustomError(router, "InvalidPathToken")
        .withArgs(t, w);
    });

    it("rejects paths shorter than two tokens and expired deadlines", async function () {
      const { router, token0, bob } = await loadFixture(routerFixture);
      const t = await token0.getAddress();
      await expect(router.getAmountsOut(E18, [t]))
        .to.be.revertedWithCustomError(router, "InvalidPath")
        .withArgs(1n);
      await expect(router.getAmountsIn(E18, []))
        .to.be.revertedWithCustomError(router, "InvalidPath")
        .withArgs(0n);
      await expect(router.connect(bob).swapExactETHForTokens(0, [], bob.address, MAX, { value: 1n }))
        .to.be.revertedWithCustomError(router, "InvalidPath")
        .withArgs(0n);
      await expect(
        router.connect(bob).swapExactTokensForETHSupportingFeeOnTransferTokens(1n, 0, [t], bob.address, MAX),
      )
        .to.be.revertedWithCustomError(router, "InvalidPath")
        .withArgs(1n);
      await expect(router.connect(bob).swapExactTokensForTokens(1n, 0, [t, t], bob.address, 0))
        .to.be.revertedWithCustomError(router, "Expired")
        .withArgs(0n, BigInt((await ethers.provider.getBlock("latest"))!.timestamp) + 1n);
    });
  });

  describe("pairs that do not exist", function () {
    it("quotes and swaps through a missing pair revert with PairNotFound", async function () {
      const { router, token1, weth, bob } = await loadFixture(ammFixture);
      // ammFixture has only the token0/token1 pair.
      await expect(router.getAmountsOut(E18, [token1, weth]))
        .to.be.revertedWithCustomError(router, "PairNotFound")
        .withArgs(await token1.getAddress(), await weth.getAddress());
      await expect(router.getAmountsIn(E18, [weth, token1]))
        .to.be.revertedWithCustomError(router, "PairNotFound")
        .withArgs(await weth.getAddress(), await token1.getAddress());
      await expect(
        router.connect(bob).swapExactTokensForTokensFeeOnTransfer(E18, 0n, [token1, weth], bob.address, MAX),
      )
        .to.be.revertedWithCustomError(router, "PairNotFound")
        .withArgs(await token1.getAddress(), await weth.getAddress());
    });
  });

  describe("deadlines", function () {
    it("every function that takes a deadline reverts with Expired once it has passed", async function () {
      const { router, token0, token1, weth, alice } = await loadFixture(routerFixture);
      const [a, b, w] = [await token0.getAddress(), await token1.getAddress(), await weth.getAddress()];
      const to = alice.address;
      const past = 1n;
      const z = ethers.ZeroHash;
      const calls = [
        () => router.addLiquidity(a, b, 1n, 1n, 0n, 0n, to, past),
        () => router.addLiquidityETH(a, 1n, 0n, 0n, to, past),
        () => router.addLiquiditySupportingFeeOnTransferTokens(a, b, 1n, 1n, 0n, 0n, to, past),
        () => router.removeLiquidity(a, b, 1n, 0n, 0n, to, past),
        () => router.removeLiquidityETH(a, 1n, 0n, 0n, to, past),
        () => router.removeLiquidityETHSupportingFeeOnTransferTokens(a, 1n, 0n, 0n, to, past),
        () => router.swapExactTokensForTokens(1n, 0n, [a, b], to, past),
        () => router.swapTokensForExactTokens(1n, 1n, [a, b], to, past),
        () => router.swapExactETHForTokens(0n, [w, a], to, past),
        () => router.swapTokensForExactETH(1n, 1n, [a, w], to, past),
        () => router.swapExactTokensForETH(1n, 0n, [a, w], to, past),
        () => router.swapETHForExactTokens(1n, [w, a], to, past),
        () => router.swapExactTokensForTokensSupportingFeeOnTransferTokens(1n, 0n, [a, b], to, past),
        () => router.swapExactTokensForTokensFeeOnTransfer(1n, 0n, [a, b], to, past),
        () => router.swapExactETHForTokensSupportingFeeOnTransferTokens(0n, [w, a], to, past),
        () => router.swapExactETHForTokensFeeOnTransfer(0n, [w, a], to, past),
        () => router.swapExactTokensForETHSupportingFeeOnTransferTokens(1n, 0n, [a, w], to, past),
        () => router.swapExactTokensForETHFeeOnTransfer(1n, 0n, [a, w], to, past),
        // The permit forms check the permit's own deadline first (the pair's PermitExpired).
        () => router.removeLiquidityWithPermit(a, b, 1n, 0n, 0n, to, past, false, 27, z, z),
      ];
      // Each call's block time is set explicitly, so the expected timestamp does not depend on
      // how long the calls take (they do take long under coverage instrumentation).
      const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
      for (const [i, call] of calls.entries()) {
        const blockTime = now + 10n * (BigInt(i) + 1n);
        await time.setNextBlockTimestamp(blockTime);
        if (i === calls.length - 1) {
          const pair = await ethers.getContractAt("Pair", await router.factory().then((f) => f));
          await expect(call()).to.be.revertedWithCustomError(pair, "PermitExpired").withArgs(past, blockTime);
        } else {
          await expect(call()).to.be.revertedWithCustomError(router, "Expired").withArgs(past, blockTime);
        }
      }
    });
  });

  describe("fee-on-transfer swaps", function () {
    /** Expected amounts for an exact-input swap fot -> token0 -> token1 with a 1% fee on fot transfers. */
    async function expectFotPath(f: Awaited<ReturnType<typeof routerFixture>>, amountIn: bigint) {
      const { fot, token0, token1, pairOf } = f;
      const [x, y, z] = [await fot.getAddress(), await token0.getAddress(), await token1.getAddress()];
      const received = amountIn - (amountIn * 100n) / 10_000n;
      const out1 = getAmountOut(received, ...(Object.values(await hop(pairOf, x, y)) as [bigint, bigint]));
      const out2 = getAmountOut(out1, ...(Object.values(await hop(pairOf, y, z)) as [bigint, bigint]));
      return { path: [x, y, z], amounts: [amountIn, out1, out2] };
    }

    it("returning forms give what each hop and the recipient actually received", async function () {
      const f = await loadFixture(routerFixture);
      const { router, token1, bob } = f;
      const { path, amounts } = await expectFotPath(f, 10n * E18);
      expect(
        await router
          .connect(bob)
          .swapExactTokensForTokensFeeOnTransfer.staticCall(10n * E18, 0, path, bob.address, MAX),
      ).to.deep.equal(amounts);
      await expect(
        router
          .connect(bob)
          .swapExactTokensForTokensSupportingFeeOnTransferTokens(10n * E18, 0, path, bob.address, MAX),
      ).to.changeTokenBalances(token1, [bob], [amounts[2]]);
      const again = await expectFotPath(f, 10n * E18);
      await expect(
        router
          .connect(bob)
          .swapExactTokensForTokensFeeOnTransfer(10n * E18, again.amounts[2] + 1n, path, bob.address, MAX),
      )
        .to.be.revertedWithCustomError(router, "InsufficientOutputAmount")
        .withArgs(again.amounts[2], again.amounts[2] + 1n);
      await expect(
        router.connect(bob).swapExactTokensForTokensFeeOnTransfer(10n * E18, 0, path, bob.address, MAX),
      ).to.changeTokenBalances(token1, [bob], [again.amounts[2]]);
    });

    it("the recipient's side counts the fee taken on the last transfer", async function () {
      const { router, fot, weth, bob, pairOf } = await loadFixture(routerFixture);
      const [w, x] = [await weth.getAddress(), await fot.getAddress()];
      const out = getAmountOut(E18 / 10n, ...(Object.values(await hop(pairOf, w, x)) as [bigint, bigint]));
      const received = out - (out * 100n) / 10_000n;
      expect(
        await router
          .connect(bob)
          .swapExactETHForTokensFeeOnTransfer.staticCall(0, [w, x], bob.address, MAX, { value: E18 / 10n }),
      ).to.deep.equal([E18 / 10n, received]);
      await expect(
        router.connect(bob).swapExactETHForTokensSupportingFeeOnTransferTokens(0, [w, x], bob.address, MAX, {
          value: E18 / 10n,
        }),
      ).to.changeTokenBalances(fot, [bob], [received]);
      await expect(
        router.connect(bob).swapExactETHForTokensFeeOnTransfer(0, [x, w], bob.address, MAX, { value: 1n }),
      )
        .to.be.revertedWithCustomError(router, "InvalidPathToken")
        .withArgs(x, w);
    });

    it("ETH-out forms unwrap what arrived and check the minimum against it", async function () {
      const { router, fot, weth, bob, pairOf } = await loadFixture(routerFixture);
      const [x, w] = [await fot.getAddress(), await weth.getAddress()];
      const amountIn = 10n * E18;
      const out = getAmountOut(
        amountIn - amountIn / 100n,
        ...(Object.values(await hop(pairOf, x, w)) as [bigint, bigint]),
      );
      expect(
        await router
          .connect(bob)
          .swapExactTokensForETHFeeOnTransfer.staticCall(amountIn, 0, [x, w], bob.address, MAX),
      ).to.deep.equal([amountIn, out]);
      await expect(
        router
          .connect(bob)
          .swapExactTokensForETHSupportingFeeOnTransferTokens(amountIn, 0, [x, w], bob.address, MAX),
      ).to.changeEtherBalances([bob], [out]);
      const again = getAmountOut(
        amountIn - amountIn / 100n,
        ...(Object.values(await hop(pairOf, x, w)) as [bigint, bigint]),
      );
      await expect(
        router
          .connect(bob)
          .swapExactTokensForETHFeeOnTransfer(amountIn, again + 1n, [x, w], bob.address, MAX),
      )
        .to.be.revertedWithCustomError(router, "InsufficientOutputAmount")
        .withArgs(again, again + 1n);
      await expect(
        router.connect(bob).swapExactTokensForETHFeeOnTransfer(amountIn, 0, [w, x], bob.address, MAX),
      )
        .to.be.revertedWithCustomError(router, "InvalidPathToken")
        .withArgs(x, w);
    });
  });

  describe("quotes", function () {
    // [amount, reserveIn, reserveOut]: a table across magnitudes and decimals (6 and 18).
    const table: [bigint, bigint, bigint][] = [
      [1n, 1000n, 1000n],
      [997n, 1000n, 1000n],
      [E18, 5n * E18, 10n * E18],
      [2n * E18, 10n * E18, 5n * E18],
      [1_000_000n, 5_000_000_000n, 7n * E18], // 6-decimal in, 18-decimal out
      [3n * E18, 1_000_000n * E18, 2_500_000_000_000n],
      [10n ** 30n, 10n ** 33n, 2n ** 112n - 1n],
      [123456789n, 987654321n, 555555555n],
    ];
    for (const [amount, reserveIn, reserveOut] of table) {
      it(`quote/getAmountOut/getAmountIn(${amount}, ${reserveIn}, ${reserveOut}) match the BigInt reference`, async function () {
        const { router } = await loadFixture(ammFixture);
        expect(await router.quote(amount, reserveIn, reserveOut)).to.equal(
          quote(amount, reserveIn, reserveOut),
        );
        expect(await router.getAmountOut(amount, reserveIn, reserveOut)).to.equal(
          getAmountOut(amount, reserveIn, reserveOut),
        );
        if (amount < reserveOut) {
          expect(await router.getAmountIn(amount, reserveIn, reserveOut)).to.equal(
            getAmountIn(amount, reserveIn, reserveOut),
          );
        }
      });
    }
  });
});
