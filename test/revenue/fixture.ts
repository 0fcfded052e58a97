import { ethers } from "hardhat";
import { E18, tokenFixture } from "../fixtures";
import type { MockERC20, StakedFUR } from "../../typechain-types";

/** FUR each of alice, bob, carol and dave holds (and has approved to sFUR). */
export const FUR_EACH = 1_000_000n * E18;

/**
 * FUR (tokenFixture), sFUR owned by the admin with two allow-listed reward tokens (A, then B), and
 * alice..dave each holding FUR_EACH FUR approved to sFUR. The admin holds 10^9 of A and B, approved.
 */
export async function stakingFixture() {
  const f = await tokenFixture();
  const { token: fur, admin } = f;
  const sfur: StakedFUR = await ethers.deployContract("StakedFUR", [fur, admin.address]);
  const rewardA: MockERC20 = await ethers.deployContract("MockERC20", ["Reward A", "RA", 18]);
  const rewardB: MockERC20 = await ethers.deployContract("MockERC20", ["Reward B", "RB", 6]);
  for (const r of [rewardA, rewardB]) {
    await r.mint(admin.address, 1_000_000_000n * E18);
    await r.approve(sfur, ethers.MaxUint256);
    await sfur.addRewardToken(r);
  }
  for (const who of [f.alice, f.bob, f.carol, f.dave]) {
    await fur.mint(who.address, FUR_EACH);
    await fur.connect(who).approve(sfur, ethers.MaxUint256);
  }
  return { ...f, fur, sfur, rewardA, rewardB };
}
