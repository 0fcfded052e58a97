import { useState } from "react";
import { maxUint256, zeroAddress, type Address } from "viem";
import type { Overview } from "../data";
import {
  formatHealth,
  formatRate,
  formatUnitsFixed,
  liquidationPricePerToken,
  pricePerWholeToken,
  ratePerYear,
} from "../lib/derive";
import { borrowRewardsAbi, ierc20Abi, lendingMarketAbi } from "../tx";
import { parseAmount, type Tx } from "./common";

type Market = Overview["markets"][number];

const MAX_UINT256 = maxUint256;

/** Loan-token units per whole collateral token, or "—" for none (no debt) / "any price" (no collateral). */
function perToken(m: Market, v: bigint | null): string {
  if (v === null) return "—";
  if (v === MAX_UINT256) return "none (no collateral)";
  return `${formatUnitsFixed(v, m.loanDecimals, 2)} ${m.loanSymbol}`;
}

/** A table cell with an amount of a token, as "1,234.56 USDC". */
function AmountCell(c: { field: string; value: bigint; decimals: number; symbol: string }) {
  return (
    <td data-field={c.field}>
      {formatUnitsFixed(c.value, c.decimals)} {c.symbol}
    </td>
  );
}

/** An amount of the market's loan token, or of its collateral token, in a cell. */
const loanCell = (x: Market, field: string, value: bigint) => (
  <AmountCell field={field} value={value} decimals={x.loanDecimals} symbol={x.loanSymbol} />
);
const collateralCell = (x: Market, field: string, value: bigint) => (
  <AmountCell field={field} value={value} decimals={x.collateralDecimals} symbol={x.collateralSymbol} />
);

/**
 * Lending markets of the MarketFactory, from the lens's market section: per market the supply and
 * borrow APR (rate per second × a year, not compounded), utilisation, lltv and oracle price; the
 * user's supply, collateral, debt, health factor and the collateral price at which the position can
 * be liquidated (`liquidationPricePerToken`), and the FUR mined by borrowing. Actions: supply
 * (approve, then ERC-4626 `deposit`), withdraw, post and withdraw collateral, borrow, repay (approve
 * first), claim the FUR mined (BorrowRewards `claim`).
 */
export function LendingPage({ o, user, tx }: { o: Overview; user?: Address; tx: Tx }) {
  const [selected, setSelected] = useState(0);
  const [text, setText] = useState("");
  if (o.markets.length === 0) return <p>No lending market on this deployment.</p>;
  const m = o.markets[Math.min(selected, o.markets.length - 1)];
  const loanAmount = m.ok ? parseAmount(text, m.loanDecimals) : null;
  const collateralAmount = m.ok ? parseAmount(text, m.collateralDecimals) : null;
  const off = (amount: bigint | null) => !user || tx.busy || amount === null || amount === 0n;
  const approve = (token: Address, symbol: string) =>
    tx.send(`Approve ${symbol} for the market`, {
      address: token,
      abi: ierc20Abi,
      functionName: "approve",
      args: [m.market, maxUint256],
    });
  const market = (label: string, functionName: string, args: readonly unknown[]) =>
    tx.send(label, { address: m.market, abi: lendingMarketAbi, functionName, args });
  /** A button calling the market with the amount typed (off without a wallet, while busy, or without an amount). */
  const callButton = (
    testId: string,
    amount: bigint | null,
    label: string,
    functionName: string,
    args: readonly unknown[],
  ) => (
    <button data-testid={testId} disabled={off(amount)} onClick={() => market(label, functionName, args)}>
      {label}
    </button>
  );
  const needsLoanApproval = user !== undefined && loanAmount !== null && m.loanAllowance < loanAmount;
  const needsCollateralApproval =
    user !== undefined && collateralAmount !== null && m.collateralAllowance < collateralAmount;
  const name = (x: Market) => (x.ok ? `${x.loanSymbol} / ${x.collateralSymbol}` : `${x.market} (unreadable)`);

  return (
    <>
      <table data-testid="markets">
        <thead>
          <tr>
            <th title="lent token / collateral token">Market</th>
            <th>Supplied</th>
            <th>Borrowed</th>
            <th>Available</th>
            <th>Utilisation</th>
            <th title="the borrow rate × utilisation, a year at the current rate, not compounded">
              Supply APR
            </th>
            <th title="a year at the current rate, not compounded">Borrow APR</th>
            <th title="borrowing up to this share of the collateral's value">LLTV</th>
            <th title="the market's oracle: loan token per whole collateral token">Price</th>
          </tr>
        </thead>
        <tbody>
          {o.markets.map((x) => (
            <tr key={x.market} data-market={x.market.toLowerCase()}>
              <td data-field="name">{name(x)}</td>
              {x.ok ? (
                <>
                  {loanCell(x, "totalAssets", x.totalAssets)}
                  {loanCell(x, "totalBorrows", x.totalBorrows)}
                  {loanCell(x, "cash", x.cash)}
                  <td data-field="utilization">{formatRate(x.utilization)}</td>
                  <td data-field="supplyApr">{formatRate(ratePerYear(x.supplyRatePerSecond))}</td>
                  <td data-field="borrowApr">{formatRate(ratePerYear(x.borrowRatePerSecond))}</td>
                  <td data-field="lltv">{formatRate(x.lltv)}</td>
                  <td data-field="price" className={x.priceOk ? "" : "warn"}>
                    {x.priceOk
                      ? `${formatUnitsFixed(pricePerWholeToken(x.price, x.collateralDecimals), x.loanDecimals, 2)} ${x.loanSymbol}`
                      : "oracle has no price (borrows paused)"}
                  </td>
                </>
              ) : (
                <td colSpan={8} className="warn">
                  this market did not answer
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>

      {user && (
        <table data-testid="lending-positions">
          <thead>
            <tr>
              <th>Market</th>
              <th>You supplied</th>
              <th>Collateral</th>
              <th>Borrowed</th>
              <th title="the collateral's value × lltv over the debt; below 1 the position can be liquidated">
                Health factor
              </th>
              <th title="the collateral price at which the health factor reaches 1">Liquidation price</th>
              <th title="FUR mined by borrowing (the market's share of BorrowRewards' speed, by borrow shares), claimable now">
                FUR mined
              </th>
            </tr>
          </thead>
          <tbody>
            {o.markets
              .filter((x) => x.ok)
              .map((x) => {
                const hf = x.healthFactor;
                return (
                  <tr key={x.market} data-market={x.market.toLowerCase()}>
                    <td data-field="name">{name(x)}</td>
                    {loanCell(x, "supplied", x.assets)}
                    {collateralCell(x, "collateral", x.collateral)}
                    {loanCell(x, "debt", x.debt)}
                    <td data-field="health" className={hf < 10n ** 18n ? "warn" : ""}>
                      {formatHealth(hf)}
                    </td>
                    <td data-field="liquidationPrice">
                      {perToken(
                        x,
                        liquidationPricePerToken({
                          debt: x.debt,
                          collateral: x.collateral,
                          lltv: x.lltv,
                          collateralDecimals: x.collateralDecimals,
                        }),
                      )}
                      {x.debt > 0n && x.collateral > 0n && (
                        <span className="muted"> per {x.collateralSymbol}</span>
                      )}
                    </td>
                    <AmountCell
                      field="borrowRewardEarned"
                      value={x.borrowRewardEarned}
                      decimals={18}
                      symbol="FUR"
                    />
                  </tr>
                );
              })}
          </tbody>
        </table>
      )}

      {m.ok && (
        <div className="actions">
          {o.markets.length > 1 && (
            <select
              data-testid="lending-market"
              value={selected}
              onChange={(ev) => setSelected(Number(ev.target.value))}
            >
              {o.markets.map((x, i) => (
                <option key={x.market} value={i}>
                  {name(x)}
                </option>
              ))}
            </select>
          )}
          <input
            data-testid="lending-amount"
            placeholder={`${m.loanSymbol} or ${m.collateralSymbol} amount`}
            value={text}
            onChange={(ev) => setText(ev.target.value)}
          />
          <span className="muted">
            wallet: {formatUnitsFixed(m.walletLoan, m.loanDecimals)} {m.loanSymbol},{" "}
            {formatUnitsFixed(m.walletCollateral, m.collateralDecimals)} {m.collateralSymbol}
          </span>
          {needsLoanApproval ? (
            <button
              data-testid="lending-approve-loan"
              disabled={tx.busy}
              onClick={() => approve(m.loanToken, m.loanSymbol)}
            >
              Approve {m.loanSymbol}
            </button>
          ) : (
            <>
              {callButton("lending-supply", loanAmount, `Supply ${m.loanSymbol}`, "deposit", [
                loanAmount!,
                user!,
              ])}
              {callButton("lending-repay", loanAmount, `Repay ${m.loanSymbol}`, "repay", [
                loanAmount!,
                user!,
              ])}
            </>
          )}
          {callButton("lending-withdraw", loanAmount, `Withdraw ${m.loanSymbol}`, "withdraw", [
            loanAmount!,
            user!,
            user!,
          ])}
          {callButton("lending-borrow", loanAmount, `Borrow ${m.loanSymbol}`, "borrow", [loanAmount!, user!])}
          {needsCollateralApproval ? (
            <button
              data-testid="lending-approve-collateral"
              disabled={tx.busy}
              onClick={() => approve(m.collateralToken, m.collateralSymbol)}
            >
              Approve {m.collateralSymbol}
            </button>
          ) : (
            callButton(
              "lending-post-collateral",
              collateralAmount,
              `Post ${m.collateralSymbol} collateral`,
              "supplyCollateral",
              [collateralAmount!, user!],
            )
          )}
          {callButton(
            "lending-withdraw-collateral",
            collateralAmount,
            `Withdraw ${m.collateralSymbol} collateral`,
            "withdrawCollateral",
            [collateralAmount!, user!],
          )}
          {m.borrowRewards !== zeroAddress && (
            <button
              data-testid="lending-claim"
              disabled={!user || tx.busy || m.borrowRewardEarned === 0n}
              onClick={() =>
                tx.send(`Claim FUR mined on ${m.loanSymbol} / ${m.collateralSymbol}`, {
                  address: m.borrowRewards,
                  abi: borrowRewardsAbi,
                  functionName: "claim",
                  args: [m.market, user!],
                })
              }
            >
              Claim {formatUnitsFixed(m.borrowRewardEarned, 18)} FUR
            </button>
          )}
        </div>
      )}
      <p className="muted">
        Rates are the markets' per-second rates times a year (not compounded); prices are the markets' own
        oracles, not the pools' reserves. Health below 1 can be liquidated.
      </p>
    </>
  );
}
