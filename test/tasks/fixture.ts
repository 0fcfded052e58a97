import { ethers } from "hardhat";
import hre from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { ERC20Rewarder, MockERC20, Pair, Router, WETH9 } from "../../typechain-types";
import { E18, farmFixture } from "../shared/fixtures";

/** USDC's decimals in the fixture. */
export const E6 = 10n ** 6n;
/** BONUS per second the pool-2 rewarder pays. */
export const BONUS_RATE = E18 / 10n;

/**
 * farmFixture (1 FUR/s, admin owns the farm and mints FUR) plus an AMM with two seeded pairs and
 * three pools, each with one staker, all deposits made after the farm's start:
 *  - WETH/FUR seeded 100 WETH : 40,000 FUR by admin (2,000 LP, 1,000 wei locked); alice adds
 *    10 WETH : 4,000 FUR (200 LP) and stakes it in pool 0 (alloc 100). Reserves 110 : 44,000,
 *    supply 2,200 LP: 1 FUR = 0.0025 WETH.
 *  - FUR single-sided, pool 1 (alloc 40): bob stakes 1,000 FUR.
 *  - WETH/USDC seeded 100 WETH : 250,000 USDC (6 decimals; 5,000e12 LP); carol adds 10 WETH :
 *    25,000 USDC (500e12 LP) and stakes it in pool 2 (alloc 60), which has an ERC20Rewarder paying
 *    0.1 BONUS/s. BONUS has no pair: it has no price.
 */
export async function positionsFixture() {
  const f = await farmFixture();
  const { token: fur, farm, admin, alice, bob, carol, dave } = f;
  const weth: WETH9 = await ethers.deployContract("WETH9");
  const factory = await ethers.deployContract("PairFactory", [admin.address]);
  const router: Router = await ethers.deployContract("Router", [factory, weth]);
  const usdc: MockERC20 = await ethers.deployContract("MockERC20", ["USD Coin", "USDC", 6]);
  const bonus: MockERC20 = await ethers.deployContract("MockERC20", ["Bonus", "BONUS", 18]);

  await fur.mint(admin.address, 40_000n * E18);
  await fur.mint(alice.address, 4_000n * E18);
  await fur.mint(bob.address, 10_000n * E18);
  await usdc.mint(admin.address, 250_000n * E6);
  await usdc.mint(carol.address, 25_000n * E6);
  await weth.connect(admin).deposit({ value: 200n * E18 });
  await weth.connect(alice).deposit({ value: 10n * E18 });
  await weth.connect(carol).deposit({ value: 10n * E18 });

  await factory.createPair(weth, fur);
  await factory.createPair(weth, usdc);
  const wethFur: Pair = await ethers.getContractAt("Pair", await factory.getPair(weth, fur));
  const wethUsdc: Pair = await ethers.getContractAt("Pair", await factory.getPair(weth, usdc));
  await weth.transfer(wethFur, 100n * E18);
  await fur.transfer(wethFur, 40_000n * E18);
  await wethFur.mint(admin.address);
  await weth.transfer(wethUsdc, 100n * E18);
  await usdc.transfer(wethUsdc, 250_000n * E6);
  await wethUsdc.mint(admin.address);

  const rewarder: ERC20Rewarder = await ethers.deployContract("ERC20Rewarder", [
    farm,
    2,
    bonus,
    BONUS_RATE,
    admin.address,
  ]);
  await bonus.mint(admin.address, 10_000n * E18);
  await bonus.approve(rewarder, ethers.MaxUint256);
  await rewarder.fund(10_000n * E18);
  await farm.add(100, wethFur, ethers.ZeroAddress);
  await farm.add(40, fur, ethers.ZeroAddress);
  await farm.add(60, wethUsdc, rewarder);
  await time.increaseTo(f.startTime);

  await weth.connect(alice).transfer(wethFur, 10n * E18);
  await fur.connect(alice).transfer(wethFur, 4_000n * E18);
  await wethFur.connect(alice).mint(alice.address);
  await wethFur.connect(alice).approve(farm, ethers.MaxUint256);
  const aliceDeposit = await (await farm.connect(alice).deposit(0, 200n * E18, alice.address)).wait();

  await fur.connect(bob).approve(farm, ethers.MaxUint256);
  await fur.connect(bob).approve(router, ethers.MaxUint256);
  await farm.connect(bob).deposit(1, 1_000n * E18, bob.address);

  await weth.connect(carol).transfer(wethUsdc, 10n * E18);
  await usdc.connect(carol).transfer(wethUsdc, 25_000n * E6);
  await wethUsdc.connect(carol).mint(carol.address);
  await wethUsdc.connect(carol).approve(farm, ethers.MaxUint256);
  const carolDeposit = await (await farm.connect(carol).deposit(2, 500n * E12, carol.address)).wait();

  const blockTime = async (blockNumber: number) =>
    BigInt((await ethers.provider.getBlock(blockNumber))!.timestamp);
  return {
    ...f,
    fur,
    weth,
    factory,
    router,
    usdc,
    bonus,
    rewarder,
    wethFur,
    wethUsdc,
    dave,
    aliceDepositBlock: aliceDeposit!.blockNumber,
    aliceDepositTime: await blockTime(aliceDeposit!.blockNumber),
    carolDepositTime: await blockTime(carolDeposit!.blockNumber),
  };
}

const E12 = 10n ** 12n;

/**
 * Runs a task in this process as `npx hardhat <name>` would and returns what it printed (stdout
 * and stderr lines) with the exit code it set (process.exitCode is put back afterwards).
 */
export async function runCapturing(
  name: string,
  args: Record<string, unknown>,
): Promise<{ printed: string[]; exitCode: number; errors: string[] }> {
  const printed: string[] = [];
  const errors: string[] = [];
  const [log, error] = [console.log, console.error];
  const saved = process.exitCode;
  process.exitCode = undefined;
  console.log = (...parts: unknown[]) => void printed.push(parts.join(" "));
  console.error = (...parts: unknown[]) => void errors.push(parts.join(" "));
  try {
    await hre.run(name, args);
  } finally {
    console.log = log;
    console.error = error;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = saved;
  return { printed, exitCode, errors };
}

/** Runs a task as `npx hardhat <name> --json` would and returns what it printed, parsed. */
export async function runJson(
  name: string,
  args: Record<string, unknown>,
): Promise<{ json: unknown; exitCode: number; errors: string[] }> {
  const { printed, exitCode, errors } = await runCapturing(name, { ...args, json: true });
  return { json: printed.length ? JSON.parse(printed.join("\n")) : null, exitCode, errors };
}
