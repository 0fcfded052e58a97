/**
 * The end-of-run summary as text: printed by `npm run simulate` and embedded in report.md. Built
 * from the report alone, so the writer can use it without loading the command (and the chain).
 */
import { formatTable } from "../format/table";
import type { RewardAuditJson, SimulationReport } from "./report";

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
