import type { HardhatRuntimeEnvironment } from "hardhat/types";
import { MaxUint256 } from "ethers";
import type { FurrowDeployment } from "../chain/deployment";
import { E18, quote } from "../model";
import { GasMeter } from "./gas";
import { poolOf, setupMarket } from "./market";

/** What `seedLocalChain` left on the node, for the script to print. */
export interface LocalSeed {
  users: string[];
  pools: { pid: number; name: string }[];
  vault: string;
  usdc: string;
  bonus: string;
}

/** ETH price (in USDC) the local market is seeded at. */
export const LOCAL_ETH_PRICE = 3_000;

/**
 * A short simulation on a running node (`hardhat node`, where every account is unlocked and
 * impersonation works), so that a fresh local deployment has something to look at: the simulation's
 * market (governance, impersonated, adds a USDC/WETH pool with a BONUS rewarder and the WETH/FUR
 * vault; a maker seeds and stakes in every pool), then each of `users`:
 *  - gets 200,000 FUR and 25,000 USDC from the maker and wraps 30 ETH;
 *  - adds 10 WETH of WETH/FUR liquidity: stakes half the LP in pool 0, puts a quarter in the vault
 *    and keeps a quarter in the wallet; stakes 1,000 FUR in the FUR pool; adds 5 WETH of USDC/WETH
 *    and stakes it in the bonus pool;
 * then the maker trades WETH → FUR and back (fees, a price move: impermanent loss), the vault is
 * observed, a day passes, and the vault harvests once.
 */
export async function seedLocalChain(
  hre: HardhatRuntimeEnvironment,
  d: FurrowDeployment,
  users: string[],
): Promise<LocalSeed> {
  const { ethers } = hre;
  const m = await setupMarket(hre, d, { ethPrice: LOCAL_ETH_PRICE, seed: 1, meter: new GasMeter(hre) });
  const furWeth = poolOf(m, "weth-fur");
  const usdcWeth = poolOf(m, "usdc-weth");
  const furPool = poolOf(m, "fur");
  const farm = await m.farm.getAddress();
  const router = await m.router.getAddress();

  for (const address of users) {
    const user = await ethers.getSigner(address);
    await (await m.fur.connect(m.maker).transfer(address, 200_000n * E18)).wait();
    await (await m.usdc.connect(m.maker).mint(address, 25_000n * 10n ** 6n)).wait();
    await (await m.weth.connect(user).deposit({ value: 30n * E18 })).wait();
    for (const token of [m.fur, m.weth, m.usdc]) {
      await (await token.connect(user).approve(router, MaxUint256)).wait();
    }
    const [rWeth, rFur] = await reservesOf(furWeth.pair!, m.wethAddress);
    await (
      await m.router
        .connect(user)
        .addLiquidity(m.weth, m.fur, 10n * E18, quote(10n * E18, rWeth, rFur), 0, 0, address, MaxUint256)
    ).wait();
    const lp = await furWeth.pair!.balanceOf(address);
    await (await furWeth.pair!.connect(user).approve(farm, MaxUint256)).wait();
    await (await m.farm.connect(user).deposit(furWeth.pid, lp / 2n, address)).wait();
    await (await furWeth.pair!.connect(user).approve(await m.vault.getAddress(), MaxUint256)).wait();
    await (await m.vault.connect(user).deposit(lp / 4n, address)).wait();

    await (await m.fur.connect(user).approve(farm, MaxUint256)).wait();
    await (await m.farm.connect(user).deposit(furPool.pid, 1_000n * E18, address)).wait();

    const [rWeth2, rUsdc] = await reservesOf(usdcWeth.pair!, m.wethAddress);
    await (
      await m.router
        .connect(user)
        .addLiquidity(m.weth, m.usdc, 5n * E18, quote(5n * E18, rWeth2, rUsdc), 0, 0, address, MaxUint256)
    ).wait();
    await (await usdcWeth.pair!.connect(user).approve(farm, MaxUint256)).wait();
    const usdcLp = await usdcWeth.pair!.balanceOf(address);
    await (await m.farm.connect(user).deposit(usdcWeth.pid, usdcLp, address)).wait();
  }

  // Trades: 50 WETH in, then back out with the FUR bought, leaving fees and a moved price.
  await (await m.weth.connect(m.maker).deposit({ value: 100n * E18 })).wait();
  const path = [m.wethAddress, m.furAddress];
  await (
    await m.router.connect(m.maker).swapExactTokensForTokens(50n * E18, 0, path, m.maker, MaxUint256)
  ).wait();
  const half = (await m.fur.balanceOf(m.maker)) / 4n;
  await (
    await m.router
      .connect(m.maker)
      .swapExactTokensForTokens(half, 0, [...path].reverse(), m.maker, MaxUint256)
  ).wait();

  await (await m.vault.observe()).wait();
  await hre.network.provider.send("evm_increaseTime", [86_400]);
  await hre.network.provider.send("evm_mine", []);
  await (await m.vault.harvest(0)).wait();

  return {
    users,
    pools: m.pools.map((p) => ({ pid: p.pid, name: p.name })),
    vault: await m.vault.getAddress(),
    usdc: m.usdcAddress,
    bonus: (await m.bonus.getAddress()).toLowerCase(),
  };
}

/** The pair's reserves as (WETH, other). */
async function reservesOf(
  pair: { token0(): Promise<string>; getReserves(): Promise<[bigint, bigint, bigint]> },
  weth: string,
): Promise<[bigint, bigint]> {
  const [r0, r1] = await pair.getReserves();
  return (await pair.token0()).toLowerCase() === weth ? [r0, r1] : [r1, r0];
}
