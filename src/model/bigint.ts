/** floor(√x), exact for any non-negative BigInt. */
export function sqrt(x: bigint): bigint {
  if (x < 0n) throw new RangeError("sqrt of a negative number");
  if (x < 2n) return x;
  // Newton's method from a power-of-two guess above the root; decreases monotonically to floor(√x).
  let r = 1n << BigInt((x.toString(2).length + 1) >> 1);
  for (;;) {
    const next = (r + x / r) >> 1n;
    if (next >= r) return r;
    r = next;
  }
}

export const min = (a: bigint, b: bigint): bigint => (a < b ? a : b);
export const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);
