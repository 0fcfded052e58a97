import fs from "fs";
import path from "path";
import { isAddress } from "ethers";
import { FurrowError } from "../src/chain/errors";

/**
 * Per-network deployment settings: deploy/parameters/<network>.json.
 *
 * Token references in `pairs` and `pools` are either an address or one of the symbols the
 * deployment itself provides: "FUR" (the RewardToken) and "WETH" (the configured WETH, or the
 * WETH9 deployed on local chains).
 */
export interface DeployConfig {
  /** FUR per second for the whole farm, in wei (decimal string). */
  rewardPerSecond: string;
  /** Unix time at which rewards start; 0 = from the farm's deployment block. */
  startTime: number;
  /** Canonical WETH on a real chain; omit on local chains to deploy a WETH9. */
  weth?: string;
  governance: {
    /** Seconds between proposal and voting start. */
    votingDelay: number;
    /** Seconds of voting. */
    votingPeriod: number;
    /** Quorum as a percentage of the total supply at the proposal snapshot. */
    quorumPercent: number;
    /** FUR (wei, decimal string) needed to propose. */
    proposalThreshold: string;
    /** Seconds added to voting when quorum is reached late. */
    lateQuorumExtension: number;
    /** Timelock minimum delay in seconds. */
    timelockDelay: number;
  };
  /**
   * Pairs to create; `allocPoint` > 0 also adds a farm pool for the pair's LP token, and `vault`
   * (only with such a pool) has the VaultFactory create that pool's compounding vault.
   */
  pairs: { tokenA: string; tokenB: string; allocPoint: number; vault?: boolean }[];
  /** Farm pools for existing tokens (single-sided staking), e.g. FUR itself; `vault` as for pairs. */
  pools: { token: string; allocPoint: number; vault?: boolean }[];
  /**
   * Whether the protocol fee starts on: `true` has the bootstrap batch make the FeeCollector the
   * factory's `feeTo`. Absent or `false`: off, as in Uniswap V2, until governance turns it on.
   */
  feeSwitch?: boolean;
  /**
   * Lending markets listed at deployment (docs/lending.md, "Listing at deployment"). Absent, or no
   * markets: none (the MarketFactory and BorrowRewards are deployed either way, owned by the
   * timelock, and governance lists markets later with `MarketFactory.createMarket`).
   */
  lending?: LendingConfig;
}

/** A settable `MockAggregator` feed, deployed by the module: local chains only (no `weth`). */
export interface MockFeedConfig {
  mock: {
    /** Decimals of the answer (Chainlink's USD feeds have 8). */
    decimals: number;
    /** The first answer, as a decimal string (e.g. "300000000000" = $3,000 with 8 decimals). */
    answer: string;
    description?: string;
  };
}

/** A feed: a Chainlink `AggregatorV3Interface` address, or a mock on local chains. */
export type FeedConfig = string | MockFeedConfig;

/** One market for `MarketFactory.createMarket`, listed inside the bootstrap batch. */
export interface LendingMarketConfig {
  /**
   * The token lent: "WETH", an address, or the symbol of one of `lending.mockTokens`. The deployer
   * must hold `seedAssets` of an address token (WETH is wrapped from the deployer's ETH, a mock
   * token is minted); "FUR" is refused (only the Farm mints it, so nobody holds a seed).
   */
  loanToken: string;
  /** The token posted as collateral: same references as `loanToken` (FUR and LP tokens are refused on chain). */
  collateralToken: string;
  /** The `ChainlinkOracle` of the market: collateral feed / loan feed (none: 1 loan token = 1 quote unit). */
  oracle: {
    collateralFeed: FeedConfig;
    loanFeed?: FeedConfig;
    /** Oldest trusted round in seconds, 60 to 604800 (the feed's heartbeat plus margin). */
    maxStaleness: number;
  };
  /** Liquidation loan-to-value, 1e18-scaled decimal string, in (0, 0.95e18]. */
  lltv: string;
  /** Loan-token wei deposited for the dead address by the listing (at least 1000). */
  seedAssets: string;
  /**
   * The market's own `KinkedRateModel`, as yearly rates 1e18-scaled (decimal strings); each is
   * divided by 365 days (rounded down) into the per-second rate the constructor takes.
   */
  rateModel: {
    basePerYear: string;
    slope1PerYear: string;
    slope2PerYear: string;
    /** Utilisation of the kink, 1e18-scaled, in (0, 1e18). */
    kink: string;
  };
}

export interface LendingConfig {
  /** Test tokens (`MockERC20`, open mint) the module deploys, named by symbol in `markets`: local chains only. */
  mockTokens?: { symbol: string; name: string; decimals: number }[];
  markets: LendingMarketConfig[];
}

/** Seconds in the 365-day year the yearly rates of `rateModel` are divided by. */
export const RATE_YEAR = 365n * 24n * 60n * 60n;
/** `KinkedRateModel.MAX_RATE_PER_SECOND`: 1,000% a year. */
export const MAX_RATE_PER_SECOND = (10n * 10n ** 18n) / RATE_YEAR;
/** `MarketFactory.MAX_LLTV` and `MIN_SEED_ASSETS`. */
export const MAX_LLTV = 95n * 10n ** 16n;
export const MIN_SEED_ASSETS = 1000n;

/** The per-second constructor arguments of a market's KinkedRateModel (base, slope1, slope2, kink). */
export function rateModelArgs(r: LendingMarketConfig["rateModel"]): [bigint, bigint, bigint, bigint] {
  return [
    BigInt(r.basePerYear) / RATE_YEAR,
    BigInt(r.slope1PerYear) / RATE_YEAR,
    BigInt(r.slope2PerYear) / RATE_YEAR,
    BigInt(r.kink),
  ];
}

/**
 * A USDC (mock, 6 decimals) market lending against WETH on local chains, priced by a settable
 * $3,000 ETH/USD mock feed (8 decimals, no loan feed: 1 USDC = $1), 86% lltv, a 1 USDC seed and
 * the kinked model 0 + 5%/yr to an 80% kink, 300%/yr above (the test fixture's market). Not in any
 * shipped parameter file: tests and the simulation add it (`{ ...config, lending: LOCAL_LENDING }`).
 */
export const LOCAL_LENDING: LendingConfig = {
  mockTokens: [{ symbol: "USDC", name: "USD Coin", decimals: 6 }],
  markets: [
    {
      loanToken: "USDC",
      collateralToken: "WETH",
      oracle: {
        collateralFeed: { mock: { decimals: 8, answer: "300000000000", description: "ETH / USD" } },
        maxStaleness: 3600,
      },
      lltv: "860000000000000000",
      seedAssets: "1000000",
      rateModel: {
        basePerYear: "0",
        slope1PerYear: "50000000000000000",
        slope2PerYear: "3000000000000000000",
        kink: "800000000000000000",
      },
    },
  ],
};

/**
 * `config` with LOCAL_LENDING's market when it is a local chain's (no `weth`: the module deploys
 * WETH9) and lists no markets of its own; any other config as it is. The App module deploys with it.
 */
export function withLocalLending(config: DeployConfig): DeployConfig {
  return config.weth === undefined && config.lending === undefined
    ? { ...config, lending: LOCAL_LENDING }
    : config;
}

export const PARAMETERS_DIR = path.join(__dirname, "parameters");

export function parametersPath(network: string): string {
  return path.join(PARAMETERS_DIR, `${network}.json`);
}

/** Reads and validates deploy/parameters/<network>.json; a missing or bad file throws FurrowError DEPLOY_CONFIG. */
export function loadDeployConfig(network: string): DeployConfig {
  const file = parametersPath(network);
  if (!fs.existsSync(file)) {
    throw new FurrowError(
      "DEPLOY_CONFIG",
      `no deployment parameters for network "${network}": create ${path.relative(process.cwd(), file)} (copy deploy/parameters/sepolia.json)`,
    );
  }
  const config = JSON.parse(fs.readFileSync(file, "utf8")) as DeployConfig;
  validate(config, path.relative(process.cwd(), file));
  return config;
}

function validate(c: DeployConfig, where: string): void {
  const fail = (msg: string): never => {
    throw new FurrowError("DEPLOY_CONFIG", `${where}: ${msg}`);
  };
  if (!/^\d+$/.test(c.rewardPerSecond ?? "")) fail(`rewardPerSecond must be a decimal string of wei`);
  if (!Number.isInteger(c.startTime) || c.startTime < 0) fail(`startTime must be a unix time or 0`);
  if (c.weth !== undefined && !isAddress(c.weth)) fail(`weth is not an address: ${c.weth}`);
  const g = c.governance ?? fail("governance settings are missing");
  for (const key of [
    "votingDelay",
    "votingPeriod",
    "quorumPercent",
    "lateQuorumExtension",
    "timelockDelay",
  ] as const) {
    if (!Number.isInteger(g[key]) || g[key] < 0) fail(`governance.${key} must be a non-negative integer`);
  }
  if (g.quorumPercent > 100) fail(`governance.quorumPercent must be at most 100`);
  if (!/^\d+$/.test(g.proposalThreshold ?? ""))
    fail(`governance.proposalThreshold must be a decimal string of wei`);
  const token = (t: string, field: string) => {
    if (t !== "FUR" && t !== "WETH" && !isAddress(t))
      fail(`${field} must be "FUR", "WETH" or an address: ${t}`);
  };
  (c.pairs ?? fail("pairs is missing (use [])")).forEach((p, i) => {
    token(p.tokenA, `pairs[${i}].tokenA`);
    token(p.tokenB, `pairs[${i}].tokenB`);
    if (p.tokenA.toLowerCase() === p.tokenB.toLowerCase()) fail(`pairs[${i}] pairs a token with itself`);
    if (!Number.isInteger(p.allocPoint) || p.allocPoint < 0)
      fail(`pairs[${i}].allocPoint must be an integer >= 0`);
    if (p.vault !== undefined && typeof p.vault !== "boolean")
      fail(`pairs[${i}].vault must be true or false`);
    if (p.vault && p.allocPoint === 0) fail(`pairs[${i}] has a vault but no farm pool (allocPoint 0)`);
  });
  if (c.feeSwitch !== undefined && typeof c.feeSwitch !== "boolean") fail(`feeSwitch must be true or false`);
  (c.pools ?? fail("pools is missing (use [])")).forEach((p, i) => {
    token(p.token, `pools[${i}].token`);
    if (!Number.isInteger(p.allocPoint) || p.allocPoint < 0)
      fail(`pools[${i}].allocPoint must be an integer >= 0`);
    if (p.vault !== undefined && typeof p.vault !== "boolean")
      fail(`pools[${i}].vault must be true or false`);
  });
  if (c.lending !== undefined) validateLending(c.lending, c.weth === undefined, fail);
}

function validateLending(l: LendingConfig, local: boolean, fail: (msg: string) => never): void {
  const digits = (v: unknown) => typeof v === "string" && /^\d+$/.test(v);
  const localOnly = (what: string) => {
    if (!local) fail(`${what}: mocks are for local chains only (a file with "weth" names real contracts)`);
  };
  const mocks = l.mockTokens ?? [];
  if (!Array.isArray(mocks)) fail(`lending.mockTokens must be a list`);
  const symbols = new Set<string>();
  mocks.forEach((t, i) => {
    const where = `lending.mockTokens[${i}]`;
    localOnly(where);
    if (typeof t.symbol !== "string" || !/^[A-Za-z][A-Za-z0-9]*$/.test(t.symbol))
      fail(`${where}.symbol must be letters and digits`);
    if (["FUR", "WETH"].includes(t.symbol) || symbols.has(t.symbol))
      fail(`${where}.symbol ${t.symbol} is already taken`);
    if (typeof t.name !== "string" || t.name === "") fail(`${where}.name must be a non-empty string`);
    if (!Number.isInteger(t.decimals) || t.decimals < 0 || t.decimals > 36)
      fail(`${where}.decimals must be an integer from 0 to 36`);
    symbols.add(t.symbol);
  });
  const token = (t: unknown, field: string) => {
    if (t === "FUR")
      fail(`${field} may not be FUR (its only price is Furrow's own pools, and only the Farm mints it)`);
    if (typeof t !== "string" || (t !== "WETH" && !symbols.has(t) && !isAddress(t)))
      fail(`${field} must be "WETH", an address or a symbol of lending.mockTokens: ${String(t)}`);
  };
  const feed = (f: FeedConfig | undefined, field: string) => {
    if (typeof f === "string") {
      if (!isAddress(f)) fail(`${field} is not an address: ${f}`);
      return;
    }
    const m = (f as MockFeedConfig | undefined)?.mock;
    if (!m) fail(`${field} must be a feed address or { "mock": { "decimals", "answer" } }`);
    localOnly(field);
    if (!Number.isInteger(m!.decimals) || m!.decimals < 0 || m!.decimals > 36)
      fail(`${field}.mock.decimals must be an integer from 0 to 36`);
    if (!digits(m!.answer) || BigInt(m!.answer) === 0n)
      fail(`${field}.mock.answer must be a positive decimal string`);
  };
  if (!Array.isArray(l.markets)) fail(`lending.markets is missing (use [])`);
  const listed = new Set<string>();
  l.markets.forEach((mk, i) => {
    const at = `lending.markets[${i}]`;
    token(mk.loanToken, `${at}.loanToken`);
    token(mk.collateralToken, `${at}.collateralToken`);
    if (mk.loanToken.toLowerCase() === mk.collateralToken.toLowerCase())
      fail(`${at} lends a token against itself`);
    const key = `${mk.loanToken.toLowerCase()}/${mk.collateralToken.toLowerCase()}`;
    if (listed.has(key)) fail(`${at} lists ${mk.loanToken}/${mk.collateralToken} a second time`);
    listed.add(key);
    const o = mk.oracle ?? fail(`${at}.oracle is missing`);
    feed(o.collateralFeed, `${at}.oracle.collateralFeed`);
    if (o.loanFeed !== undefined) feed(o.loanFeed, `${at}.oracle.loanFeed`);
    if (!Number.isInteger(o.maxStaleness) || o.maxStaleness < 60 || o.maxStaleness > 604800)
      fail(`${at}.oracle.maxStaleness must be an integer from 60 to 604800 seconds`);
    if (!digits(mk.lltv) || BigInt(mk.lltv) === 0n || BigInt(mk.lltv) > MAX_LLTV)
      fail(`${at}.lltv must be a decimal string in (0, ${MAX_LLTV}]`);
    if (!digits(mk.seedAssets) || BigInt(mk.seedAssets) < MIN_SEED_ASSETS)
      fail(`${at}.seedAssets must be a decimal string of at least ${MIN_SEED_ASSETS}`);
    const r = mk.rateModel ?? fail(`${at}.rateModel is missing`);
    for (const key of ["basePerYear", "slope1PerYear", "slope2PerYear", "kink"] as const) {
      if (!digits(r[key])) fail(`${at}.rateModel.${key} must be a decimal string`);
    }
    const [base, slope1, slope2, kink] = rateModelArgs(r);
    const WAD = 10n ** 18n;
    if (kink === 0n || kink >= WAD) fail(`${at}.rateModel.kink must be in (0, ${WAD})`);
    const atFull = base + (kink * slope1) / WAD + ((WAD - kink) * slope2) / WAD;
    if ([base, slope1, slope2, atFull].some((v) => v > MAX_RATE_PER_SECOND))
      fail(`${at}.rateModel passes KinkedRateModel's 1,000%/yr bound (${MAX_RATE_PER_SECOND} per second)`);
  });
}
