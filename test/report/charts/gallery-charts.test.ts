// Every chart the gallery draws shows something: no split of one backend, no latency distribution of one value or a
// handful of requests, no series of a single bin; the status series keeps 503, 504 and no answer apart and its
// stacks add up to the requests. Reads the catalog's golden run results (test/golden/*.json).
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/scenarios/run/run-result.js';
import { MIN_LATENCY_CHART_REQUESTS, runCharts } from '../../../src/report/charts/run-charts.js';

const dir = new URL('../../golden/', import.meta.url);
const results: RunResult[] = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as RunResult);

/** The inline data rows of a spec (a layered spec's first layer with data). */
function rows(spec: unknown): unknown[] {
  const s = spec as { data?: { values?: unknown[] }; layer?: Array<{ data?: { values?: unknown[] } }> };
  return s.data?.values ?? s.layer?.find((l) => l.data?.values !== undefined)?.data?.values ?? [];
}

describe('gallery charts', () => {
  it('reads every catalog result', () => {
    expect(results.length).toBeGreaterThanOrEqual(17);
  });

  for (const r of results)
    it(`${r.scenario}: no empty or degenerate chart`, () => {
      for (const c of runCharts(r)) {
        const data = rows(c.spec);
        expect(data.length, `${c.name} has no data`).toBeGreaterThan(0);
        const step = r.steps.find((s) => s.index === c.step);
        if (c.kind === 'split') expect(step!.splits.length, c.name).toBeGreaterThanOrEqual(2);
        if (c.kind === 'latency-cdf' || c.kind === 'latency-histogram') {
          expect(step!.requests, c.name).toBeGreaterThanOrEqual(MIN_LATENCY_CHART_REQUESTS);
          expect(new Set(step!.latencyHistogram.map((e) => e.ms)).size, c.name).toBeGreaterThanOrEqual(2);
        }
        // Over time: the traffic spans two bins at least (the pods' share may be empty in some: nobody served then).
        if (c.kind === 'series-pod' || c.kind === 'series-status')
          expect(r.series.filter((p) => p.requests > 0).length, c.name).toBeGreaterThanOrEqual(2);
        if (c.kind === 'series-status') {
          // The stacks of a bin add up to its requests, and no stack is negative.
          const sum = new Map<number, number>();
          for (const d of data as Array<{ t: number; count: number; key: string }>) {
            expect(d.count, `${c.name} ${d.key}`).toBeGreaterThan(0);
            sum.set(d.t, (sum.get(d.t) ?? 0) + d.count);
          }
          for (const p of r.series) if (p.requests > 0) expect(sum.get(p.t), `${c.name} t=${p.t}`).toBe(p.requests);
        }
      }
    });

  it('the overload scenario tells 503 from 504 in its status series', () => {
    const r = results.find((x) => x.scenario === 'overload-route-timeout')!;
    const keys = new Set(
      (rows(runCharts(r).find((c) => c.kind === 'series-status')!.spec) as Array<{ key: string }>).map((d) => d.key),
    );
    expect(keys.has('504')).toBe(true);
    expect(keys.has('5xx')).toBe(false);
  });
});
