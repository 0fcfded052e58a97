import fs from "fs";
import path from "path";
import { isAddress, type BlockTag, type Provider } from "ethers";
import {
  Farm__factory,
  Pair__factory,
  PairFactory__factory,
  type Farm,
  type PairFactory,
} from "../../typechain-types";
import { deploymentDir, readDeployment } from "../chain/deployment";
import { FurrowError } from "../chain/errors";
import { Valuer, resolveUnit, same, tokenInfo, type TokenInfo, type UnitOptions } from "./valuation";

/** Where the farm is and how to value things: what every farm:* task takes. */
export interface ContextOptions extends UnitOptions {
  /** Farm address (overrides the deployment's, e.g. on a fork of another deployment). */
  farm?: string;
  /** Ignition deployment folder (default deploy/deployments/chain-<chainId>). */
  deployment?: string;
  /** WETH address, when the farm does not come from a deployment journal. */
  weth?: string;
  /** Block to read at (default: the latest). */
  block?: number;
}

/** A farm, the chain it is on and the block every number is read at. */
export interface FarmContext {
  provider: Provider;
  chainId: bigint;
  farm: Farm;
  farmAddress: string;
  rewardToken: TokenInfo;
  startTime: bigint;
  /** The pair factory prices are read from (the deployment's, else the first LP pool's). */
  factory: PairFactory | null;
  weth: string | null;
  /** Where the addresses came from: a journal folder, or "--farm". */
  source: string;
  /** The block every number is read at, and its timestamp. */
  block: number;
  timestamp: bigint;
  valuer: Valuer;
}

/** The farm and where its addresses came from (what farm:harvest needs). */
export interface FarmLocation {
  chainId: bigint;
  farm: Farm;
  farmAddress: string;
  /** The journal folder the addresses came from, or "--farm". */
  source: string;
  /** The deployment's factory and WETH when the farm is the deployment's, else null. */
  factory: string | null;
  weth: string | null;
}

/** Which contract `locateDeployed` looks for, and how to name it in a refusal. */
export interface DeployedContractSpec {
  /** The task option that gives the address, without dashes (e.g. "staked-fur"). */
  option: string;
  /** The option's value, if given. */
  given: string | undefined;
  /** `--deployment`, if given (default deploy/deployments/chain-<chainId>). */
  deployment: string | undefined;
  /** The journal's field for it. */
  field: "stakedFur" | "feeCollector" | "marketFactory" | "vaultFactory";
  /** Its contract name, and what a journal without it predates ("real yield", "lending", ...). */
  name: string;
  predates: string;
}

/**
 * A contract's address from `--<option>` if given, else from the chain's Ignition journal: a user
 * error (FurrowError) when the option is not an address, there is no journal, the journal has no
 * such contract, or nothing is deployed at the address.
 */
export async function locateDeployed(
  provider: Provider,
  spec: DeployedContractSpec,
): Promise<{ chainId: bigint; address: string; source: string }> {
  const chainId = (await provider.getNetwork()).chainId;
  let address: string;
  let source: string;
  if (spec.given !== undefined) {
    if (!isAddress(spec.given))
      throw new FurrowError("ARGUMENT", `--${spec.option} is not an address: ${spec.given}`);
    [address, source] = [spec.given, `--${spec.option}`];
  } else {
    const dir = spec.deployment ? path.resolve(spec.deployment) : deploymentDir(chainId);
    const where = path.relative(process.cwd(), dir) || dir;
    if (!fs.existsSync(path.join(dir, "deployed_addresses.json"))) {
      throw new FurrowError(
        "DEPLOYMENT",
        `no Furrow deployment in ${where}: deploy first, or pass --${spec.option} <address>`,
      );
    }
    const found = readDeployment(dir)[spec.field];
    if (!found) {
      throw new FurrowError(
        "DEPLOYMENT",
        `the deployment in ${where} has no ${spec.name} (it predates ${spec.predates}): pass --${spec.option} <address>`,
      );
    }
    [address, source] = [found, where];
  }
  if ((await provider.getCode(address)) === "0x") {
    throw new FurrowError("DEPLOYMENT", `no contract at ${address} on chain ${chainId}`);
  }
  return { chainId, address, source };
}

/** Finds the farm: `--farm` if given, else the chain's Ignition journal (or `--deployment`). */
export async function locateFarm(
  provider: Provider,
  opts: { farm?: string; deployment?: string },
): Promise<FarmLocation> {
  const chainId = (await provider.getNetwork()).chainId;
  if (opts.farm !== undefined && !isAddress(opts.farm))
    throw new FurrowError("ARGUMENT", `--farm is not an address: ${opts.farm}`);
  const dir = opts.deployment ? path.resolve(opts.deployment) : deploymentDir(chainId);
  const hasJournal = fs.existsSync(path.join(dir, "deployed_addresses.json"));
  // The journal's WETH and factory belong to its farm; with another --farm they are not used.
  const deployment = hasJournal ? readDeployment(dir) : null;
  const useDeployment = deployment !== null && (!opts.farm || same(opts.farm, deployment.farm));
  if (!opts.farm && !useDeployment) {
    throw new FurrowError(
      "DEPLOYMENT",
      `no Furrow deployment in ${path.relative(process.cwd(), dir) || dir}: deploy first, or pass --farm <address>`,
    );
  }
  const farmAddress = opts.farm ?? deployment!.farm;
  if ((await provider.getCode(farmAddress)) === "0x") {
    throw new FurrowError("DEPLOYMENT", `no contract at ${farmAddress} on chain ${chainId}`);
  }
  return {
    chainId,
    farm: Farm__factory.connect(farmAddress, provider),
    farmAddress,
    source: useDeployment ? path.relative(process.cwd(), dir) || dir : "--farm",
    factory: useDeployment ? deployment!.factory : null,
    weth: useDeployment ? deployment!.weth : null,
  };
}

/**
 * Resolves the farm (from the chain's Ignition journal unless `--farm` is given), the block to read
 * at and the valuation unit.
 */
export async function loadContext(provider: Provider, opts: ContextOptions): Promise<FarmContext> {
  for (const [name, value] of Object.entries({ weth: opts.weth, "usd-token": opts.usdToken })) {
    if (value !== undefined && !isAddress(value))
      throw new FurrowError("ARGUMENT", `--${name} is not an address: ${value}`);
  }
  const loc = await locateFarm(provider, opts);
  const { farm } = loc;
  const latest = await provider.getBlock(opts.block ?? "latest");
  if (!latest) throw new FurrowError("ARGUMENT", `block ${opts.block} does not exist yet`);
  const blockTag: BlockTag = latest.number;

  const factory = loc.factory
    ? PairFactory__factory.connect(loc.factory, provider)
    : await factoryOfFirstPair(provider, farm, blockTag);
  const weth = opts.weth ?? loc.weth;
  const rewardToken = await tokenInfo(provider, await farm.rewardToken({ blockTag }));
  const unit = await resolveUnit(provider, weth, opts);
  const hubs = [weth, rewardToken.address].filter((a): a is string => a !== null);
  return {
    provider,
    chainId: loc.chainId,
    farm,
    farmAddress: loc.farmAddress,
    rewardToken,
    startTime: await farm.startTime({ blockTag }),
    factory,
    weth,
    source: loc.source,
    block: latest.number,
    timestamp: BigInt(latest.timestamp),
    valuer: new Valuer(provider, factory, unit, hubs, blockTag),
  };
}

/** Without a journal, prices come from the factory that made the first LP token staked in the farm. */
async function factoryOfFirstPair(
  provider: Provider,
  farm: Farm,
  blockTag: BlockTag,
): Promise<PairFactory | null> {
  const n = await farm.poolLength({ blockTag });
  for (let pid = 0n; pid < n; pid++) {
    const lp = await farm.lpToken(pid, { blockTag });
    const factory = await Pair__factory.connect(lp, provider)
      .factory({ blockTag })
      .catch(() => null);
    if (factory) return PairFactory__factory.connect(factory, provider);
  }
  return null;
}

/** A pool's staked token: an AMM pair (LP token) or a plain ERC-20. */
export interface StakedToken {
  address: string;
  /** "WETH/FUR LP" for a pair, the symbol for a plain token. */
  name: string;
  decimals: number;
  pair: PairState | null;
}

/** A pair's tokens, reserves and LP supply at the context's block. */
export interface PairState {
  token0: TokenInfo;
  token1: TokenInfo;
  reserve0: bigint;
  reserve1: bigint;
  totalSupply: bigint;
}

/** Describes `address` at `blockTag`: a pair if it answers token0/token1/getReserves, else a token. */
export async function stakedToken(
  provider: Provider,
  address: string,
  blockTag: BlockTag,
): Promise<StakedToken> {
  const pair = await pairState(provider, address, blockTag);
  if (pair) {
    return { address, name: `${pair.token0.symbol}/${pair.token1.symbol} LP`, decimals: 18, pair };
  }
  const t = await tokenInfo(provider, address);
  return { address, name: t.symbol, decimals: t.decimals, pair: null };
}

async function pairState(provider: Provider, address: string, blockTag: BlockTag): Promise<PairState | null> {
  const p = Pair__factory.connect(address, provider);
  try {
    const [t0, t1, [reserve0, reserve1], totalSupply] = await Promise.all([
      p.token0({ blockTag }),
      p.token1({ blockTag }),
      p.getReserves({ blockTag }),
      p.totalSupply({ blockTag }),
    ]);
    const [token0, token1] = await Promise.all([tokenInfo(provider, t0), tokenInfo(provider, t1)]);
    return { token0, token1, reserve0, reserve1, totalSupply };
  } catch {
    return null;
  }
}

/** Reserves and LP supply of `pair` at an earlier block. */
export async function pairAt(
  provider: Provider,
  pair: string,
  blockTag: BlockTag,
): Promise<{ reserve0: bigint; reserve1: bigint; totalSupply: bigint }> {
  const p = Pair__factory.connect(pair, provider);
  const [[reserve0, reserve1], totalSupply] = await Promise.all([
    p.getReserves({ blockTag }),
    p.totalSupply({ blockTag }),
  ]);
  return { reserve0, reserve1, totalSupply };
}

/**
 * The token amounts behind `lp` LP tokens: lp · reserve / totalSupply, rounded down. (Pair.burn uses
 * balances, which equal the reserves unless someone sent tokens to the pair without a sync.)
 */
export function underlying(
  lp: bigint,
  s: { reserve0: bigint; reserve1: bigint; totalSupply: bigint },
): [bigint, bigint] {
  if (s.totalSupply === 0n) return [0n, 0n];
  return [(lp * s.reserve0) / s.totalSupply, (lp * s.reserve1) / s.totalSupply];
}
