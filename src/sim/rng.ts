// Seeded randomness: one root seed, named independent streams, and the draws the models need.
// Owns generators and distributions; knows nothing of what the draws are for.
//
// Streams: `fork(name)` seeds a Tyche-i generator (seedrandom's `tychei`, fast with a small state) from a
// strong hash (seedrandom's ARC4 key schedule) of root seed + full name, so a stream depends only on its
// name, never on what else was forked or in which order (ns-3's per-component streams, DESIGN §4).

import seedrandom from 'seedrandom';
import { mod64 } from './mod64.js';

const TWO_32 = 4294967296;
const INV_2_32 = 1 / TWO_32;
const INV_2_53 = 1 / 9007199254740992;

interface FastPrng {
  int32(): number;
}

/** The root of a run's randomness. */
export class RngRoot {
  readonly seed: string;

  constructor(seed: number | string) {
    this.seed = String(seed);
  }

  /** The stream named `name` (use path-like names: `gateway/eg/worker-3/lb`). Same name, same stream. */
  fork(name: string): Rng {
    return new Rng(this, name);
  }
}

export class Rng {
  private readonly g: FastPrng;
  private spareNormal = 0;
  private hasSpare = false;

  constructor(
    readonly root: RngRoot,
    readonly name: string,
  ) {
    // ARC4-mixed key -> 128 bits of seed material for Tyche-i; Tyche-i alone mixes a string seed only lightly.
    const keyed = seedrandom(`${root.seed}\u0000${name}`);
    const material = [keyed.int32(), keyed.int32(), keyed.int32(), keyed.int32()]
      .map((x) => (x >>> 0).toString(16))
      .join(':');
    this.g = seedrandom.tychei(material);
  }

  /** A sub-stream `this.name + '/' + name`; independent of this stream's state. */
  fork(name: string): Rng {
    return new Rng(this.root, `${this.name}/${name}`);
  }

  /** Uniform 32-bit unsigned integer. */
  u32(): number {
    return this.g.int32() >>> 0;
  }

  /** Uniform in [0, 1) with 32 bits of resolution (the fast default). */
  random(): number {
    return (this.g.int32() >>> 0) * INV_2_32;
  }

  /** Uniform in (0, 1), never 0 or 1: safe under log(). */
  openUnit(): number {
    return ((this.g.int32() >>> 0) + 0.5) * INV_2_32;
  }

  /** Uniform in [0, 1) with 53 bits of resolution. */
  double(): number {
    const hi = (this.g.int32() >>> 0) >>> 5; // 27 bits
    const lo = (this.g.int32() >>> 0) >>> 6; // 26 bits
    return (hi * 67108864 + lo) * INV_2_53;
  }

  /** Uniform integer in [0, n) for 0 < n <= 2^32 (multiply-shift; bias below 2^-32 * n, negligible for host counts). */
  below(n: number): number {
    return Math.floor((this.g.int32() >>> 0) * INV_2_32 * n);
  }

  /** Uniform integer in [lo, hi] inclusive. */
  intRange(lo: number, hi: number): number {
    return lo + this.below(hi - lo + 1);
  }

  /** Uniform real in [lo, hi). */
  uniform(lo: number, hi: number): number {
    return lo + (hi - lo) * this.random();
  }

  /**
   * A uniform 64-bit draw reduced modulo n, as Envoy computes `random_.random() % n` (its random() is a uint64).
   * Exact without BigInt for n < 2^37 (src/sim/mod64.ts); larger n take the slow BigInt path.
   */
  u64Mod(n: number): number {
    const hi = this.g.int32() >>> 0;
    const lo = this.g.int32() >>> 0;
    if (n < 137438953472) return mod64(hi, lo, n); // 2^37
    return Number(((BigInt(hi) << 32n) | BigInt(lo)) % BigInt(n));
  }

  /** A uniform 64-bit draw as a BigInt (tests and the CLI only; not for hot paths). */
  u64(): bigint {
    const hi = this.g.int32() >>> 0;
    const lo = this.g.int32() >>> 0;
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** Bernoulli(p). */
  chance(p: number): boolean {
    return this.random() < p;
  }

  /** Exponential with the given mean (inverse transform). */
  exponential(mean: number): number {
    return -mean * Math.log(this.openUnit());
  }

  /** Normal(mean, sd) by Box-Muller; the second variate is kept for the next call. */
  normal(mean = 0, sd = 1): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return mean + sd * this.spareNormal;
    }
    const r = Math.sqrt(-2 * Math.log(this.openUnit()));
    const theta = 2 * Math.PI * this.random();
    this.spareNormal = r * Math.sin(theta);
    this.hasSpare = true;
    return mean + sd * r * Math.cos(theta);
  }

  /** Lognormal with parameters mu, sigma of the underlying normal. */
  lognormal(mu: number, sigma: number): number {
    return Math.exp(this.normal(mu, sigma));
  }

  /** Bounded Pareto on [lo, hi] with shape alpha (inverse CDF). */
  boundedPareto(alpha: number, lo: number, hi: number): number {
    const la = Math.pow(lo, alpha);
    const ha = Math.pow(hi, alpha);
    const u = this.random();
    return Math.pow(-(u * ha - u * la - ha) / (ha * la), -1 / alpha);
  }

  /** Index i with probability weights[i] / total (linear scan; total defaults to the sum). Weights must be >= 0 with a positive sum. */
  weightedIndex(weights: ArrayLike<number>, total = sum(weights)): number {
    let x = this.random() * total;
    const last = weights.length - 1;
    for (let i = 0; i < last; i++) {
      x -= weights[i];
      if (x < 0) return i;
    }
    return last;
  }
}

/** Lognormal parameters (mu, sigma) for a given mean and coefficient of variation. */
export function lognormalParams(mean: number, cv: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + cv * cv);
  return { mu: Math.log(mean) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

function sum(xs: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s;
}
