import fs from "fs";
import os from "os";
import path from "path";
import hre from "hardhat";
import type { FurrowAddresses } from "../../src/chain/deploy";

/**
 * Runs a task in this process as `npx hardhat <name>` would and returns what it printed (stdout
 * and stderr lines) with the exit code it set (process.exitCode is put back afterwards).
 */
export async function runCapturing(
  name: string,
  args: Record<string, unknown>,
): Promise<{ printed: string[]; exitCode: number; errors: string[] }> {
  const printed: string[] = [];
  const errors: string[] = [];
  const [log, error] = [console.log, console.error];
  const saved = process.exitCode;
  process.exitCode = undefined;
  console.log = (...parts: unknown[]) => void printed.push(parts.join(" "));
  console.error = (...parts: unknown[]) => void errors.push(parts.join(" "));
  try {
    await hre.run(name, args);
  } finally {
    console.log = log;
    console.error = error;
  }
  const exitCode = Number(process.exitCode ?? 0);
  process.exitCode = saved;
  return { printed, exitCode, errors };
}

/** Runs a task as `npx hardhat <name> --json` would and returns what it printed, parsed. */
export async function runJson(
  name: string,
  args: Record<string, unknown>,
): Promise<{ json: unknown; exitCode: number; errors: string[] }> {
  const { printed, exitCode, errors } = await runCapturing(name, { ...args, json: true });
  return { json: printed.length ? JSON.parse(printed.join("\n")) : null, exitCode, errors };
}

/**
 * A new temporary folder with the deployed_addresses.json Ignition would write for `a` (the core
 * contracts and pairs), plus the revenue (sFUR, FeeCollector) and lending (MarketFactory,
 * BorrowRewards, markets) ids when asked: what the tasks read with `--deployment`.
 */
export function writeJournal(
  prefix: string,
  a: FurrowAddresses,
  parts: { revenue?: boolean; lending?: boolean },
): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const ids: Record<string, string> = {
    "Token#RewardToken": a.rewardToken,
    "Governance#TimelockController": a.timelock,
    "Governance#FarmGovernor": a.governor,
    "Amm#PairFactory": a.factory,
    "Amm#Router": a.router,
    "Amm#WETH9": a.weth,
    "Farm#Farm": a.farm,
    ...Object.fromEntries(a.pairs.map((p, i) => [`Furrow#Pair_${i}`, p])),
    ...(parts.revenue ? { "Revenue#StakedFUR": a.stakedFur!, "Revenue#FeeCollector": a.feeCollector! } : {}),
    ...(parts.lending
      ? {
          "Lending#MarketFactory": a.marketFactory!,
          "Lending#BorrowRewards": a.borrowRewards!,
          ...Object.fromEntries(a.markets!.map((m, i) => [`Furrow#Market_${i}`, m])),
        }
      : {}),
  };
  fs.writeFileSync(path.join(dir, "deployed_addresses.json"), JSON.stringify(ids));
  return dir;
}
