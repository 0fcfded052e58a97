import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import { ZeroAddress, ZeroHash, id } from "ethers";
import type { DeployConfig } from "../../config";
import { TokenModule } from "./token";
import { governanceModule } from "./governance";
import { ammModule } from "./amm";
import { farmModule } from "./farm";
import { revenueModule } from "./revenue";
import { lendingModule } from "./lending";

/** Salt of the one timelock batch run at deployment (recorded on-chain as CallScheduled). */
export const BOOTSTRAP_SALT = id("furrow.bootstrap");
const DEFAULT_ADMIN_ROLE = ZeroHash;
/** Salt of the timelock operation that lists market `i` of the parameters. */
export function listingSalt(i: number): string {
  return id(`furrow.listMarket.${i}`);
}

/**
 * The whole protocol, wired and handed to governance:
 *  1. Token, Governance (timelock + governor), Amm, Farm (owned by the timelock, minter of FUR);
 *  2. the configured pairs are created; the MarketFactory and BorrowRewards (lending.ts), owned by
 *     the timelock from their constructors, and each configured market listed in its own timelock
 *     operation of the deployer's (delay 0, the deployer its only executor), the first one calling
 *     `setIncentives` before its listing (docs/lending.md, "Listing at deployment");
 *  3. the VaultFactory, sFUR and the FeeCollector, owned by the timelock from their constructors on;
 *     one timelock batch adds the configured farm pools, creates the vaults of the pools marked
 *     `vault` (VaultFactory.createVault is owner-only: only this batch can create them, so nobody
 *     can take a vault's place or make the batch revert first), names sFUR to the governor
 *     (`setStakedToken`, timelock only, once), with `feeSwitch` makes the FeeCollector the factory's
 *     `feeTo` (the timelock is `feeToSetter`), calls `MarketFactory.setIncentives` when no market was
 *     listed, and raises the timelock delay to its
 *     configured value (the timelock starts at 0 so that this batch needs no wait); the deployer
 *     is its only executor, so nobody else can execute it first and make the deployer's execute
 *     revert (issue 9.3);
 *  4. the executor role is opened to anyone (address 0), now that no operation is pending;
 *  5. the deployer gives up every role: the timelock alone administers FUR, owns the Farm and
 *     sets the AMM's protocol fee; only the governor proposes to it.
 * Every transaction of the deployment is the deployer's own and no step waits on a state that a
 * stranger can change first, so Ignition can always resume it. (A stranger can still create a
 * configured pair before `createPair_<i>`: see docs/deploy.md.)
 * The config is read when the module is built, so the same file always builds the same module
 * and re-running a finished deployment sends nothing.
 */
export function furrowModule(config: DeployConfig) {
  const governance = governanceModule(config);
  const amm = ammModule(config, governance);
  const farmPart = farmModule(config, governance);
  const revenue = revenueModule(governance, amm);
  const lendingPart = lendingModule(config, governance, amm, farmPart);

  return buildModule("Furrow", (m) => {
    const deployer = m.getAccount(0);
    const { rewardToken } = m.useModule(TokenModule);
    const { timelock, governor } = m.useModule(governance);
    const { factory, router, weth } = m.useModule(amm);
    const { farm } = m.useModule(farmPart);
    const { stakedFur, feeCollector } = m.useModule(revenue);
    const lending = m.useModule(lendingPart);
    const { marketFactory, borrowRewards } = lending;
    const markets = (config.lending?.markets ?? []).map((mk, i) => ({
      loanToken: lending[`loanToken${i}`],
      args: [
        lending[`loanToken${i}`],
        lending[`collateralToken${i}`],
        lending[`oracle${i}`],
        lending[`irm${i}`],
        BigInt(mk.lltv),
        BigInt(mk.seedAssets),
      ] as const,
      seed: BigInt(mk.seedAssets),
    }));

    // setIncentives runs in the deployment's first timelock operation: the first listing when there
    // are markets (each market then reports to BorrowRewards and FUR is refused as collateral), else
    // the bootstrap batch.
    const setIncentives = m.encodeFunctionCall(marketFactory, "setIncentives", [farm, borrowRewards], {
      id: "encodeSetIncentives",
    });
    // One timelock operation per market (a market's creation costs about 11M gas, so two would pass
    // the 2^24 gas cap of one transaction), each scheduled and executed by the deployer, the only
    // executor, before the bootstrap batch raises the delay: [setIncentives (first only),
    // loanToken.approve(factory, seed), createMarket(...)].
    const listings: ReturnType<typeof m.call>[] = [];
    const listed = markets.map((mk, i) => {
      const listingTargets = [...(i === 0 ? [marketFactory] : []), mk.loanToken, marketFactory];
      const listingPayloads = [
        ...(i === 0 ? [setIncentives] : []),
        m.encodeFunctionCall(mk.loanToken, "approve", [marketFactory, mk.seed], {
          id: `encodeSeedApprove_${i}`,
        }),
        m.encodeFunctionCall(marketFactory, "createMarket", [...mk.args], { id: `encodeCreateMarket_${i}` }),
      ];
      const op = [
        listingTargets,
        listingTargets.map(() => 0n),
        listingPayloads,
        ZeroHash,
        listingSalt(i),
      ] as const;
      const schedule = m.call(timelock, "scheduleBatch", [...op, 0], {
        id: `listMarketSchedule_${i}`,
        after: [governance, lendingPart, ...listings],
      });
      const execute = m.call(timelock, "executeBatch", [...op], {
        id: `listMarketExecute_${i}`,
        after: [schedule],
      });
      listings.push(execute);
      const address = m.readEventArgument(execute, "MarketCreated", "market", {
        emitter: marketFactory,
        id: `marketAddress_${i}`,
      });
      return m.contractAt("LendingMarket", address, { id: `Market_${i}` });
    });

    const resolve = (t: string) => (t === "FUR" ? rewardToken : t === "WETH" ? weth : t);

    const pairs = config.pairs.map((p, i) => {
      const created = m.call(factory, "createPair", [resolve(p.tokenA), resolve(p.tokenB)], {
        id: `createPair_${i}`,
      });
      const address = m.readEventArgument(created, "PairCreated", "pair", { id: `pairAddress_${i}` });
      return m.contractAt("Pair", address, { id: `Pair_${i}` });
    });

    const vaultFactory = m.contract("VaultFactory", [farm, router, timelock]);

    const pools = [
      ...config.pairs.flatMap((p, i) =>
        p.allocPoint > 0 ? [{ stake: pairs[i], allocPoint: p.allocPoint, vault: p.vault === true }] : [],
      ),
      ...config.pools.map((p) => ({
        stake: resolve(p.token),
        allocPoint: p.allocPoint,
        vault: p.vault === true,
      })),
    ];
    // The farm is new, so pool ids are the positions in `pools`.
    const vaultPids = pools.flatMap((p, pid) => (p.vault ? [pid] : []));
    const payloads = [
      ...pools.map((p, i) =>
        m.encodeFunctionCall(farm, "add", [p.allocPoint, p.stake, ZeroAddress], { id: `encodeAddPool_${i}` }),
      ),
      ...vaultPids.map((pid) =>
        m.encodeFunctionCall(vaultFactory, "createVault", [pid], { id: `encodeCreateVault_${pid}` }),
      ),
      m.encodeFunctionCall(governor, "setStakedToken", [stakedFur], { id: "encodeSetStakedToken" }),
      ...(markets.length === 0 ? [setIncentives] : []),
      ...(config.feeSwitch === true
        ? [m.encodeFunctionCall(factory, "setFeeTo", [feeCollector], { id: "encodeSetFeeTo" })]
        : []),
      m.encodeFunctionCall(timelock, "updateDelay", [config.governance.timelockDelay], {
        id: "encodeUpdateDelay",
      }),
    ];
    const targets = [
      ...pools.map(() => farm),
      ...vaultPids.map(() => vaultFactory),
      governor,
      ...(markets.length === 0 ? [marketFactory] : []),
      ...(config.feeSwitch === true ? [factory] : []),
      timelock,
    ];
    const values = targets.map(() => 0n);
    const batch = [targets, values, payloads, ZeroHash, BOOTSTRAP_SALT] as const;

    const scheduled = m.call(timelock, "scheduleBatch", [...batch, 0], {
      id: "bootstrapSchedule",
      after: [governance, lendingPart, ...listings],
    });
    const executed = m.call(timelock, "executeBatch", [...batch], {
      id: "bootstrapExecute",
      after: [scheduled],
    });

    // Hand-over: after the bootstrap, anyone may execute an operation once its delay has passed
    // (open executor role, address 0), and the deployer renounces everything it held.
    const timelockRoles = ["PROPOSER_ROLE", "CANCELLER_ROLE", "EXECUTOR_ROLE"].map((name) =>
      m.staticCall(timelock, name, [], 0, { id: `timelock_${name}` }),
    );
    const opened = m.call(timelock, "grantRole", [timelockRoles[2], ZeroAddress], {
      id: "openExecutorRole",
      after: [executed],
    });
    const renounced = [...timelockRoles, DEFAULT_ADMIN_ROLE].map((role, i) =>
      m.call(timelock, "renounceRole", [role, deployer], {
        id: `renounceTimelockRole_${i}`,
        after: [opened],
      }),
    );

    const tokenAdmin = m.call(rewardToken, "grantRole", [DEFAULT_ADMIN_ROLE, timelock], {
      id: "grantTokenAdminToTimelock",
      after: [farmPart],
    });
    m.call(rewardToken, "renounceRole", [DEFAULT_ADMIN_ROLE, deployer], {
      id: "renounceTokenAdmin",
      after: [tokenAdmin, ...renounced],
    });

    return {
      rewardToken,
      timelock,
      governor,
      factory,
      router,
      weth,
      farm,
      vaultFactory,
      stakedFur,
      feeCollector,
      marketFactory,
      borrowRewards,
      ...Object.fromEntries(pairs.map((p, i) => [`pair${i}`, p])),
      ...Object.fromEntries(listed.map((mk, i) => [`market${i}`, mk])),
    };
  });
}
