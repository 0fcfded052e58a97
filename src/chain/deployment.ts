import fs from "fs";
import path from "path";
import { ZeroAddress, ZeroHash, type Provider } from "ethers";
import { FurrowError } from "./errors";
import {
  BorrowRewards__factory,
  Farm__factory,
  LendingMarket__factory,
  MarketFactory__factory,
  FarmGovernor__factory,
  FeeCollector__factory,
  PairFactory__factory,
  RewardToken__factory,
  Router__factory,
  StakedFUR__factory,
  TimelockController__factory,
  VaultFactory__factory,
} from "../../typechain-types";

/** Where Ignition keeps the journal of the deployment on `chainId` (paths.ignition = deploy/). */
export function deploymentDir(chainId: bigint | number, root = path.join(__dirname, "..", "..")): string {
  return path.join(root, "deploy", "deployments", `chain-${chainId}`);
}

/** The addresses of one Furrow deployment, read from its Ignition journal folder. */
export interface FurrowDeployment {
  /** The Ignition journal folder it was read from; absent for a deployment made in memory. */
  dir?: string;
  rewardToken: string;
  timelock: string;
  governor: string;
  factory: string;
  router: string;
  weth: string;
  farm: string;
  /** The VaultFactory (owned by the timelock); absent in a deployment that predates it. */
  vaultFactory?: string;
  /** sFUR (owned by the timelock); absent in a deployment that predates it. */
  stakedFur?: string;
  /** The FeeCollector (owned by the timelock); absent in a deployment that predates it. */
  feeCollector?: string;
  /** Pairs created by the deployment, in parameters order. */
  pairs: string[];
  /** The MarketFactory (owned by the timelock); absent in a deployment that predates lending. */
  marketFactory?: string;
  /** BorrowRewards (owned by the timelock); absent in a deployment that predates lending. */
  borrowRewards?: string;
  /** Lending markets listed by the deployment, in parameters order (absent: none, or it predates lending). */
  markets?: string[];
  /** The account that ran the deployment (the RewardToken's constructor argument). */
  deployer: string;
}

const FUTURES = {
  rewardToken: "Token#RewardToken",
  timelock: "Governance#TimelockController",
  governor: "Governance#FarmGovernor",
  factory: "Amm#PairFactory",
  router: "Amm#Router",
  weth: "Amm#WETH9",
  farm: "Farm#Farm",
} as const;
/** Optional: deployments made before the compounding vaults have no VaultFactory. */
const VAULT_FACTORY_FUTURE = "Furrow#VaultFactory";
/** Optional: deployments made before real yield (issue 12) have neither. */
const STAKED_FUR_FUTURE = "Revenue#StakedFUR";
const FEE_COLLECTOR_FUTURE = "Revenue#FeeCollector";
/** Optional: deployments made before lending mining (issue 13) have neither. */
const MARKET_FACTORY_FUTURE = "Lending#MarketFactory";
const BORROW_REWARDS_FUTURE = "Lending#BorrowRewards";

/** Reads deployed_addresses.json (and the deployer from journal.jsonl) of an Ignition deployment. */
export function readDeployment(dir: string): FurrowDeployment {
  const file = path.join(dir, "deployed_addresses.json");
  if (!fs.existsSync(file)) {
    throw new FurrowError(
      "DEPLOYMENT",
      `no Furrow deployment in ${path.relative(process.cwd(), dir) || dir}: deploy first`,
    );
  }
  const addresses = JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, string>;
  const pick = (key: keyof typeof FUTURES) => {
    const address = addresses[FUTURES[key]];
    if (!address)
      throw new FurrowError("DEPLOYMENT", `${file} has no ${FUTURES[key]}: the deployment is incomplete`);
    return address;
  };
  const pairs = Object.keys(addresses)
    .filter((k) => /^Furrow#Pair_\d+$/.test(k))
    .sort((a, b) => Number(a.split("_")[1]) - Number(b.split("_")[1]))
    .map((k) => addresses[k]);
  const markets = Object.keys(addresses)
    .filter((k) => /^Furrow#Market_\d+$/.test(k))
    .sort((a, b) => Number(a.split("_")[1]) - Number(b.split("_")[1]))
    .map((k) => addresses[k]);
  return {
    dir,
    rewardToken: pick("rewardToken"),
    timelock: pick("timelock"),
    governor: pick("governor"),
    factory: pick("factory"),
    router: pick("router"),
    weth: pick("weth"),
    farm: pick("farm"),
    ...(addresses[VAULT_FACTORY_FUTURE] ? { vaultFactory: addresses[VAULT_FACTORY_FUTURE] } : {}),
    ...(addresses[STAKED_FUR_FUTURE] ? { stakedFur: addresses[STAKED_FUR_FUTURE] } : {}),
    ...(addresses[FEE_COLLECTOR_FUTURE] ? { feeCollector: addresses[FEE_COLLECTOR_FUTURE] } : {}),
    pairs,
    ...(addresses[MARKET_FACTORY_FUTURE] ? { marketFactory: addresses[MARKET_FACTORY_FUTURE] } : {}),
    ...(addresses[BORROW_REWARDS_FUTURE] ? { borrowRewards: addresses[BORROW_REWARDS_FUTURE] } : {}),
    ...(markets.length > 0 ? { markets } : {}),
    deployer: readDeployer(dir),
  };
}

/** The fields of an Ignition journal line that this reader uses. */
interface JournalEntry {
  futureId?: string;
  constructorArgs?: unknown[];
  receipt?: { blockNumber?: number };
}

/** The first value `pick` finds in a journal.jsonl entry of `futureId`; undefined if none. */
function fromJournal<T>(
  dir: string,
  futureId: string,
  pick: (entry: JournalEntry) => T | undefined,
): T | undefined {
  const journal = path.join(dir, "journal.jsonl");
  if (!fs.existsSync(journal)) return undefined;
  for (const line of fs.readFileSync(journal, "utf8").split("\n")) {
    if (!line.includes(futureId)) continue;
    const entry = JSON.parse(line) as JournalEntry;
    const value = entry.futureId === futureId ? pick(entry) : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

function readDeployer(dir: string): string {
  const deployer = fromJournal(dir, FUTURES.rewardToken, (e) =>
    Array.isArray(e.constructorArgs) ? String(e.constructorArgs[0]) : undefined,
  );
  return deployer ?? ZeroAddress;
}

/**
 * The block the farm was deployed in, from the Ignition journal when there is one (so a fork of a
 * long chain is not searched from genesis); 0 otherwise, e.g. for a deployment made in memory.
 */
export function farmDeploymentBlock(dir: string): number {
  return fromJournal(dir, FUTURES.farm, (e) => e.receipt?.blockNumber) ?? 0;
}

/** One line of the wiring check: what it reads, what it should be, what it is. */
export interface WiringCheck {
  check: string;
  expected: string;
  actual: string;
  ok: boolean;
}

/**
 * Reads the deployed system back from the chain and checks that it is wired and handed to
 * governance: the timelock alone administers FUR and owns the Farm and the fee switch, only the
 * governor proposes to it, and the deployer kept nothing.
 */
export async function checkWiring(provider: Provider, d: FurrowDeployment): Promise<WiringCheck[]> {
  const token = RewardToken__factory.connect(d.rewardToken, provider);
  const timelock = TimelockController__factory.connect(d.timelock, provider);
  const governor = FarmGovernor__factory.connect(d.governor, provider);
  const factory = PairFactory__factory.connect(d.factory, provider);
  const router = Router__factory.connect(d.router, provider);
  const farm = Farm__factory.connect(d.farm, provider);

  const checks: WiringCheck[] = [];
  const eq = (check: string, expected: unknown, actual: unknown) => {
    const [e, a] = [String(expected), String(actual)];
    checks.push({ check, expected: e, actual: a, ok: e.toLowerCase() === a.toLowerCase() });
  };

  for (const [name, address] of Object.entries({
    RewardToken: d.rewardToken,
    TimelockController: d.timelock,
    FarmGovernor: d.governor,
    PairFactory: d.factory,
    Router: d.router,
    WETH: d.weth,
    Farm: d.farm,
    ...Object.fromEntries(d.pairs.map((p, i) => [`Pair ${i}`, p])),
  })) {
    eq(`${name} has code`, true, (await provider.getCode(address)) !== "0x");
  }

  const [minter, proposer, canceller, executor] = await Promise.all([
    token.MINTER_ROLE(),
    timelock.PROPOSER_ROLE(),
    timelock.CANCELLER_ROLE(),
    timelock.EXECUTOR_ROLE(),
  ]);
  eq("FUR: timelock is admin", true, await token.hasRole(ZeroHash, d.timelock));
  eq("FUR: farm is minter", true, await token.hasRole(minter, d.farm));
  eq("Farm: owner", d.timelock, await farm.owner());
  eq("Farm: pending owner", ZeroAddress, await farm.pendingOwner());
  eq("Farm: reward token", d.rewardToken, await farm.rewardToken());
  eq("PairFactory: feeToSetter", d.timelock, await factory.feeToSetter());
  eq("Router: factory", d.factory, await router.factory());
  eq("Router: WETH", d.weth, await router.WETH());
  eq("Governor: token", d.rewardToken, await governor.token());
  eq("Governor: timelock", d.timelock, await governor.timelock());
  eq("Timelock: governor proposes", true, await timelock.hasRole(proposer, d.governor));
  eq("Timelock: governor cancels", true, await timelock.hasRole(canceller, d.governor));
  eq("Timelock: anyone executes (open role)", true, await timelock.hasRole(executor, ZeroAddress));
  eq("Timelock: administers itself", true, await timelock.hasRole(ZeroHash, d.timelock));
  if (d.vaultFactory) {
    const vaults = VaultFactory__factory.connect(d.vaultFactory, provider);
    eq("VaultFactory has code", true, (await provider.getCode(d.vaultFactory)) !== "0x");
    eq("VaultFactory: owner", d.timelock, await vaults.owner());
    eq("VaultFactory: pending owner", ZeroAddress, await vaults.pendingOwner());
    eq("VaultFactory: farm", d.farm, await vaults.farm());
    eq("VaultFactory: router", d.router, await vaults.router());
  }
  if (d.stakedFur) {
    const sfur = StakedFUR__factory.connect(d.stakedFur, provider);
    eq("StakedFUR has code", true, (await provider.getCode(d.stakedFur)) !== "0x");
    eq("StakedFUR: owner", d.timelock, await sfur.owner());
    eq("StakedFUR: underlying", d.rewardToken, await sfur.underlying());
    eq("Governor: staked token", d.stakedFur, await governor.stakedToken());
  }
  if (d.feeCollector) {
    const collector = FeeCollector__factory.connect(d.feeCollector, provider);
    eq("FeeCollector has code", true, (await provider.getCode(d.feeCollector)) !== "0x");
    eq("FeeCollector: owner", d.timelock, await collector.owner());
    eq("FeeCollector: factory", d.factory, await collector.factory());
    eq("FeeCollector: staking", d.stakedFur ?? ZeroAddress, await collector.staking());
    // The fee switch is a parameter and later a governance decision: off, or on to the collector.
    // Any other feeTo sends the protocol fee past the stakers.
    const feeTo = await factory.feeTo();
    checks.push({
      check: "PairFactory: feeTo (off or the FeeCollector)",
      expected: `${ZeroAddress} or ${d.feeCollector}`,
      actual: feeTo,
      ok: [ZeroAddress, d.feeCollector.toLowerCase()].includes(feeTo.toLowerCase()),
    });
  }
  if (d.marketFactory) {
    const markets = MarketFactory__factory.connect(d.marketFactory, provider);
    eq("MarketFactory has code", true, (await provider.getCode(d.marketFactory)) !== "0x");
    eq("MarketFactory: owner", d.timelock, await markets.owner());
    eq("MarketFactory: farm", d.farm, await markets.farm());
    eq("MarketFactory: borrow rewards", d.borrowRewards ?? ZeroAddress, await markets.borrowRewards());
    eq("MarketFactory: markets", (d.markets ?? []).length, await markets.allMarketsLength());
    for (const [i, address] of (d.markets ?? []).entries()) {
      const market = LendingMarket__factory.connect(address, provider);
      eq(`Market ${i}: listed by the factory`, true, await markets.isMarket(address));
      eq(`Market ${i}: borrow rewards`, d.borrowRewards ?? ZeroAddress, await market.borrowRewards());
      eq(
        `Market ${i}: seeded (dead address holds shares)`,
        true,
        (await market.balanceOf(await markets.SEED_RECIPIENT())) > 0n,
      );
    }
  }
  if (d.borrowRewards) {
    const rewards = BorrowRewards__factory.connect(d.borrowRewards, provider);
    eq("BorrowRewards has code", true, (await provider.getCode(d.borrowRewards)) !== "0x");
    eq("BorrowRewards: owner", d.timelock, await rewards.owner());
    eq("BorrowRewards: farm", d.farm, await rewards.farm());
    eq("BorrowRewards: reward token", d.rewardToken, await rewards.rewardToken());
    eq("BorrowRewards: factory", d.marketFactory ?? ZeroAddress, await rewards.factory());
  }
  if (d.deployer !== ZeroAddress) {
    eq("Deployer: FUR admin", false, await token.hasRole(ZeroHash, d.deployer));
    eq("Deployer: FUR minter", false, await token.hasRole(minter, d.deployer));
    for (const [name, role] of Object.entries({ admin: ZeroHash, proposer, canceller, executor })) {
      eq(`Deployer: timelock ${name}`, false, await timelock.hasRole(role, d.deployer));
    }
  }
  return checks;
}
