// The grid: mixed-radix cells, stable run ids, shards that partition the cells.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellAt, expandGrid, inShard, parseShard, runId } from '../../../src/scenarios/sweep/grid.js';
import { parseSetFlags, parseSweepValue } from '../../../src/scenarios/sweep/set-flag.js';

describe('grid', () => {
  const dims = parseSetFlags(['spec.gateway.workers=1,2', 'deployment/backend.replicas=2,4,8']);

  it('enumerates cells with the last --set varying fastest', () => {
    expect(expandGrid(dims).map((c) => c.params.map((p) => p.value))).toEqual([
      [1, 2],
      [1, 4],
      [1, 8],
      [2, 2],
      [2, 4],
      [2, 8],
    ]);
    expect(cellAt(dims, 4)).toEqual({
      index: 4,
      params: [
        { path: 'spec.gateway.workers', value: 2 },
        { path: 'deployment/backend.replicas', value: 4 },
      ],
    });
    expect(expandGrid([])).toEqual([{ index: 0, params: [] }]);
  });

  it('types values: numbers, booleans, strings', () => {
    expect(['1000', '2.5', '1e3', 'true', 'false', '10ms', 'RoundRobin', ' 7 '].map(parseSweepValue)).toEqual([
      1000,
      2.5,
      1000,
      true,
      false,
      '10ms',
      'RoundRobin',
      7,
    ]);
    expect(() => parseSetFlags(['spec.gateway.workers'])).toThrow(/PATH=V1,V2/);
    expect(() => parseSetFlags(['spec.gateway.workers=1,,2'])).toThrow(/empty value/);
    expect(() => parseSetFlags(['spec.gateway.workers=1,1'])).toThrow(/repeats/);
    expect(() => parseSetFlags(['spec.gateway.workers=1', 'spec.gateway.workers=2'])).toThrow(/given twice/);
  });

  it('run ids depend on the values and seed, not on --set order', () => {
    const a = runId(
      [
        { path: 'x', value: 1 },
        { path: 'y', value: 'a' },
      ],
      1,
    );
    expect(a).toMatch(/^[0-9a-f]{16}$/);
    expect(
      runId(
        [
          { path: 'y', value: 'a' },
          { path: 'x', value: 1 },
        ],
        1,
      ),
    ).toBe(a);
    expect(
      runId(
        [
          { path: 'x', value: 1 },
          { path: 'y', value: 'a' },
        ],
        2,
      ),
    ).not.toBe(a);
    expect(
      runId(
        [
          { path: 'x', value: '1' },
          { path: 'y', value: 'a' },
        ],
        1,
      ),
    ).not.toBe(a);
  });

  it('shards (0-based I/N) partition the cells', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    for (const bad of ['4/4', '1/0', 'a/b', '1', '-1/2']) expect(() => parseShard(bad)).toThrow(/I\/N/);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 200 }), (n, cells) => {
        for (let i = 0; i < cells; i++) {
          const owners = Array.from({ length: n }, (_, k) => k).filter((k) => inShard(i, { index: k, count: n }));
          expect(owners).toEqual([i % n]);
        }
      }),
      { seed: 42, numRuns: 50 },
    );
  });
});
