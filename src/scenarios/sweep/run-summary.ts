// What a sweep keeps of a RunResult: per client step the request and status counts, latency in ms and error rate,
// and for the run its events, simulated seconds and trace hash. No wall-clock figures, so lines are reproducible.
import type { LatencyMs, RunResult } from '../run/run-result.js';
import { CLIENT_KINDS as CLIENT_STEP_KINDS } from '../schema/steps.js';

export interface StepSummary {
  index: number;
  kind: string;
  name: string | null;
  requests: number;
  statusCounts: Record<string, number>;
  latencyMs: LatencyMs;
  /** Share of requests without a 1xx-3xx answer (5xx, 4xx, no response). */
  errorRate: number;
}

export interface RunSummary {
  steps: StepSummary[];
  events: number;
  simulatedSeconds: number;
  traceHash: string;
  partial: boolean;
  stopReason: string | null;
}

const CLIENT_KINDS: ReadonlySet<string> = new Set(CLIENT_STEP_KINDS);

/** Requests without a 1xx, 2xx or 3xx status, as a share of all requests (0 when there were none). */
export function errorRateOf(statusCounts: Readonly<Record<string, number>>, requests: number): number {
  if (requests === 0) return 0;
  let ok = 0;
  for (const [status, n] of Object.entries(statusCounts)) {
    const s = Number(status);
    if (s >= 100 && s < 400) ok += n;
  }
  return (requests - ok) / requests;
}

export function summarizeRun(r: RunResult): RunSummary {
  return {
    steps: r.steps
      .filter((s) => CLIENT_KINDS.has(s.kind))
      .map((s) => ({
        index: s.index,
        kind: s.kind,
        name: s.name,
        requests: s.requests,
        statusCounts: s.statusCounts,
        latencyMs: s.latencyMs,
        errorRate: errorRateOf(s.statusCounts, s.requests),
      })),
    events: r.events,
    simulatedSeconds: r.simulatedSeconds,
    traceHash: r.traceHash,
    partial: r.partial,
    stopReason: r.stopReason,
  };
}
