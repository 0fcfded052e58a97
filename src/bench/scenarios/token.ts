import type { BenchContext, Anchor } from "../harness";
import { signPermit } from "../../chain/permit";
import { E18 } from "../../model";

/** No reference figures were given for the token: the rows show our numbers only. */
export const anchors: Record<string, Anchor> = {};

export async function run({ hre, signers, send, measure }: BenchContext) {
  const [admin, alice, bob, carol] = signers;
  const token = await (await hre.ethers.getContractFactory("RewardToken")).deploy(admin.address);
  const minterRole = await token.MINTER_ROLE();
  await send(() => token.grantRole(minterRole, admin.address));

  // State as a user meets it: non-zero balances on both sides, delegates set, infinite approval.
  await send(() => token.mint(alice.address, 1_000_000n * E18));
  await send(() => token.mint(bob.address, 1_000n * E18));
  await send(() => token.mint(carol.address, 1_000n * E18));
  await send(() => token.connect(alice).delegate(alice.address));
  await send(() => token.connect(bob).delegate(bob.address));
  await send(() => token.connect(alice).approve(carol.address, hre.ethers.MaxUint256));

  await measure("token.transfer", () => token.connect(alice).transfer(bob.address, E18));
  await measure("token.transferFrom", () =>
    token.connect(carol).transferFrom(alice.address, bob.address, E18),
  );
  await measure("token.delegate", () => token.connect(carol).delegate(bob.address));

  const deadline = (await hre.ethers.provider.getBlock("latest"))!.timestamp + 3600;
  const sig = await signPermit(token, bob, carol.address, 5n * E18, BigInt(deadline));
  await measure("token.permit", () =>
    token.permit(bob.address, carol.address, 5n * E18, deadline, sig.v, sig.r, sig.s),
  );
  await measure("token.mint", () => token.mint(bob.address, E18));
}
