// The SLO search's bisection against a known threshold: it brackets the threshold to the precision asked.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateBisection, roundRate } from '../../../src/scenarios/sweep/bisection.js';

function search(
  lo: number,
  hi: number,
  precision: number,
  passes: (r: number) => boolean,
): { probes: number[]; result: ReturnType<RateBisection['result']> } {
  const b = new RateBisection(lo, hi, precision);
  const probes: number[] = [];
  for (let r = b.next(); r !== null; r = b.next()) {
    probes.push(r);
    b.record(r, passes(r));
  }
  return { probes, result: b.result() };
}

describe('RateBisection', () => {
  it('probes lo, hi, then geometric midpoints', () => {
    const { probes, result } = search(100, 1600, 0.05, (r) => r <= 900);
    expect(probes).toEqual([100, 1600, 400, 800, 1131, 951, 872, 911]);
    expect(result).toEqual({ maxRate: 872, failRate: 911, outcome: 'found' }); // 911/872 <= 1.05: done
  });

  it('reports a range that is all passing or all failing', () => {
    expect(search(10, 100, 0.01, () => true)).toEqual({
      probes: [10, 100],
      result: { maxRate: 100, failRate: null, outcome: 'above-range' },
    });
    expect(search(10, 100, 0.01, () => false)).toEqual({
      probes: [10],
      result: { maxRate: null, failRate: 10, outcome: 'below-range' },
    });
  });

  it('brackets any threshold within the precision (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 99_000 }), fc.constantFrom(0.01, 0.02, 0.05), (t, precision) => {
        const { probes, result } = search(10, 100_000, precision, (r) => r <= t);
        expect(result.outcome).toBe('found');
        expect(result.maxRate!).toBeLessThanOrEqual(t);
        expect(result.failRate!).toBeGreaterThan(t);
        expect(result.failRate! / result.maxRate!).toBeLessThanOrEqual(1 + precision + 1 / result.maxRate!);
        expect(probes.length).toBeLessThanOrEqual(
          2 + Math.ceil(Math.log2(Math.log(10_000) / Math.log(1 + precision))) + 1,
        );
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('rounds rates to whole requests per second from 10/s', () => {
    expect([roundRate(1234.5), roundRate(9.876), roundRate(0.1234)]).toEqual([1235, 9.88, 0.12]);
    expect(() => new RateBisection(10, 10, 0.01)).toThrow(RangeError);
  });
});
