import type { BenchContext } from "../harness";
import type { IPairFactory, IRouter, Pair, WETH9 } from "../../../typechain-types";
import { IPairFactory__factory, IRouter__factory } from "../../../typechain-types";
import type { Signature, Signer } from "ethers";
import { signPermit } from "../../chain/permit";
import { factoryOf, signUniswapPermit, uniswapArtifact } from "../peers/uniswap";
import { E18 } from "../../model";

/** Goals of issue 3 (Uniswap V2 is measured beside them in the same run). */
export const goals: Record<string, number> = {
  "amm.createPair": 2_200_000,
  "amm.addLiquidity": 105_000,
  "amm.removeLiquidity": 105_000,
  "amm.swap.1hop": 85_000,
  "amm.swap.2hop": 135_000,
  "amm.swap.pair": 64_000,
  "amm.swap.eth": 88_000,
};

/** A token as the router takes it. */
type Token = { getAddress(): Promise<string> };

/** One V2-style AMM: Furrow's or Uniswap V2's, both driven through the V2 ABI Furrow keeps. */
interface Amm {
  factory: IPairFactory;
  router: IRouter;
  /** A pair, typed with Furrow's Pair ABI (Uniswap V2's pairs answer the same calls). */
  pair(address: string): Promise<Pair>;
  /** An EIP-2612 permit for the pair's LP token, signed the way that pair's domain needs. */
  signPermit(pair: Pair, owner: Signer, spender: string, value: bigint, deadline: bigint): Promise<Signature>;
}

/**
 * Conditions of the issue: 18-decimal plain ERC-20s, infinite approvals, protocol fee off, every
 * account already holding what it receives, every measured transaction in its own block (so the
 * price accumulators update). Both sides run these steps on a fresh chain with the same accounts
 * and the same tokens (the same addresses, so the same calldata): only the AMM differs.
 */
async function scenario(ctx: BenchContext, deployAmm: (weth: WETH9) => Promise<Amm>) {
  const { hre, signers, send, measure } = ctx;
  const { ethers } = hre;
  const [, alice, bob] = signers;
  const tokens = [];
  for (const symbol of ["TKA", "TKB", "TKC", "TKD", "TKE"]) {
    tokens.push(await ethers.deployContract("MockERC20", [symbol, symbol, 18]));
  }
  const [a, b, c, d, e] = tokens;
  const weth = (await ethers.deployContract("WETH9")) as unknown as WETH9;
  const amm = await deployAmm(weth);
  const { factory, router } = amm;
  const routerAddress = await router.getAddress();

  for (const token of tokens) {
    for (const who of [alice, bob]) {
      await send(() => token.mint(who.address, 1_000_000n * E18));
      await send(() => token.connect(who).approve(routerAddress, ethers.MaxUint256));
    }
  }
  for (const who of [alice, bob]) {
    await send(() => weth.connect(who).deposit({ value: 10n * E18 }));
  }

  const deadline = 2n ** 40n;
  const addLiquidity = (x: Token, y: Token, amount: bigint) =>
    router
      .connect(alice)
      .addLiquidity(x.getAddress(), y.getAddress(), amount, amount, 0, 0, alice.address, deadline);
  const addLiquidityETH = (tokenAmount: bigint, value: bigint) =>
    router
      .connect(alice)
      .addLiquidityETH(a.getAddress(), tokenAmount, 0, 0, alice.address, deadline, { value });
  await send(() => addLiquidity(a, b, 10_000n * E18));
  await send(() => addLiquidity(b, c, 10_000n * E18));
  await send(() => addLiquidityETH(1_000n * E18, E18));

  // Steady state: one swap per pair in a later block, so the price accumulators are already
  // non-zero (their first write, 0 -> x, costs 20,000 gas each and happens once per pair's life).
  for (const path of [
    [a, b],
    [b, c],
  ]) {
    await send(() =>
      router
        .connect(bob)
        .swapExactTokensForTokens(
          E18,
          0,
          [path[0].getAddress(), path[1].getAddress()],
          bob.address,
          deadline,
        ),
    );
  }
  await send(() =>
    router.connect(bob).swapExactETHForTokens(0, [weth.getAddress(), a.getAddress()], bob.address, deadline, {
      value: E18 / 100n,
    }),
  );

  await measure("amm.createPair", () => factory.createPair(d.getAddress(), e.getAddress()));

  await measure("amm.addLiquidity", () => addLiquidity(a, b, 100n * E18));

  const pairAB = await amm.pair(await factory.getPair(a.getAddress(), b.getAddress()));
  await send(() => pairAB.connect(alice).approve(routerAddress, ethers.MaxUint256));
  await measure("amm.removeLiquidity", () =>
    router
      .connect(alice)
      .removeLiquidity(a.getAddress(), b.getAddress(), 50n * E18, 0, 0, alice.address, deadline),
  );

  await measure("amm.swap.1hop", () =>
    router
      .connect(bob)
      .swapExactTokensForTokens(E18, 0, [a.getAddress(), b.getAddress()], bob.address, deadline),
  );
  await measure("amm.swap.2hop", () =>
    router
      .connect(bob)
      .swapExactTokensForTokens(
        E18,
        0,
        [a.getAddress(), b.getAddress(), c.getAddress()],
        bob.address,
        deadline,
      ),
  );

  // pair.swap with the input already in the pair: the transfer is setup, the swap is measured.
  const [reserve0, reserve1] = await pairAB.getReserves();
  const aIs0 = (await pairAB.token0()) === (await a.getAddress());
  const [reserveIn, reserveOut] = aIs0 ? [reserve0, reserve1] : [reserve1, reserve0];
  const amountOut = await router.getAmountOut(E18, reserveIn, reserveOut);
  await send(() => a.connect(bob).transfer(pairAB.getAddress(), E18));
  await measure("amm.swap.pair", () =>
    pairAB.connect(bob).swap(aIs0 ? 0n : amountOut, aIs0 ? amountOut : 0n, bob.address, "0x"),
  );

  await measure("amm.swap.eth", () =>
    router.connect(bob).swapExactETHForTokens(0, [weth.getAddress(), a.getAddress()], bob.address, deadline, {
      value: E18 / 100n,
    }),
  );

  // The rest of the V2 surface, after the figures above so their state is what it always was.
  // First liquidity of a pair (createPair above made D/E): mints MINIMUM_LIQUIDITY to the dead
  // address and writes every reserve and supply slot from zero.
  await measure("amm.addLiquidity.first", () => addLiquidity(d, e, 1_000n * E18));
  await measure("amm.addLiquidityETH", () => addLiquidityETH(10n * E18, E18 / 100n));

  // Alice never approved B/C's LP token to the router: the permit is the approval.
  const pairBC = await amm.pair(await factory.getPair(b.getAddress(), c.getAddress()));
  const permit = await amm.signPermit(pairBC, alice, routerAddress, 50n * E18, deadline);
  await measure("amm.removeLiquidityWithPermit", () =>
    router
      .connect(alice)
      .removeLiquidityWithPermit(
        b.getAddress(),
        c.getAddress(),
        50n * E18,
        0,
        0,
        alice.address,
        deadline,
        false,
        permit.v,
        permit.r,
        permit.s,
      ),
  );
  const pairAW = await amm.pair(await factory.getPair(a.getAddress(), weth.getAddress()));
  await send(() => pairAW.connect(alice).approve(routerAddress, ethers.MaxUint256));
  await measure("amm.removeLiquidityETH", () =>
    router.connect(alice).removeLiquidityETH(a.getAddress(), E18, 0, 0, alice.address, deadline),
  );

  await measure("amm.swap.exactOut", () =>
    router
      .connect(bob)
      .swapTokensForExactTokens(E18, 2n * E18, [a.getAddress(), b.getAddress()], bob.address, deadline),
  );
  await measure("amm.swap.toEth", () =>
    router
      .connect(bob)
      .swapExactTokensForETH(E18, 0, [a.getAddress(), weth.getAddress()], bob.address, deadline),
  );
  await measure("amm.swap.eth.exactOut", () =>
    router
      .connect(bob)
      .swapETHForExactTokens(E18, [weth.getAddress(), a.getAddress()], bob.address, deadline, {
        value: E18 / 10n,
      }),
  );

  // A token that keeps 1% of every transfer, paired with A and already swapped once (steady state).
  const fot = await ethers.deployContract("FeeOnTransferToken", [100]);
  for (const who of [alice, bob]) {
    await send(() => fot.mint(who.address, 1_000_000n * E18));
    await send(() => fot.connect(who).approve(routerAddress, ethers.MaxUint256));
  }
  await send(() => addLiquidity(fot, a, 10_000n * E18));
  const swapFot = () =>
    router
      .connect(bob)
      .swapExactTokensForTokensSupportingFeeOnTransferTokens(
        E18,
        0,
        [fot.getAddress(), a.getAddress()],
        bob.address,
        deadline,
      );
  await send(swapFot);
  await measure("amm.swap.feeOnTransfer", swapFot);
}

/** Furrow: PairFactory and Router compiled in this repository. */
export async function run(ctx: BenchContext) {
  const { ethers } = ctx.hre;
  await scenario(ctx, async (weth) => {
    const factory = await ethers.deployContract("PairFactory", [ctx.signers[0].address]);
    const router = await ethers.deployContract("Router", [
      await factory.getAddress(),
      await weth.getAddress(),
    ]);
    return {
      factory: IPairFactory__factory.connect(await factory.getAddress(), ctx.signers[0]),
      router: IRouter__factory.connect(await router.getAddress(), ctx.signers[0]),
      pair: async (address) => (await ethers.getContractAt("Pair", address)) as unknown as Pair,
      signPermit: (pair, owner, spender, value, deadline) =>
        signPermit(pair, owner, spender, value, deadline),
    };
  });
}

/** Uniswap V2 from its published bytecode, with the same steps. */
export const peers = {
  "Uniswap V2": async (ctx: BenchContext) => {
    const [admin] = ctx.signers;
    await scenario(ctx, async (weth) => {
      const factory = await factoryOf(uniswapArtifact("UniswapV2Factory"), admin).deploy(admin.address);
      const router = await factoryOf(uniswapArtifact("UniswapV2Router02"), admin).deploy(
        await factory.getAddress(),
        await weth.getAddress(),
      );
      return {
        factory: IPairFactory__factory.connect(await factory.getAddress(), admin),
        router: IRouter__factory.connect(await router.getAddress(), admin),
        pair: async (address) => (await ctx.hre.ethers.getContractAt("Pair", address)) as unknown as Pair,
        signPermit: (pair, owner, spender, value, deadline) =>
          signUniswapPermit(pair, owner, spender, value, deadline),
      };
    });
  },
};
