// Capacity sweeps: p99 latency against offered load, one line per configuration, with the latency target drawn.
// Pure: sweep points in, Vega-Lite spec out.
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG, CHART_WIDTH, chartTitle } from './theme.js';

export interface SweepPoint {
  config: string;
  /** Offered load, requests per second. */
  rate: number;
  p99Ms: number;
}

export function sweepP99Spec(title: string, points: readonly SweepPoint[], targetP99Ms: number): TopLevelSpec {
  const sorted = [...points].sort((a, b) => (a.config < b.config ? -1 : a.config > b.config ? 1 : a.rate - b.rate));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: 'p99 latency against offered load per configuration',
    title: chartTitle(title, `p99 latency against offered load; the red rule is the target p99 <= ${targetP99Ms} ms`),
    width: CHART_WIDTH,
    height: 260,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values: sorted },
        mark: { type: 'line', point: true },
        encoding: {
          x: { field: 'rate', type: 'quantitative', title: 'offered load (requests/s)' },
          y: { field: 'p99Ms', type: 'quantitative', title: 'p99 latency (ms)' },
          color: { field: 'config', type: 'nominal', title: 'configuration', legend: { orient: 'bottom', columns: 2 } },
          order: { field: 'rate' },
          tooltip: [{ field: 'config' }, { field: 'rate' }, { field: 'p99Ms', title: 'p99 ms' }],
        },
      },
      {
        data: { values: [{ target: targetP99Ms, label: `target ${targetP99Ms} ms` }] },
        mark: { type: 'rule', color: '#d62728', strokeDash: [6, 3], strokeWidth: 1.5 },
        encoding: { y: { field: 'target', type: 'quantitative' } },
      },
      {
        data: { values: [{ target: targetP99Ms, label: `target ${targetP99Ms} ms` }] },
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -2, color: '#d62728', fontSize: 11 },
        encoding: {
          y: { field: 'target', type: 'quantitative' },
          x: { value: 0 },
          text: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
}
