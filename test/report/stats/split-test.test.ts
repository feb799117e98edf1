import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { chiSquareSurvival, gammaP, gammaQ, logGamma } from '../../../src/report/stats/incomplete-gamma.js';
import { exactBinomialPValue, pearsonChiSquare, splitTest } from '../../../src/report/stats/split-test.js';

describe('logGamma', () => {
  it('matches ln((n-1)!) for integers and ln(sqrt(pi)) at 1/2', () => {
    let fact = 1;
    for (let n = 1; n <= 20; n++) {
      expect(logGamma(n)).toBeCloseTo(Math.log(fact), 10);
      fact *= n;
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 12);
  });
});

describe('incomplete gamma', () => {
  it('Q(1, x) = exp(-x) on both sides of the series/continued-fraction switch', () => {
    for (const x of [0.01, 0.5, 1.9, 2, 2.1, 10, 50]) expect(gammaQ(1, x)).toBeCloseTo(Math.exp(-x), 12);
  });
  it('P + Q = 1', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 200, noNaN: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        (a, x) => Math.abs(gammaP(a, x) + gammaQ(a, x) - 1) < 1e-9,
      ),
      { seed: 42, numRuns: 300 },
    );
  });
  it('chi-square critical values give their tail probabilities (tables: 3.841/1 df, 5.991/2, 11.070/5, 23.209/10 at 0.05/0.05/0.05/0.01)', () => {
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 9);
    expect(chiSquareSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 9);
    expect(chiSquareSurvival(11.070497693516351, 5)).toBeCloseTo(0.05, 9);
    expect(chiSquareSurvival(23.209251158954356, 10)).toBeCloseTo(0.01, 9);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });
  it('keeps precision deep in the tail (X² = 100, 1 df: erfc(sqrt(50)) = 1.524e-23)', () => {
    expect(chiSquareSurvival(100, 1) / 1.5239706048321186e-23).toBeCloseTo(1, 6);
  });
  it('rejects a <= 0', () => {
    expect(() => gammaQ(0, 1)).toThrow(RangeError);
  });
});

/** Direct two-sided binomial p-value with products (no logs): an independent check for small n. */
function directBinomial(k: number, n: number, p: number): number {
  const pmf: number[] = [];
  for (let i = 0; i <= n; i++) {
    let c = 1;
    for (let j = 1; j <= i; j++) c = (c * (n - i + j)) / j;
    pmf.push(c * p ** i * (1 - p) ** (n - i));
  }
  return pmf.filter((x) => x <= pmf[k] * (1 + 1e-7)).reduce((a, b) => a + b, 0);
}

describe('exact binomial test', () => {
  it('fair coin: 2 of 10 -> 112/1024, 9 of 10 -> 22/1024, 5 of 10 -> 1', () => {
    expect(exactBinomialPValue(2, 10, 0.5)).toBeCloseTo(112 / 1024, 12);
    expect(exactBinomialPValue(9, 10, 0.5)).toBeCloseTo(22 / 1024, 12);
    expect(exactBinomialPValue(5, 10, 0.5)).toBeCloseTo(1, 12);
  });
  it('agrees with a direct product computation for small n', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.nat(),
        (n, p, kk) => {
          const k = kk % (n + 1);
          return Math.abs(exactBinomialPValue(k, n, p) - Math.min(1, directBinomial(k, n, p))) < 1e-9;
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
  it('the workshop 99/1 split (494 / 6 of 500) is plausible, 470 / 30 is not', () => {
    const ok = splitTest([494, 6], [0.99, 0.01]);
    expect(ok.method).toBe('exact-binomial');
    expect(ok.pValue).toBeGreaterThan(0.5);
    expect(splitTest([470, 30], [0.99, 0.01]).pValue).toBeLessThan(1e-6);
  });
});

describe('splitTest', () => {
  it('uses chi-square for 3+ backends: 25/25/25/25 fits exactly (X² = 0, p = 1)', () => {
    const t = splitTest([25, 25, 25, 25], [0.25, 0.25, 0.25, 0.25]);
    expect(t).toEqual({ method: 'chi-square', statistic: 0, df: 3, pValue: 1 });
  });
  it('X² by hand: [30, 20, 50] against thirds', () => {
    const e = 100 / 3;
    const x2 = ((30 - e) ** 2 + (20 - e) ** 2 + (50 - e) ** 2) / e;
    expect(pearsonChiSquare([30, 20, 50], [1 / 3, 1 / 3, 1 / 3])).toBeCloseTo(x2, 12);
    expect(splitTest([30, 20, 50], [1, 1, 1]).pValue).toBeCloseTo(chiSquareSurvival(x2, 2), 12);
  });
  it('a single backend or no requests is untested; traffic on a weight-0 backend is impossible', () => {
    expect(splitTest([100], [1]).method).toBe('none');
    expect(splitTest([0, 0], [0.5, 0.5]).method).toBe('none');
    expect(splitTest([10, 0], [1, 0]).method).toBe('none');
    expect(splitTest([9, 1], [1, 0])).toEqual({ method: 'impossible', statistic: null, df: null, pValue: 0 });
  });
  it('p-values are probabilities', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 500 }), { minLength: 2, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 6, maxLength: 6 }),
        (counts, w) => {
          const t = splitTest(counts, w.slice(0, counts.length));
          return t.pValue === null || (t.pValue >= 0 && t.pValue <= 1);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });
});
