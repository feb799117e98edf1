import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { LocalityEdf } from '../../../../src/models/envoy/split/locality-edf.js';

const edf = (
  JSON.parse(readFileSync(new URL('./envoy-split-vectors.json', import.meta.url), 'utf8')) as {
    edf_scheduler: {
      derived_sequences: {
        createWithPicks_weights_1_2_3: { picks: number; next_12: number[] }[];
        createWithPicks_weights_25_75: { picks: number; next_8: number[] }[];
      };
    };
  }
).edf_scheduler.derived_sequences;

function take(s: LocalityEdf, n: number): number[] {
  return Array.from({ length: n }, () => s.pick());
}

describe('LocalityEdf (Envoy EdfScheduler with createWithPicks)', () => {
  it('reproduces the 8 derived createWithPicks sequences for weights 1,2,3', () => {
    expect(edf.createWithPicks_weights_1_2_3).toHaveLength(8);
    for (const c of edf.createWithPicks_weights_1_2_3)
      expect(take(new LocalityEdf([1, 2, 3], c.picks), 12)).toEqual(c.next_12);
  });

  it('reproduces the 6 derived createWithPicks sequences for weights 25,75 (incl. the picks=23 epsilon case)', () => {
    expect(edf.createWithPicks_weights_25_75).toHaveLength(6);
    for (const c of edf.createWithPicks_weights_25_75)
      expect(take(new LocalityEdf([25, 75], c.picks), 8)).toEqual(c.next_8);
  });

  it('Envoy test Unweighted: 128 equal weights come out in insertion order and repeat', () => {
    const s = new LocalityEdf(new Array(128).fill(1), 0);
    const seq = take(s, 256);
    expect(seq).toEqual([...Array(128).keys(), ...Array(128).keys()]);
  });

  it('Envoy test Weighted: weight i+1 over 8256 picks gives entry i exactly i+1 picks', () => {
    const s = new LocalityEdf(
      Array.from({ length: 128 }, (_, i) => i + 1),
      0,
    );
    const counts = new Array(128).fill(0);
    for (let k = 0; k < 8256; k++) counts[s.pick()]++;
    expect(counts).toEqual(Array.from({ length: 128 }, (_, i) => i + 1));
  });

  it('Envoy test SchedulerWithRandomPicksFirstPickDistribution: the first pick follows the weights (1 point)', () => {
    for (const weights of [
      [25, 75],
      [1, 99],
      [50, 50],
      [1, 20, 79],
    ]) {
      const counts = new Array(weights.length).fill(0);
      const n = 10_000;
      // picks spread over the uint32 range like random seeds.
      for (let k = 0; k < n; k++) counts[new LocalityEdf(weights, Math.imul(k, 2654435761) >>> 0).pick()]++;
      weights.forEach((w, i) => expect(Math.abs((100 * counts[i]) / n - w)).toBeLessThanOrEqual(1));
    }
  });
});
