import { task, types } from "hardhat/config";
import { TASK_COMPILE } from "hardhat/builtin-tasks/task-names";
import { runTask } from "./run";

task(
  "simulate",
  "Simulates liquidity mining and real yield (fee switch by proposal, sFUR stakers, collects) on Furrow and writes a report (embedded network or a fork)",
)
  .addOptionalParam("days", "Days to simulate", 30, types.int)
  .addOptionalParam(
    "actors",
    "Number of actors (about 30% traders, the rest liquidity providers; the compounding and staking cohorts come on top)",
    20,
    types.int,
  )
  .addOptionalParam("seed", "Random seed: the same seed gives the same report, byte for byte", 1, types.int)
  .addOptionalParam("out", "Report folder (default: reports/<name>)", undefined, types.string)
  .addOptionalParam(
    "fork",
    "JSON-RPC URL of a chain where Furrow is deployed (or FORK_URL)",
    undefined,
    types.string,
  )
  .addOptionalParam("forkBlock", "Block to fork at (or FORK_BLOCK; default: latest)", undefined, types.int)
  .addOptionalParam("deployment", "Ignition deployment folder (default: deploy/deployments/chain-<id>)")
  .addOptionalParam(
    "gasProfile",
    "Price every transaction's gas as on l1, arbitrum, optimism or base (docs/simulation.md; default l1)",
  )
  .addOptionalParam(
    "gasPriceGwei",
    "Price gas flat at this many gwei instead (no L1 data fee)",
    undefined,
    types.float,
  )
  .addFlag("quiet", "No progress bar")
  .setAction(
    runTask(async (args, hre) => {
      // The simulation deploys from artifacts and typechain factories: a fresh clone needs a compile.
      await hre.run(TASK_COMPILE, { quiet: true });
      const { simulateCommand } = await import("../src/simulation/command");
      await simulateCommand(hre, {
        days: args.days,
        actors: args.actors,
        seed: args.seed,
        out: args.out,
        fork: args.fork ?? (process.env.FORK_URL || undefined),
        forkBlock: args.forkBlock ?? (process.env.FORK_BLOCK ? Number(process.env.FORK_BLOCK) : undefined),
        deployment: args.deployment,
        quiet: args.quiet,
        gasProfile: args.gasProfile,
        gasPriceGwei: args.gasPriceGwei,
      });
    }),
  );
