// Turns the recorder's streaming statistics into the RunResult's plain data: per step (counts, status, per pod with
// service/node/cluster, latency, split per route rule) and the time series. Pure reads of the world at run end.
import type { StepStats } from '../../models/metrics/recorder.js';
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
    splits: s !== undefined ? splits(world, s) : [],
    latencyHistogram: s !== undefined ? coarseHistogram(s.latency) : [],
  };
}

/**
 * For each route rule with two or more backendRefs that served the step: configured weight against observed count. A
 * pod counts for a backendRef when the Service it names (a Backend's FQDN Service) selects the pod in the route's
 * cluster, or when the pod's IP is among the backendRef's endpoints (federated and selector-less Services, whose pods
 * live elsewhere).
 */
function splits(world: World, stats: StepStats): SplitRow[] {
  const rows: SplitRow[] = [];
  const podIndexByIp = new Map<string, number>();
  world.podByIndex.forEach((rt, i) => {
    if (rt?.pod.ip !== undefined) podIndexByIp.set(rt.pod.ip, i);
  });
  const countFor = (
    cluster: string,
    svc: { namespace: string; name: string } | null,
    endpointIps: readonly string[],
  ): number => {
    const pods = new Set<number>();
    if (svc !== null) {
      const c = world.clusters.get(cluster)!;
      world.podByIndex.forEach((rt, i) => {
        if (
          rt !== undefined &&
          rt.cluster === cluster &&
          rt.pod.namespace === svc.namespace &&
          c.serviceOf(rt.pod) === svc.name
        )
          pods.add(i);
      });
    }
    for (const ip of endpointIps) {
      const i = podIndexByIp.get(ip);
      if (i !== undefined) pods.add(i);
    }
    let n = 0;
    for (const i of pods) n += i < stats.byPod.length ? stats.byPod[i] : 0;
    return n;
  };
  for (const c of world.clusters.values()) {
    for (const gw of c.translation?.gateways ?? []) {
      const seen = new Set<string>();
      for (const p of gw.ports)
        for (const l of p.listeners)
          for (const vh of l.virtualHosts)
            for (const r of vh.routes) {
              const action = r.action;
              if (action.type !== 'forward' || action.backends.length < 2 || seen.has(action.clusterName)) continue;
              seen.add(action.clusterName);
              const counts = action.backends.map((b) => {
                const svc =
                  b.kind === 'Backend'
                    ? (b.backendEndpoints?.find((e) => e.resolvedService)?.resolvedService ?? null)
                    : { namespace: b.namespace, name: b.name };
                return countFor(
                  c.name,
                  svc,
                  b.endpoints.map((e) => e.ip),
                );
              });
              const total = counts.reduce((a, b) => a + b, 0);
              if (total === 0) continue;
              // Envoy Gateway's fallback backendRefs (priority 1) get nothing while the others are healthy.
              const primaryWeight = action.backends.reduce((a, b) => a + (b.fallback ? 0 : b.weight), 0);
              action.backends.forEach((b, i) =>
                rows.push({
                  route: `${r.routeKind}/${r.namespace}/${r.name} rule ${r.ruleIndex}`,
                  backend: `${b.kind}/${b.namespace}/${b.name}${b.port !== null ? `:${b.port}` : ''}`,
                  weight: b.weight,
                  expectedShare:
                    b.fallback || primaryWeight === 0
                      ? primaryWeight === 0
                        ? b.weight / action.totalWeight
                        : 0
                      : b.weight / primaryWeight,
                  count: counts[i],
                  observedShare: counts[i] / total,
                }),
              );
            }
    }
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
    return {
      t: Number((i * binS).toFixed(9)),
      requests: b.requests,
      byClass,
      byPod,
      p50Ms: b.latency.count > 0 ? b.latency.percentileNs(50) / 1e6 : 0,
      p99Ms: b.latency.count > 0 ? b.latency.percentileNs(99) / 1e6 : 0,
    };
  });
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
