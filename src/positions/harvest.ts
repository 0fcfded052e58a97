import { ZeroAddress, isAddress, type Signer } from "ethers";
import { IERC20__factory, IRewarder__factory, type Farm } from "../../typechain-types";
import { same, tokenInfo, type TokenInfo } from "./valuation";
import { FurrowError } from "../chain/errors";

export interface HarvestResult {
  chainId: bigint;
  farm: string;
  pid: number;
  /** The signer that harvested. */
  account: string;
  /** Who received the rewards. */
  to: string;
  /** farm.pendingReward at the block before the harvest (the harvest adds the seconds since). */
  pendingBefore: bigint;
  /** FUR paid: the amount of the farm's Harvest event. */
  harvested: bigint;
  /** Bonus tokens `to` received in the harvest's block (balance after − before). */
  bonus: { token: TokenInfo; amount: bigint }[];
  txHash: string;
  block: number;
  gasUsed: bigint;
}

/**
 * Harvests pool `pid` for `signer` (rewards to `to`, default the signer), after checking that the
 * pool exists and that something is pending, and reports what was paid from the receipt.
 */
export async function harvest(farm: Farm, signer: Signer, pid: number, to?: string): Promise<HarvestResult> {
  const provider = signer.provider;
  if (!provider) throw new Error("harvest: the signer has no provider");
  const account = await signer.getAddress();
  const recipient = to ?? account;
  if (!isAddress(recipient)) throw new FurrowError("ARGUMENT", `--to is not an address: ${recipient}`);
  const n = await farm.poolLength();
  if (!Number.isInteger(pid) || pid < 0 || BigInt(pid) >= n) {
    throw new FurrowError("ARGUMENT", `pool ${pid} does not exist: the farm has ${n} pool(s) (0..${n - 1n})`);
  }
  const pendingBefore = await farm.pendingReward(pid, account);
  const rewarder = await farm.rewarder(pid);
  const [bonusTokens, bonusPending] =
    rewarder === ZeroAddress
      ? [[], []]
      : await IRewarder__factory.connect(rewarder, provider).pendingTokens(pid, account, pendingBefore);
  if (
    pendingBefore === 0n &&
    (await farm.userInfo(pid, account)).amount === 0n &&
    bonusPending.every((b) => b === 0n)
  ) {
    throw new FurrowError(
      "STATE",
      `nothing to harvest: ${account} has no stake and nothing pending in pool ${pid}`,
    );
  }

  const tx = await farm.connect(signer).harvest(pid, recipient);
  const receipt = await tx.wait();
  if (!receipt || receipt.status !== 1)
    throw new FurrowError("STATE", `harvest transaction ${tx.hash} failed`);
  const farmAddress = await farm.getAddress();
  let harvested: bigint | null = null;
  for (const log of receipt.logs) {
    if (!same(log.address, farmAddress)) continue;
    const parsed = farm.interface.parseLog(log);
    if (parsed?.name === "Harvest") harvested = parsed.args.amount as bigint;
  }
  if (harvested === null)
    throw new FurrowError("STATE", `harvest transaction ${tx.hash} emitted no Harvest event`);

  const fur = await farm.rewardToken();
  const bonus: HarvestResult["bonus"] = [];
  for (const token of bonusTokens) {
    const erc20 = IERC20__factory.connect(token, provider);
    const [before, after] = await Promise.all([
      erc20.balanceOf(recipient, { blockTag: receipt.blockNumber - 1 }),
      erc20.balanceOf(recipient, { blockTag: receipt.blockNumber }),
    ]);
    // A bonus paid in FUR itself arrives together with the harvest.
    const amount = after - before - (same(token, fur) ? harvested : 0n);
    bonus.push({ token: await tokenInfo(provider, token), amount });
  }
  return {
    chainId: (await provider.getNetwork()).chainId,
    farm: farmAddress,
    pid,
    account,
    to: recipient,
    pendingBefore,
    harvested,
    bonus,
    txHash: tx.hash,
    block: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
  };
}
