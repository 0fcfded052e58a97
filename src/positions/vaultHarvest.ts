import type { Signer } from "ethers";
import type { FarmVault } from "../../typechain-types";
import { FurrowError, decodeRevert } from "../chain/errors";
import { formatAmount, formatPercent } from "../format/units";
import { WAD } from "../model";
import { stakedToken } from "./context";
import { same, type TokenInfo } from "./valuation";

/** Basis points. */
const BPS = 10_000n;
/** The default margin below the static-call estimate: 1%, half the vault's 2% price bound. */
export const DEFAULT_HARVEST_MARGIN_BPS = 100n;

export interface VaultHarvestOptions {
  /** harvest's minAssetsAdded; default: the static-call estimate less `marginBps`. */
  minAssets?: bigint;
  /** Margin below the estimate when `minAssets` is not given (default 100 = 1%). */
  marginBps?: bigint;
}

export interface VaultHarvestResult {
  chainId: bigint;
  vault: string;
  pid: number;
  /** The signer that harvested (and received the bounty shares). */
  account: string;
  /** The vault's asset; `symbol` is the pool's name ("WETH/FUR LP" for a pair). */
  asset: TokenInfo;
  /** Share decimals. */
  decimals: number;
  /** What harvest(0) returned in a static call at the latest block; null when --min-assets was given. */
  estimate: bigint | null;
  /** The minimum sent. */
  minAssetsAdded: bigint;
  /** From the Harvested event: assets staked, fee shares minted (bounty included), the bounty. */
  assetsAdded: bigint;
  feeShares: bigint;
  bountyShares: bigint;
  /** Locked profit right after the harvest. */
  locked: bigint;
  txHash: string;
  block: number;
  gasUsed: bigint;
}

/**
 * Sends `vault.harvest(min)` from `signer`. Without `minAssets`, min = what a static call of
 * harvest(0) returns less the margin (a harvest that would add nothing is refused before anything is
 * sent). A refusal by the vault's price guard (PriceDeviation) or by the minimum
 * (InsufficientAssetsAdded), whether in the estimate or in the transaction, is a FurrowError with a
 * plain message; nothing is sent or the transaction reverts.
 */
export async function harvestVault(
  vault: FarmVault,
  signer: Signer,
  opts: VaultHarvestOptions = {},
): Promise<VaultHarvestResult> {
  const provider = signer.provider;
  if (!provider) throw new Error("harvestVault: the signer has no provider");
  const v = vault.connect(signer);
  const margin = opts.marginBps ?? DEFAULT_HARVEST_MARGIN_BPS;
  if (margin < 0n || margin > BPS)
    throw new FurrowError("ARGUMENT", `--margin-bps must be between 0 and ${BPS}: ${margin}`);
  if (opts.minAssets !== undefined && opts.minAssets < 0n)
    throw new FurrowError("ARGUMENT", `--min-assets must not be negative: ${opts.minAssets}`);
  const [pid, decimals, assetAddress] = await Promise.all([v.pid(), v.decimals(), v.asset()]);
  // An LP asset is named by its pair ("WETH/FUR LP"), as farm:pools names it.
  const staked = await stakedToken(provider, assetAddress, "latest");
  const asset: TokenInfo = { address: assetAddress, symbol: staked.name, decimals: staked.decimals };

  let estimate: bigint | null = null;
  let min: bigint;
  if (opts.minAssets === undefined) {
    estimate = await refusals(vault, asset, () => v.harvest.staticCall(0n));
    if (estimate === 0n) {
      throw new FurrowError(
        "STATE",
        `nothing to harvest: vault ${await vault.getAddress()} (pool ${pid}) would add 0 assets now`,
      );
    }
    min = (estimate * (BPS - margin)) / BPS;
  } else {
    min = opts.minAssets;
  }

  const receipt = await refusals(vault, asset, async () => (await v.harvest(min)).wait());
  if (!receipt || receipt.status !== 1) throw new FurrowError("STATE", "harvest transaction failed");
  const address = await vault.getAddress();
  let harvested: { assetsAdded: bigint; feeShares: bigint; bountyShares: bigint; locked: bigint } | null =
    null;
  for (const log of receipt.logs) {
    if (!same(log.address, address)) continue;
    const parsed = vault.interface.parseLog(log);
    if (parsed?.name === "Harvested") {
      const { assetsAdded, feeShares, bountyShares, locked } = parsed.args;
      harvested = { assetsAdded, feeShares, bountyShares, locked };
    }
  }
  if (harvested === null)
    throw new FurrowError("STATE", `harvest transaction ${receipt.hash} emitted no Harvested event`);
  return {
    chainId: (await provider.getNetwork()).chainId,
    vault: address,
    pid: Number(pid),
    account: await signer.getAddress(),
    asset,
    decimals: Number(decimals),
    estimate,
    minAssetsAdded: min,
    ...harvested,
    txHash: receipt.hash,
    block: receipt.blockNumber,
    gasUsed: receipt.gasUsed,
  };
}

/** Runs `f`; a revert the user can act on becomes a FurrowError with a plain message. */
async function refusals<T>(vault: FarmVault, asset: TokenInfo, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (err) {
    const refusal = decodeRevert(err, vault.interface);
    if (refusal?.name === "PriceDeviation") {
      const [pair, spot, twap] = refusal.args as unknown as [string, bigint, bigint];
      const bound = await vault.MAX_PRICE_DEVIATION_BPS();
      throw new FurrowError(
        "STATE",
        `harvest refused: the price of pair ${pair} (token1 per token0) is ${formatPercent(deviationWad(spot, twap))} ` +
          `off its time-weighted average, beyond the vault's bound of ${formatPercent((bound * WAD) / BPS)} ` +
          `(a trade moved it, perhaps to sandwich the harvest); nothing was harvested: try again once the price is back`,
      );
    }
    if (refusal?.name === "InsufficientAssetsAdded") {
      const [added, min] = refusal.args as unknown as [bigint, bigint];
      throw new FurrowError(
        "STATE",
        `harvest refused: it would add ${formatAmount(added, asset.decimals, asset.decimals)} ${asset.symbol}, ` +
          `less than the minimum ${formatAmount(min, asset.decimals, asset.decimals)}; nothing was harvested`,
      );
    }
    throw err;
  }
}

/** (spot − twap) / twap, 1e18-scaled (toward zero): how far a pair's price is from its TWAP. */
export function deviationWad(spot: bigint, twap: bigint): bigint {
  return ((spot - twap) * WAD) / twap;
}
