import { describe, it, expect } from 'vitest';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { renderSvg } from '../../../src/report/charts/render-svg.js';
import { keyChart, runCharts } from '../../../src/report/charts/run-charts.js';
import { eventLabels, eventMarks } from '../../../src/report/charts/event-layers.js';
import { sweepP99Spec } from '../../../src/report/charts/sweep-chart.js';
import { cdfPoints } from '../../../src/report/charts/latency-charts.js';
import { FIXTURES, loadFixture } from '../fixtures.js';

const GOLDEN = new URL('../../golden/report/round-robin/', import.meta.url).pathname;

/** Compares with the golden file; UPDATE_GOLDEN=1 rewrites it (review the diff before committing). */
function golden(name: string, actual: string): void {
  const path = GOLDEN + name;
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

describe('run charts', () => {
  it('names the charts of each fixture and picks the chart that makes its point', () => {
    const names = (f: (typeof FIXTURES)[number]) => runCharts(loadFixture(f)).map((c) => c.name);
    // Its 100 curls fit in one second: a series of one bin would be one bar, so there is none.
    expect(names('round-robin')).toEqual(['step-8-pods', 'step-8-latency-histogram', 'step-8-latency-cdf']);
    expect(names('cluster-mesh')).toEqual([
      'step-10-split-0',
      'step-10-pods',
      'step-10-latency-histogram',
      'step-10-latency-cdf',
      'series-by-pod',
      'series-by-status',
    ]);
    const key = (f: (typeof FIXTURES)[number]) => {
      const r = loadFixture(f);
      return keyChart(r, runCharts(r))?.name;
    };
    expect(key('round-robin')).toBe('step-8-pods'); // the even round robin
    expect(key('cluster-mesh')).toBe('step-10-split-0'); // the 99/1 split
    expect(key('ha-failover')).toBe('series-by-pod'); // the failover moment
    expect(key('consistent-hash')).toBe('step-7-pods'); // the stuck cookie
  });

  it('the stuck cookie chart lists the nine idle pods too (from the timeline)', () => {
    const r = loadFixture('consistent-hash');
    r.steps[7].byBackend = r.steps[7].byBackend.filter((b) => b.count > 0); // as the runner reports it: served pods only
    const pods = runCharts(r).find((c) => c.name === 'step-7-pods')!;
    const values = (pods.spec as { layer: Array<{ data: { values: Array<{ pod: string; count: number }> } }> }).layer[0]
      .data.values;
    expect(values).toHaveLength(10);
    expect(values.filter((v) => v.count === 10).map((v) => v.pod)).toEqual(['backend-765694d47f-8vwcf']);
  });

  it('renders the same SVG twice, byte for byte, for every chart of every fixture', async () => {
    for (const f of FIXTURES) {
      for (const c of runCharts(loadFixture(f))) {
        const a = await renderSvg(c.spec, c.name);
        const b = await renderSvg(c.spec, c.name);
        expect(a).toBe(b);
        expect(a.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      }
    }
  });

  it('prefixes SVG ids so charts inlined in one page do not clash', async () => {
    const c = runCharts(loadFixture('round-robin'))[0];
    const svg = await renderSvg(
      { ...c.spec, config: { ...c.spec.config, view: { clip: true } } } as typeof c.spec,
      'p1',
    );
    const ids = [...svg.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
    for (const id of ids) expect(id.startsWith('p1-')).toBe(true);
    for (const m of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
    expect(() => renderSvg(c.spec, '1 bad')).toThrow(RangeError);
  });

  it('golden: round-robin requests-per-pod chart (Vega-Lite spec and SVG)', async () => {
    const c = runCharts(loadFixture('round-robin')).find((x) => x.name === 'step-8-pods')!;
    golden('step-8-pods.vl.json', JSON.stringify(c.spec, null, 2) + '\n');
    golden('step-8-pods.svg', (await renderSvg(c.spec, c.name)) + '\n');
  });
});

describe('chart data', () => {
  it('event labels: failures lead a cluster of nearby events; steps are not drawn', () => {
    const r = loadFixture('ha-failover');
    const marks = eventMarks(r.timeline, 29, 66);
    expect(marks.map((m) => m.kind)).toEqual([
      'pod.started',
      'pod.ready',
      'endpoint.removed',
      'endpoint.added',
      'config.pushed',
      'outlier.ejected',
      'outlier.unejected',
      'outlier.ejected',
    ]);
    expect(eventLabels(marks, 29, 66)).toEqual([
      { t: 40.6, label: 'endpoint.removed active-8cf8787d5-klpgv (+4)', bad: true },
      { t: 45.001, label: 'outlier.ejected active-6d9c7b5f4-x2mqt', bad: true },
      { t: 55.001, label: 'outlier.ejected active-6d9c7b5f4-x2mqt (+1)', bad: true },
    ]);
  });
  it('CDF points rise to 1 in histogram order', () => {
    const pts = cdfPoints(loadFixture('round-robin').steps[8]);
    expect(pts[pts.length - 1].fraction).toBe(1);
    for (let i = 1; i < pts.length; i++) expect(pts[i].fraction).toBeGreaterThan(pts[i - 1].fraction);
  });
  it('sweep chart: one line per configuration, the target as a rule', async () => {
    const spec = sweepP99Spec(
      'p99 vs load',
      [
        { config: 'round-robin', rate: 1000, p99Ms: 4 },
        { config: 'least-request', rate: 1000, p99Ms: 3 },
        { config: 'round-robin', rate: 2000, p99Ms: 60 },
        { config: 'least-request', rate: 2000, p99Ms: 20 },
      ],
      50,
    );
    const layers = (spec as { layer: Array<{ data: { values: unknown[] }; mark: { type: string } }> }).layer;
    expect(layers.map((l) => l.mark.type)).toEqual(['line', 'rule', 'text']);
    expect(layers[0].data.values.map((v) => (v as { config: string }).config)).toEqual([
      'least-request',
      'least-request',
      'round-robin',
      'round-robin',
    ]);
    const svg = await renderSvg(spec, 'sweep');
    expect(svg).toContain('target 50 ms');
  });
});

describe('series charts', () => {
  // Each time bin's bars stack: the pods' (or statuses') requests/s sit on top of each other up to the bin's total, never
  // overlapping from zero (rects with x and x2 are not stacked by Vega-Lite's encoding alone).
  it('stack the bars of one time bin up to its total', async () => {
    const r = loadFixture('cluster-mesh');
    const chart = runCharts(r).find((c) => c.name === 'series-by-pod')!;
    const view = new vega.View(vega.parse(compile(chart.spec).spec), { renderer: 'none' });
    await view.runAsync();
    const rects: Array<{ x: number; y: number; y2: number }> = [];
    const walk = (node: {
      marktype?: string;
      items?: unknown[];
      x?: number;
      y?: number;
      y2?: number;
      height?: number;
    }): void => {
      for (const item of (node.items ?? []) as Array<typeof node>) {
        if (node.marktype === 'rect' && item.x !== undefined && item.y !== undefined)
          rects.push({ x: item.x, y: item.y, y2: item.y2 ?? item.y + (item.height ?? 0) });
        walk(item);
      }
    };
    walk((view.scenegraph() as unknown as { root: never }).root);
    view.finalize();
    const byBin = new Map<number, Array<{ y: number; y2: number }>>();
    for (const rect of rects)
      byBin.set(rect.x, [
        ...(byBin.get(rect.x) ?? []),
        { y: Math.min(rect.y, rect.y2), y2: Math.max(rect.y, rect.y2) },
      ]);
    const multi = [...byBin.values()].filter((bars) => bars.length > 1);
    expect(multi.length).toBeGreaterThan(0);
    for (const bars of multi) {
      bars.sort((a, b) => a.y - b.y);
      for (let i = 1; i < bars.length; i++) expect(bars[i].y).toBeCloseTo(bars[i - 1].y2, 6);
    }
  });
});
