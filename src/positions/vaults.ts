import { ZeroAddress, isAddress, type Provider } from "ethers";
import {
  FarmVault__factory,
  VaultFactory__factory,
  type FarmVault,
  type VaultFactory,
} from "../../typechain-types";
import { FurrowError } from "../chain/errors";
import { WAD } from "../model";
import {
  loadContext,
  locateDeployed,
  stakedToken,
  underlying,
  type ContextOptions,
  type FarmContext,
  type StakedToken,
} from "./context";
import { stakeValue } from "./pools";
import type { TokenAmount } from "./position";
import { tokenInfo, type Unit } from "./valuation";

/** Where the vault factory is, and how to value things: what every vault:* task takes. */
export interface VaultContextOptions extends Omit<ContextOptions, "farm"> {
  /** VaultFactory address (overrides the deployment's). */
  vaultFactory?: string;
}

/** The vault factory where its addresses came from (what vault:harvest needs). */
export interface VaultFactoryLocation {
  chainId: bigint;
  vaultFactory: VaultFactory;
  address: string;
  /** The journal folder the address came from, or "--vault-factory". */
  source: string;
}

/** A vault factory and the farm context (block, unit, prices) of its farm. */
export interface VaultContext extends FarmContext {
  vaultFactory: VaultFactory;
  vaultFactoryAddress: string;
}

/** Finds the VaultFactory: `--vault-factory` if given, else the chain's Ignition journal. */
export async function locateVaultFactory(
  provider: Provider,
  opts: { vaultFactory?: string; deployment?: string },
): Promise<VaultFactoryLocation> {
  const { chainId, address, source } = await locateDeployed(provider, {
    option: "vault-factory",
    given: opts.vaultFactory,
    deployment: opts.deployment,
    field: "vaultFactory",
    name: "VaultFactory",
    predates: "the vaults",
  });
  return { chainId, vaultFactory: VaultFactory__factory.connect(address, provider), address, source };
}

/**
 * The vault factory and the context of its farm: the farm the factory names, read at `--block`,
 * valued as `farm:*` values (the deployment's WETH and pair factory when it is the deployment's farm).
 */
export async function loadVaultContext(provider: Provider, opts: VaultContextOptions): Promise<VaultContext> {
  const loc = await locateVaultFactory(provider, opts);
  const farm = await loc.vaultFactory.farm();
  const ctx = await loadContext(provider, { ...opts, farm });
  return { ...ctx, source: loc.source, vaultFactory: loc.vaultFactory, vaultFactoryAddress: loc.address };
}

/** The vault of pool `pid`, or an ARGUMENT error listing the pools that have one. */
export async function vaultOfPool(loc: { vaultFactory: VaultFactory }, pid: number): Promise<FarmVault> {
  const { vaultFactory } = loc;
  const address = Number.isInteger(pid) && pid >= 0 ? await vaultFactory.vaultOf(pid) : null;
  if (address === null || address === ZeroAddress) {
    const pids = await Promise.all(
      (await vaultAddresses(vaultFactory)).map((v) => vaultPid(v, vaultFactory)),
    );
    const have = pids.length === 0 ? "no pool has one" : `pools with a vault: ${pids.join(", ")}`;
    throw new FurrowError("ARGUMENT", `pool ${pid} has no vault (${have})`);
  }
  return FarmVault__factory.connect(address, vaultFactory.runner);
}

async function vaultAddresses(vaultFactory: VaultFactory, blockTag?: number): Promise<string[]> {
  const n = await vaultFactory.vaultsLength({ blockTag });
  const out: string[] = [];
  for (let i = 0n; i < n; i++) out.push(await vaultFactory.allVaults(i, { blockTag }));
  return out;
}

async function vaultPid(address: string, vaultFactory: VaultFactory, blockTag?: number): Promise<number> {
  return Number(await FarmVault__factory.connect(address, vaultFactory.runner).pid({ blockTag }));
}

/** One vault of the factory at the context's block. */
export interface VaultRow {
  pid: number;
  vault: string;
  /** The vault's share token. */
  symbol: string;
  /** Share decimals: the asset's plus the vault's offset (6). */
  decimals: number;
  asset: StakedToken;
  /** ERC-4626 totalAssets(): the vault's own count of stake, less the locked profit. */
  totalAssets: bigint;
  /** Everything the vault staked, including the locked profit. */
  totalStaked: bigint;
  lockedProfit: bigint;
  totalSupply: bigint;
  /** convertToAssets(one whole share, 10^decimals): assets per share, in the asset's smallest unit. */
  assetsPerShare: bigint;
  /** Value of totalAssets in the unit (null without a price route). */
  totalAssetsValue: bigint | null;
  /** Timestamp of the last harvest, 0 before the first. */
  lastHarvest: bigint;
  performanceFeeBps: bigint;
  feeRecipient: string;
  depositsPaused: boolean;
  /** pendingRewards(): what a harvest would collect now (pending in the farm + held), valued. */
  pending: TokenAmount[];
}

export interface VaultsReport {
  chainId: bigint;
  vaultFactory: string;
  farm: string;
  source: string;
  block: number;
  timestamp: bigint;
  unit: Unit;
  performanceFeeBps: bigint;
  feeRecipient: string;
  /** Seconds over which a harvest's profit unlocks (later harvests). */
  unlockPeriod: bigint;
  vaults: VaultRow[];
}

/** Every vault of the factory, in creation order, at the context's block. */
export async function readVaults(ctx: VaultContext): Promise<VaultsReport> {
  const { vaultFactory } = ctx;
  const blockTag = ctx.block;
  const [performanceFeeBps, feeRecipient, unlockPeriod] = await Promise.all([
    vaultFactory.performanceFeeBps({ blockTag }),
    vaultFactory.feeRecipient({ blockTag }),
    vaultFactory.unlockPeriod({ blockTag }),
  ]);
  const vaults: VaultRow[] = [];
  for (const address of await vaultAddresses(vaultFactory, blockTag)) {
    vaults.push(await vaultRow(ctx, FarmVault__factory.connect(address, ctx.provider)));
  }
  return {
    chainId: ctx.chainId,
    vaultFactory: ctx.vaultFactoryAddress,
    farm: ctx.farmAddress,
    source: ctx.source,
    block: ctx.block,
    timestamp: ctx.timestamp,
    unit: ctx.valuer.unit,
    performanceFeeBps,
    feeRecipient,
    unlockPeriod,
    vaults,
  };
}

async function vaultRow(ctx: VaultContext, vault: FarmVault): Promise<VaultRow> {
  const blockTag = ctx.block;
  const address = await vault.getAddress();
  const [pid, symbol, decimals, asset, totalAssets, totalStaked, lockedProfit, totalSupply, lastHarvest] =
    await Promise.all([
      vault.pid({ blockTag }),
      vault.symbol({ blockTag }),
      vault.decimals({ blockTag }),
      vault.asset({ blockTag }),
      vault.totalAssets({ blockTag }),
      vault.totalStaked({ blockTag }),
      vault.lockedProfit({ blockTag }),
      vault.totalSupply({ blockTag }),
      vault.lastHarvest({ blockTag }),
    ]);
  const [assetsPerShare, performanceFeeBps, feeRecipient, depositsPaused] = await Promise.all([
    vault.convertToAssets(10n ** decimals, { blockTag }),
    vault.performanceFeeBps({ blockTag }),
    vault.feeRecipient({ blockTag }),
    ctx.vaultFactory.depositsPaused(address, { blockTag }),
  ]);
  const staked = await stakedToken(ctx.provider, asset, blockTag);
  return {
    pid: Number(pid),
    vault: address,
    symbol,
    decimals: Number(decimals),
    asset: staked,
    totalAssets,
    totalStaked,
    lockedProfit,
    totalSupply,
    assetsPerShare,
    totalAssetsValue: await stakeValue(ctx, staked, totalAssets),
    lastHarvest,
    performanceFeeBps,
    feeRecipient,
    depositsPaused,
    pending: await pendingRewards(ctx, vault, 1n, 1n),
  };
}

/** The vault's pendingRewards(), each amount times `num / den` (floored), valued. */
async function pendingRewards(ctx: FarmContext, vault: FarmVault, num: bigint, den: bigint) {
  const [tokens, amounts] = await vault.pendingRewards({ blockTag: ctx.block });
  return Promise.all(
    tokens.map(async (t, i): Promise<TokenAmount> => {
      const amount = den === 0n ? 0n : (amounts[i] * num) / den;
      return { token: await tokenInfo(ctx.provider, t), amount, value: await ctx.valuer.value(t, amount) };
    }),
  );
}

/** An account's shares of one vault. */
export interface VaultPositionRow {
  pid: number;
  vault: string;
  symbol: string;
  decimals: number;
  asset: StakedToken;
  shares: bigint;
  /** previewRedeem(shares): the assets redeeming every share would pay now. */
  assets: bigint;
  /** For an LP asset: the tokens behind `assets` (floored, from the pair's reserves). */
  underlying: TokenAmount[];
  /** Value of `assets` in the unit (null without a price route). */
  value: bigint | null;
  /** shares / totalSupply, scaled by 1e18. */
  vaultShareWad: bigint;
  /** The vault's pendingRewards() (what its next harvest collects), valued. */
  vaultPending: TokenAmount[];
  /**
   * The account's pro-rata part of it (amount · shares / totalSupply, floored), valued: before the
   * swaps into the asset, the performance fee and the unlock period.
   */
  pending: TokenAmount[];
}

export interface VaultPositionReport {
  chainId: bigint;
  vaultFactory: string;
  account: string;
  block: number;
  timestamp: bigint;
  unit: Unit;
  /** Vaults in which the account holds shares. */
  positions: VaultPositionRow[];
  /** Sums over positions; null if any part has no price. */
  totalValue: bigint | null;
  totalPendingValue: bigint | null;
}

/** The account's shares in every vault of the factory, at the context's block. */
export async function readVaultPosition(ctx: VaultContext, account: string): Promise<VaultPositionReport> {
  if (!isAddress(account)) throw new FurrowError("ARGUMENT", `--account is not an address: ${account}`);
  const blockTag = ctx.block;
  const positions: VaultPositionRow[] = [];
  for (const address of await vaultAddresses(ctx.vaultFactory, blockTag)) {
    const vault = FarmVault__factory.connect(address, ctx.provider);
    const shares = await vault.balanceOf(account, { blockTag });
    if (shares === 0n) continue;
    const [pid, symbol, decimals, asset, totalSupply, assets] = await Promise.all([
      vault.pid({ blockTag }),
      vault.symbol({ blockTag }),
      vault.decimals({ blockTag }),
      vault.asset({ blockTag }),
      vault.totalSupply({ blockTag }),
      vault.previewRedeem(shares, { blockTag }),
    ]);
    const staked = await stakedToken(ctx.provider, asset, blockTag);
    const parts = staked.pair
      ? await Promise.all(
          underlying(assets, staked.pair).map(async (amount, i): Promise<TokenAmount> => {
            const token = i === 0 ? staked.pair!.token0 : staked.pair!.token1;
            return { token, amount, value: await ctx.valuer.value(token.address, amount) };
          }),
        )
      : [];
    positions.push({
      pid: Number(pid),
      vault: address,
      symbol,
      decimals: Number(decimals),
      asset: staked,
      shares,
      assets,
      underlying: parts,
      value: await stakeValue(ctx, staked, assets),
      vaultShareWad: (shares * WAD) / totalSupply,
      vaultPending: await pendingRewards(ctx, vault, 1n, 1n),
      pending: await pendingRewards(ctx, vault, shares, totalSupply),
    });
  }
  const sum = (vs: (bigint | null)[]) =>
    vs.some((v) => v === null) ? null : vs.reduce<bigint>((a, v) => a + v!, 0n);
  return {
    chainId: ctx.chainId,
    vaultFactory: ctx.vaultFactoryAddress,
    account,
    block: ctx.block,
    timestamp: ctx.timestamp,
    unit: ctx.valuer.unit,
    positions,
    totalValue: sum(positions.map((p) => p.value)),
    totalPendingValue: sum(positions.flatMap((p) => p.pending.map((b) => b.value))),
  };
}
