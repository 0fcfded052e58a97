/**
 * The end-of-run summary as text: printed by `npm run simulate` and embedded in report.md. Built
 * from the report alone, so the writer can use it without loading the command (and the chain).
 */
import { formatTable } from "../format/table";
import type { RewardAuditJson, SimulationReport } from "./report";
import type { StakingAuditJson } from "./revenueReport";
import { lendingAuditLine, lendingSummary } from "./lendingReport";

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
  const pct = (x: number | undefined) => `${(x ?? 0).toFixed(1)}%`;
  const actors = formatTable(
    [
      "actor",
      "pool",
      "state",
      "deposited $",
      "FUR",
      "BONUS",
      "fees $",
      "IL $",
      "net $",
      "gas $",
      "APY after gas",
      "APR",
      "APY",
    ],
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
      cents(a.gas.costUsd),
      pct(a.netApyAfterGasPercent),
      pct(a.aprPercent),
      pct(a.apyPercent),
    ]),
  );
  const vaultActors = r.actors.filter((a) => a.kind === "vault" || a.kind === "keeper");
  const vault = formatTable(
    [
      "actor",
      "state",
      "deposited $",
      "fees $",
      "compounded $",
      "IL $",
      "net $",
      "gas $",
      "APY after gas",
      "APR",
    ],
    vaultActors.map((a) =>
      a.kind === "keeper"
        ? [
            a.name,
            `${a.harvests} harvests, ${a.skipped} skipped`,
            "",
            "",
            `bounty ${cents(a.bountyUsd)}`,
            "",
            cents(a.netUsd),
            cents(a.gas.costUsd),
            "",
            "",
          ]
        : [
            a.name,
            a.state ?? "",
            usd(a.depositedUsd),
            usd(a.feesUsd),
            usd(a.rewardsUsd),
            usd(a.impermanentLossUsd),
            usd(a.netUsd),
            cents(a.gas.costUsd),
            pct(a.netApyAfterGasPercent),
            pct(a.aprPercent),
          ],
    ),
  );
  const audits = [
    ...[r.audit.fur, ...(r.audit.bonus ? [r.audit.bonus] : [])].map(auditLine),
    stakingAuditLine(r.audit.staking),
    ...(r.lending ? [lendingAuditLine(r.lending.audit)] : []),
  ].join("\n");
  const gas = `gas: ${r.parameters.gasProfile}, priced at the end ETH price`;
  return `\nPools (end: ETH $${usd(r.endPrices.ethUsd)}, FUR $${r.endPrices.furUsd})\n${pools}\n\nLiquidity providers (${gas})\n${actors}\n\nVault ${r.contracts.vault} (${r.actors.find((a) => a.kind === "vault")?.pool ?? ""})\n${vault}\n${compoundingSummary(r)}\n${revenueSummary(r)}${r.lending ? lendingSummary(r.lending) : ""}\n${audits}`;
}

/** Whole tokens of `wei` with 4 decimals, truncated (as the rest of the summary prints FUR). */
const tokens4 = (wei: string, decimals = 18) =>
  decimals >= 4
    ? (Number(BigInt(wei) / 10n ** BigInt(decimals - 4)) / 1e4).toLocaleString("en-US")
    : BigInt(wei).toLocaleString("en-US");

/** Real yield: the fee-switch proposal, what sFUR received, fee APR vs emission APR, sustainability, stakers. */
export function revenueSummary(r: SimulationReport): string {
  const v = r.revenue;
  const p = v.proposal;
  const days = (s: number) => `${(s / 86_400).toFixed(2)} d`;
  const votes = p.votes.map((x) => `${x.name} ${tokens4(x.fur)} FUR + ${tokens4(x.sFur)} sFUR`).join(", ");
  const notified = v.notified
    .map((n) => `${tokens4(n.amount, n.decimals)} ${n.symbol} ($${cents(n.usd)})`)
    .join(", ");
  const stakers = formatTable(
    [
      "staker",
      "schedule",
      "FUR wrapped",
      "sFUR now",
      "claims",
      "claimed + earned $",
      "deposited $",
      "APR",
      "gas $",
    ],
    r.actors
      .filter((a) => a.kind === "staker")
      .map((a) => [
        a.name,
        a.schedule ?? "",
        tokens4(a.furStaked ?? "0"),
        tokens4(a.sFurBalance ?? "0"),
        String(a.claims ?? 0),
        cents(a.rewardsUsd),
        (a.depositedUsd ?? 0).toLocaleString("en-US", { maximumFractionDigits: 0 }),
        `${(a.aprPercent ?? 0).toFixed(2)}%`,
        cents(a.gas.costUsd),
      ]),
  );
  return (
    `\nReal yield (sFUR ${v.stakedFur}; fee switch ${v.feeSwitchOn ? "ON" : "off"}: feeTo ${v.feeTo})\n` +
    `proposal ${p.id.slice(0, 12)}…: ${p.calls.join("; ")}\n` +
    `  proposed ${days(p.at.proposed)}, executed ${days(p.at.executed)} from the run's start; For ${tokens4(p.forVotes)} (${votes})\n` +
    `collects: ${v.collects}; notified to sFUR: ${notified || "nothing yet"}\n` +
    `fee revenue $${cents(v.feeRevenueUsd)} / emission $${cents(v.emissionUsd)} (${tokens4(v.emittedFur)} FUR)` +
    ` = sustainability ratio ${v.sustainabilityRatio.toFixed(6)}\n` +
    `sFUR fee APR (real yield, current streams) ${v.feeAprPercentEnd.toFixed(2)}% vs FUR pool emission APR ${v.emissionAprPercentEnd.toFixed(2)}%\n` +
    `${stakers}\n`
  );
}

/** The sFUR audit: per token notified = paid + earned + unstreamed + dust, and FUR held = supply + FUR rewards held. */
export function stakingAuditLine(a: StakingAuditJson): string {
  const verdict = a.exact ? "EXACT" : `MISMATCH ${a.mismatches.slice(0, 3).join("; ")}`;
  const tokens = a.tokens
    .map(
      (t) =>
        `${t.symbol}: notified ${t.notified} = paid ${t.paid} + earned ${t.earned} + unstreamed ${t.unstreamed}` +
        ` + dust ${t.dustWei} (bound ${t.roundingBoundWei})`,
    )
    .join("; ");
  return (
    `audit sFUR: FUR held ${a.furHeld} = sFUR supply ${a.supply} + FUR rewards held ${a.furRewardsHeld}: ${verdict}\n` +
    `  in wei: ${tokens || "no reward token"}; replaying ${a.eventsReplayed} events through the reference model` +
    ` matches all ${a.notifiesChecked} notifies, ${a.payoutsChecked} payouts and ${a.earnedChecked} earned values`
  );
}

const cents = (x: number | undefined) =>
  (x ?? 0).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** The net APY table (per position size, L1 and an L2) and the optimal manual interval. */
export function compoundingSummary(r: SimulationReport): string {
  const c = r.compounding;
  if (!c) return "";
  const pct = (x: number) => `${x.toFixed(1)}%`;
  const parts = c.profiles.map((p) => {
    const table = formatTable(
      ["position $", "never", "weekly", "daily", "vault", "best manual interval", "≈ √(2c/(P·r²))"],
      p.rows.map((row) => [
        row.positionUsd.toLocaleString("en-US"),
        pct(row.neverApyPercent),
        pct(row.weeklyApyPercent),
        pct(row.dailyApyPercent),
        pct(row.vaultApyPercent),
        row.optimalIntervalDays === null
          ? "never"
          : `${row.optimalCompoundsPerYear}/yr (${row.optimalIntervalDays.toFixed(1)} d)`,
        `${row.approxIntervalDays.toFixed(1)} d`,
      ]),
    );
    return (
      `${p.profile}: one compound $${p.compoundUsd.toFixed(4)}, vault deposit + redeem $${p.vaultOneOffUsd.toFixed(4)},` +
      ` manual stake + unstake $${p.manualOneOffUsd.toFixed(4)}\n${table}`
    );
  });
  return (
    `\nNet APY after gas against position size (${c.vault.pool}, reward APR ${c.rewardAprPercent.toFixed(1)}%,` +
    ` vault fee ${(c.vault.performanceFeeBps / 100).toFixed(1)}%, harvested daily; gas per compound` +
    ` ${c.measuredGas.compound.toLocaleString("en-US")} from the run's receipts)\n` +
    parts.join("\n\n") +
    "\n"
  );
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
