import { useState } from "react";
import { maxUint256, type Address } from "viem";
import type { Addresses } from "../chain";
import type { Overview } from "../data";
import { formatUnitsFixed, stakeValue } from "../lib/derive";
import { farmVaultAbi, ierc20Abi } from "../tx";
import { eth, parseAmount, poolName, prices, type Tx } from "./common";

/** Compounding vaults: assets, price per share, locked profit, the user's holding; deposit and withdraw. */
export function VaultsPage({ o, a, user, tx }: { o: Overview; a: Addresses; user?: Address; tx: Tx }) {
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const px = prices(o, a);
  if (o.vaults.length === 0) return <p>No vaults on this deployment.</p>;
  return (
    <table data-testid="vaults">
      <thead>
        <tr>
          <th>Vault</th>
          <th>Assets</th>
          <th>Price per share</th>
          <th>Locked profit</th>
          <th>Last harvest</th>
          <th>Your assets</th>
          <th>Wallet</th>
          <th>Actions</th>
        </tr>
      </thead>
      <tbody>
        {o.vaults.map((v) => {
          const id = v.vault.toLowerCase();
          if (!v.ok)
            return (
              <tr key={id}>
                <td colSpan={8}>vault {v.vault} did not answer</td>
              </tr>
            );
          const pool = o.pools[Number(v.pid)];
          const amount = parseAmount(amounts[id] ?? "", 18);
          return (
            <tr key={id} data-vault={id}>
              <td data-field="name">{pool ? poolName(pool) : v.asset}</td>
              <td data-field="assets">
                {formatUnitsFixed(v.totalAssets, 18)} LP (
                {eth(pool ? stakeValue(px, pool, v.totalAssets) : null)})
              </td>
              <td data-field="pps">{formatUnitsFixed(v.pricePerShare, 18, 6)}</td>
              <td data-field="locked">{formatUnitsFixed(v.lockedProfit, 18)}</td>
              <td data-field="lastHarvest">
                {v.lastHarvest === 0n
                  ? "never"
                  : new Date(Number(v.lastHarvest) * 1000).toISOString().slice(0, 16)}
              </td>
              <td data-field="yours">{formatUnitsFixed(v.assets, 18)} LP</td>
              <td data-field="wallet">{formatUnitsFixed(v.walletAssets, 18)} LP</td>
              <td className="actions">
                <input
                  data-testid={`vault-amount-${id}`}
                  placeholder="LP amount"
                  value={amounts[id] ?? ""}
                  onChange={(ev) => setAmounts({ ...amounts, [id]: ev.target.value })}
                />
                {user && amount !== null && v.allowance < amount ? (
                  <button
                    data-testid={`vault-approve-${id}`}
                    disabled={tx.busy}
                    onClick={() =>
                      tx.send("Approve LP for the vault", {
                        address: v.asset,
                        abi: ierc20Abi,
                        functionName: "approve",
                        args: [v.vault, maxUint256],
                      })
                    }
                  >
                    Approve
                  </button>
                ) : (
                  <button
                    data-testid={`vault-deposit-${id}`}
                    disabled={!user || tx.busy || amount === null}
                    onClick={() =>
                      tx.send("Vault deposit", {
                        address: v.vault,
                        abi: farmVaultAbi,
                        functionName: "deposit",
                        args: [amount!, user!],
                      })
                    }
                  >
                    Deposit
                  </button>
                )}
                <button
                  data-testid={`vault-withdraw-${id}`}
                  disabled={!user || tx.busy || amount === null}
                  onClick={() =>
                    tx.send("Vault withdraw", {
                      address: v.vault,
                      abi: farmVaultAbi,
                      functionName: "withdraw",
                      args: [amount!, user!, user!],
                    })
                  }
                >
                  Withdraw
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
