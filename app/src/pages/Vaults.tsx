import { useState } from "react";
import { maxUint256, type Address } from "viem";
import { readContract } from "wagmi/actions";
import { config, type Addresses } from "../chain";
import { firstObservations, type Overview } from "../data";
import { apyFromApr, formatRate, formatUnitsFixed, poolApr, stakeValue, vaultNetApr } from "../lib/derive";
import { farmVaultAbi, ierc20Abi, quote, zapAbi, type Call } from "../tx";
import { eth, parseAmount, poolName, prices, type Pool, type Tx } from "./common";

/** Slippage a zap accepts below the shares it is quoted now: 0.5%. */
export const ZAP_SLIPPAGE_BPS = 50n;

type Vault = Overview["vaults"][number];

/**
 * Compounding vaults: assets, price per share, locked profit, net APR and APY (after the performance
 * fee), the user's holding; deposit and withdraw LP, and zap one token (or ETH) in when the
 * deployment has a Zap.
 */
export function VaultsPage({ o, a, user, tx }: { o: Overview; a: Addresses; user?: Address; tx: Tx }) {
  const [amounts, setAmounts] = useState<Record<string, string>>({});
  const [zapAmounts, setZapAmounts] = useState<Record<string, string>>({});
  const [zapTokens, setZapTokens] = useState<Record<string, string>>({});
  const px = prices(o, a);
  const first = firstObservations(o);
  if (o.vaults.length === 0) return <p>No vaults on this deployment.</p>;

  /** The zap's inputs for a vault: ETH when WETH is one of the pair's tokens, and both tokens. */
  const zapInputs = (pool: Pool) => [
    ...(pool.token0.toLowerCase() === a.weth.toLowerCase() ||
    pool.token1.toLowerCase() === a.weth.toLowerCase()
      ? [{ token: "eth", symbol: "ETH", decimals: 18 }]
      : []),
    { token: pool.token0, symbol: pool.symbol0, decimals: pool.decimals0 },
    { token: pool.token1, symbol: pool.symbol1, decimals: pool.decimals1 },
  ];

  /**
   * Zap `amount` of `token` into `v` for the user: approve the zap first if needed (read when clicked,
   * not on every refresh), then quote the shares now (an eth_call) and require all but ZAP_SLIPPAGE_BPS.
   */
  async function zap(v: Vault, input: { token: string; symbol: string }, amount: bigint) {
    const zapAddress = a.zap!;
    const account = user!;
    const fromEth = input.token === "eth";
    if (!fromEth) {
      const token = input.token as Address;
      const allowance = await readContract(config, {
        address: token,
        abi: ierc20Abi,
        functionName: "allowance",
        args: [account, zapAddress],
      }).catch(() => 0n);
      if (
        allowance < amount &&
        !(await tx.send(`Approve ${input.symbol} for the zap`, {
          address: token,
          abi: ierc20Abi,
          functionName: "approve",
          args: [zapAddress, maxUint256],
        }))
      )
        return;
    }
    const call = (minShares: bigint): Call =>
      fromEth
        ? {
            address: zapAddress,
            abi: zapAbi,
            functionName: "zapInETH",
            args: [v.vault, minShares, account],
            value: amount,
          }
        : {
            address: zapAddress,
            abi: zapAbi,
            functionName: "zapIn",
            args: [v.vault, input.token, amount, minShares, account],
          };
    await tx.send(`Zap ${input.symbol} into the vault`, async () => {
      const shares = (await quote(call(0n), account)) as bigint;
      return call((shares * (10_000n - ZAP_SLIPPAGE_BPS)) / 10_000n);
    });
  }

  return (
    <table data-testid="vaults">
      <thead>
        <tr>
          <th>Vault</th>
          <th title="swap fees + (FUR + bonus) after the performance fee">Net APR</th>
          <th title="the net APR compounded daily (a harvest a day assumed)">Net APY</th>
          <th>Assets</th>
          <th>Price per share</th>
          <th>Locked profit</th>
          <th>Last harvest</th>
          <th>Your assets</th>
          <th>Wallet</th>
          <th>Actions</th>
          {a.zap && <th>Zap in</th>}
        </tr>
      </thead>
      <tbody>
        {o.vaults.map((v) => {
          const id = v.vault.toLowerCase();
          if (!v.ok)
            return (
              <tr key={id}>
                <td colSpan={a.zap ? 11 : 10}>vault {v.vault} did not answer</td>
              </tr>
            );
          const pool = o.pools[Number(v.pid)];
          const amount = parseAmount(amounts[id] ?? "", 18);
          const net = pool?.ok
            ? vaultNetApr(
                poolApr(o.farm, px, first.get(pool.stakeToken.toLowerCase()), pool).apr,
                v.performanceFeeBps,
              )
            : null;
          const inputs = pool?.ok && pool.isPair ? zapInputs(pool) : [];
          const zapInput = inputs.find((i) => i.token === zapTokens[id]) ?? inputs[0];
          const zapAmount = zapInput ? parseAmount(zapAmounts[id] ?? "", zapInput.decimals) : null;
          return (
            <tr key={id} data-vault={id}>
              <td data-field="name">{pool ? poolName(pool) : v.asset}</td>
              <td data-field="netApr">
                {net ? `${formatRate(net.apr)}${net.partial ? "+" : ""}` : "—"}
                {v.performanceFeeBps > 0n && (
                  <span className="muted">
                    {" "}
                    (fee {formatRate((v.performanceFeeBps * 10n ** 18n) / 10_000n)})
                  </span>
                )}
              </td>
              <td data-field="netApy">
                {net ? `${formatRate(apyFromApr(net.apr))}${net.partial ? "+" : ""}` : "—"}
              </td>
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
              {a.zap && (
                <td className="actions">
                  {zapInput ? (
                    <>
                      <select
                        data-testid={`zap-token-${id}`}
                        value={zapInput.token}
                        onChange={(ev) => setZapTokens({ ...zapTokens, [id]: ev.target.value })}
                      >
                        {inputs.map((i) => (
                          <option key={i.token} value={i.token}>
                            {i.symbol}
                          </option>
                        ))}
                      </select>
                      <input
                        data-testid={`zap-amount-${id}`}
                        placeholder={`${zapInput.symbol} amount`}
                        value={zapAmounts[id] ?? ""}
                        onChange={(ev) => setZapAmounts({ ...zapAmounts, [id]: ev.target.value })}
                      />
                      <button
                        data-testid={`zap-${id}`}
                        title={`one transaction (after an approval for a token); at most ${formatRate(ZAP_SLIPPAGE_BPS * 10n ** 14n)} fewer shares than quoted`}
                        disabled={!user || tx.busy || zapAmount === null || zapAmount === 0n}
                        onClick={() => void zap(v, zapInput, zapAmount!)}
                      >
                        Zap
                      </button>
                    </>
                  ) : (
                    <span className="muted">not a pair</span>
                  )}
                </td>
              )}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
