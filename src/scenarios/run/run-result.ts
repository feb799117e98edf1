// The result of a scenario run as plain data: the `run --json` contract (issue 6; schema/run-result.schema.json is generated
// from these types by tools/result-schemas.mjs)
// and the input of every report. Field names and shapes are a contract: extend, never rename.
import type { TimelineEvent } from '../../models/metrics/timeline.js';
import type { TimedRecord } from '../../models/trace/request-trace.js';
import type { LatencySummaryMs } from '../../models/metrics/latency-histogram.js';

/** mean, p50, p90, p99, p99.9 (p999, an extension of the contract) and max, in ms. */
export type LatencyMs = LatencySummaryMs;

export interface BackendCount {
  pod: string;
  /** The Service that selects the pod (first by name in its namespace), or '' when none does. */
  service: string;
  namespace: string;
  node: string;
  cluster: string;
  /** The pod's owner Deployment. */
  deployment: string;
  count: number;
}

/** How one route rule split a step's requests: configured weights against what happened. */
export interface SplitRow {
  /** `HTTPRoute/ns/name rule 0`. */
  route: string;
  /** `Service/ns/name:port`. */
  backend: string;
  weight: number;
  /** weight / total weight of the rule. */
  expectedShare: number;
  /** Requests Envoy routed to this backendRef under these weights (whatever it answered). */
  count: number;
  observedShare: number;
  /** Envoy Gateway Backend `fallback` (priority 1): it takes only spill-over, so its requests test no weight. */
  fallback?: boolean;
  /** When the step saw more than one configuration of the rule: which (0, 1, ...), and from when (simulated s). */
  configuration?: number;
  since?: number;
}

export interface StepResult {
  index: number;
  /** apply, delete, wait, curl, hey, load, fault, scale, print. */
  kind: string;
  name: string | null;
  /** Simulated seconds when the step started and ended (client steps end when their last response is in). */
  startedAt: number;
  endedAt: number;
  /** @minimum 0 */
  requests: number;
  statusCounts: Record<string, number>;
  byBackend: BackendCount[];
  latencyMs: LatencyMs;
  /** Requests answered without reaching a pod (the gateway's own 404/500/503, refused connections). */
  noBackend: number;
  /** What the workshop would print for this step. */
  lines: string[];
  /** Per route rule, for client steps. */
  splits: SplitRow[];
  /** Latency distribution (value ms, count) at the histogram's resolution, for charts. */
  latencyHistogram: Array<{ ms: number; count: number }>;
}

export interface SeriesPoint {
  /** Bin start, simulated seconds. */
  t: number;
  requests: number;
  /**
   * By status class: "error" (no response), "1xx".."5xx".
   * @propertyNames {"enum": ["error", "1xx", "2xx", "3xx", "4xx", "5xx"]}
   */
  byClass: Record<string, number>;
  /** Requests by pod name. */
  byPod: Record<string, number>;
  /** Of byClass's 5xx, the 503s and 504s (keys present when non-zero). */
  byStatus?: { '503'?: number; '504'?: number };
  p50Ms: number;
  p99Ms: number;
}

export interface ExpectationResult {
  step: number;
  /** What was checked, in words. */
  check: string;
  ok: boolean;
  /** The observed value, in words. */
  observed: string;
  line: number;
}

/** Something that went wrong in the run, with its step (null: the run as a whole) and cause. */
export const WARNING_KINDS = [
  'gateway-not-programmed',
  'route-not-accepted',
  'refs-unresolved',
  'address-unresolved',
  'all-failed',
] as const;

export interface RunWarning {
  step: number | null;
  kind: (typeof WARNING_KINDS)[number];
  message: string;
}

export interface RunResult {
  scenario: string;
  source: string | null;
  seed: number;
  /** sha256 of the scenario file and every manifest it applies, hex. */
  scenarioHash: string;
  gwsimVersion: string;
  steps: StepResult[];
  /**
   * Engine events processed.
   * @minimum 0
   */
  events: number;
  simulatedSeconds: number;
  /** The engine's trace hash over every processed event. */
  traceHash: string;
  timeline: TimelineEvent[];
  /** Width of a series bin in seconds, and the bins. */
  seriesBinSeconds: number;
  series: SeriesPoint[];
  expectations: ExpectationResult[];
  /** What went wrong that a reader should know, in step order (empty when nothing did). Every run writes it; result files from before it existed lack it. */
  warnings?: RunWarning[];
  /** True when a limit (--max-events, --max-sim-time, memory, SIGINT) ended the run early. */
  partial: boolean;
  /** Why the run ended early, or null. */
  stopReason: string | null;
  /** With --explain STEP:N: the story of that request, hop by hop, one line per event (rendered by the CLI from explainTrace). */
  explain?: string[];
  /** With --explain STEP:N: what the models recorded about that request, in order, typed (empty: the step sent no such request). */
  explainTrace?: TimedRecord[];
}
