import type { HardhatRuntimeEnvironment } from "hardhat/types";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/signers";
import type { DeployConfig } from "../../deploy/config";
import { furrowModule } from "../../deploy/modules/parts/furrow";
import {
  BorrowRewards__factory,
  Farm__factory,
  LendingMarket__factory,
  MarketFactory__factory,
  FarmGovernor__factory,
  FeeCollector__factory,
  Pair__factory,
  PairFactory__factory,
  RewardToken__factory,
  Router__factory,
  StakedFUR__factory,
  TimelockController__factory,
  VaultFactory__factory,
  WETH9__factory,
  type BorrowRewards,
  type Farm,
  type FarmGovernor,
  type FeeCollector,
  type LendingMarket,
  type MarketFactory,
  type Pair,
  type PairFactory,
  type RewardToken,
  type Router,
  type StakedFUR,
  type TimelockController,
  type VaultFactory,
  type WETH9,
} from "../../typechain-types";
import type { FurrowDeployment } from "./deployment";

/** The addresses of a deployment made in this process (no journal folder: see `FurrowDeployment`). */
export type FurrowAddresses = Omit<FurrowDeployment, "dir">;

/** The system the Furrow Ignition module deploys, as typechain contracts connected to the deployer. */
export interface FurrowSystem {
  config: DeployConfig;
  deployer: HardhatEthersSigner;
  token: RewardToken;
  timelock: TimelockController;
  governor: FarmGovernor;
  factory: PairFactory;
  router: Router;
  weth: WETH9;
  farm: Farm;
  /** Owned by the timelock; holds the vaults of the pools the parameters mark `vault`. */
  vaultFactory: VaultFactory;
  /** sFUR, owned by the timelock, named to the governor by the bootstrap batch. */
  stakedFur: StakedFUR;
  /** Owned by the timelock; the factory's `feeTo` when the parameters set `feeSwitch`. */
  feeCollector: FeeCollector;
  /** The pairs of `config.pairs`, in order. */
  pairs: Pair[];
  /** Owned by the timelock; lists lending markets (those of `config.lending` in the bootstrap batch). */
  marketFactory: MarketFactory;
  /** Borrower mining, owned by the timelock, the factory's incentives (no speed or funds at deployment). */
  borrowRewards: BorrowRewards;
  /** The markets of `config.lending.markets`, in order. */
  markets: LendingMarket[];
  /** The same deployment as addresses, shaped like the journal reader's result. */
  addresses: FurrowAddresses;
}

/** What Ignition hands back for a future: only its address is used here. */
interface Deployed {
  getAddress(): Promise<string>;
}

/**
 * Runs deploy/modules/parts/furrow.ts (the module `npm run deploy` runs) through Ignition on the
 * network `hre` is connected to (in tests and the simulation: the in-process one), from account 0,
 * and connects typechain contracts to what it deployed. On the in-process network Ignition keeps no
 * journal, so every call deploys a new system.
 */
export async function deployFurrow(
  hre: HardhatRuntimeEnvironment,
  config: DeployConfig,
): Promise<FurrowSystem> {
  const [deployer] = await hre.ethers.getSigners();
  const deployed = await hre.ignition.deploy(furrowModule(config), { displayUi: false });
  const byName = deployed as unknown as Record<string, Deployed>;
  const pairAddresses: string[] = [];
  for (let i = 0; i < config.pairs.length; i++) pairAddresses.push(await byName[`pair${i}`].getAddress());
  const marketAddresses: string[] = [];
  for (let i = 0; i < (config.lending?.markets.length ?? 0); i++)
    marketAddresses.push(await byName[`market${i}`].getAddress());

  const addresses: FurrowAddresses = {
    rewardToken: await deployed.rewardToken.getAddress(),
    timelock: await deployed.timelock.getAddress(),
    governor: await deployed.governor.getAddress(),
    factory: await deployed.factory.getAddress(),
    router: await deployed.router.getAddress(),
    weth: await deployed.weth.getAddress(),
    farm: await deployed.farm.getAddress(),
    vaultFactory: await deployed.vaultFactory.getAddress(),
    stakedFur: await deployed.stakedFur.getAddress(),
    feeCollector: await deployed.feeCollector.getAddress(),
    pairs: pairAddresses,
    marketFactory: await deployed.marketFactory.getAddress(),
    borrowRewards: await deployed.borrowRewards.getAddress(),
    markets: marketAddresses,
    deployer: deployer.address,
  };
  return {
    config,
    deployer,
    token: RewardToken__factory.connect(addresses.rewardToken, deployer),
    timelock: TimelockController__factory.connect(addresses.timelock, deployer),
    governor: FarmGovernor__factory.connect(addresses.governor, deployer),
    factory: PairFactory__factory.connect(addresses.factory, deployer),
    router: Router__factory.connect(addresses.router, deployer),
    weth: WETH9__factory.connect(addresses.weth, deployer),
    farm: Farm__factory.connect(addresses.farm, deployer),
    vaultFactory: VaultFactory__factory.connect(addresses.vaultFactory!, deployer),
    stakedFur: StakedFUR__factory.connect(addresses.stakedFur!, deployer),
    feeCollector: FeeCollector__factory.connect(addresses.feeCollector!, deployer),
    pairs: pairAddresses.map((a) => Pair__factory.connect(a, deployer)),
    marketFactory: MarketFactory__factory.connect(addresses.marketFactory!, deployer),
    borrowRewards: BorrowRewards__factory.connect(addresses.borrowRewards!, deployer),
    markets: marketAddresses.map((a) => LendingMarket__factory.connect(a, deployer)),
    addresses,
  };
}
