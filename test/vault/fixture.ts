import { ethers } from "hardhat";
import { time } from "@nomicfoundation/hardhat-network-helpers";
import type { Farm, FarmVault, Pair, VaultFactory } from "../../typechain-types";
import { ammFixture, E18 } from "../fixtures";

/** Far-future deadline for router calls. */
export const DEADLINE = ethers.MaxUint256;
/** Emission of the vault fixture's farm: 1 FUR per second, all to pool 0 (the token0/token1 LP). */
export const VAULT_FARM_RATE = E18;
/** Liquidity of each side of both pairs (token0/token1 and FUR/token0), priced 1:1. */
export const POOL_DEPTH = 100_000n * E18;

/**
 * ammFixture + a Farm paying 1 FUR/s from now + 10 s with pool 0 = the token0/token1 pair, a FUR/token0
 * pair (the harvest route), a VaultFactory owned by admin and pool 0's vault. Both pairs hold
 * POOL_DEPTH of each side; alice and bob hold 10,000 LP each, approved to the vault; both pairs were
 * observed and TWAP_WINDOW has passed, so the first harvest can price its swaps.
 */
export async function vaultFixture() {
  const base = await ammFixture();
  const { token, admin, alice, bob, carol, router, factory, token0, token1, pair } = base;
  const startTime = BigInt(await time.latest()) + 10n;
  const farm: Farm = await ethers.deployContract("Farm", [token, VAULT_FARM_RATE, startTime, admin.address]);
  await token.grantRole(await token.MINTER_ROLE(), farm);
  await farm.add(100, pair, ethers.ZeroAddress);

  await router.addLiquidity(token0, token1, POOL_DEPTH, POOL_DEPTH, 0, 0, admin.address, DEADLINE);
  await token.mint(admin.address, 10_000_000n * E18);
  await token.approve(router, ethers.MaxUint256);
  await router.addLiquidity(token, token0, POOL_DEPTH, POOL_DEPTH, 0, 0, admin.address, DEADLINE);
  const furPair: Pair = await ethers.getContractAt("Pair", await factory.getPair(token, token0));

  const vaultFactory: VaultFactory = await ethers.deployContract("VaultFactory", [
    farm,
    router,
    admin.address,
  ]);
  await vaultFactory.createVault(0);
  const vault: FarmVault = await ethers.getContractAt("FarmVault", await vaultFactory.vaultOf(0));

  for (const user of [alice, bob, carol]) {
    await router
      .connect(user)
      .addLiquidity(token0, token1, 10_000n * E18, 10_000n * E18, 0, 0, user.address, DEADLINE);
    await pair.connect(user).approve(vault, ethers.MaxUint256);
    await pair.connect(user).approve(farm, ethers.MaxUint256);
  }
  await vault.observe();
  await time.increase(await vault.TWAP_WINDOW());
  return { ...base, farm, furPair, vaultFactory, vault, startTime };
}
