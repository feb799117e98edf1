// The resolved scenario: every default applied, durations in integer ns, names cross-checked, manifests read.
// Models and `scenarios/wiring` trust these types; nothing here is optional.
import type { EnvoyCpuCosts } from '../../models/envoy/cpu/cpu-costs.js';
import type { SimTime } from '../../sim/time.js';
import type { ResolvedTarget } from './target.js';
import type { StatusKind } from './steps.js';

/** A fully resolved scenario (output of `resolveScenario`). Plain data. */
export interface ResolvedScenario {
  apiVersion: 'gwsim.dev/v1alpha1';
  kind: 'Scenario';
  /** `metadata.name`. */
  name: string;
  /** `metadata.source` (the workshop it replays), or null. */
  source: string | null;
  description: string | null;
  /** The scenario file as the caller named it (used in messages). */
  file: string;
  /** Root seed of every random stream (`spec.seed`, default 1); the CLI's `--seed` replaces it. */
  seed: number;
  topology: ResolvedTopology;
  gateway: ResolvedGatewaySettings;
  /** Pod behaviour rules, in file order; the first whose selector matches a pod wins. */
  backends: ResolvedBackend[];
  /** Behaviour of pods no rule matches: the echo server. */
  defaultBackend: ResolvedBackendBehaviour;
  steps: ResolvedStep[];
  expect: ResolvedExpectation[];
}

export type Platform = 'calico' | 'cilium';

export interface ResolvedTopology {
  clusters: ResolvedCluster[];
  /** External routers (BGP peers) where clients live; at least one when the scenario has client steps. */
  routers: ResolvedRouter[];
  /** Explicit links, both directions; hops without one use `linkDefaults`. */
  links: ResolvedLink[];
  linkDefaults: {
    /** Between two nodes of one cluster (and node to pod). */
    node: ResolvedLinkProps;
    /** Between a router and a node. */
    router: ResolvedLinkProps;
    /** Between nodes of different clusters. */
    cluster: ResolvedLinkProps;
  };
}

export interface ResolvedCluster {
  name: string;
  platform: Platform;
  /** Region name (default: the cluster name); clusters in one region use `linkDefaults.cluster` unless linked. */
  region: string;
  nodes: ResolvedNode[];
}

export interface ResolvedNode {
  name: string;
  /** Node IP: as written, else `10.<cluster index>.1.<20 + node index>` (the Calico labs use 10.0.1.20+). */
  address: string;
}

export interface ResolvedRouter {
  name: string;
  address: string;
  /** BGP AS number, or null when the router does not speak BGP (reaches LB IPs over L2, as in the Cilium lab). */
  asNumber: number | null;
  /** BIRD `merge paths`: ECMP over equal BGP routes (BIRD's default is off). */
  mergePaths: boolean;
}

export interface ResolvedLinkProps {
  /** One-way latency (`rtt` / 2 when given as rtt). */
  latencyNs: SimTime;
  /** Uniform jitter added to each packet's latency, in [0, jitterNs]. */
  jitterNs: SimTime;
  /** Bits per second, or null for no limit. */
  bandwidthBps: number | null;
  /** Probability a packet is lost. */
  loss: number;
}

export interface ResolvedLink extends ResolvedLinkProps {
  /** Two names of nodes, clusters or routers; a cluster name stands for all its nodes. */
  between: [string, string];
}

export interface ResolvedGatewaySettings {
  /** Envoy worker threads per gateway proxy (`--concurrency`), each with its own LB state. */
  workers: number;
  /** Gateway proxy pods per Gateway. */
  replicas: number;
  /** Each worker's CPU cost per unit of work; absent: the gateway costs nothing (kept out of the scenario's hash). */
  cpu?: EnvoyCpuCosts;
}

export type ServiceTimeDistribution = 'constant' | 'exponential' | 'lognormal' | 'empirical';

export interface ResolvedServiceTime {
  distribution: ServiceTimeDistribution;
  /** constant: the value; exponential/lognormal: the mean; empirical: the weighted mean of `values`. */
  meanNs: SimTime;
  /** lognormal: log-space standard deviation; 0 otherwise. */
  sigma: number;
  /** empirical: the values; empty otherwise. */
  valuesNs: SimTime[];
  /** empirical: weights of `valuesNs` (equal when not written); empty otherwise. */
  weights: number[];
}

export interface ResolvedBackendBehaviour {
  serviceTime: ResolvedServiceTime;
  /** Requests served at once per pod; null = unlimited (a Go HTTP server such as echo-basic). */
  concurrency: number | null;
  /** Requests waiting beyond `concurrency` before the pod refuses; null = unlimited. */
  queueLimit: number | null;
  /** Probability a response is an error. */
  errorRate: number;
  /** Status of those errors. */
  errorStatus: number;
}

export interface ResolvedBackend extends ResolvedBackendBehaviour {
  selector: Record<string, string>;
  /** null: any namespace. */
  namespace: string | null;
  /** null: any cluster. */
  cluster: string | null;
}

/** Fields every step has. */
export interface StepBase {
  /** 0-based position in `spec.steps`. */
  index: number;
  /** The step's `name`, or null. */
  name: string | null;
  /** 1-based line of the step in the scenario file (0 when unknown). */
  line: number;
}

/** Manifest text to apply or delete, with where it came from for error messages. */
export interface ManifestSource {
  /** Display path: the file as resolved (`dir/manifests/x.yaml`), or the scenario file for inline YAML. */
  file: string;
  text: string;
  /** 1-based line in `file` where `text` starts (1 for files; the first content line for inline YAML). */
  firstLine: number;
  inline: boolean;
}

export interface ApplyStep extends StepBase {
  kind: 'apply' | 'delete';
  /** The cluster whose API receives it (kubectl context); default the first cluster. */
  cluster: string;
  manifests: ManifestSource;
}

export interface WaitStep extends StepBase {
  kind: 'wait';
  /** Simulated time to advance; 0 when waiting for a step. */
  durationNs: SimTime;
  /** Index of the background client step to wait for, or null. */
  forStep: number | null;
}

/** Fields of every client step. */
export interface ClientBase extends StepBase {
  /** true: start and go on with the next step at once; false: the next step starts when this one finishes. */
  background: boolean;
  /** Router the client runs on (default: the first router). */
  from: string;
  target: ResolvedTarget;
  method: string;
  /** The Host header: explicit (`host`, or a `Host` header), else null (taken from the URL at run time). */
  host: string | null;
  /** Extra request headers in file order, Host excluded. */
  headers: Array<[string, string]>;
}

export type CurlOutput = 'none' | 'pod' | 'pod-raw' | 'hostname' | 'status' | 'headers' | 'body';

/** A `for i in {1..count}; do curl ...; sleep interval; done` loop: sequential requests. */
export interface CurlStep extends ClientBase {
  kind: 'curl';
  count: number;
  /** Sleep after each response before the next request. */
  intervalNs: SimTime;
  /** `--cookie` value, sent as the Cookie header, or null. */
  cookie: string | null;
  /** `-b jar -c jar`: keep cookies the gateway sets (Envoy's generated hash cookie) for the loop's later requests. */
  cookieJar: boolean;
  /** `-I`: HEAD request, prints headers. */
  head: boolean;
  /** `--resolve HOST:PORT:ADDRESS`: connect to ADDRESS while using HOST for SNI and Host. */
  resolve: { host: string; port: number; address: string } | null;
  /** What each response prints. */
  output: CurlOutput;
  /** `| grep -o REGEX`: keep only the matched parts, drop lines without a match; null = no grep. */
  grep: string | null;
  /** `| sort | uniq -c` over the printed lines. */
  uniqCount: boolean;
  /** `--fail`: no body printed for status >= 400. */
  fail: boolean;
  /** `-m`: whole-request timeout, or null for none. */
  maxTimeNs: SimTime | null;
  /** `--connect-timeout` (curl's default 300 s). */
  connectTimeoutNs: SimTime;
}

/** `hey -n N -c C [-q Q] [-z D]`: C workers in closed loop. */
export interface HeyStep extends ClientBase {
  kind: 'hey';
  /** Total requests (ignored when `durationNs` > 0); each worker sends floor(n / c). */
  n: number;
  c: number;
  /** Per-worker rate limit in requests/s; 0 = none. */
  qps: number;
  /** `-z`: run for this long instead of n requests; 0 = not set. */
  durationNs: SimTime;
  /** `-t`: per-request timeout; 0 = none. */
  timeoutNs: SimTime;
  disableKeepAlive: boolean;
  output: 'summary' | 'none';
}

/** Open-loop load: arrivals at `ratePerSecond`, independent of responses. */
export interface LoadStep extends ClientBase {
  kind: 'load';
  ratePerSecond: number;
  durationNs: SimTime;
  distribution: 'poisson' | 'constant';
  /** Per-request timeout; 0 = none. */
  timeoutNs: SimTime;
  /** Distinct client source addresses: the router's address and the next `sources - 1` ones (1 = the router's only). */
  sources: number;
}

export type ClientStep = CurlStep | HeyStep | LoadStep;

export type ResolvedFault =
  | { type: 'node'; node: string; down: boolean; graceful: boolean; of?: NodeRef }
  | {
      type: 'pod';
      selector: Record<string, string>;
      namespace: string;
      cluster: string;
      count: number;
      restart: boolean;
      /** One pod by name or by the request it served (the selector is then empty and unused). */
      target?: PodRef;
    }
  | { type: 'link'; between: [string, string]; down: boolean | null; set: Partial<ResolvedLinkProps> }
  | { type: 'partition'; groups: string[][]; heal: boolean }
  | { type: 'cluster'; cluster: string; down: boolean }
  | { type: 'bgp'; router: string; peer: string | null }
  | {
      type: 'deployment';
      deployment: string;
      namespace: string;
      cluster: string;
      env: Array<[string, string]>;
      /** `kubectl set image`: the new image of `container` (null: the first container), or null for none. */
      image: string | null;
      container: string | null;
    };

/** A node named when the fault runs: the node a Gateway's traffic enters, or a Service's L2 lease holder. */
export type NodeRef =
  | { kind: 'gateway'; namespace: string; name: string; cluster: string | null }
  | { kind: 'leaseHolder'; namespace: string; service: string; cluster: string | null };

/** The pod a fault names by its name or as the pod that answered a step's `request`-th request. */
export type PodRef =
  | { kind: 'name'; name: string }
  | { kind: 'servedRequest'; stepIndex: number; request: number };

export interface FaultStep extends StepBase {
  kind: 'fault';
  fault: ResolvedFault;
}

export interface ScaleStep extends StepBase {
  kind: 'scale';
  deployment: string;
  namespace: string;
  cluster: string;
  replicas: number;
}

export type ResolvedPrint =
  | { what: 'podRequestCounts'; selector: Record<string, string> | null; namespace: string; cluster: string }
  | { what: 'gatewayAddress'; gateway: string; namespace: string; cluster: string }
  | { what: 'routes'; router: string }
  | { what: 'bgp'; router: string }
  | { what: 'status'; kind: StatusKind; name: string | null; namespace: string; cluster: string };

export interface PrintStep extends StepBase {
  kind: 'print';
  print: ResolvedPrint;
}

export type ResolvedStep = ApplyStep | WaitStep | CurlStep | HeyStep | LoadStep | FaultStep | ScaleStep | PrintStep;

export interface CountRange {
  min: number;
  max: number;
}

export type SplitBy = 'deployment' | 'service' | 'pod' | 'node' | 'cluster';
export type LatencyStat = 'min' | 'mean' | 'p50' | 'p75' | 'p90' | 'p95' | 'p99' | 'p999' | 'max';

/** Checks on one step's results. */
export interface ResolvedExpectation {
  /** 0-based index of the step checked (a client or print step). */
  stepIndex: number;
  /** How responses are grouped for split, counts and distinct (default deployment: the pod's owner). */
  by: SplitBy;
  /** Share of the step's responses per group: |count/total - fraction| <= tolerance. */
  split: Array<{ key: string; fraction: number }>;
  tolerance: number;
  /** Responses per group, inclusive. */
  counts: Array<{ key: string; range: CountRange }>;
  /** Number of groups that got at least one response, or null. */
  distinct: CountRange | null;
  /** Responses per status code; `error` = no HTTP response (connect failure, timeout). */
  status: Array<{ code: number | 'error'; range: CountRange }>;
  latency: Array<{ stat: LatencyStat; minNs: SimTime | null; maxNs: SimTime | null }>;
  /** Checks on the printed lines, or null. */
  lines: { count: CountRange | null; match: string | null; equal: string[] | null } | null;
  /** The step's run warnings, exactly these kinds (in any order), or null: not checked. */
  warnings: string[] | null;
  note: string | null;
  /** 1-based line of the expectation in the scenario file (0 when unknown). */
  line: number;
}
