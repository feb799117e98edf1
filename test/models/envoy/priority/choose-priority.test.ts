import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  choiceIsDegraded,
  choicePriority,
  choosePriority,
  PriorityChooser,
} from '../../../../src/models/envoy/priority/choose-priority.js';
import { computePriorityLoad } from '../../../../src/models/envoy/priority/priority-load.js';
import { RngRoot } from '../../../../src/sim/rng.js';

const examples = (
  JSON.parse(readFileSync(new URL('./envoy-priority-vectors.json', import.meta.url), 'utf8')) as {
    choose_priority_examples: { h: string; loads: number[]; priority: number }[];
  }
).choose_priority_examples;

describe('choosePriority', () => {
  it('reproduces the 4 choose_priority_examples of envoy-vectors.json', () => {
    expect(examples.length).toBe(4);
    for (const e of examples) {
      const c = choosePriority(Number(BigInt(e.h) % 100n), e.loads, [0, 0]);
      expect(choicePriority(c)).toBe(e.priority);
      expect(choiceIsDegraded(c)).toBe(false);
    }
  });

  it('walks degraded loads after all healthy loads: healthy 0/0/28, degraded 28/44/0', () => {
    const h = [0, 0, 28];
    const d = [28, 44, 0];
    const got = [0, 27, 28, 55, 56, 99].map((x) => {
      const c = choosePriority(x, h, d);
      return `${choicePriority(c)}${choiceIsDegraded(c) ? 'd' : 'h'}`;
    });
    expect(got).toEqual(['2h', '2h', '0d', '0d', '1d', '1d']);
  });

  it('PriorityChooser draws random() % 100: a 70/30 split over 100 000 picks is within 4 sd of 30 %', () => {
    const chooser = new PriorityChooser(
      computePriorityLoad([
        { hosts: 4, healthy: 2, degraded: 0, excluded: 0 },
        { hosts: 4, healthy: 2, degraded: 0, excluded: 0 },
      ]),
    );
    const rng = new RngRoot(7).fork('priority');
    let p1 = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) if (choicePriority(chooser.pick(rng)) === 1) p1++;
    const sd = Math.sqrt(n * 0.3 * 0.7);
    expect(Math.abs(p1 - 0.3 * n)).toBeLessThan(4 * sd);
  });
});
