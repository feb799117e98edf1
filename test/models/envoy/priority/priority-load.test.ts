import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { computePriorityLoad } from '../../../../src/models/envoy/priority/priority-load.js';
import type { PriorityLevel } from '../../../../src/models/envoy/priority/priority-level.js';

interface Vector {
  priorities: PriorityLevel[];
  overprovisioning_factor: number;
  panic_threshold: number;
  expected_healthy_load: number[];
  expected_degraded_load: number[];
  expected_panic: boolean[];
  note?: string;
}

const vectors = (
  JSON.parse(readFileSync(new URL('./envoy-priority-vectors.json', import.meta.url), 'utf8')) as { vectors: Vector[] }
).vectors;

describe('computePriorityLoad reproduces envoy-vectors.json priority_load', () => {
  it('has the 13 vectors', () => expect(vectors.length).toBe(13));
  for (const [i, v] of vectors.entries()) {
    it(`vector ${i}: ${v.priorities.map((p) => `${p.healthy}/${p.hosts}${p.degraded ? `+${p.degraded}d` : ''}${p.excluded ? `-${p.excluded}x` : ''}`).join(', ')}${v.note ? ` (${v.note})` : ''}`, () => {
      const got = computePriorityLoad(v.priorities, {
        overprovisioningFactor: v.overprovisioning_factor,
        healthyPanicThreshold: v.panic_threshold,
      });
      expect(got.healthyLoad).toEqual(v.expected_healthy_load);
      expect(got.degradedLoad).toEqual(v.expected_degraded_load);
      expect(got.panic).toEqual(v.expected_panic);
    });
  }
});

describe('computePriorityLoad: other Envoy rules', () => {
  it('the 3-level 10/20/10 health, 20/10/0 degraded example of the Envoy source comment gives 16/28/14 and 28/14/0', () => {
    // OPF 100 and 10 hosts per level turn counts straight into percentages.
    const levels = [
      { hosts: 10, healthy: 1, degraded: 2, excluded: 0 },
      { hosts: 10, healthy: 2, degraded: 1, excluded: 0 },
      { hosts: 10, healthy: 1, degraded: 0, excluded: 0 },
    ];
    const got = computePriorityLoad(levels, { overprovisioningFactor: 100, healthyPanicThreshold: 0 });
    expect(got.healthyLoad).toEqual([16, 28, 14]);
    expect(got.degradedLoad).toEqual([28, 14, 0]);
  });

  it('threshold 0 and nothing available: P0 gets 100 and no level panics', () => {
    const got = computePriorityLoad(
      [
        { hosts: 3, healthy: 0, degraded: 0, excluded: 0 },
        { hosts: 2, healthy: 0, degraded: 0, excluded: 0 },
      ],
      { healthyPanicThreshold: 0 },
    );
    expect(got).toEqual({ healthyLoad: [100, 0], degradedLoad: [0, 0], panic: [false, false] });
  });

  it('no panic anywhere once normalized total availability is 100, however bad one level is', () => {
    const got = computePriorityLoad([
      { hosts: 10, healthy: 1, degraded: 0, excluded: 0 },
      { hosts: 10, healthy: 10, degraded: 0, excluded: 0 },
    ]);
    expect(got.healthyLoad).toEqual([14, 86]);
    expect(got.panic).toEqual([false, false]);
  });

  it('Envoy Gateway fallback starts below ~72 % healthy at P0 (1.4 x 71 % < 100)', () => {
    const p1 = { hosts: 4, healthy: 4, degraded: 0, excluded: 0 };
    expect(computePriorityLoad([{ hosts: 100, healthy: 72, degraded: 0, excluded: 0 }, p1]).healthyLoad).toEqual([
      100, 0,
    ]);
    expect(computePriorityLoad([{ hosts: 100, healthy: 71, degraded: 0, excluded: 0 }, p1]).healthyLoad).toEqual([
      99, 1,
    ]);
  });

  const level = fc
    .record({ hosts: fc.integer({ min: 0, max: 40 }), a: fc.nat(), b: fc.nat(), c: fc.nat() })
    .map(({ hosts, a, b, c }) => {
      const excluded = hosts === 0 ? 0 : a % (hosts + 1);
      const healthy = hosts - excluded === 0 ? 0 : b % (hosts - excluded + 1);
      const degraded = hosts - excluded - healthy === 0 ? 0 : c % (hosts - excluded - healthy + 1);
      return { hosts, healthy, degraded, excluded };
    });

  it('loads are non-negative integers summing to exactly 100 (property)', () => {
    fc.assert(
      fc.property(
        fc.array(level, { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 100, max: 300 }),
        fc.integer({ min: 0, max: 120 }),
        (levels, opf, thr) => {
          const got = computePriorityLoad(levels, { overprovisioningFactor: opf, healthyPanicThreshold: thr });
          const all = [...got.healthyLoad, ...got.degradedLoad];
          expect(all.every((x) => Number.isInteger(x) && x >= 0)).toBe(true);
          expect(all.reduce((s, x) => s + x, 0)).toBe(100);
        },
      ),
      { seed: 42, numRuns: 400 },
    );
  });

  it('a fully healthy P0 takes all the load (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.array(level, { maxLength: 4 }), (n, rest) => {
        const got = computePriorityLoad([{ hosts: n, healthy: n, degraded: 0, excluded: 0 }, ...rest]);
        expect(got.healthyLoad[0]).toBe(100);
      }),
      { seed: 42, numRuns: 200 },
    );
  });
});
