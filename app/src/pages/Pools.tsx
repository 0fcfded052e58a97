import type { Addresses } from "../chain";
import { firstObservations, type Overview } from "../data";
import { apyFromApr, formatRate, formatUnitsFixed, poolApr } from "../lib/derive";
import { eth, poolName, prices } from "./common";

/** Every pool: TVL, emission, the APR by source (swap fees, FUR, bonus), and APY labelled apart. */
export function PoolsPage({ o, a }: { o: Overview; a: Addresses }) {
  const px = prices(o, a);
  const first = firstObservations(o);
  return (
    <table data-testid="pools">
      <thead>
        <tr>
          <th>Pool</th>
          <th>TVL</th>
          <th>FUR / day</th>
          <th>APR: swap fees</th>
          <th>APR: FUR</th>
          <th>APR: bonus</th>
          <th>APR total</th>
          <th>APY (daily compounding)</th>
          <th>Notes</th>
        </tr>
      </thead>
      <tbody>
        {o.pools.map((p) => {
          if (!p.ok)
            return (
              <tr key={p.pid.toString()} data-pid={p.pid.toString()}>
                <td>{poolName(p)}</td>
                <td colSpan={8}>this pool's contracts did not answer</td>
              </tr>
            );
          const { tvl, apr, hasBonus } = poolApr(o.farm, px, first.get(p.stakeToken.toLowerCase()), p);
          const r = p.rewarder;
          const bonus = apr.bonus;
          const fees = apr.fees;
          const notes = [
            p.allocPoint === 0n ? "FUR emission off" : "",
            hasBonus && !r.ok ? "bonus rewarder unreadable" : "",
            hasBonus && r.ok && !r.pays ? `${r.symbol} bonus no longer pays` : "",
            hasBonus && r.ok && r.pays && bonus === null ? `${r.symbol} has no price` : "",
            fees === null ? "swap fees: measuring since first visit" : "",
            p.vault !== "0x0000000000000000000000000000000000000000" ? "has a vault" : "",
          ].filter(Boolean);
          return (
            <tr key={p.pid.toString()} data-pid={p.pid.toString()}>
              <td data-field="name">{poolName(p)}</td>
              <td data-field="tvl">{eth(tvl)}</td>
              <td data-field="furPerDay">{formatUnitsFixed(p.furPerSecond * 86_400n, 18, 2)}</td>
              <td data-field="aprFees">{formatRate(apr.fees)}</td>
              <td data-field="aprFur">{formatRate(apr.fur)}</td>
              <td data-field="aprBonus">{hasBonus ? formatRate(apr.bonus) : ""}</td>
              <td data-field="aprTotal">
                {formatRate(apr.total)}
                {apr.partial ? "+" : ""}
              </td>
              <td data-field="apy">{formatRate(apyFromApr(apr.total))}</td>
              <td
                data-field="notes"
                className={notes.some((n) => n.includes("no longer")) ? "warn" : "muted"}
              >
                {notes.join("; ")}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
