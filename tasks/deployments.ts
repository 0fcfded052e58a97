import { task } from "hardhat/config";
import { TASK_COMPILE } from "hardhat/builtin-tasks/task-names";
import path from "path";
import { formatTable } from "../src/format/table";
import { FurrowError } from "../src/chain/errors";
import { runTask } from "./run";

task("deployments:show", "Prints a Furrow deployment's addresses and checks its wiring on the chain")
  .addOptionalParam("deployment", "Ignition deployment folder (default: deploy/deployments/chain-<chainId>)")
  .addFlag("json", "Print JSON instead of tables")
  .setAction(
    runTask(async (args: { deployment?: string; json: boolean }, hre) => {
      // The reader uses typechain factories, which a fresh clone only has after a compile.
      await hre.run(TASK_COMPILE, { quiet: true });
      const { readDeployment, checkWiring, deploymentDir } = await import("../src/chain/deployment");
      const chainId = (await hre.ethers.provider.getNetwork()).chainId;
      const dir = args.deployment ? path.resolve(args.deployment) : deploymentDir(chainId);
      const deployment = readDeployment(dir);
      const checks = await checkWiring(hre.ethers.provider, deployment);
      if (args.json) {
        console.log(JSON.stringify({ chainId: chainId.toString(), ...deployment, checks }, null, 2));
      } else {
        const { dir: _dir, pairs, markets, ...contracts } = deployment;
        const rows = [
          ...Object.entries(contracts).map(([name, address]) => [name, address]),
          ...pairs.map((p, i) => [`pair ${i}`, p]),
          ...(markets ?? []).map((p, i) => [`market ${i}`, p]),
        ];
        console.log(
          `Furrow on ${hre.network.name} (chain ${chainId}), from ${path.relative(process.cwd(), dir)}\n`,
        );
        console.log(formatTable(["contract", "address"], rows));
        console.log();
        console.log(
          formatTable(
            ["wiring", "expected", "actual", "ok"],
            checks.map((c) => [c.check, c.expected, c.actual, c.ok ? "yes" : "NO"]),
          ),
        );
      }
      const failed = checks.filter((c) => !c.ok);
      if (failed.length > 0) {
        throw new FurrowError("WIRING", `wiring check(s) failed: ${failed.map((c) => c.check).join(", ")}`);
      }
    }),
  );
