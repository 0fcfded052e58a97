import type { HardhatRuntimeEnvironment } from "hardhat/types";
import fs from "fs";
import path from "path";
import { runSimulation } from "./engine";
import { DEFAULT_OPTIONS } from "./options";
import { attachFork, deployFresh } from "./setup";
import { buildReport, type SimulationReport } from "./report";
import { writeReport } from "./writer";
import { progressBar } from "./progress";
import { summary } from "./summary";
import { FurrowError } from "../chain/errors";
import { flatGasProfile, gasProfile, type GasProfile } from "../model";

export interface SimulateArgs {
  days: number;
  actors: number;
  seed: number;
  out?: string;
  fork?: string;
  forkBlock?: number;
  deployment?: string;
  quiet: boolean;
  /** `l1`, `arbitrum`, `optimism` or `base` (default l1); `gasPriceGwei` instead prices execution flat. */
  gasProfile?: string;
  gasPriceGwei?: number;
}

/** The gas profile of `--gas-profile` / `--gas-price-gwei` (not both). */
export function gasProfileOf(args: Pick<SimulateArgs, "gasProfile" | "gasPriceGwei">): GasProfile {
  if (args.gasProfile !== undefined && args.gasPriceGwei !== undefined) {
    throw new FurrowError("ARGUMENT", "give --gas-profile or --gas-price-gwei, not both");
  }
  try {
    if (args.gasPriceGwei !== undefined) return flatGasProfile(args.gasPriceGwei);
    return args.gasProfile === undefined ? DEFAULT_OPTIONS.gasProfile : gasProfile(args.gasProfile);
  } catch (e) {
    throw new FurrowError("ARGUMENT", (e as Error).message);
  }
}

/**
 * `npm run simulate`, stage by stage: set up (fresh or fork) → run (the result captured as plain
 * data while the chain is up) → build the report (pure) → render and write the folder → print.
 */
export async function simulateCommand(
  hre: HardhatRuntimeEnvironment,
  args: SimulateArgs,
): Promise<SimulationReport> {
  if (args.days < 1 || args.actors < 2) {
    throw new FurrowError(
      "ARGUMENT",
      `--days must be >= 1 and --actors >= 2, got ${args.days} and ${args.actors}`,
    );
  }
  const profile = gasProfileOf(args);
  const started = Date.now();
  let forkMeta: { url: string; block: number } | undefined;
  const deployment = args.fork
    ? await attachFork(hre, args.fork, { block: args.forkBlock, dir: args.deployment })
    : await deployFresh(hre);
  if (args.fork) {
    forkMeta = { url: args.fork, block: (await hre.ethers.provider.getBlockNumber()) - 1 };
  }

  const bar = progressBar(process.stderr, { quiet: args.quiet });
  const { result } = await runSimulation(
    hre,
    deployment,
    { ...DEFAULT_OPTIONS, days: args.days, actors: args.actors, seed: args.seed, gasProfile: profile },
    (done, total, label) => bar(done, total, label),
  );
  const report = buildReport(result, {
    network: args.fork ? "fork" : hre.network.name,
    fork: forkMeta,
  });
  const name = `${args.fork ? "fork" : "sim"}-${args.days}d-${args.actors}a-seed${args.seed}`;
  const dir = path.resolve(args.out ?? path.join("reports", name));
  fs.mkdirSync(dir, { recursive: true });
  writeReport(dir, report);
  console.log(summary(report));
  console.log(`\nreport: ${path.relative(process.cwd(), dir)}/report.md (+ report.json, charts/*.svg)`);
  console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return report;
}
