/**
 * The render stage: report.json, report.md and the SVG charts as text, from the report alone (no
 * chain, no I/O), so that report.json read back renders the same files byte for byte.
 */
import type { SimulationReport } from "./report";
import { lineChart, impermanentLoss } from "./svg";
import { formatTable } from "../format/table";
import { summary } from "./summary";
import { lendingCharts } from "./lendingReport";

/** Every file of a report folder, by path relative to it. */
export function renderReport(r: SimulationReport): Record<string, string> {
  const charts = renderCharts(r);
  return {
    "report.json": JSON.stringify(r, null, 2) + "\n",
    "report.md": markdown(r, Object.keys(charts)),
    ...Object.fromEntries(Object.entries(charts).map(([name, svg]) => [`charts/${name}`, svg])),
  };
}

function renderCharts(r: SimulationReport): Record<string, string> {
  const s = r.series;
  const charts: Record<string, string> = {};
  charts["rewards-per-pool.svg"] = lineChart(
    Object.entries(s.poolRewardsFur).map(([name, y]) => ({ name, x: s.day, y })),
    { title: "FUR rewards per pool (paid + pending, cumulative)", xLabel: "day", yLabel: "FUR" },
  );
  charts["apr-per-pool.svg"] = lineChart(
    Object.entries(s.poolAprPercent).map(([name, y]) => ({ name, x: s.day, y })),
    { title: "Emission APR per pool", xLabel: "day", yLabel: "APR (%)" },
  );
  const ratios = Array.from({ length: 61 }, (_, i) => Math.pow(10, -0.3 + (i * 0.6) / 60));
  // Measured IL of every LP still in with a single deposit (the case the formula describes: both
  // the position and holding valued at end prices), at WETH's price ratio in its pair since then.
  const pairPools = [...new Set(r.actors.flatMap((a) => (a.priceRatio !== undefined ? [a.pool!] : [])))];
  const observed = pairPools.map((pool) => {
    const lps = r.actors.filter((a) => a.pool === pool && a.state === "active" && a.deposits === 1);
    return {
      name: `${pool} LPs (measured)`,
      x: lps.map((a) => a.priceRatio!),
      y: lps.map((a) => a.impermanentLossPercent!),
      points: true,
    };
  });
  charts["il-vs-price-ratio.svg"] = lineChart(
    [
      { name: "theory: 2√r/(1+r) − 1", x: ratios, y: ratios.map((x) => impermanentLoss(x) * 100) },
      ...observed,
    ],
    { title: "Impermanent loss vs price ratio", xLabel: "price ratio r", yLabel: "loss vs holding (%)" },
  );
  if (s.trackedActor) {
    charts["position-vs-hold.svg"] = lineChart(
      [
        { name: "LP position + rewards", x: s.day, y: beforeEntryAsGap(s.trackedActor.valueUsd) },
        { name: "holding the deposit", x: s.day, y: beforeEntryAsGap(s.trackedActor.holdUsd) },
      ],
      { title: `${s.trackedActor.name}: position value vs holding`, xLabel: "day", yLabel: "USD" },
    );
  }
  if (r.compounding) charts["compounding-net-apy.svg"] = compoundingChart(r);
  charts["real-yield-apr.svg"] = lineChart(
    [
      { name: "sFUR fee APR (real yield)", x: s.day, y: s.feeAprPercent },
      { name: "FUR pool emission APR", x: s.day, y: s.emissionAprPercent },
    ],
    { title: "Real yield vs emission: APR of staking FUR", xLabel: "day", yLabel: "APR (%)" },
  );
  charts["sustainability-ratio.svg"] = lineChart(
    [
      { name: "cumulative: Σ fee $ / Σ emission $", x: s.day, y: s.sustainabilityRatio },
      { name: "that day's fee $ / emission $", x: s.day, y: s.dailySustainabilityRatio },
    ],
    {
      title: "Sustainability ratio: fee revenue ÷ value of FUR emitted",
      xLabel: "day",
      yLabel: "ratio",
    },
  );
  if (r.lending && s.lending) Object.assign(charts, lendingCharts(r.lending, s.lending));
  charts["eth-price.svg"] = lineChart(
    [
      { name: "external (random walk)", x: s.day, y: s.externalEthPrice },
      { name: "USDC/WETH pool", x: s.day, y: s.poolEthPrice },
    ],
    { title: "ETH price", xLabel: "day", yLabel: "USD" },
  );
  return charts;
}

/**
 * Net APY after gas against position size (log scale) for manual daily and weekly compounding and
 * the vault, on each compared profile. Values below −100% (the position lost to gas) are left out.
 */
function compoundingChart(r: SimulationReport): string {
  const c = r.compounding!;
  const x = c.profiles[0].rows.map((row) => Math.log10(row.positionUsd));
  const clip = (v: number) => (v < -100 ? Number.NaN : v);
  const series = c.profiles.flatMap((p) =>
    (
      [
        ["daily", "dailyApyPercent"],
        ["weekly", "weeklyApyPercent"],
        ["vault", "vaultApyPercent"],
      ] as const
    ).map(([name, key]) => ({ name: `${p.profile}: ${name}`, x, y: p.rows.map((row) => clip(row[key])) })),
  );
  return lineChart(series, {
    title: `Net APY after gas vs position size (${c.vault.pool}, reward APR ${c.rewardAprPercent.toFixed(1)}%)`,
    xLabel: "position (USD, log scale)",
    yLabel: "net APY after gas (%)",
    xTickLabel: (v) => `$${Math.round(Math.pow(10, v)).toLocaleString("en-US")}`,
  });
}

function markdown(r: SimulationReport, charts: string[]): string {
  const p = r.parameters;
  const params = formatTable(
    ["parameter", "value"],
    [
      ["days", String(p.days)],
      ["actors", String(p.actors)],
      ["seed", String(p.seed)],
      ["network", p.fork ? `fork of ${p.fork.url} at block ${p.fork.block}` : p.network],
      ["steps per day", String(p.stepsPerDay)],
      ["start ETH price", `$${p.startEthPrice}`],
      ["daily volatility", `${(p.dailyVolatility * 100).toFixed(1)}%`],
      ["BONUS reference price", `$${p.bonusPriceUsd}`],
      ["gas profile", p.gasProfile],
    ],
  );
  const traders = formatTable(
    ["trader", "swaps", "volume $"],
    r.actors
      .filter((a) => a.kind === "trader")
      .map((a) => [
        a.name,
        String(a.swaps),
        (a.volumeUsd ?? 0).toLocaleString("en-US", { maximumFractionDigits: 0 }),
      ]),
  );
  return [
    "# Furrow mining simulation",
    "",
    "## Parameters",
    "```",
    params,
    "```",
    "",
    "## Summary",
    "```",
    summary(r).trim(),
    "```",
    "",
    "## Traders",
    "```",
    traders,
    "```",
    "",
    "## How to read this",
    "- **FUR / BONUS**: rewards earned, harvested plus still pending at the end (BONUS: the USDC/WETH pool's rewarder).",
    "- **deposited $**: what the tokens the actor put in (compounded FUR excluded) are worth at end prices, i.e. holding.",
    "- **fees $**: the part of the LP position's value that came from swap fees (growth of √k per LP token).",
    "- **IL $**: LP value without fees minus the value of holding everything put in, at end prices.",
    "- **net $**: position + rewards (compounded FUR counted once) − holding = IL + fees + rewards. **APR** = (fees + rewards) / deposited, annualised over the days in; **APY** compounds it daily.",
    "- **gas $**: every transaction the actor sent (approvals, entry, compounds, exits), gasUsed from its receipt priced with the gas profile (plus an L2's L1 data fee from its calldata) at the end ETH price. **APY after gas** = (fees + rewards − gas) / deposited over the days in, compounded to a year.",
    "- **vault**: compounded $ is the LP the vault added for the depositor (what its shares redeem for, locked profit excluded, less what it deposited), valued like LP. The keeper is paid by the harvest bounty (10% of the performance fee, in shares).",
    "- **net APY against position size**: P(1 + r/n)^n − n·c for n compounds a year at the measured cost c of one compound (never: n = 0), less the one-off stake and unstake; the vault: (1 + r(1 − fee)/365)^365 − 1 less its deposit and redeem. The best manual interval maximises it (docs/simulation.md).",
    "- **real yield**: the fee switch is turned on by a governance proposal (propose, vote with FUR and sFUR, queue, timelock delay, execute) before the first second of emission; the fee keeper calls `FeeCollector.collect` on every pair once a day, which burns the protocol's fee LP into its two tokens and notifies them to sFUR (in kind, no swap). **sFUR fee APR** is the APR of sFUR's current streams (rate × year × token price ÷ value of all sFUR), as `staking:position` computes it; the **emission APR** is the farm's FUR pool's. The **sustainability ratio** is fee revenue in USD ÷ the USD value of the FUR the farm emitted, each day's amounts valued at that day's sample prices, cumulative from day 1.",
    "- **lending**: lenders supply USDC to the USDC/WETH market (its oracle: the mock ETH/USD feed, set to the external random walk every step) and stake the shares in the farm; borrowers post WETH and borrow to a target health, the levered ones buying WETH with what they borrow and posting it first; the liquidator repays the whole debt of anyone below health 1. **supply APR** = interest (what the shares redeem for + withdrawn − deposited) over the time-weighted USDC in, a year; **mining APR** = FUR earned at the end price over the same; **cost APR** = interest charged (repaid + liquidated + written off + debt − borrowed) over the time-weighted debt, **rewards APR** = BorrowRewards' FUR over the same, **net** = cost − rewards. **audit lending**: Σ InterestAccrued = what every share holder gained + bad debt + rounding, the rounding bounded by the virtual shares' part plus a wei per holder (docs/simulation.md).",
    "- **audit**: the emission schedule (rate × seconds of the run) = paid + pending (every staker) + rounding dust, the dust reproduced to the wei by replaying every event through the reference model (docs/simulation.md). **audit sFUR**: every sFUR event replayed through its reference model (src/model/staking.ts), which agrees on every notify, payout and final earned; per token notified = paid + earned + unstreamed + dust (0 ≤ dust ≤ the floors counted), and FUR held by sFUR = sFUR supply + FUR rewards not yet paid (docs/revenue.md).",
    "",
    "## Charts",
    ...charts.map((c) => `![${c}](charts/${c})`),
    "",
  ].join("\n");
}

/** Days before the tracked actor entered are 0 in the series; the chart leaves them out. */
function beforeEntryAsGap(values: number[]): number[] {
  const first = values.findIndex((v) => v !== 0);
  return values.map((v, i) => (first === -1 || i < first ? Number.NaN : v));
}
