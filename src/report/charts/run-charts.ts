// Which charts a run gets, with stable file names: per client step the split per route rule, requests per pod,
// latency histogram and CDF; for the run, requests/s by pod and by status over time. Also which one chart tells the
// run's story best (for the gallery index). Pure: RunResult in, named specs out.
import type { TopLevelSpec } from 'vega-lite';
import type { RunResult, StepResult } from '../../scenarios/run/run-result.js';
import { isDisruption } from '../describe-event.js';
import { splitGroups } from '../split-groups.js';
import { stepPods } from '../step-pods.js';
import { latencyCdfSpec, latencyHistogramSpec } from './latency-charts.js';
import { seriesSpec } from './series-charts.js';
import { podCountsSpec, splitShareSpec } from './share-chart.js';

export type ChartKind = 'split' | 'pods' | 'latency-histogram' | 'latency-cdf' | 'series-pod' | 'series-status';

export interface NamedChart {
  /** File stem and SVG id prefix: `step-8-pods`, `series-by-pod`. */
  name: string;
  kind: ChartKind;
  /** The step it belongs to, or null for run-wide charts. */
  step: number | null;
  title: string;
  spec: TopLevelSpec;
}

function stepLabel(step: StepResult): string {
  return `Step ${step.index} (${step.kind}${step.name === null || step.name === step.kind ? '' : ` ${step.name}`})`;
}

function stepCharts(result: RunResult, step: StepResult): NamedChart[] {
  const out: NamedChart[] = [];
  const label = stepLabel(step);
  splitGroups(step).forEach((g, i) => {
    if (g.rows.length < 2) return;
    const title = `${label}: split by weight`;
    out.push({
      name: `step-${step.index}-split-${i}`,
      kind: 'split',
      step: step.index,
      title,
      spec: splitShareSpec(title, g),
    });
  });
  if (step.byBackend.length > 0) {
    const title = `${label}: requests per pod`;
    out.push({
      name: `step-${step.index}-pods`,
      kind: 'pods',
      step: step.index,
      title,
      spec: podCountsSpec(title, step, stepPods(result, step)),
    });
  }
  if (drawsLatency(step)) {
    const h = `${label}: latency histogram`;
    const c = `${label}: latency CDF`;
    out.push({
      name: `step-${step.index}-latency-histogram`,
      kind: 'latency-histogram',
      step: step.index,
      title: h,
      spec: latencyHistogramSpec(h, step),
    });
    out.push({
      name: `step-${step.index}-latency-cdf`,
      kind: 'latency-cdf',
      step: step.index,
      title: c,
      spec: latencyCdfSpec(c, step),
    });
  }
  return out;
}

/** Fewer requests than this, or a single latency value, draw no distribution: the page lists the values instead. */
export const MIN_LATENCY_CHART_REQUESTS = 20;

/** Whether a step's latencies are enough to draw a histogram and a CDF (two distinct values, 20 requests). */
export function drawsLatency(step: StepResult): boolean {
  return step.requests >= MIN_LATENCY_CHART_REQUESTS && step.latencyHistogram.filter((e) => e.count > 0).length >= 2;
}

export function runCharts(result: RunResult): NamedChart[] {
  const out: NamedChart[] = [];
  for (const step of result.steps) if (step.requests > 0) out.push(...stepCharts(result, step));
  // Over time needs time: traffic in two bins at least (a few curls within one second draw a single bar).
  if (result.series.filter((p) => p.requests > 0).length >= 2) {
    const pod = `${result.scenario}: requests/s by pod`;
    const status = `${result.scenario}: requests/s by status`;
    out.push({
      name: 'series-by-pod',
      kind: 'series-pod',
      step: null,
      title: pod,
      spec: seriesSpec(pod, result, 'pod'),
    });
    out.push({
      name: 'series-by-status',
      kind: 'series-status',
      step: null,
      title: status,
      spec: seriesSpec(status, result, 'status'),
    });
  }
  return out;
}

/**
 * The chart a reader needs to see the point of the run: over time when something failed during traffic (the
 * failover moment); else the split of the busiest step whose route has several weighted backends (the 99/1 or
 * cross-cluster share); else requests per pod of the busiest step (the even round robin, the stuck cookie).
 */
export function keyChart(result: RunResult, charts: readonly NamedChart[]): NamedChart | null {
  const [t0, t1] = [
    result.series[0]?.t ?? 0,
    (result.series[result.series.length - 1]?.t ?? 0) + result.seriesBinSeconds,
  ];
  const disrupted = result.timeline.some((e) => isDisruption(e.kind) && e.t >= t0 && e.t <= t1);
  const series = charts.find((c) => c.kind === 'series-pod');
  if (disrupted && series !== undefined) return series;
  // Without a fault, a load step where a tenth or more of many requests failed (overload: circuit-breaker 503s, route
  // timeout 504s) is told best by the requests per second by status.
  const failing = result.steps.some(
    (s) => s.requests >= 1000 && s.requests - okResponses(s.statusCounts) >= s.requests / 10,
  );
  const byStatus = charts.find((c) => c.kind === 'series-status');
  if (failing && byStatus !== undefined) return byStatus;
  const busiest = (kind: ChartKind) =>
    charts
      .filter((c) => c.kind === kind && c.step !== null)
      .reduce<NamedChart | null>(
        (best, c) => (best === null || requestsOf(result, c) > requestsOf(result, best) ? c : best),
        null,
      );
  return busiest('split') ?? busiest('pods') ?? series ?? charts[0] ?? null;
}

function okResponses(statusCounts: Readonly<Record<string, number>>): number {
  let n = 0;
  for (const [status, count] of Object.entries(statusCounts)) if (status >= '200' && status < '300') n += count;
  return n;
}

function requestsOf(result: RunResult, c: NamedChart): number {
  return result.steps.find((s) => s.index === c.step)?.requests ?? 0;
}
