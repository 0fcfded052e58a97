import type { ContractTransactionResponse } from "ethers";
import type { BenchContext } from "../harness";
import type { RewardToken } from "../../../typechain-types";
import { signPermit } from "../../chain/permit";
import { factoryOf } from "../peers/uniswap";
import { sushiArtifacts } from "../peers/sushiswap";
import { E18 } from "../../model";

/** The ERC-20 and vote calls both FUR and SushiToken have (SushiToken has no permit). */
interface VotesToken {
  connect(signer: BenchContext["signers"][number]): VotesToken;
  mint(to: string, amount: bigint): Promise<ContractTransactionResponse>;
  transfer(to: string, amount: bigint): Promise<ContractTransactionResponse>;
  transferFrom(from: string, to: string, amount: bigint): Promise<ContractTransactionResponse>;
  approve(spender: string, amount: bigint): Promise<ContractTransactionResponse>;
  delegate(delegatee: string): Promise<ContractTransactionResponse>;
}

/**
 * State as a user meets it: non-zero balances on both sides, delegates set, infinite approval;
 * then the measured calls. SushiToken moves no votes on transfer (its known flaw: votes can be
 * counted twice), so its transfers skip the two checkpoint writes FUR's make.
 */
async function steps({ hre, signers, send, measure }: BenchContext, token: VotesToken) {
  const [, alice, bob, carol] = signers;
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
}

export async function run(ctx: BenchContext) {
  const { hre, signers, send, measure } = ctx;
  const [admin, , bob, carol] = signers;
  const token = (await (
    await hre.ethers.getContractFactory("RewardToken")
  ).deploy(admin.address)) as unknown as RewardToken;
  await send(async () => token.grantRole(await token.MINTER_ROLE(), admin.address));
  await steps(ctx, token as unknown as VotesToken);

  const deadline = (await hre.ethers.provider.getBlock("latest"))!.timestamp + 3600;
  const sig = await signPermit(token, bob, carol.address, 5n * E18, BigInt(deadline));
  await measure("token.permit", () =>
    token.permit(bob.address, carol.address, 5n * E18, deadline, sig.v, sig.r, sig.s),
  );
  await measure("token.mint", () => token.mint(bob.address, E18));
}

/** SushiToken compiled from @sushiswap/core's sources, owned (so minted by) the deployer. */
async function sushiToken(ctx: BenchContext) {
  const [admin, , bob] = ctx.signers;
  const token = (await factoryOf(sushiArtifacts().SushiToken, admin).deploy()) as unknown as VotesToken;
  await steps(ctx, token);
  await ctx.measure("token.mint", () => token.mint(bob.address, E18));
}

export const peers = { SushiToken: sushiToken };
