/**
 * A small seeded PRNG (sfc32, Chris Doty-Humphrey's "small fast counting" generator) so that a
 * simulation seed fixes every random choice: same seed, same run, same report byte for byte.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    this.a = 0x9e3779b9;
    this.b = 0x243f6a88;
    this.c = 0xb7e15162;
    this.d = seed >>> 0;
    // Warm up so that nearby seeds diverge.
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** Next 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [lo, hi], both included. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  /** Standard normal (Box-Muller). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log(0) never happens
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * Geometric random walk: `steps + 1` prices starting at `start`, each step multiplying by
   * exp(sigma * z - sigma^2 / 2) so that the expected price stays flat.
   */
  randomWalk(start: number, sigma: number, steps: number): number[] {
    const prices = [start];
    for (let i = 0; i < steps; i++) {
      prices.push(prices[i] * Math.exp(sigma * this.normal() - (sigma * sigma) / 2));
    }
    return prices;
  }
}
