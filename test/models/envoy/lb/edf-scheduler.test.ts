import { describe, expect, it } from 'vitest';
import { EdfScheduler, type EdfWeights } from '../../../../src/models/envoy/lb/edf-scheduler.js';
import { vectors, type Json } from './reference.js';

const fixed = (ws: number[]): EdfWeights => ({
  edfWeight: (i, out) => {
    out[0] = ws[i];
  },
});
function picks(s: EdfScheduler, w: EdfWeights, n: number): number[] {
  return Array.from({ length: n }, () => s.pickAndAdd(w));
}
function fresh(ws: number[]): EdfScheduler {
  const s = new EdfScheduler(ws.length);
  ws.forEach((w, i) => s.add(w, i));
  return s;
}

describe('EdfScheduler (edf_scheduler_test invariants)', () => {
  it('Unweighted: 128 equal entries come out in insertion order, repeatedly', () => {
    const ws = new Array(128).fill(1);
    const s = fresh(ws);
    const expected = [...Array(128).keys()];
    expect(picks(s, fixed(ws), 128)).toEqual(expected);
    expect(picks(s, fixed(ws), 128)).toEqual(expected);
  });

  it('Weighted: entry i with weight i+1 is picked exactly i+1 times in 8256 picks', () => {
    const ws = Array.from({ length: 128 }, (_, i) => i + 1);
    const s = fresh(ws);
    const counts = new Array(128).fill(0);
    for (const e of picks(s, fixed(ws), 8256)) counts[e]++;
    expect(counts).toEqual(ws);
  });

  it('SchedulerWithRandomPicksFirstPickDistribution: first pick after createWithPicks follows the weights within 1 point', () => {
    let seed = 12345;
    const lcg = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0);
    for (const ws of [
      [25, 75],
      [1, 99],
      [50, 50],
      [1, 20, 79],
    ]) {
      const total = ws.reduce((a, b) => a + b, 0);
      const counts = new Array(ws.length).fill(0);
      const trials = 20000;
      for (let t = 0; t < trials; t++)
        counts[EdfScheduler.createWithPicks(ws.length, fixed(ws), lcg()).pickAndAdd(fixed(ws))]++;
      ws.forEach((w, i) => expect(Math.abs((100 * counts[i]) / trials - (100 * w) / total)).toBeLessThanOrEqual(1));
    }
  });
});

describe('EdfScheduler derived sequences (envoy-vectors.json)', () => {
  const d = vectors.edf_scheduler.derived_sequences;
  it('fresh scheduler, weights 1,2,3', () => {
    expect(picks(fresh([1, 2, 3]), fixed([1, 2, 3]), 24)).toEqual(d.fresh_scheduler_weights_1_2_3.first_24_picks);
  });
  it.each((d.createWithPicks_weights_1_2_3 as Json[]).map((x: Json) => [x.picks, x]))(
    'createWithPicks 1,2,3 with %i pre-picks',
    (_p, x: Json) => {
      expect(picks(EdfScheduler.createWithPicks(3, fixed([1, 2, 3]), x.picks), fixed([1, 2, 3]), 12)).toEqual(
        x.next_12,
      );
    },
  );
  it.each((d.createWithPicks_weights_25_75 as Json[]).map((x: Json) => [x.picks, x]))(
    'createWithPicks 25,75 with %i pre-picks',
    (_p, x: Json) => {
      expect(picks(EdfScheduler.createWithPicks(2, fixed([25, 75]), x.picks), fixed([25, 75]), 8)).toEqual(x.next_8);
    },
  );
  it('pre-picks are taken modulo 429496729', () => {
    const a = picks(EdfScheduler.createWithPicks(3, fixed([1, 2, 3]), 5), fixed([1, 2, 3]), 12);
    const b = picks(EdfScheduler.createWithPicks(3, fixed([1, 2, 3]), 429496729 + 5), fixed([1, 2, 3]), 12);
    expect(b).toEqual(a);
  });
});
