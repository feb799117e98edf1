// HTTP throughput benchmark: bench/scenarios/http.yaml (100 echo pods, 2 nodes, open-loop Poisson load through a
// host + path route) loaded through the public loader with the request count and policy patched in, then run with
// runScenario without time series. Exported for the bench runner (bench/main.ts); not part of npm test.
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadWithOverrides, type Override, type SweepBase } from '../src/scenarios/sweep/apply-overrides.js';
import { runScenario } from '../src/scenarios/run/run-scenario.js';

/** The scenario file, found from the compiled dist/bench/ or from the sources. */
export const HTTP_SCENARIO = fileURLToPath(
  new URL(
    import.meta.url.endsWith('.ts') ? './scenarios/http.yaml' : '../../bench/scenarios/http.yaml',
    import.meta.url,
  ),
);

/** The load step's rate in http.yaml: the request count sets its duration. */
export const HTTP_RATE = 20_000;

export const HTTP_POLICIES = ['least-request', 'round-robin', 'maglev'] as const;
export type HttpPolicy = (typeof HTTP_POLICIES)[number];

/** `--policy` as BackendTrafficPolicy patches; Maglev is Envoy Gateway's ConsistentHash, here on the source IP. */
export function policyOverrides(policy: HttpPolicy): Override[] {
  switch (policy) {
    case 'least-request':
      return [{ path: 'policy/bench-policy.loadBalancer.type', value: 'LeastRequest' }];
    case 'round-robin':
      return [{ path: 'policy/bench-policy.loadBalancer.type', value: 'RoundRobin' }];
    case 'maglev':
      return [
        { path: 'policy/bench-policy.loadBalancer.type', value: 'ConsistentHash' },
        { path: 'policy/bench-policy.loadBalancer.consistentHash.type', value: 'SourceIP' },
      ];
  }
}

export function httpBase(): SweepBase {
  return {
    text: readFileSync(HTTP_SCENARIO, 'utf8'),
    file: HTTP_SCENARIO,
    readFile: (p) => readFileSync(p, 'utf8'),
    root: dirname(HTTP_SCENARIO),
  };
}

/** The load step's duration for `requests` requests at HTTP_RATE, in whole milliseconds. */
export function durationFor(requests: number): string {
  return `${Math.max(1, Math.round((requests / HTTP_RATE) * 1000))}ms`;
}

export interface HttpBenchResult {
  requests: number;
  seconds: number;
  requestsPerSecond: number;
  eventsPerSecond: number;
  events: number;
  simulatedSeconds: number;
  traceHash: string;
  p99Ms: number;
  pods: number;
}

export function runHttpBench(opts: { requests: number; policy: HttpPolicy; seed?: number }): HttpBenchResult {
  const scenario = loadWithOverrides(httpBase(), [
    { path: 'spec.steps[load].load.duration', value: durationFor(opts.requests) },
    ...policyOverrides(opts.policy),
  ]);
  const t0 = performance.now();
  const r = runScenario(scenario, { series: false, seed: opts.seed });
  const seconds = (performance.now() - t0) / 1000;
  const load = r.steps.find((s) => s.kind === 'load')!;
  return {
    requests: load.requests,
    seconds,
    requestsPerSecond: load.requests / seconds,
    eventsPerSecond: r.events / seconds,
    events: r.events,
    simulatedSeconds: r.simulatedSeconds,
    traceHash: r.traceHash,
    p99Ms: load.latencyMs.p99,
    pods: load.byBackend.length,
  };
}
