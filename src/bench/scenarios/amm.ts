import type { BenchContext, Anchor } from "../harness";
import { E18 } from "../../model";

/** Uniswap V2 measured on the same EVM, and the goals of issue 3. */
export const anchors: Record<string, Anchor> = {
  "amm.createPair": { reference: "Uniswap V2", anchor: 2_507_002, goal: 2_200_000 },
  "amm.addLiquidity": { reference: "Uniswap V2", anchor: 119_936, goal: 105_000 },
  "amm.removeLiquidity": { reference: "Uniswap V2", anchor: 119_981, goal: 105_000 },
  "amm.swap.1hop": { reference: "Uniswap V2", anchor: 97_846, goal: 85_000 },
  "amm.swap.2hop": { reference: "Uniswap V2", anchor: 152_827, goal: 135_000 },
  "amm.swap.pair": { reference: "Uniswap V2", anchor: 73_162, goal: 64_000 },
  "amm.swap.eth": { reference: "Uniswap V2", anchor: 100_836, goal: 88_000 },
};

/**
 * Conditions of the issue: 18-decimal plain ERC-20s, infinite approvals, protocol fee off, every
 * account already holding what it receives, every measured transaction in its own block (so the
 * price accumulators update).
 */
export async function run({ hre, signers, send, measure }: BenchContext) {
  const { ethers } = hre;
  const [admin, alice, bob] = signers;
  const tokens = [];
  for (const symbol of ["TKA", "TKB", "TKC", "TKD", "TKE"]) {
    tokens.push(await ethers.deployContract("MockERC20", [symbol, symbol, 18]));
  }
  const [a, b, c, d, e] = tokens;
  const weth = await ethers.deployContract("WETH9");
  const factory = await ethers.deployContract("PairFactory", [admin.address]);
  const router = await ethers.deployContract("Router", [await factory.getAddress(), await weth.getAddress()]);
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
  const add = (x: typeof a, y: typeof a, amount: bigint) =>
    send(() =>
      router
        .connect(alice)
        .addLiquidity(x.getAddress(), y.getAddress(), amount, amount, 0, 0, alice.address, deadline),
    );
  await add(a, b, 10_000n * E18);
  await add(b, c, 10_000n * E18);
  await send(() =>
    router
      .connect(alice)
      .addLiquidityETH(a.getAddress(), 1_000n * E18, 0, 0, alice.address, deadline, { value: E18 }),
  );

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

  await measure("amm.addLiquidity", () =>
    router
      .connect(alice)
      .addLiquidity(a.getAddress(), b.getAddress(), 100n * E18, 100n * E18, 0, 0, alice.address, deadline),
  );

  const pairAB = await ethers.getContractAt("Pair", await factory.getPair(a.getAddress(), b.getAddress()));
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
}
