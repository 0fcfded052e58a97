import type { BenchContext } from "../harness";
import { E18 } from "../../model";

/** Goals of issue 11. */
export const goals: Record<string, number> = {
  "vault.deposit": 130_000,
  "vault.withdraw": 120_000,
  "vault.harvest": 260_000,
  "zap.in": 290_000,
};

/**
 * The compounding layer, steady state: a FarmVault on a token0/token1 pool of a farm paying 1 FUR/s,
 * FUR routed through a FUR/token0 pair, both pairs 100,000/100,000 deep, a 5% performance fee. The
 * vault already holds stake and has harvested once, an hour apart (so both pairs have observations
 * older than the TWAP window and the fee recipient and caller already hold shares). vault.harvest is
 * the second harvest, an hour of emission later: claim, FUR → token0, the excess token0 → token1, add,
 * re-stake, two fee mints. zap.in is a zap of 100 token0 into the vault through a Zap that has zapped
 * this pair once before (its standing router allowances are set; the first zap also sets them).
 * No peer is measured: Beefy and Yearn publish no npm package that runs here.
 */
export async function run({ hre, signers, send, measure }: BenchContext) {
  const { ethers } = hre;
  const [admin, alice, bob] = signers;
  const deadline = 2n ** 40n;
  const depth = 100_000n * E18;

  async function wait(seconds: number): Promise<void> {
    const latest = (await ethers.provider.getBlock("latest"))!.timestamp;
    await hre.network.provider.send("evm_setNextBlockTimestamp", [latest + seconds]);
    await hre.network.provider.send("evm_mine", []);
  }

  const fur = await ethers.deployContract("RewardToken", [admin.address]);
  const minter = await fur.MINTER_ROLE();
  const token0 = await ethers.deployContract("MockERC20", ["Token A", "TKA", 18]);
  const token1 = await ethers.deployContract("MockERC20", ["Token B", "TKB", 18]);
  const weth = await ethers.deployContract("WETH9");
  const factory = await ethers.deployContract("PairFactory", [admin.address]);
  const router = await ethers.deployContract("Router", [factory, weth]);
  await send(() => fur.grantRole(minter, admin.address));
  await send(() => fur.mint(admin.address, depth));
  for (const token of [token0, token1]) {
    for (const who of [admin, alice, bob]) {
      await send(() => token.mint(who.address, 2n * depth));
      await send(() => token.connect(who).approve(router, ethers.MaxUint256));
    }
  }
  await send(() => fur.approve(router, ethers.MaxUint256));
  await send(() => router.addLiquidity(token0, token1, depth, depth, 0, 0, admin.address, deadline));
  await send(() => router.addLiquidity(fur, token0, depth, depth, 0, 0, admin.address, deadline));
  const pair = await ethers.getContractAt("Pair", await factory.getPair(token0, token1));

  const start = (await ethers.provider.getBlock("latest"))!.timestamp + 60;
  const farm = await ethers.deployContract("Farm", [fur, E18, start, admin.address]);
  await send(() => fur.grantRole(minter, farm));
  await send(() => farm.add(100, pair, ethers.ZeroAddress));
  const vaultFactory = await ethers.deployContract("VaultFactory", [farm, router, admin.address]);
  await send(() => vaultFactory.createVault(0));
  const vault = await ethers.getContractAt("FarmVault", await vaultFactory.vaultOf(0));
  await send(() => vaultFactory.setPerformanceFee(500));
  for (const who of [alice, bob]) {
    await send(() =>
      router
        .connect(who)
        .addLiquidity(token0, token1, 10_000n * E18, 10_000n * E18, 0, 0, who.address, deadline),
    );
    await send(() => pair.connect(who).approve(vault, ethers.MaxUint256));
  }

  await send(() => vault.observe());
  await wait(Number(await vault.TWAP_WINDOW()));
  await send(() => vault.connect(alice).deposit(1_000n * E18, alice.address));
  await wait(3_600);
  await send(() => vault.harvest(0));
  await wait(3_600);
  await measure("vault.deposit", () => vault.connect(bob).deposit(500n * E18, bob.address));
  await measure("vault.withdraw", () =>
    vault.connect(alice).withdraw(100n * E18, alice.address, alice.address),
  );
  await wait(3_600);
  await measure("vault.harvest", () => vault.harvest(0));

  const zap = await ethers.deployContract("Zap", [router]);
  await send(() => token0.connect(bob).approve(zap, ethers.MaxUint256));
  await send(() => zap.connect(bob).zapIn(vault, token0, 100n * E18, 1n, bob.address));
  await measure("zap.in", () => zap.connect(bob).zapIn(vault, token0, 100n * E18, 1n, bob.address));
}
