// Requests per second over simulated time from the run's series, stacked by backend pod or by status class, with
// timeline events as rules and labels. Pure: RunResult in, Vega-Lite spec out.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult } from '../../scenarios/run/run-result.js';
import { seriesPods } from '../data/series-csv.js';
import { eventLayers } from './event-layers.js';
import { CHART_CONFIG, CHART_WIDTH, STATUS_COLORS, chartTitle } from './theme.js';

export type SeriesBreakdown = 'pod' | 'status';

interface Cell {
  t: number;
  t2: number;
  key: string;
  rps: number;
  count: number;
}

/**
 * The status breakdown keeps Envoy's 503 (no healthy upstream, refused connect, overflow), its 504 (route timeout) and
 * no answer at all apart: they are different failures with different causes.
 */
const STATUS_KEYS = ['no answer', '1xx', '2xx', '3xx', '4xx', '503', '504', 'other 5xx'] as const;

function statusCounts(p: RunResult['series'][number]): Record<string, number> {
  const s503 = p.byStatus?.['503'] ?? 0;
  const s504 = p.byStatus?.['504'] ?? 0;
  const { ['5xx']: all5xx = 0, error = 0, ...rest } = p.byClass;
  return { ...rest, 'no answer': error, '503': s503, '504': s504, 'other 5xx': all5xx - s503 - s504 };
}

function cells(result: RunResult, by: SeriesBreakdown): Cell[] {
  const bin = result.seriesBinSeconds;
  const keys = by === 'pod' ? seriesPods(result) : [...STATUS_KEYS];
  const out: Cell[] = [];
  for (const p of result.series) {
    const counts = by === 'pod' ? p.byPod : statusCounts(p);
    for (const key of keys) {
      const count = counts[key] ?? 0;
      if (count > 0) out.push({ t: p.t, t2: p.t + bin, key, rps: count / bin, count });
    }
  }
  return out;
}

/** The time span the chart shows: the bins with requests, padded by one bin before and after. */
export function seriesSpan(result: RunResult): [number, number] {
  // Leading and trailing empty bins (setup, waits) would squash the traffic into a sliver.
  const busy = result.series.filter((p) => p.requests > 0);
  if (busy.length === 0) return [0, result.simulatedSeconds];
  const bin = result.seriesBinSeconds;
  return [Math.max(0, busy[0].t - bin), busy[busy.length - 1].t + 2 * bin];
}

export function seriesSpec(title: string, result: RunResult, by: SeriesBreakdown): TopLevelSpec {
  const values = cells(result, by);
  const [t0, t1] = seriesSpan(result);
  const keys = [...new Set(values.map((c) => c.key))];
  const color =
    by === 'status'
      ? {
          field: 'key',
          type: 'nominal',
          title: 'status',
          scale: { domain: keys, range: keys.map((k) => STATUS_COLORS[k] ?? '#000000') },
          legend: { orient: 'bottom' },
        }
      : { field: 'key', type: 'nominal', title: 'pod', sort: keys, legend: { orient: 'bottom', columns: 2 } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Requests per second by ${by} over simulated time`,
    title: chartTitle(
      title,
      `requests per second by ${by === 'pod' ? 'backend pod' : 'status class'}, ${result.seriesBinSeconds} s bins; dashed rules are timeline events`,
    ),
    width: CHART_WIDTH,
    height: 220,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values },
        // Rects with x and x2 are not stacked by Vega-Lite's encoding (they would overlap, each from zero): stack
        // explicitly, per time bin, in key order.
        transform: [{ stack: 'rps', groupby: ['t'], sort: [{ field: 'key' }], as: ['rps0', 'rps1'] }],
        mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 0.5 },
        encoding: {
          x: {
            field: 't',
            type: 'quantitative',
            title: 'simulated time (s)',
            scale: { domain: [t0, t1], zero: false, nice: false },
          },
          x2: { field: 't2' },
          y: { field: 'rps0', type: 'quantitative', title: 'requests/s' },
          y2: { field: 'rps1' },
          color,
          tooltip: [
            { field: 't', title: 'bin start (s)' },
            { field: 'key', title: by },
            { field: 'count', title: 'requests' },
            { field: 'rps', title: 'requests/s' },
          ],
        },
      },
      ...eventLayers(result.timeline, t0, t1),
    ],
    resolve: { scale: { color: 'independent' } },
  } as TopLevelSpec;
}
