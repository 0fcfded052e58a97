/**
 * The interest audit of the lending market, over its whole life (from its creation to the run's last
 * block), from its events and its views at the last block:
 *
 *   books      cash   = Σ deposited − Σ withdrawn − Σ borrowed + Σ repaid + Σ liquidation repaid
 *              borrows = Σ borrowed + I − Σ repaid − Σ liquidation repaid − B
 *              (I = Σ InterestAccrued, B = Σ BadDebtRealized; both must equal the contract's `cash()`
 *              and `totalBorrows()` to the wei)
 *   suppliers  I = G + B + ρ, G = Σ holders' convertToAssets(shares) + Σ withdrawn − Σ deposited (what
 *              every share holder gained, the Farm's staked shares and the seed's dead address included),
 *              ρ = totalAssets − Σ holders' convertToAssets: the virtual shares' part
 *              v = (10^6·totalAssets − supply) / (supply + 10^6) plus one floor per holder, so
 *              v ≤ ρ < v + holders
 *   borrowers  P = I + ρ_b, P = Σ per borrower (repaid by it or a liquidator + written off + debtOf now
 *              − borrowed), ρ_b = Σ debtOf − totalBorrows: the borrow side's virtual shares
 *              w = (shares − 10^6·borrows) / (shares + 10^6) plus one ceiling per borrower with debt,
 *              so w ≤ ρ_b < w + borrowers
 *
 * Interest paid by borrowers (I, and P per borrower) is interest earned by suppliers (G) plus what bad
 * debt took from them (B) plus rounding (ρ) that stays in the market. The books must be settled at
 * the block (its last transaction accrued interest: the run's last step ends with `accrueInterest`),
 * or the views would hold interest that no event has reported yet.
 */
import type { Log } from "ethers";
import { Fraction } from "../model";
import type { Lending } from "./lending";
import type { Market } from "./market";

/** ERC-4626 virtual shares (`10 ** _decimalsOffset()`) and LendingMath's borrow-side virtual shares. */
const VIRTUAL_SHARES = 10n ** 6n;

export interface LendingAudit {
  market: string;
  block: number;
  events: number;
  interest: bigint;
  deposited: bigint;
  withdrawn: bigint;
  borrowed: bigint;
  repaid: bigint;
  liquidationRepaid: bigint;
  badDebt: bigint;
  cash: bigint;
  totalBorrows: bigint;
  totalAssets: bigint;
  totalSupply: bigint;
  totalBorrowShares: bigint;
  /** Suppliers: Σ holders' value now, their gain G, the rounding ρ and its bounds (v as a fraction). */
  /** Share holders with a balance at the end (the Farm for every staker, the seed's dead address). */
  holders: number;
  holdersValue: bigint;
  supplierGain: bigint;
  rounding: bigint;
  virtualPart: Fraction;
  /** Borrowers: their interest P (per-borrower sum), ρ_b and its bounds. */
  borrowers: number;
  borrowersWithDebt: number;
  borrowerInterest: bigint;
  borrowRounding: bigint;
  borrowVirtualPart: Fraction;
  mismatches: string[];
  exact: boolean;
}

/** a < b for fractions with positive denominators (the audit's are sums of shares plus 10^6). */
const lessThan = (a: Fraction, b: Fraction) => a.n * b.d < b.n * a.d;

/** A fraction as the report writes it: an integer, or n/d. */
export const fraction = (f: Fraction) => (f.d === 1n ? f.n.toString() : `${f.n}/${f.d}`);

const add = (map: Map<string, bigint>, key: string, v: bigint) => map.set(key, (map.get(key) ?? 0n) + v);
const sum = (map: Map<string, bigint>) => [...map.values()].reduce((a, b) => a + b, 0n);

/** Audits `l`'s market at `endBlock` (its every log from block 0: the market's address filters them). */
export async function auditLending(m: Market, l: Lending, endBlock: number): Promise<LendingAudit> {
  const provider = m.hre.ethers.provider;
  const market = l.market;
  const logs: Log[] = await provider.getLogs({ address: l.address, fromBlock: 0, toBlock: endBlock });
  let interest = 0n;
  let [deposited, withdrawn, borrowed, repaid, liquidationRepaid, badDebt] = [0n, 0n, 0n, 0n, 0n, 0n];
  const holders = new Set<string>();
  const perBorrower = new Map<string, bigint>();
  for (const log of logs) {
    const ev = market.interface.parseLog(log);
    if (!ev) continue;
    const a = ev.args;
    switch (ev.name) {
      case "InterestAccrued":
        interest += a.interest as bigint;
        break;
      case "Deposit":
        deposited += a.assets as bigint;
        break;
      case "Withdraw":
        withdrawn += a.assets as bigint;
        break;
      case "Transfer":
        holders.add((a.to as string).toLowerCase());
        break;
      case "Borrowed":
        borrowed += a.assets as bigint;
        add(perBorrower, (a.account as string).toLowerCase(), -(a.assets as bigint));
        break;
      case "Repaid":
        repaid += a.assets as bigint;
        add(perBorrower, (a.onBehalf as string).toLowerCase(), a.assets as bigint);
        break;
      case "Liquidated":
        liquidationRepaid += a.repaidAssets as bigint;
        add(perBorrower, (a.borrower as string).toLowerCase(), a.repaidAssets as bigint);
        break;
      case "BadDebtRealized":
        badDebt += a.assets as bigint;
        add(perBorrower, (a.borrower as string).toLowerCase(), a.assets as bigint);
        break;
    }
  }
  holders.delete("0x0000000000000000000000000000000000000000");
  const blockTag = endBlock;
  const [cash, totalBorrows, totalAssets, totalSupply, totalBorrowShares] = await Promise.all([
    market.cash({ blockTag }),
    market.totalBorrows({ blockTag }),
    market.totalAssets({ blockTag }),
    market.totalSupply({ blockTag }),
    market.totalBorrowShares({ blockTag }),
  ]);
  let holdersValue = 0n;
  let holding = 0;
  for (const h of holders) {
    const shares = await market.balanceOf(h, { blockTag });
    if (shares === 0n) continue;
    holding++;
    holdersValue += await market.convertToAssets(shares, { blockTag });
  }
  let debts = 0n;
  let withDebt = 0;
  for (const b of perBorrower.keys()) {
    const debt = await market.debtOf(b, { blockTag });
    if ((await market.borrowSharesOf(b, { blockTag })) > 0n) withDebt++;
    debts += debt;
    add(perBorrower, b, debt);
  }

  const mismatches: string[] = [];
  // The views count interest up to the block's time; the events only up to the last accrual.
  const [lastAccrual, block] = await Promise.all([
    market.lastAccrual({ blockTag }),
    provider.getBlock(endBlock),
  ]);
  if (lastAccrual !== BigInt(block!.timestamp))
    mismatches.push(
      `interest not settled at block ${endBlock}: last accrual ${lastAccrual} < ${block!.timestamp}`,
    );
  const cashBooks = deposited - withdrawn - borrowed + repaid + liquidationRepaid;
  if (cashBooks !== cash) mismatches.push(`cash ${cash} != books ${cashBooks}`);
  const borrowBooks = borrowed + interest - repaid - liquidationRepaid - badDebt;
  if (borrowBooks !== totalBorrows) mismatches.push(`totalBorrows ${totalBorrows} != books ${borrowBooks}`);
  if (cash + totalBorrows !== totalAssets) mismatches.push(`totalAssets ${totalAssets} != cash + borrows`);

  const supplierGain = holdersValue + withdrawn - deposited;
  const rounding = interest - supplierGain - badDebt;
  if (rounding !== totalAssets - holdersValue)
    mismatches.push(`rounding ${rounding} != totalAssets − Σ holders' value ${totalAssets - holdersValue}`);
  // v = (V·totalAssets − supply) / (supply + V): the virtual shares' claim less the virtual asset.
  const virtualPart = new Fraction(VIRTUAL_SHARES * totalAssets - totalSupply, totalSupply + VIRTUAL_SHARES);
  const r = new Fraction(rounding);
  if (lessThan(r, virtualPart) || !lessThan(r, virtualPart.add(new Fraction(BigInt(holding)))))
    mismatches.push(`rounding ${rounding} outside [v, v + ${holding}) with v = ${fraction(virtualPart)}`);

  const borrowerInterest = sum(perBorrower);
  const borrowRounding = debts - totalBorrows;
  if (borrowerInterest - interest !== borrowRounding)
    mismatches.push(
      `borrowers' interest ${borrowerInterest} != I ${interest} + Σ debt − borrows ${borrowRounding}`,
    );
  const borrowVirtualPart = new Fraction(
    totalBorrowShares - VIRTUAL_SHARES * totalBorrows,
    totalBorrowShares + VIRTUAL_SHARES,
  );
  const rb = new Fraction(borrowRounding);
  // Each borrower's debtOf rounds up by less than a wei; with no debt left, ρ_b is w exactly.
  const above = rb.sub(borrowVirtualPart);
  const inBounds =
    !lessThan(above, Fraction.ZERO) &&
    (withDebt === 0 ? above.n === 0n : lessThan(above, new Fraction(BigInt(withDebt))));
  if (!inBounds)
    mismatches.push(
      `borrow rounding ${borrowRounding} outside [w, w + ${withDebt}) with w = ${fraction(borrowVirtualPart)}`,
    );

  return {
    market: l.address,
    block: endBlock,
    events: logs.length,
    interest,
    deposited,
    withdrawn,
    borrowed,
    repaid,
    liquidationRepaid,
    badDebt,
    cash,
    totalBorrows,
    totalAssets,
    totalSupply,
    totalBorrowShares,
    holders: holding,
    holdersValue,
    supplierGain,
    rounding,
    virtualPart,
    borrowers: perBorrower.size,
    borrowersWithDebt: withDebt,
    borrowerInterest,
    borrowRounding,
    borrowVirtualPart,
    mismatches,
    exact: mismatches.length === 0,
  };
}
