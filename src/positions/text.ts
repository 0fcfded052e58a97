import { formatTable, type Align } from "../format/table";
import { formatAmount, formatPercent } from "../format/units";
import type { HarvestResult } from "./harvest";
import type { LendingPositionReport, MarketsReport } from "./lending";
import type { PoolsReport } from "./pools";
import type { PositionReport, TokenAmount } from "./position";
import type { CollectResult, StakingPositionReport } from "./staking";
import type { Unit } from "./valuation";
import type { VaultPositionReport, VaultsReport } from "./vaults";
import type { VaultHarvestResult } from "./vaultHarvest";

const ZERO = "0x0000000000000000000000000000000000000000";

function money(v: bigint | null, unit: Unit): string {
  return v === null ? "n/a" : `${formatAmount(v, unit.decimals, 4)} ${unit.symbol}`;
}

function tokens(parts: TokenAmount[]): string {
  return parts.map((p) => `${formatAmount(p.amount, p.token.decimals)} ${p.token.symbol}`).join(" + ");
}

function unitLine(unit: Unit): string {
  return unit.ethPriceWad === null
    ? `values in ${unit.symbol} from the AMM's pairs`
    : `values in USD: WETH from the AMM's pairs at ${formatAmount(unit.ethPriceWad, 18, 2)} USD/ETH`;
}

/** farm:pools as a header and an aligned table. */
export function poolsText(r: PoolsReport, network: string): string {
  const fur = r.rewardToken;
  const head = [
    `Farm ${r.farm} on ${network} (chain ${r.chainId}), block ${r.block}; ${unitLine(r.unit)}`,
    `emission ${formatAmount(r.rewardPerSecond, fur.decimals)} ${fur.symbol}/s over ${r.totalAllocPoint} alloc points; ` +
      `1 ${fur.symbol} = ${money(r.rewardTokenPrice, r.unit)}` +
      (r.timestamp < r.startTime ? `; starts at ${r.startTime} (not yet)` : ""),
  ];
  const rows = r.pools.map((p) => [
    String(p.pid),
    p.staked.name,
    String(p.allocPoint),
    formatAmount(p.totalStaked, p.staked.decimals),
    money(p.stakedValue, r.unit),
    `${formatAmount(p.rewardPerDay, fur.decimals, 2)} ${fur.symbol}`,
    money(p.rewardPerDayValue, r.unit),
    formatPercent(p.aprWad),
    p.bonus === null
      ? ""
      : p.bonus.token === null
        ? `rewarder ${p.bonus.rewarder}`
        : `${formatAmount(p.bonus.rewardPerDay!, p.bonus.token.decimals, 2)} ${p.bonus.token.symbol}/day, APR ${formatPercent(p.bonus.aprWad)}`,
  ]);
  const align: Align[] = ["right", "left", "right", "right", "right", "right", "right", "right", "left"];
  return [
    ...head,
    "",
    formatTable(
      [
        "pid",
        "pool",
        "alloc",
        "staked",
        "staked value",
        "emission/day",
        "emission value/day",
        "APR",
        "bonus",
      ],
      rows,
      align,
    ),
  ].join("\n");
}

/** farm:position as a header, a table of stakes and a table of value against holding. */
export function positionText(r: PositionReport, network: string): string {
  const head = `${r.account} in farm ${r.farm} on ${network} (chain ${r.chainId}), block ${r.block}; ${unitLine(r.unit)}`;
  if (r.positions.length === 0) return `${head}\n\nno stake and nothing pending in any pool`;
  const stakes = formatTable(
    ["pid", "pool", "stake", "pool share", "LP share", "underlying", "value", "pending", "bonus"],
    r.positions.map((p) => [
      String(p.pid),
      p.staked.name,
      formatAmount(p.amount, p.staked.decimals),
      formatPercent(p.poolShareWad),
      p.pairShareWad === null ? "" : formatPercent(p.pairShareWad),
      p.staked.pair ? tokens(p.underlying) : "",
      money(p.value, r.unit),
      `${formatAmount(p.pending.amount, p.pending.token.decimals)} ${p.pending.token.symbol}`,
      tokens(p.bonus),
    ]),
    ["right", "left", "right", "right", "right", "left", "right", "right", "left"],
  );
  const vsHold = formatTable(
    ["pid", "pool", "entry (tokens held)", "hold value", "value now", "now − hold", "vs hold"],
    r.positions.map((p) =>
      p.entry.known
        ? [
            String(p.pid),
            p.staked.name,
            tokens(p.entry.held),
            money(p.entry.holdValue, r.unit),
            money(p.value, r.unit),
            money(p.entry.difference, r.unit),
            formatPercent(p.entry.differenceWad),
          ]
        : [String(p.pid), p.staked.name, `unknown: ${p.entry.reason}`, "", money(p.value, r.unit), "", ""],
    ),
    ["right", "left", "left", "right", "right", "right", "right"],
  );
  const totals = `total value ${money(r.totalValue, r.unit)}, pending rewards worth ${money(r.totalPendingValue, r.unit)}`;
  return [head, "", stakes, "", vsHold, "", totals].join("\n");
}

/** farm:harvest's summary lines. */
export function harvestText(h: HarvestResult, furSymbol: string): string {
  const lines = [
    `harvested ${formatAmount(h.harvested, 18, 6)} ${furSymbol} from pool ${h.pid} to ${h.to}` +
      ` (pending at the block before: ${formatAmount(h.pendingBefore, 18, 6)})`,
    ...h.bonus.map((b) => `bonus: ${formatAmount(b.amount, b.token.decimals, 6)} ${b.token.symbol}`),
    `tx ${h.txHash} in block ${h.block}, gas ${h.gasUsed}`,
  ];
  return lines.join("\n");
}

function amountOf(p: TokenAmount): string {
  return `${formatAmount(p.amount, p.token.decimals)} ${p.token.symbol}`;
}

function bps(v: bigint): string {
  return formatPercent(v * 10n ** 14n);
}

function timeOf(t: bigint): string {
  return t === 0n ? "never" : new Date(Number(t) * 1000).toISOString().replace(".000Z", "Z");
}

/** vault:list as a header and an aligned table. */
export function vaultsText(r: VaultsReport, network: string): string {
  const head = [
    `VaultFactory ${r.vaultFactory} (farm ${r.farm}) on ${network} (chain ${r.chainId}), block ${r.block}; ${unitLine(r.unit)}`,
    `performance fee ${bps(r.performanceFeeBps)} to ${r.feeRecipient}; profit unlocks over ${r.unlockPeriod} s`,
  ];
  if (r.vaults.length === 0) return [...head, "", "no vaults"].join("\n");
  const rows = r.vaults.map((v) => [
    String(v.pid),
    v.symbol,
    v.asset.name,
    formatAmount(v.totalAssets, v.asset.decimals),
    money(v.totalAssetsValue, r.unit),
    formatAmount(v.totalSupply, v.decimals),
    formatAmount(v.assetsPerShare, v.asset.decimals, 6),
    formatAmount(v.lockedProfit, v.asset.decimals),
    timeOf(v.lastHarvest),
    bps(v.performanceFeeBps),
    v.pending.map(amountOf).join(" + "),
    v.depositsPaused ? "paused" : "",
  ]);
  return [
    ...head,
    "",
    formatTable(
      [
        "pid",
        "vault",
        "asset",
        "totalAssets",
        "value",
        "shares",
        "assets/share",
        "locked",
        "last harvest",
        "fee",
        "pending rewards",
        "deposits",
      ],
      rows,
      ["right", "left", "left", "right", "right", "right", "right", "right", "left", "right", "left", "left"],
    ),
  ].join("\n");
}

/** vault:position as a header and a table of shares. */
export function vaultPositionText(r: VaultPositionReport, network: string): string {
  const head = `${r.account} in the vaults of ${r.vaultFactory} on ${network} (chain ${r.chainId}), block ${r.block}; ${unitLine(r.unit)}`;
  if (r.positions.length === 0) return `${head}\n\nno shares in any vault`;
  const table = formatTable(
    [
      "pid",
      "vault",
      "shares",
      "vault share",
      "assets",
      "underlying",
      "value",
      "vault's pending",
      "your part",
    ],
    r.positions.map((p) => [
      String(p.pid),
      p.symbol,
      formatAmount(p.shares, p.decimals),
      formatPercent(p.vaultShareWad),
      `${formatAmount(p.assets, p.asset.decimals)} ${p.asset.name}`,
      tokens(p.underlying),
      money(p.value, r.unit),
      p.vaultPending.map(amountOf).join(" + "),
      p.pending.map(amountOf).join(" + "),
    ]),
    ["right", "left", "right", "right", "right", "left", "right", "left", "left"],
  );
  const totals =
    `total value ${money(r.totalValue, r.unit)}; your part of the vaults' pending rewards is worth ` +
    `${money(r.totalPendingValue, r.unit)} before swaps, fee and unlock`;
  return [head, "", table, "", totals].join("\n");
}

/** vault:harvest's summary lines. */
export function vaultHarvestText(h: VaultHarvestResult): string {
  const a = h.asset;
  const min =
    h.estimate === null
      ? `minimum ${formatAmount(h.minAssetsAdded, a.decimals, 6)} (--min-assets)`
      : `minimum ${formatAmount(h.minAssetsAdded, a.decimals, 6)} (estimate ${formatAmount(h.estimate, a.decimals, 6)} less the margin)`;
  return [
    `harvested vault ${h.vault} (pool ${h.pid}): assetsAdded ${formatAmount(h.assetsAdded, a.decimals, 6)} ${a.symbol}, ${min}`,
    `fee shares ${formatAmount(h.feeShares, h.decimals, 6)}, of which ${formatAmount(h.bountyShares, h.decimals, 6)} bounty to ${h.account}; locked profit ${formatAmount(h.locked, a.decimals, 6)}`,
    `tx ${h.txHash} in block ${h.block}, gas ${h.gasUsed}`,
  ].join("\n");
}

/** staking:position as a header, the stake and votes, and a table of reward streams. */
export function stakingPositionText(r: StakingPositionReport, network: string): string {
  const head = `${r.account} in sFUR ${r.stakedFur} on ${network} (chain ${r.chainId}), block ${r.block}; ${unitLine(r.unit)}`;
  const stake = [
    `staked ${formatAmount(r.balance, 18)} sFUR (${money(r.balanceValue, r.unit)}), ${formatPercent(r.shareWad)} of ${formatAmount(r.totalSupply, 18)} sFUR (${money(r.totalSupplyValue, r.unit)})`,
    `votes ${formatAmount(r.votes, 18)}; delegates to ${r.delegate === ZERO ? "nobody (delegate to vote with this stake)" : r.delegate}`,
  ];
  if (r.rewards.length === 0) return [head, "", ...stake, "", "no reward tokens yet"].join("\n");
  const table = formatTable(
    ["reward", "earned", "value", "per year (all)", "stream ends", "APR"],
    r.rewards.map((w) => [
      w.token.symbol,
      formatAmount(w.earned.amount, w.token.decimals),
      money(w.earned.value, r.unit),
      formatAmount(w.perYear, w.token.decimals),
      w.streaming ? timeOf(w.periodFinish) : "not streaming",
      formatPercent(w.aprWad),
    ]),
    ["left", "right", "right", "right", "left", "right"],
  );
  const totals = `earned in all ${money(r.earnedValue, r.unit)}; APR of the current streams ${formatPercent(r.aprWad)}`;
  return [head, "", ...stake, "", table, "", totals].join("\n");
}

/** fees:collect's summary: what each pair gave and what was notified. */
export function collectText(c: CollectResult): string {
  const pairs = formatTable(
    ["pair", "LP burned", "LP kept (POL)", "gave"],
    c.pairs.map((p) => [
      p.pair,
      formatAmount(p.burned, 18, 18),
      formatAmount(p.pol, 18, 18),
      p.burned === 0n
        ? "nothing (no fee LP)"
        : p.amounts
            .map((a) => `${formatAmount(a.amount, a.token.decimals, a.token.decimals)} ${a.token.symbol}`)
            .join(" + "),
    ]),
    ["left", "right", "right", "left"],
  );
  const notified =
    c.notified.length === 0
      ? "notified nothing to sFUR (no reward-listed token was held)"
      : `notified to sFUR: ${c.notified.map((a) => `${formatAmount(a.amount, a.token.decimals, a.token.decimals)} ${a.token.symbol}`).join(", ")}`;
  return [
    `collected through ${c.collector} from ${c.account}`,
    "",
    pairs,
    "",
    notified,
    `tx ${c.txHash} in block ${c.block}, gas ${c.gasUsed}`,
  ].join("\n");
}

/** Lending APRs: a missing mining stream shows as "—", a stream without prices as "n/a". */
function miningPercent(m: { aprWad: bigint | null } | null): string {
  return m === null ? "—" : formatPercent(m.aprWad);
}

const ORACLE_ROUTE = "a loan token without a pair through its market's oracle";

/** lending:markets as a header and one table row per market. */
export function lendingMarketsText(r: MarketsReport, network: string): string {
  const head = `Lending markets of ${r.marketFactory} on ${network} (chain ${r.chainId}), block ${r.block}; ${unitLine(r.unit)} (${ORACLE_ROUTE})`;
  if (r.markets.length === 0) return `${head}\n\nno markets listed`;
  const table = formatTable(
    [
      "market",
      "price",
      "lltv",
      "supplied",
      "borrowed",
      "utilisation",
      "supply APR",
      "borrow APR",
      "supply mining",
      "borrow mining",
    ],
    r.markets.map((m) => [
      `${m.symbol} ${m.market}`,
      `${formatAmount(m.collateralPrice, m.loanToken.decimals)} ${m.loanToken.symbol}/${m.collateralToken.symbol}${m.priceFresh ? "" : " (last good: oracle down)"}`,
      formatPercent(m.lltv),
      `${formatAmount(m.totalAssets, m.loanToken.decimals)} ${m.loanToken.symbol}`,
      `${formatAmount(m.totalBorrows, m.loanToken.decimals)} ${m.loanToken.symbol}`,
      formatPercent(m.utilizationWad),
      formatPercent(m.supplyAprWad),
      formatPercent(m.borrowAprWad),
      miningPercent(m.supplyMining),
      miningPercent(m.borrowMining),
    ]),
    ["left", "right", "right", "right", "right", "right", "right", "right", "right", "right"],
  );
  return [head, "", table].join("\n");
}

/** lending:position as a header and a block of lines per market. */
export function lendingPositionText(r: LendingPositionReport, network: string): string {
  const head = `${r.account} in the lending markets of ${r.marketFactory} on ${network} (chain ${r.chainId}), block ${r.block}; ${unitLine(r.unit)} (${ORACLE_ROUTE})`;
  if (r.positions.length === 0) return `${head}\n\nno supply, collateral or debt in any market`;
  const fur = r.rewardToken;
  const blocks = r.positions.map((p) => {
    const loan = (v: bigint) => `${formatAmount(v, p.loanToken.decimals)} ${p.loanToken.symbol}`;
    const health = p.healthFactorWad === 2n ** 256n - 1n ? "no debt" : formatAmount(p.healthFactorWad, 18, 4);
    const liq =
      p.liquidationCollateralPrice === null
        ? "none (no debt)"
        : p.liquidationCollateralPrice === 2n ** 256n - 1n
          ? "any price (no collateral)"
          : `${loan(p.liquidationCollateralPrice)} per ${p.collateralToken.symbol} (now ${loan(p.collateralPrice)})`;
    return [
      `${p.symbol} ${p.market}`,
      `  supplied ${loan(p.supplied)} (${money(p.suppliedValue, r.unit)}): ${formatAmount(p.shares, p.loanToken.decimals + 6)} shares in the wallet, ${formatAmount(p.stakedShares, p.loanToken.decimals + 6)} staked in the farm`,
      `  collateral ${formatAmount(p.collateral, p.collateralToken.decimals)} ${p.collateralToken.symbol} (${money(p.collateralValue, r.unit)}); borrowed ${loan(p.borrowed)} (${money(p.borrowedValue, r.unit)})`,
      `  health factor ${health}; liquidation price ${liq}`,
      `  lender: supply APR ${formatPercent(p.supplyAprWad)} + mining ${formatPercent(p.supplyMiningAprWad)} = ${formatPercent(p.lenderAprWad)}`,
      `  borrower: borrow APR ${formatPercent(p.borrowAprWad)} - mining ${formatPercent(p.borrowMiningAprWad)} = ${formatPercent(p.borrowerNetAprWad)}`,
      `  pending ${formatAmount(p.pendingSupplyReward, fur.decimals)} ${fur.symbol} (farm) + ${formatAmount(p.pendingBorrowReward, fur.decimals)} ${fur.symbol} (borrow rewards)`,
    ].join("\n");
  });
  return [head, ...blocks].join("\n\n");
}
