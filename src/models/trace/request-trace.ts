// What `--explain STEP:N` records about one request, as typed records: each hop and decision with its inputs and the
// simulated time. Models emit them through a RequestTracer only for the one traced request (the hot path builds no
// strings and allocates nothing for the others); src/report/explain renders them as text.

/** The hops and decisions of the request path (client, network, pod). */
export type PathRecord =
  | {
      kind: 'sent';
      step: number;
      ordinal: number;
      method: string;
      scheme: 'http' | 'https';
      address: string;
      port: number;
      pathAndQuery: string;
      host: string;
      cookie: string | null;
      from: string;
      sourceIp: string;
      sourcePort: number;
    }
  | { kind: 'noGateway'; address: string }
  | { kind: 'noLocalEnvoy'; node: string }
  | {
      kind: 'entered';
      from: string;
      node: string;
      via: 'bgp' | 'arp';
      wireNs: number;
      handshakeNs: number;
    }
  | { kind: 'toPod'; namespace: string; pod: string; node: string; address: string; port: number; wireNs: number }
  /** concurrency null: unlimited. */
  | { kind: 'podAccepted'; pod: string; inFlight: number; concurrency: number | null }
  | { kind: 'podQueueFull'; pod: string }
  | { kind: 'podRefused'; pod: string; running: boolean; port: number; listenPorts: readonly number[] }
  /** backNs < 0: the answer is lost on the way back. */
  | { kind: 'podAnswered'; pod: string; status: number; busyNs: number; backNs: number }
  | { kind: 'answered'; status: number; message: string | null; backNs: number }
  | { kind: 'total'; latencyNs: number }
  /** No HTTP answer: `refused` when the client is told at once (RST, ICMP), else it waits out its own timeout. */
  | { kind: 'lost'; message: string; refused: boolean };

/** The gateway Envoy's decisions (router, cluster, retries, timeouts, mirrors). */
export type ProxyRecord =
  | {
      kind: 'arrival';
      proxy: string;
      node: string;
      connection: number;
      sourceIp: string;
      sourcePort: number;
      worker: number;
      workers: number;
    }
  /** The worker's CPU: how long the work waited behind the worker's earlier work, and the work itself. */
  | { kind: 'workerCpu'; phase: 'request' | 'response'; worker: number; waitNs: number; workNs: number }
  | { kind: 'noConfig' }
  /** The route matcher's own account (rendered by the Gateway API model, which owns its wording). */
  | { kind: 'match'; lines: readonly string[] }
  | {
      kind: 'cluster';
      cluster: string;
      policy: string;
      priority: number;
      panic: boolean;
      backendRef: { label: string; weight: number; fallback: boolean } | null;
      unhealthy: readonly string[];
    }
  | { kind: 'picked'; host: string; active: number }
  | { kind: 'noHost'; reason: string }
  | { kind: 'setCookie'; cookie: string }
  | { kind: 'retry'; attempt: number; numRetries: number; backoffMs: number; cause: string }
  | { kind: 'routeTimeout'; timeoutNs: number }
  | { kind: 'mirror'; cluster: string; host: string | null; noHostReason: string };

/** How a load balancer chose (the inputs it used). */
export type LbRecord =
  | { kind: 'lb.edf'; policy: 'RoundRobin'; host: string; weight: number }
  | { kind: 'lb.cursor'; index: number; hosts: number; host: string }
  | { kind: 'lb.leastRequestEdf'; activeRequestBias: number; host: string; active: number }
  | { kind: 'lb.sample'; sample: number; choiceCount: number; host: string; active: number }
  | { kind: 'lb.keep'; host: string }
  | { kind: 'lb.random'; hosts: number; index: number; host: string }
  | {
      kind: 'lb.hash';
      policy: string;
      hashed: boolean;
      /** The 64-bit value as a decimal string. */
      value: string;
      host: string | null;
      slot: { what: 'table slot' | 'ring entry'; index: number; of: number } | null;
    };

export type TraceRecord = PathRecord | ProxyRecord | LbRecord;

/** A record with the simulated time it was made at. */
export type TimedRecord = TraceRecord & { atNs: number };

/** Where a model's records go. Only the traced request reaches one; everything else sees null. */
export interface RequestTracer {
  record(r: TraceRecord): void;
}

/** Collects the records of one request, stamping each with the clock's time. */
export class RecordingTracer implements RequestTracer {
  readonly records: TimedRecord[] = [];

  constructor(private readonly now: () => number) {}

  record(r: TraceRecord): void {
    this.records.push({ ...r, atNs: this.now() });
  }
}
