import type { HardhatRuntimeEnvironment } from "hardhat/types";
import fs from "fs";
import path from "path";
import { DEFAULT_OPTIONS, runSimulation, type SimulationResult } from "./engine";
import { attachFork, deployFresh } from "./setup";
import { buildReport, type RewardAuditJson, type SimulationReport } from "./report";
import { writeReport } from "./writer";
import { progressBar } from "./progress";
import { formatTable } from "../format/table";

export interface SimulateArgs {
  days: number;
  actors: number;
  seed: number;
  out?: string;
  fork?: string;
  forkBlock?: number;
  deployment?: string;
  quiet: boolean;
}

/** `npm run simulate`: set up (fresh or fork), run, write the report folder, print the summary. */
export async function simulateCommand(
  hre: HardhatRuntimeEnvironment,
  args: SimulateArgs,
): Promise<SimulationReport> {
  if (args.days < 1 || args.actors < 2) throw new Error("simulate: --days must be >= 1 and --actors >= 2");
  const started = Date.now();
  let forkMeta: { url: string; block: number } | undefined;
  const deployment = args.fork
    ? await attachFork(hre, args.fork, { block: args.forkBlock, dir: args.deployment })
    : await deployFresh(hre);
  if (args.fork) {
    forkMeta = { url: args.fork, block: (await hre.ethers.provider.getBlockNumber()) - 1 };
  }

  const bar = progressBar(process.stderr, { quiet: args.quiet });
  const result: SimulationResult = await runSimulation(
    hre,
    deployment,
    { ...DEFAULT_OPTIONS, days: args.days, actors: args.actors, seed: args.seed },
    (done, total, label) => bar(done, total, label),
  );
  const report = await buildReport(result, {
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

/** The end-of-run summary: pools, the top actors and the audit line. */
export function summary(r: SimulationReport): string {
  const fur = (wei: string) => (Number(BigInt(wei) / 10n ** 14n) / 1e4).toLocaleString("en-US");
  const usd = (x: number | undefined) => (x ?? 0).toLocaleString("en-US", { maximumFractionDigits: 0 });
  const pools = formatTable(
    ["pid", "pool", "alloc", "bonus", "FUR paid + pending", "APR now"],
    r.pools.map((p) => [
      String(p.pid),
      p.name,
      p.allocPoint,
      p.bonus ? "yes" : "",
      fur(p.furPaidPlusPending),
      `${p.aprPercentEnd.toFixed(1)}%`,
    ]),
  );
  const lps = r.actors.filter((a) => a.kind === "lp");
  const actors = formatTable(
    ["actor", "pool", "state", "deposited $", "FUR", "BONUS", "fees $", "IL $", "net $", "APR", "APY"],
    lps.map((a) => [
      a.name,
      a.pool ?? "",
      a.state ?? "",
      usd(a.depositedUsd),
      fur(a.furEarned ?? "0"),
      a.bonusEarned && a.bonusEarned !== "0" ? fur(a.bonusEarned) : "",
      usd(a.feesUsd),
      usd(a.impermanentLossUsd),
      usd(a.netUsd),
      `${(a.aprPercent ?? 0).toFixed(1)}%`,
      `${(a.apyPercent ?? 0).toFixed(1)}%`,
    ]),
  );
  const audits = [r.audit.fur, ...(r.audit.bonus ? [r.audit.bonus] : [])].map(auditLine).join("\n");
  return `\nPools (end: ETH $${usd(r.endPrices.ethUsd)}, FUR $${r.endPrices.furUsd})\n${pools}\n\nLiquidity providers\n${actors}\n\n${audits}`;
}

/**
 * One audit line: schedule = paid + pending + rounding dust, the dust reproduced by the replay.
 * "EXACT" means the identity holds to the wei with the dust accounted for, and the model agreed
 * with the contract on every payout and every staker's pending reward.
 */
export function auditLine(a: RewardAuditJson): string {
  const t = (wei: string) => (Number(BigInt(wei) / 10n ** 14n) / 1e4).toLocaleString("en-US");
  const verdict = a.exact ? "EXACT" : `MISMATCH ${a.mismatches.slice(0, 3).join("; ")}`;
  return (
    `audit ${a.token}: ${t(a.rewardPerSecond)}/s × ${a.seconds} s = ${t(a.scheduled)} scheduled` +
    ` = paid ${t(a.paid)} + pending ${t(a.pending)} + rounding dust ${a.dustWei} wei: ${verdict}\n` +
    `  in wei: scheduled ${a.scheduled} = paid ${a.paid} + pending ${a.pending} + dust ${a.dustWei};` +
    ` replaying ${a.eventsReplayed} events through the reference model gives the stakers' rounding` +
    ` as ${a.modelRoundingWei} wei (bound ${a.roundingBoundWei}) and matches all ${a.payoutsChecked}` +
    ` payouts and ${a.stakersChecked} pending rewards`
  );
}
