import { useState } from "react";
import { maxUint256, zeroAddress, type Address } from "viem";
import type { Addresses } from "../chain";
import type { Overview } from "../data";
import { formatRate, formatUnitsFixed, SFUR_PRECISION, stakingApr, valueOf } from "../lib/derive";
import { ierc20Abi, stakedFurAbi } from "../tx";
import { eth, parseAmount, prices, type Tx } from "./common";

/**
 * sFUR: FUR staked 1:1 for a share of the protocol's fees (streams of any allow-listed token) and
 * votes. Shows the supply, the fee APR of the streams still paying, the user's stake, votes and what
 * it has earned of each token; stake (approve FUR, then `depositFor`), unstake (`withdrawTo`), claim
 * (`getReward`, every token at once).
 */
export function StakingPage({ o, a, user, tx }: { o: Overview; a: Addresses; user?: Address; tx: Tx }) {
  const [text, setText] = useState("");
  const s = o.staking;
  if (s.stakedFur === zeroAddress) return <p>No sFUR on this deployment.</p>;
  if (!s.ok) return <p>sFUR ({s.stakedFur}) did not answer.</p>;
  const px = prices(o, a);
  const now = o.farm.timestamp;
  const fee = stakingApr(px, [...s.rewards], now, s.totalSupply, s.fur);
  const amount = parseAmount(text, 18);
  const hasEarned = s.rewards.some((r) => r.earned > 0n);
  const share = s.totalSupply > 0n ? (s.balance * 10n ** 18n) / s.totalSupply : null;
  return (
    <>
      <table data-testid="staking" className="summary">
        <tbody>
          <tr>
            <th>Staked FUR (all holders)</th>
            <td data-field="totalSupply">
              {formatUnitsFixed(s.totalSupply, 18)} FUR ({eth(valueOf(px, s.fur, s.totalSupply))})
            </td>
          </tr>
          <tr>
            <th title="a year of every stream still paying, valued, over the staked FUR's value; not compounded">
              Fee APR
            </th>
            <td data-field="apr">
              {formatRate(fee.apr)}
              {fee.partial ? "+" : ""}
              {fee.partial && <span className="muted"> (a reward token has no price)</span>}
            </td>
          </tr>
          <tr>
            <th>Your sFUR</th>
            <td data-field="balance">
              {formatUnitsFixed(s.balance, 18)} sFUR
              {share !== null && <span className="muted"> ({formatRate(share)} of all)</span>}
            </td>
          </tr>
          <tr>
            <th>Your votes</th>
            <td data-field="votes">
              {formatUnitsFixed(s.votes, 18)}
              <span className="muted">
                {s.delegatee === zeroAddress
                  ? " (sFUR votes once delegated, to yourself or another)"
                  : ` (delegated to ${s.delegatee})`}
              </span>
            </td>
          </tr>
          <tr>
            <th>Wallet</th>
            <td data-field="walletFur">{formatUnitsFixed(s.walletFur, 18)} FUR</td>
          </tr>
        </tbody>
      </table>

      <table data-testid="staking-rewards">
        <thead>
          <tr>
            <th>Reward token</th>
            <th>Streamed per day (all holders)</th>
            <th>Stream ends</th>
            <th>You earned</th>
          </tr>
        </thead>
        <tbody>
          {s.rewards.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No reward token is allow-listed yet.
              </td>
            </tr>
          )}
          {s.rewards.map((r) => {
            const paying = r.periodFinish > now;
            return (
              <tr key={r.token} data-token={r.token.toLowerCase()}>
                <td data-field="symbol">{r.symbol}</td>
                <td data-field="perDay">
                  {paying ? formatUnitsFixed((r.rate * 86_400n) / SFUR_PRECISION, r.decimals) : "0"}{" "}
                  {r.symbol}
                </td>
                <td data-field="ends" className={paying ? "" : "warn"}>
                  {paying
                    ? new Date(Number(r.periodFinish) * 1000).toISOString().slice(0, 16)
                    : "no longer pays"}
                </td>
                <td data-field="earned">
                  {formatUnitsFixed(r.earned, r.decimals)} {r.symbol}
                  <span className="muted"> ({eth(valueOf(px, r.token, r.earned))})</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <div className="actions">
        <input
          data-testid="stake-amount"
          placeholder="FUR amount"
          value={text}
          onChange={(ev) => setText(ev.target.value)}
        />
        {/*
          Approve, not permit: depositFor pulls FUR with transferFrom from the caller, and sFUR has no
          deposit-with-permit nor a multicall, so a FUR permit would be a transaction of its own (or
          need a signature someone else submits first): no step saved over an approval.
        */}
        {user && amount !== null && s.allowance < amount ? (
          <button
            data-testid="stake-approve"
            disabled={tx.busy}
            onClick={() =>
              tx.send("Approve FUR for sFUR", {
                address: s.fur,
                abi: ierc20Abi,
                functionName: "approve",
                args: [s.stakedFur, maxUint256],
              })
            }
          >
            Approve FUR
          </button>
        ) : (
          <button
            data-testid="stake"
            disabled={!user || tx.busy || amount === null || amount === 0n}
            onClick={() =>
              tx.send("Stake FUR", {
                address: s.stakedFur,
                abi: stakedFurAbi,
                functionName: "depositFor",
                args: [user!, amount!],
              })
            }
          >
            Stake
          </button>
        )}
        <button
          data-testid="unstake"
          disabled={!user || tx.busy || amount === null || amount === 0n}
          onClick={() =>
            tx.send("Unstake FUR", {
              address: s.stakedFur,
              abi: stakedFurAbi,
              functionName: "withdrawTo",
              args: [user!, amount!],
            })
          }
        >
          Unstake
        </button>
        <button
          data-testid="claim"
          disabled={!user || tx.busy || !hasEarned}
          onClick={() =>
            tx.send("Claim sFUR rewards", {
              address: s.stakedFur,
              abi: stakedFurAbi,
              functionName: "getReward",
              args: [],
            })
          }
        >
          Claim all
        </button>
        {user && s.delegatee === zeroAddress && s.balance > 0n && (
          <button
            data-testid="delegate"
            disabled={tx.busy}
            onClick={() =>
              tx.send("Delegate sFUR votes to yourself", {
                address: s.stakedFur,
                abi: stakedFurAbi,
                functionName: "delegate",
                args: [user],
              })
            }
          >
            Vote with my sFUR
          </button>
        )}
      </div>
    </>
  );
}
