import { useState } from "react";
import { encodeFunctionData, maxUint256, type Address } from "viem";
import type { Addresses } from "../chain";
import { entries, type Overview } from "../data";
import { formatRate, formatUnitsFixed, positionVersusHold, stakeValue, valueOf, WAD } from "../lib/derive";
import { farmAbi, ierc20Abi } from "../tx";
import { eth, parseAmount, poolName, prices, type Tx } from "./common";

/** The user's positions: underlying, value, value vs holding, pending rewards, and the farm actions. */
export function PositionsPage({ o, a, user, tx }: { o: Overview; a: Addresses; user?: Address; tx: Tx }) {
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  if (!user) return <p>Connect a wallet to see your positions.</p>;
  const px = prices(o, a);
  const entry = entries(o, user);
  const harvestable = o.positions.filter((p) => p.ok && p.pendingFur > 0n).map((p) => p.pid);
  return (
    <>
      <button
        data-testid="harvest-all"
        disabled={tx.busy || harvestable.length === 0}
        onClick={() =>
          tx.send("Harvest all", {
            address: a.farm,
            abi: farmAbi,
            functionName: "multicall",
            args: [
              harvestable.map((pid) =>
                encodeFunctionData({ abi: farmAbi, functionName: "harvest", args: [pid, user] }),
              ),
            ],
          })
        }
      >
        Harvest all ({harvestable.length} pools, one transaction)
      </button>
      <table data-testid="positions">
        <thead>
          <tr>
            <th>Pool</th>
            <th>Staked</th>
            <th>Underlying</th>
            <th>Value</th>
            <th>Value vs holding</th>
            <th>Pending</th>
            <th>Wallet</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {o.positions.map((pos) => {
            const p = o.pools[Number(pos.pid)];
            if (!p?.ok || !pos.ok || (pos.staked === 0n && pos.walletBalance === 0n)) return null;
            const id = pos.pid.toString();
            const d = p.stakeDecimals;
            const underlying = p.isPair
              ? `${formatUnitsFixed(pos.amount0, p.decimals0)} ${p.symbol0} + ${formatUnitsFixed(pos.amount1, p.decimals1)} ${p.symbol1}`
              : `${formatUnitsFixed(pos.amount0, d)} ${p.stakeSymbol}`;
            const e = entry.get(pos.pid);
            const vsHold =
              e && p.isPair && p.reserve0 > 0n
                ? positionVersusHold(
                    { reserve0: e.reserve0, reserve1: e.reserve1 },
                    { reserve0: p.reserve0, reserve1: p.reserve1 },
                    (e.staked * WAD) / e.lpTotalSupply,
                  ).differenceWad
                : null;
            const bonus = pos.bonusOk
              ? pos.bonusTokens.map((t, i) => {
                  const sym =
                    p.rewarder.token.toLowerCase() === t.toLowerCase() ? p.rewarder.symbol : t.slice(0, 8);
                  return ` + ${formatUnitsFixed(pos.bonusAmounts[i], p.rewarder.decimals || 18)} ${sym}`;
                })
              : [" + bonus unreadable"];
            const value = stakeValue(px, p, pos.staked);
            const pendingValue = valueOf(px, o.farm.rewardToken, pos.pendingFur);
            const amount = parseAmount(amounts[id] ?? "", d);
            const needsApproval = amount !== null && pos.allowance < amount;
            return (
              <tr key={id} data-pid={id}>
                <td data-field="name">{poolName(p)}</td>
                <td data-field="staked">{formatUnitsFixed(pos.staked, d)}</td>
                <td data-field="underlying">{underlying}</td>
                <td data-field="value">{eth(value)}</td>
                <td data-field="vsHold" title="since the app first saw this stake">
                  {p.isPair ? formatRate(vsHold) : "n/a (single token)"}
                </td>
                <td data-field="pending">
                  {formatUnitsFixed(pos.pendingFur, 18)} FUR{bonus.join("")}
                  <span className="muted"> ({eth(pendingValue)})</span>
                </td>
                <td data-field="wallet">{formatUnitsFixed(pos.walletBalance, d)}</td>
                <td className="actions">
                  <input
                    data-testid={`amount-${id}`}
                    placeholder="amount"
                    value={amounts[id] ?? ""}
                    onChange={(ev) => setAmounts({ ...amounts, [id]: ev.target.value })}
                  />
                  {needsApproval ? (
                    <button
                      data-testid={`approve-${id}`}
                      disabled={tx.busy}
                      onClick={() =>
                        tx.send(`Approve ${p.stakeSymbol}`, {
                          address: p.stakeToken,
                          abi: ierc20Abi,
                          functionName: "approve",
                          args: [a.farm, maxUint256],
                        })
                      }
                    >
                      Approve
                    </button>
                  ) : (
                    <button
                      data-testid={`deposit-${id}`}
                      disabled={tx.busy || amount === null}
                      onClick={() =>
                        tx.send(`Deposit into ${poolName(p)}`, {
                          address: a.farm,
                          abi: farmAbi,
                          functionName: "deposit",
                          args: [pos.pid, amount!, user],
                        })
                      }
                    >
                      Deposit
                    </button>
                  )}
                  <button
                    data-testid={`withdraw-${id}`}
                    disabled={tx.busy || amount === null}
                    onClick={() =>
                      tx.send(`Withdraw from ${poolName(p)}`, {
                        address: a.farm,
                        abi: farmAbi,
                        functionName: "withdraw",
                        args: [pos.pid, amount!, user],
                      })
                    }
                  >
                    Withdraw
                  </button>
                  <button
                    data-testid={`harvest-${id}`}
                    disabled={tx.busy || pos.pendingFur === 0n}
                    onClick={() =>
                      tx.send(`Harvest ${poolName(p)}`, {
                        address: a.farm,
                        abi: farmAbi,
                        functionName: "harvest",
                        args: [pos.pid, user],
                      })
                    }
                  >
                    Harvest
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
