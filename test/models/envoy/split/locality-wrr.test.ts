// Figures from envoy test/extensions/load_balancing_policies/common/locality_wrr_test.cc (seed 0), not in the shared reference.
import { describe, it, expect } from 'vitest';
import { effectiveLocalityWeight, LocalityWrr, NO_LOCALITY } from '../../../../src/models/envoy/split/locality-wrr.js';

const loc = (weight: number, hosts: number, healthy: number, excluded = 0, degraded = 0) => ({
  weight,
  hosts,
  healthy,
  degraded,
  excluded,
});

function healthyPicks(w: LocalityWrr, n: number): number[] {
  return Array.from({ length: n }, () => w.chooseHealthyLocality());
}

function counts(w: LocalityWrr, n: number, k: number): number[] {
  const c = new Array(k).fill(0);
  for (let i = 0; i < n; i++) c[w.chooseHealthyLocality()]++;
  return c;
}

describe('LocalityWrr reproduces Envoy locality_wrr_test figures', () => {
  it('UnweightedLocalities: 0,1,2,0,1,2', () => {
    expect(healthyPicks(new LocalityWrr([loc(1, 1, 1), loc(1, 1, 1), loc(1, 1, 1)], 0), 6)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('WeightedLocalities 1:2: 1,0,1,1,0,1', () => {
    expect(healthyPicks(new LocalityWrr([loc(1, 1, 1), loc(2, 1, 1)], 0), 6)).toEqual([1, 0, 1, 1, 0, 1]);
  });

  it('MissingWeight 1:0:1: the zero-weight locality is never picked', () => {
    expect(healthyPicks(new LocalityWrr([loc(1, 1, 1), loc(0, 1, 1), loc(1, 1, 1)], 0), 6)).toEqual([0, 2, 0, 2, 0, 2]);
  });

  it('NotWarmedHostsLocality: excluded hosts leave the denominator (1 of 3 healthy, 2 excluded) -> 0,1,0,1', () => {
    expect(healthyPicks(new LocalityWrr([loc(1, 3, 1, 2), loc(1, 2, 2)], 0), 4)).toEqual([0, 1, 0, 1]);
  });

  it('WeightedAllChosen 1:6:3: first picks with seeds 0..9 land 1/6/3', () => {
    const c = [0, 0, 0];
    for (let seed = 0; seed < 10; seed++)
      c[new LocalityWrr([loc(1, 1, 1), loc(6, 1, 1), loc(3, 1, 1)], seed).chooseHealthyLocality()]++;
    expect(c).toEqual([1, 6, 3]);
  });

  it('UnhealthyFailover 1:2 with 5..0 of 5 healthy in locality 0: 33/67 33/67 29/71 22/78 12/88 0/100 per 100 picks', () => {
    const expected = [
      [33, 67],
      [33, 67],
      [29, 71],
      [22, 78],
      [12, 88],
      [0, 100],
    ];
    [5, 4, 3, 2, 1, 0].forEach((healthy, i) =>
      expect(counts(new LocalityWrr([loc(1, 5, healthy), loc(2, 1, 1)], 0), 100, 2)).toEqual(expected[i]),
    );
  });

  it('OverProvisioningFactorTest LocalityPickChanges: OPF 100 -> 33/67, OPF 200 -> 50/50', () => {
    const l = [loc(1, 2, 1), loc(1, 1, 1)];
    expect(counts(new LocalityWrr(l, 0, 100), 100, 2)).toEqual([33, 67]);
    expect(counts(new LocalityWrr(l, 0, 200), 100, 2)).toEqual([50, 50]);
  });

  it('AllHostsUnhealthy / AllZeroWeights: no locality', () => {
    expect(new LocalityWrr([loc(1, 1, 0), loc(1, 1, 0)], 0).chooseHealthyLocality()).toBe(NO_LOCALITY);
    expect(new LocalityWrr([loc(0, 1, 1), loc(0, 1, 1)], 0).chooseHealthyLocality()).toBe(NO_LOCALITY);
  });

  it('degraded hosts get their own schedule', () => {
    const w = new LocalityWrr([loc(1, 2, 0, 0, 2), loc(3, 2, 2)], 0);
    expect(w.chooseDegradedLocality()).toBe(0);
  });

  it('effective weight: 1 of 4 healthy keeps 35 % (1.4 x 0.25)', () => {
    expect(effectiveLocalityWeight(1, 1, 4, 0)).toBeCloseTo(0.35, 15);
    expect(effectiveLocalityWeight(10, 4, 4, 0)).toBe(10);
    expect(effectiveLocalityWeight(10, 0, 3, 3)).toBe(0);
  });
});
