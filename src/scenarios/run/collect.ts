// Turns the recorder's streaming statistics into the RunResult's plain data: per step (counts, status, per pod with
// service/node/cluster, latency, split per route rule) and the time series. Pure reads of the world at run end.
import type { StepStats } from '../../models/metrics/recorder.js';
import type { SplitRule } from '../../models/metrics/split-tally.js';
import { NS_PER_S } from '../../sim/time.js';
import type { LatencyHistogram } from '../../models/metrics/latency-histogram.js';
import type { ResolvedStep } from '../schema/resolved.js';
import type { World } from '../wiring/world.js';
import type { BackendCount, LatencyMs, SeriesPoint, SplitRow, StepResult } from './run-result.js';

const EMPTY_LATENCY: LatencyMs = { mean: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0 };

export function collectStep(
  world: World,
  step: ResolvedStep,
  lines: string[],
  startedAt: number,
  endedAt: number,
): StepResult {
  const s = world.recorder.stepIfAny(step.index);
  const byBackend: BackendCount[] = [];
  if (s !== undefined) {
    for (let i = 0; i < s.byPod.length; i++) {
      if (s.byPod[i] === 0) continue;
      const rt = world.podByIndex[i];
      const cluster = world.clusters.get(rt.cluster)!;
      byBackend.push({
        pod: rt.pod.name,
        service: cluster.serviceOf(rt.pod),
        namespace: rt.pod.namespace,
        node: rt.pod.nodeName ?? '',
        cluster: rt.cluster,
        deployment: rt.pod.deployment,
        count: s.byPod[i],
      });
    }
    byBackend.sort((a, b) => cmp(a.cluster, b.cluster) || cmp(a.namespace, b.namespace) || cmp(a.pod, b.pod));
  }
  return {
    index: step.index,
    kind: step.kind,
    name: step.name,
    startedAt,
    endedAt,
    requests: s?.requests ?? 0,
    statusCounts: s?.statusCounts() ?? {},
    byBackend,
    latencyMs: s !== undefined && s.requests > 0 ? s.latency.summaryMs() : EMPTY_LATENCY,
    noBackend: s?.noPod ?? 0,
    lines,
    splits: s !== undefined ? splits(s) : [],
    latencyHistogram: s !== undefined ? coarseHistogram(s.latency) : [],
  };
}

/**
 * For each route rule with two or more backendRefs that routed requests of the step: the weights in force when they
 * were routed against the requests each backendRef got (whatever it answered; an invalid ref's share is its 500s).
 * Configurations of a rule with the same weights are one group; a step that spans a weight change shows each with its
 * own requests, and from when.
 */
function splits(stats: StepStats): SplitRow[] {
  const groups = new Map<string, { rule: SplitRule; counts: Float64Array; config: number }>();
  const configs = new Map<string, number>();
  for (const [rule, t] of stats.splits.byRule) {
    const key = `${rule.route}|${rule.backends.map((b) => `${b.backend}=${b.weight}${b.fallback ? 'f' : ''}`).join(',')}`;
    const g = groups.get(key);
    if (g !== undefined) {
      for (let i = 1; i < t.length; i++) g.counts[i] += t[i];
      continue;
    }
    const config = configs.get(rule.route) ?? 0;
    configs.set(rule.route, config + 1);
    groups.set(key, { rule, counts: Float64Array.from(t), config });
  }
  const rows: SplitRow[] = [];
  for (const { rule, counts, config } of groups.values()) {
    let total = 0;
    for (let i = 1; i < counts.length; i++) total += counts[i];
    const multi = (configs.get(rule.route) ?? 1) > 1;
    rule.backends.forEach((b, i) =>
      rows.push({
        route: rule.route,
        backend: b.backend,
        weight: b.weight,
        expectedShare: b.expectedShare,
        count: counts[1 + i],
        observedShare: total > 0 ? counts[1 + i] / total : 0,
        fallback: b.fallback,
        ...(multi ? { configuration: config, since: counts[0] / NS_PER_S } : {}),
      }),
    );
  }
  return rows;
}

/** The histogram's recorded values merged to two significant digits of ms: enough for a chart, small in JSON. */
function coarseHistogram(h: LatencyHistogram): Array<{ ms: number; count: number }> {
  const out: Array<{ ms: number; count: number }> = [];
  for (const { valueNs, count } of h.recorded()) {
    const ms = Number((valueNs / 1e6).toPrecision(2));
    const last = out[out.length - 1];
    if (last !== undefined && last.ms === ms) last.count += count;
    else out.push({ ms, count });
  }
  return out;
}

export function collectSeries(world: World): SeriesPoint[] {
  const binS = world.recorder.binNs / 1e9;
  const classes = ['error', '1xx', '2xx', '3xx', '4xx', '5xx'];
  return world.recorder.series.map((b, i) => {
    const byClass: Record<string, number> = {};
    for (let k = 0; k < 6; k++) if (b.byClass[k] > 0) byClass[classes[k]] = b.byClass[k];
    const byPod: Record<string, number> = {};
    b.byPod.forEach((n, pod) => {
      if (n > 0) byPod[world.podByIndex[pod].pod.name] = n;
    });
    const byStatus: { '503'?: number; '504'?: number } = {};
    if (b.s503 > 0) byStatus['503'] = b.s503;
    if (b.s504 > 0) byStatus['504'] = b.s504;
    return {
      t: Number((i * binS).toFixed(9)),
      requests: b.requests,
      byClass,
      byPod,
      byStatus,
      p50Ms: b.latency.count > 0 ? b.latency.percentileNs(50) / 1e6 : 0,
      p99Ms: b.latency.count > 0 ? b.latency.percentileNs(99) / 1e6 : 0,
    };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
