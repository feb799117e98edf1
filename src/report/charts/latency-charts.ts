// Latency charts of a step from its histogram (value ms, count), never from samples: a binned histogram and the
// cumulative distribution with p50/p99 marked. Pure: step in, Vega-Lite spec out.
import type { TopLevelSpec } from 'vega-lite';
import type { StepResult } from '../../scenarios/run/run-result.js';
import { CHART_CONFIG, CHART_WIDTH, chartTitle } from './theme.js';

/** A log x axis when the distribution spans more than this ratio (a tail of timeouts would squash a linear one). */
const LOG_SPAN = 50;

function logScale(step: StepResult): boolean {
  const h = step.latencyHistogram.filter((e) => e.count > 0 && e.ms > 0);
  return h.length > 1 && h[h.length - 1].ms / h[0].ms > LOG_SPAN;
}

/**
 * The run result keeps latencies to two significant digits (collect.ts), so above 10 ms values are 1 ms apart, above
 * 10 s 1000 ms apart: bins finer than that alternate between full and empty. The smallest bin is the resolution at the
 * largest value.
 */
function minBinStep(values: ReadonlyArray<{ ms: number }>): number {
  const max = values.reduce((m, e) => Math.max(m, e.ms), 0);
  return max > 0 ? Math.pow(10, Math.floor(Math.log10(max)) - 1) : 0;
}

export function latencyHistogramSpec(title: string, step: StepResult): TopLevelSpec {
  const values = step.latencyHistogram.filter((e) => e.count > 0);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Latency histogram, step ${step.index}`,
    title: chartTitle(title, `${step.requests} requests; mean ${step.latencyMs.mean} ms, p99 ${step.latencyMs.p99} ms`),
    width: CHART_WIDTH,
    height: 200,
    config: CHART_CONFIG,
    data: { values },
    mark: { type: 'bar', color: '#4c78a8' },
    encoding: {
      x: {
        field: 'ms',
        type: 'quantitative',
        bin: { maxbins: 40, minstep: minBinStep(values) },
        title: 'latency (ms)',
      },
      y: { aggregate: 'sum', field: 'count', type: 'quantitative', title: 'requests' },
    },
  };
}

/** Cumulative fraction at each recorded value: O(n) over the histogram's entries. */
export function cdfPoints(step: StepResult): Array<{ ms: number; fraction: number }> {
  const entries = step.latencyHistogram.filter((e) => e.count > 0);
  const total = entries.reduce((a, e) => a + e.count, 0);
  let seen = 0;
  return entries.map((e) => {
    seen += e.count;
    return { ms: e.ms, fraction: total > 0 ? seen / total : 0 };
  });
}

export function latencyCdfSpec(title: string, step: StepResult): TopLevelSpec {
  const values = cdfPoints(step);
  const log = logScale(step);
  // Labels on two rows (pixels from the top): p50 and p99 are often close, and one label would print over the other.
  const marks = [
    { q: 'p50', ms: step.latencyMs.p50, row: 0 },
    { q: 'p99', ms: step.latencyMs.p99, row: 12 },
  ].filter((m) => !log || m.ms > 0);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Latency cumulative distribution, step ${step.index}`,
    title: chartTitle(
      title,
      `fraction of requests at or below a latency; dashed rules at p50 and p99${log ? ' (log axis)' : ''}`,
    ),
    width: CHART_WIDTH,
    height: 200,
    config: CHART_CONFIG,
    layer: [
      {
        data: { values },
        mark: { type: 'line', interpolate: 'step-after', color: '#4c78a8', strokeWidth: 2 },
        encoding: {
          x: {
            field: 'ms',
            type: 'quantitative',
            title: 'latency (ms)',
            scale: log ? { type: 'log' } : { zero: true },
          },
          y: {
            field: 'fraction',
            type: 'quantitative',
            title: 'fraction of requests',
            axis: { format: '.0%' },
            scale: { domain: [0, 1] },
          },
        },
      },
      {
        data: { values: marks },
        mark: { type: 'rule', color: '#888888', strokeDash: [4, 3] },
        encoding: { x: { field: 'ms', type: 'quantitative' } },
      },
      {
        data: { values: marks },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 3, dy: 2, fontSize: 10, color: '#555555' },
        encoding: {
          x: { field: 'ms', type: 'quantitative' },
          y: { field: 'row', type: 'quantitative', scale: null },
          text: { field: 'q', type: 'nominal' },
        },
      },
    ],
  };
}
