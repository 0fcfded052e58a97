/**
 * When compounding pays: a position of `P` dollars earning a reward APR `r`, compounded by hand `n`
 * times a year at `c` dollars of gas a time, or left to a vault. Pure float maths (dollars, not wei):
 * derived in docs/simulation.md ("Optimal compounding interval").
 *
 *   value after a year, n compounds:  V(n) = P (1 + r/n)^n − n c        (n ≥ 1)
 *   never compounding (n = 0):        V(0) = P (1 + r)                   (rewards claimed at the end)
 *
 * V is concave in n ≥ 1 ((1 + r/n)^n is increasing and concave, n c linear), so its integer
 * maximum is where it stops growing. With (1 + r/n)^n ≈ e^r (1 − r²/(2n)), dV/dn = 0 gives
 * n* ≈ r √(P e^r / (2c)); the classical approximation drops e^r: the interval t* = 1/n* ≈
 * √(2c / (P r²)) years.
 */

/** Value after one year of `P` at APR `r` compounded `n` times at `c` each (n = 0: simple interest). */
export function compoundedValue(P: number, r: number, n: number, c: number): number {
  if (n === 0) return P * (1 + r);
  return P * Math.pow(1 + r / n, n) - n * c;
}

/** Net APY of compounding by hand `n` times a year: V(n) / P − 1. */
export function manualNetApy(P: number, r: number, n: number, c: number): number {
  return compoundedValue(P, r, n, c) / P - 1;
}

/**
 * Net APY in a vault that harvests `harvestsPerYear` times, keeping `1 − feeShare` of the rewards,
 * for a depositor who pays `oneOff` dollars of gas in all (its deposit and its withdrawal).
 */
export function vaultNetApy(
  P: number,
  r: number,
  harvestsPerYear: number,
  feeShare: number,
  oneOff: number,
): number {
  return Math.pow(1 + (r * (1 - feeShare)) / harvestsPerYear, harvestsPerYear) - 1 - oneOff / P;
}

/** The number of compounds a year, 0 to `maxN`, that maximises V(n) (the smallest on a tie). */
export function optimalCompounds(P: number, r: number, c: number, maxN = 8_760): number {
  let best = 0;
  let bestValue = compoundedValue(P, r, 0, c);
  let previous = -Infinity;
  for (let n = 1; n <= maxN; n++) {
    const v = compoundedValue(P, r, n, c);
    if (v > bestValue) [best, bestValue] = [n, v];
    // Concave for n >= 1: once it falls it never rises again.
    if (v < previous) break;
    previous = v;
  }
  return best;
}

/** The classical approximation of the optimal interval, in years: √(2c / (P r²)). */
export function approximateInterval(P: number, r: number, c: number): number {
  return Math.sqrt((2 * c) / (P * r * r));
}

/** n* ≈ r √(P e^r / (2c)): the approximation with the e^r factor kept. */
export function approximateCompounds(P: number, r: number, c: number): number {
  return r * Math.sqrt((P * Math.exp(r)) / (2 * c));
}
