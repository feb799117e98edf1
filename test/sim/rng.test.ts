import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RngRoot, lognormalParams, type Rng } from '../../src/sim/rng.js';

const N = 200_000;

function meanOf(n: number, draw: () => number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

function firstDraws(r: Rng, n = 8): number[] {
  return Array.from({ length: n }, () => r.u32());
}

describe('RngRoot.fork', () => {
  it('gives the same stream for the same name whatever else was forked, in any order', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }),
        (seed, names) => {
          const a = new RngRoot(seed);
          const forward = names.map((n) => firstDraws(a.fork(n)));
          const b = new RngRoot(seed);
          b.fork('something-else').u32();
          const backward = [...names]
            .reverse()
            .map((n) => firstDraws(b.fork(n)))
            .reverse();
          expect(backward).toEqual(forward);
        },
      ),
      { seed: 42, numRuns: 100 },
    );
  });

  it('gives different streams for different names and seeds', () => {
    const root = new RngRoot(1);
    expect(firstDraws(root.fork('gateway/worker-0/lb'))).not.toEqual(firstDraws(root.fork('gateway/worker-1/lb')));
    expect(firstDraws(new RngRoot(1).fork('x'))).not.toEqual(firstDraws(new RngRoot(2).fork('x')));
  });

  it('sub-forks are named paths', () => {
    const root = new RngRoot(7);
    expect(firstDraws(root.fork('a').fork('b'))).toEqual(firstDraws(root.fork('a/b')));
  });

  it('is pinned: the first draws of a named stream never change across versions (byte-identical outputs)', () => {
    expect(firstDraws(new RngRoot(1).fork('pin'), 4)).toMatchInlineSnapshot(`
      [
        3264339964,
        4133315295,
        2986225680,
        4022082969,
      ]
    `);
  });
});

// Distribution sanity with fixed seeds; tolerances are about 5 standard errors of the estimate at N draws.
describe('Rng draws', () => {
  const r = () => new RngRoot(12345).fork('dist');

  it('random() is uniform on [0,1): mean 1/2, variance 1/12', () => {
    const g = r();
    const { mean, variance } = meanOf(N, () => g.random());
    expect(Math.abs(mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / N));
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.002);
  });

  it('double() and openUnit() stay in range', () => {
    const g = r();
    for (let i = 0; i < 10_000; i++) {
      const d = g.double();
      const o = g.openUnit();
      expect(d >= 0 && d < 1).toBe(true);
      expect(o > 0 && o < 1).toBe(true);
    }
  });

  it('below(n) and u64Mod(n) are uniform over [0, n): chi-square within its 99.9% bound', () => {
    for (const draw of ['below', 'u64Mod'] as const) {
      const g = r();
      const n = 10;
      const counts = new Array(n).fill(0);
      for (let i = 0; i < N; i++) counts[g[draw](n)]++;
      const expected = N / n;
      const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
      expect(chi2).toBeLessThan(27.88); // chi-square 9 dof, p = 0.001
    }
  });

  it('u64Mod agrees with BigInt arithmetic for large n', () => {
    const g = r();
    for (const n of [3, 1000, 65537, 10_000_019, 1 << 25]) {
      for (let i = 0; i < 100; i++) {
        const v = g.u64Mod(n);
        expect(Number.isInteger(v) && v >= 0 && v < n).toBe(true);
      }
    }
    // Same draws through both paths: replay the stream.
    const a = new RngRoot(3).fork('m');
    const b = new RngRoot(3).fork('m');
    for (let i = 0; i < 1000; i++) expect(a.u64Mod(65537)).toBe(Number(b.u64() % 65537n));
  });

  it('exponential(mean) has the given mean and variance mean^2', () => {
    const g = r();
    const { mean, variance } = meanOf(N, () => g.exponential(2));
    expect(Math.abs(mean - 2)).toBeLessThan(5 * (2 / Math.sqrt(N)));
    expect(Math.abs(variance - 4) / 4).toBeLessThan(0.05);
  });

  it('normal(mean, sd) and lognormal from (mean, cv)', () => {
    const g = r();
    const n = meanOf(N, () => g.normal(3, 2));
    expect(Math.abs(n.mean - 3)).toBeLessThan(5 * (2 / Math.sqrt(N)));
    expect(Math.abs(n.variance - 4) / 4).toBeLessThan(0.03);
    const { mu, sigma } = lognormalParams(5, 0.5);
    const l = meanOf(N, () => g.lognormal(mu, sigma));
    expect(Math.abs(l.mean - 5) / 5).toBeLessThan(0.01);
    expect(Math.abs(Math.sqrt(l.variance) / l.mean - 0.5)).toBeLessThan(0.02);
  });

  it('boundedPareto stays in [lo, hi] with the analytic mean', () => {
    const g = r();
    const alpha = 1.5;
    const lo = 1;
    const hi = 100;
    let s = 0;
    for (let i = 0; i < N; i++) {
      const x = g.boundedPareto(alpha, lo, hi);
      expect(x >= lo && x <= hi * (1 + 1e-12)).toBe(true);
      s += x;
    }
    const la = lo ** alpha;
    const analytic =
      (la / (1 - (lo / hi) ** alpha)) * (alpha / (alpha - 1)) * (1 / lo ** (alpha - 1) - 1 / hi ** (alpha - 1));
    expect(Math.abs(s / N - analytic) / analytic).toBeLessThan(0.02);
  });

  it('weightedIndex follows the weights', () => {
    const g = r();
    const w = [1, 0, 3, 6];
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < N; i++) counts[g.weightedIndex(w)]++;
    expect(counts[1]).toBe(0);
    for (const i of [0, 2, 3]) {
      const p = w[i] / 10;
      expect(Math.abs(counts[i] / N - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / N));
    }
  });

  it('intRange is inclusive', () => {
    const g = r();
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(g.intRange(3, 5));
    expect([...seen].sort()).toEqual([3, 4, 5]);
  });
});
