// One gateway Envoy process: its workers, the route table pushed by the control plane, one UpstreamCluster per Envoy
// cluster, and the router's request path: worker of the connection -> route match -> pick -> upstream -> response,
// with the router's retries, route timeout (request-deadlines.ts) and request mirroring. A TLSRoute's chain is a TCP proxy
// instead: no route timeout, and a failure closes the client's connection rather than answering 503/504.
// The network and pods around it are behind UpstreamTransport; the proxy never builds topology.
//
// Route matches are cached per request template (clients send the same shape again and again) and the cache is
// dropped on every configuration push; hash inputs likewise come from per-template caches. A request's path through
// the proxy allocates nothing once its template has been seen.
import type { Engine } from '../../../sim/engine.js';
import type { Rng } from '../../../sim/rng.js';
import type { HttpRequest, RequestTemplate, ResponseSink, UpstreamFailure } from '../../http/request.js';
import { NO_RESPONSE, RequestPool } from '../../http/request.js';
import type { TimelineSink } from '../../metrics/timeline.js';
import type {
  BackendTarget,
  GatewayConfig,
  MatchResult,
  MirrorTarget,
  RouteEntry,
} from '../../gatewayapi/gateway-config.js';
import { matchRequest, type GatewayRequest } from '../../gatewayapi/match-request.js';
import { explainMatch } from '../../gatewayapi/explain.js';
import type { Host } from '../lb/host.js';
import type { RequestTracer } from '../../trace/request-trace.js';
import { clusterSettings } from './cluster-settings.js';
import type { ProbeResult } from '../health/active-health-checker.js';
import type { ActiveHealthCheckConfig } from '../health/health-check-config.js';
import { CircuitBreakers } from '../resilience/circuit-breakers.js';
import { isRetriable, type AttemptOutcome } from '../resilience/retry-policy.js';
import { backoffLimitsMs, drawBackoffMs } from '../resilience/backoff.js';
import type { EventKind } from '../../../sim/engine.js';
import { RequestDeadlines } from './request-deadlines.js';
import { RequestView } from './request-view.js';
import { connectionChoice } from '../../net/connection-hash.js';
import { UpstreamCluster, type ClusterBackendRef, type UpstreamEndpoint } from './upstream-cluster.js';
import type { ProxyCluster } from './proxy-cluster.js';
import { forwardedRequest, gatewayResponseHeaders } from './response-headers.js';
import { invalidRowAt, ruleSplit } from './split-rule.js';
import { NO_SPLITS, type SplitSink } from '../../metrics/split-tally.js';
import { connectionEndMessage, TLS_HANDSHAKE_CLOSED } from '../../http/connection-errors.js';
import { isFree, type EnvoyCpuCosts } from '../cpu/cpu-costs.js';
import { WorkerCpu } from '../cpu/worker-cpu.js';
import { REQUEST_BYTES, RESPONSE_BYTES } from '../../http/message-sizes.js';

/** What the request path does for the proxy: carry a request to an upstream host, and a response back to the client. */
export interface UpstreamTransport {
  /**
   * Sends `req` to `host`; later calls exactly one of proxy.onUpstreamResponse(req), proxy.onUpstreamFailure(req, why)
   * for what Envoy hears (a response, a refused connect, a reset), or proxy.onUpstreamSilent(req, stage) at the moment
   * the SYN or the answer is lost (Envoy hears nothing: the proxy's own timers decide what that becomes).
   */
  forward(proxy: GatewayProxy, host: Host, req: HttpRequest): void;
  /** Sends the response (req.status set) from the proxy back to the client. */
  reply(proxy: GatewayProxy, req: HttpRequest): void;
  /** An active health-check probe from the proxy to a host, answered from the host's state now. */
  probe(proxy: GatewayProxy, host: Host, config: ActiveHealthCheckConfig): ProbeResult;
}

export interface ProxyOptions {
  /** `envoy-default-eg-…` (Calico) or `cilium-envoy/<node>` (Cilium). */
  name: string;
  implementation: 'envoy-gateway' | 'cilium';
  /** Envoy worker threads (--concurrency). */
  workers: number;
  /** The node the proxy runs on. */
  node: string;
  /** Each worker's CPU cost per unit of work (models/envoy/cpu/cpu-costs.ts); all zero: the gateway costs nothing. */
  cpu: EnvoyCpuCosts;
}

/** What Envoy hears back from an upstream attempt that failed (the request's `failure`, never ''). */
export type AttemptFailure = Exclude<UpstreamFailure, ''>;

export class GatewayProxy {
  config: GatewayConfig | null = null;
  private readonly clusters = new Map<string, ProxyCluster>();
  private routeCache = new Map<RequestTemplate, MatchResult>();
  private readonly views: RequestView[] = [];
  /** Each worker's CPU, or null when the gateway costs nothing (no worker time anywhere). */
  readonly cpus: WorkerCpu[] | null;
  private readonly workerSeed: number;
  /** Requests the proxy answered itself, by status (404, 500, 503...). */
  localReplies = 0;

  constructor(
    private readonly engine: Engine,
    private readonly rng: Rng,
    readonly options: ProxyOptions,
    private readonly timeline: TimelineSink,
    private readonly transport: UpstreamTransport,
    /** Where routed requests are tallied per route rule and backendRef (the run's split tables). */
    private readonly splits: SplitSink = NO_SPLITS,
  ) {
    for (let w = 0; w < options.workers; w++) this.views.push(new RequestView());
    this.cpus = isFree(options.cpu) ? null : Array.from({ length: options.workers }, () => new WorkerCpu());
    this.workerSeed = rng.fork('reuseport').u32();
    this.retryRng = rng.fork('retry');
    this.mirrorRng = rng.fork('mirror');
    this.deadlineTimer = engine.kind<RequestDeadlines>(`proxy.routeTimeout/${options.name}`, (q) => q.fire());
    this.retryKind = engine.kind<HttpRequest>(`proxy.retry/${options.name}`, (req) => this.retry(req));
    this.giveUpKind = engine.kind<HttpRequest>(`proxy.giveUp/${options.name}`, (req) =>
      this.onUpstreamFailure(req, req.failure as AttemptFailure),
    );
  }

  /** Envoy's own timers on an upstream that went silent (connect timeout, route timeout): see onUpstreamSilent. */
  private readonly giveUpKind: EventKind<HttpRequest>;

  private readonly retryRng: Rng;
  private readonly retryKind: EventKind<HttpRequest>;
  /** Draws which requests a partial RequestMirror copies; a stream of its own, so routes without mirrors draw nothing. */
  private readonly mirrorRng: Rng;
  /** Records for mirrored copies and for the copies a route timeout answers clients with (see expire()). */
  private readonly sparePool = new RequestPool();
  /** Pending route-timeout deadlines, one queue per timeout value; the sequence numbers they share; their timer. */
  private readonly deadlineQueues = new Map<number, RequestDeadlines>();
  private readonly deadlineSeq = new Float64Array(1);
  private readonly deadlineTimer: EventKind<RequestDeadlines>;

  /**
   * Applies a configuration push (xDS): new routes, and per cluster its settings and endpoints. Clusters whose name
   * stays keep their hosts' in-flight counts and outlier state; their LB state is rebuilt, as Envoy does on a CDS update.
   */
  applyConfig(config: GatewayConfig, endpointsOf: (t: BackendTarget) => readonly UpstreamEndpoint[]): void {
    this.config = config;
    this.routeCache = new Map();
    const seen = new Set<string>();
    for (const port of config.ports)
      for (const l of port.listeners)
        for (const vh of l.virtualHosts)
          for (const r of vh.routes) {
            if (r.action.type !== 'forward' || seen.has(r.action.clusterName)) continue;
            seen.add(r.action.clusterName);
            // Invalid backendRefs never reach the cluster: their share is answered 500 before the pick (see handle()). Valid
            // refs without ready endpoints stay: Envoy Gateway's locality of zero hosts gets no traffic, Cilium's weighted
            // cluster answers 503 for its share; the data plane decides, as the real one does.
            const refs: ClusterBackendRef[] = r.action.backends
              .filter((b) => b.valid)
              .map((b) => ({
                label: `${b.kind}/${b.namespace}/${b.name}${b.port !== null ? `:${b.port}` : ''}`,
                weight: b.weight,
                fallback: b.fallback,
                endpoints: endpointsOf(b),
              }));
            // A TLSRoute's chain is Envoy's tcp_proxy (Envoy Gateway's TLS passthrough): there is no HTTP route timeout.
            const routeTimeoutNs = r.routeKind === 'TLSRoute' ? 0 : r.action.requestTimeoutNs;
            this.upsertCluster(r.action.clusterName, refs, r.policy, routeTimeoutNs);
            // RequestMirror: each mirror backend is a cluster of its own (one ref), under the route's policy.
            for (const mt of r.action.mirrors) {
              if (seen.has(mt.clusterName)) continue;
              seen.add(mt.clusterName);
              const t = mt.target;
              this.upsertCluster(
                mt.clusterName,
                [
                  {
                    label: `${t.kind}/${t.namespace}/${t.name}${t.port !== null ? `:${t.port}` : ''}`,
                    weight: 1,
                    fallback: false,
                    endpoints: endpointsOf(t),
                  },
                ],
                r.policy,
                null,
                true,
              );
            }
          }
    for (const name of [...this.clusters.keys()]) if (!seen.has(name)) this.clusters.delete(name);
  }

  /**
   * Creates the named cluster, or gives an existing one under the same policy its new endpoints. `routeTimeoutNs` is the
   * HTTPRoute rule's timeouts.request, which wins over the policy's (Envoy Gateway's precedence; 0 disables it).
   */
  private upsertCluster(
    name: string,
    refs: ClusterBackendRef[],
    policy: RouteEntry['policy'],
    routeTimeoutNs: number | null,
    mirror = false,
  ): void {
    const policyKey = `${JSON.stringify(policy)}|${routeTimeoutNs}`;
    const existing = this.clusters.get(name);
    if (existing !== undefined && existing.policyKey === policyKey) {
      existing.cluster.setEndpoints(refs);
      return;
    }
    const settings = clusterSettings(policy, this.options.implementation, routeTimeoutNs);
    const cluster = new UpstreamCluster(
      this.engine,
      this.rng.fork(`cluster/${name}`),
      {
        name,
        implementation: this.options.implementation,
        workers: this.options.workers,
        ...settings,
        probe: settings.activeHealthCheck
          ? (h) => this.transport.probe(this, h as Host, settings.activeHealthCheck!)
          : undefined,
      },
      this.timeline,
      refs,
    );
    const deadlines =
      mirror || !(settings.routeTimeoutNs < Infinity) ? null : this.deadlinesFor(settings.routeTimeoutNs);
    this.clusters.set(name, {
      cluster,
      settings,
      policyKey,
      breakers: new CircuitBreakers(settings.circuitBreakers),
      deadlines,
    });
  }

  /** The deadline queue of one route-timeout value (shared by the clusters that have it). */
  private deadlinesFor(timeoutNs: number): RequestDeadlines {
    let q = this.deadlineQueues.get(timeoutNs);
    if (q === undefined) {
      q = new RequestDeadlines(this.engine, timeoutNs, this.deadlineSeq, this.deadlineTimer, (req) => this.expire(req));
      this.deadlineQueues.set(timeoutNs, q);
    }
    return q;
  }

  /**
   * The route timeout fired before the response (Envoy's router onResponseTimeout): the upstream stream is reset (its
   * host frees the slot and its outlier detector counts a local-origin timeout), and the client gets 504 "upstream
   * request timeout". The client is answered with a copy of the record: this one stays with the pod or the network until
   * its event comes back, and is dropped then.
   */
  private expire(req: HttpRequest): void {
    const entry = req.cluster!;
    if (req.upstreamActive) {
      const host = req.upstream!;
      host.activeRequests--;
      req.upstreamActive = false;
      entry.cluster.monitor(host)?.putResult('localOriginTimeout');
    } else entry.breakers.release('retries'); // waiting out a retry back-off, which holds a retry slot
    this.finish(req, entry);
    req.orphaned = true;
    // The trace follows the client's answer (the copy); the original's further travel is not the request's story.
    if (req.tracer !== null) req.tracer.record({ kind: 'routeTimeout', timeoutNs: entry.settings.routeTimeoutNs });
    const reply = this.sparePool.answerCopy(req, 504, 'upstream request timeout');
    req.tracer = null;
    this.respond(reply);
  }

  /** The cluster behind an Envoy cluster name (for reports and tests). */
  cluster(name: string): UpstreamCluster | undefined {
    return this.clusters.get(name)?.cluster;
  }

  /** The route the request matched, as last computed (cached per template). */
  match(req: HttpRequest): MatchResult | null {
    if (this.config === null) return null;
    let m = this.routeCache.get(req.template);
    if (m === undefined) {
      m = matchRequest(this.config, gatewayRequest(req.template));
      this.routeCache.set(req.template, m);
    }
    return m;
  }

  /** The kernel's SO_REUSEPORT choice of worker: a hash of the connection, uniform and fixed for its life (envoy-lb.md §11). */
  workerOf(connection: number): number {
    return connectionChoice(connection, this.workerSeed, this.options.workers);
  }

  /** A request arrives at the proxy; `remoteIp` is the source address Envoy sees. */
  handle(req: HttpRequest, remoteIp: string): void {
    req.proxy = this;
    const w = this.workerOf(req.connection);
    req.worker = w;
    const m = this.match(req);
    if (req.tracer !== null) this.traceArrival(req.tracer, req, w, m);
    if (this.cpus !== null && m !== null) this.work(req, 'request', requestCostNs(this.options.cpu, req, m));
    // No configuration pushed yet: Envoy has no listener socket on the port, so the kernel answers the SYN with RST and
    // the client hears "Connection refused" at once (it does not wait out its connect timeout).
    if (m === null) return this.localReply(req, NO_RESPONSE, 'Connection refused');
    // A rejected connection: the client hears what the kernel or Envoy did (RST, a closed handshake), not the reason.
    if (m.type === 'outcome')
      return this.localReply(req, m.status, m.closes !== null ? connectionEndMessage(m.closes) : m.reason);
    const action = m.action;
    if (action.type === 'direct')
      return m.routeKind === 'TLSRoute'
        ? this.localReply(req, NO_RESPONSE, TLS_HANDSHAKE_CLOSED) // tcp_proxy without a cluster closes the connection
        : this.localReply(req, action.status, action.reason);
    if (action.type === 'redirect') {
      req.route = m; // its Location is built from the route when the answer goes out
      return this.localReply(req, action.status, 'redirect');
    }
    // The share of invalid backendRefs gets 500 (Gateway API HTTPBackendRef: requests that would go to an invalid
    // backend are answered 500, in proportion to its weight).
    const invalid = invalidWeight(action);
    if (invalid > 0) {
      const r = this.rng.u64Mod(action.totalWeight);
      if (r < invalid) {
        const split = ruleSplit(m, action);
        if (split !== null) this.splits.routed(req.step, split.rule, invalidRowAt(split, r));
        return this.localReply(req, 500, 'invalid backendRef share');
      }
    }
    const entry = this.clusters.get(action.clusterName);
    if (entry === undefined) return this.localReply(req, 500, 'no cluster');
    req.cluster = entry;
    // Circuit breaker max_requests: past it Envoy answers 503 at once (x-envoy-overloaded), never retried.
    if (!entry.breakers.tryAcquireRequest())
      return this.localReply(req, 503, 'upstream overflow (circuit breaker max requests)');
    // The route timeout runs from here, across retries (RouteAction.timeout).
    if (entry.deadlines !== null) entry.deadlines.arm(req);
    this.pickAndForward(req, entry, m, remoteIp);
    if (action.mirrors.length > 0 && req.upstream !== null) this.mirror(req, action.mirrors, remoteIp);
  }

  /**
   * RequestMirror (Envoy's request_mirror_policies): a copy of the request goes to each mirror cluster, for its share
   * of requests, once the original has an upstream host; the copy's reply is dropped and the client never waits for it.
   */
  private mirror(req: HttpRequest, mirrors: readonly MirrorTarget[], remoteIp: string): void {
    const w = req.worker;
    for (const mt of mirrors) {
      if (mt.numerator < mt.denominator && this.mirrorRng.u64Mod(mt.denominator) >= mt.numerator) continue;
      const entry = this.clusters.get(mt.clusterName);
      if (entry === undefined || !entry.breakers.tryAcquireRequest()) continue;
      const copy = this.sparePool.take();
      copy.copyFrom(req);
      copy.client = MIRROR_SINK;
      copy.ordinal = -1;
      copy.sentAt = this.engine.now;
      copy.upstream = null;
      copy.cluster = entry;
      copy.tracer = null; // the copy's travel is not the explained request's
      const host = entry.cluster.pick(w, this.views[w].set(copy, remoteIp));
      if (req.tracer !== null)
        req.tracer.record({
          kind: 'mirror',
          cluster: mt.clusterName,
          host: host === null ? null : host.key,
          noHostReason: host === null ? entry.cluster.noHostReason : '',
        });
      if (host === null) {
        entry.breakers.release('requests');
        this.sparePool.give(copy);
        continue;
      }
      copy.upstream = host;
      copy.upstreamActive = true;
      host.activeRequests++;
      entry.cluster.noteTraffic();
      this.transport.forward(this, host, copy);
    }
  }

  /** Every answer to the client goes out here: its route-timeout entry, if any, is done. */
  private replyToClient(req: HttpRequest): void {
    req.deadlineSeq = 0;
    this.respond(req);
  }

  /**
   * The answer leaves Envoy, with the headers Envoy puts on it for a client that reads them. A request that reached an
   * upstream host counts for that host's backendRef in its rule's split, whatever the host answered.
   */
  private respond(req: HttpRequest): void {
    if (this.cpus !== null && req.status !== NO_RESPONSE)
      this.work(req, 'response', responseCostNs(this.options.cpu, req.route));
    if (req.readsResponse) req.responseHeaders = gatewayResponseHeaders(req);
    const route = req.route;
    if (req.upstream !== null && route !== null && route.action.type === 'forward') {
      const split = ruleSplit(route, route.action);
      if (split !== null) this.splits.routed(req.step, split.rule, split.rowOfRef[Number(req.upstream.locality)]);
    }
    this.transport.reply(this, req);
  }

  /** A mirrored copy came back (answered or failed): its host and cluster learn from it, the reply goes nowhere. */
  private mirrorDone(req: HttpRequest, entry: ProxyCluster): void {
    this.finish(req, entry);
    this.sparePool.give(req);
  }

  private pickAndForward(req: HttpRequest, entry: ProxyCluster, route: RouteEntry | null, remoteIp: string): void {
    const w = req.worker;
    if (route !== null) req.route = route; // a retry passes null and keeps the first attempt's route
    const view = this.views[w].set(req, remoteIp);
    const tracer = req.tracer;
    const ctx = entry.cluster.context(w);
    ctx.trace = tracer;
    const host = entry.cluster.pick(w, view);
    ctx.trace = null;
    if (tracer !== null) tracePick(tracer, entry, host);
    if (host === null) {
      entry.breakers.release('requests');
      return this.localReply(req, 503, entry.cluster.noHostReason);
    }
    const cookie = entry.cluster.setCookie(w);
    if (cookie !== null) {
      req.setCookie = cookie;
      if (tracer !== null) tracer.record({ kind: 'setCookie', cookie });
    }
    req.upstream = host;
    req.upstreamActive = true;
    host.activeRequests++;
    entry.cluster.noteTraffic();
    if (req.readsResponse) req.forwarded = forwardedRequest(req);
    this.transport.forward(this, host, req);
  }

  /** The upstream answered (any status). */
  onUpstreamResponse(req: HttpRequest): void {
    if (req.orphaned) return this.sparePool.give(req); // the route timeout already answered its client
    const host = req.upstream!;
    const entry = req.cluster!;
    host.activeRequests--;
    req.upstreamActive = false;
    entry.cluster.monitor(host)?.putHttpResponseCode(req.status);
    if (req.client === MIRROR_SINK) return this.mirrorDone(req, entry);
    if (req.status >= 500 && this.retryIfAllowed(req, entry, { kind: 'response', status: req.status })) return;
    this.finish(req, entry);
    this.replyToClient(req);
  }

  /**
   * Envoy hears nothing back: the SYN got no answer (stage 'connect': Envoy gives up after the cluster's connect
   * timeout, or the route timeout if that is shorter) or the answer was lost (stage 'response': the route timeout
   * answers the client; this record comes back then to be released; with the timeout disabled it waits for ever, as a
   * real Envoy would).
   */
  onUpstreamSilent(req: HttpRequest, stage: 'connect' | 'response'): void {
    const s = req.cluster!.settings;
    if (stage === 'connect') {
      req.failure = s.connectTimeoutNs <= s.routeTimeoutNs ? 'connectTimeout' : 'timeout';
      this.engine.schedule(Math.min(s.connectTimeoutNs, s.routeTimeoutNs), this.giveUpKind, req);
      return;
    }
    req.failure = 'timeout';
    if (s.routeTimeoutNs < Infinity) this.engine.schedule(s.routeTimeoutNs, this.giveUpKind, req);
  }

  /** The upstream could not be reached or reset the stream: local-origin failure, retry if configured, else 503. */
  onUpstreamFailure(req: HttpRequest, why: AttemptFailure): void {
    if (req.orphaned) return this.sparePool.give(req);
    const host = req.upstream!;
    const entry = req.cluster!;
    host.activeRequests--;
    req.upstreamActive = false;
    const mon = entry.cluster.monitor(host);
    if (mon)
      mon.putResult(
        why === 'connect'
          ? 'localOriginConnectFailed'
          : why === 'reset'
            ? 'extOriginRequestFailed'
            : 'localOriginTimeout',
      );
    if (req.client === MIRROR_SINK) return this.mirrorDone(req, entry);
    if (
      why !== 'timeout' &&
      this.retryIfAllowed(req, entry, why === 'reset' ? { kind: 'reset' } : { kind: 'connectFailure' })
    )
      return;
    this.finish(req, entry);
    // tcp_proxy (a TLSRoute) whose upstream connect fails closes the downstream connection: the client's TLS handshake,
    // passed through to the backend, ends without a ServerHello (tcp_proxy.cc onUpstreamEvent, Envoy 1.36).
    if (req.route !== null && req.route.routeKind === 'TLSRoute') {
      req.status = NO_RESPONSE;
      req.message = TLS_HANDSHAKE_CLOSED;
      req.pod = -1;
      return this.replyToClient(req);
    }
    // Envoy's local reply on upstream failure: 503 "upstream connect error or disconnect/reset before headers",
    // or 504 "upstream request timeout" when the route timeout fired.
    req.status = why === 'timeout' ? 504 : 503;
    req.message =
      why === 'timeout'
        ? 'upstream request timeout'
        : `upstream connect error or disconnect/reset before headers. reset reason: ${why === 'connect' ? 'connection failure' : why === 'connectTimeout' ? 'connection timeout' : 'connection termination'}`;
    req.pod = -1;
    this.replyToClient(req);
  }

  /**
   * Envoy's router retry decision (retry_state_impl.cc): retries left, the outcome retriable under retry_on, and a slot
   * under the circuit breaker's max_retries; then the next attempt goes out after the jittered exponential back-off
   * of backoff.ts (Envoy's backoff_strategy.cc), its interval derived from the attempt number (no state per request).
   */
  private retryIfAllowed(req: HttpRequest, entry: ProxyCluster, outcome: AttemptOutcome): boolean {
    const policy = entry.settings.retry;
    if (policy === null || req.attempt >= policy.numRetries || !isRetriable(policy, outcome)) return false;
    if (!entry.breakers.tryAcquireRetry()) return false;
    const { baseMs, maxMs } = backoffLimitsMs(policy.backoffBaseIntervalNs, policy.backoffMaxIntervalNs);
    const backoffMs = drawBackoffMs(this.retryRng, baseMs, maxMs, req.attempt);
    req.attempt++;
    if (req.tracer !== null)
      req.tracer.record({
        kind: 'retry',
        attempt: req.attempt,
        numRetries: policy.numRetries,
        backoffMs,
        cause: outcome.kind === 'response' ? `status ${outcome.status}` : outcome.kind,
      });
    this.engine.schedule(backoffMs * 1e6, this.retryKind, req);
    return true;
  }

  private retry(req: HttpRequest): void {
    if (req.orphaned) return this.sparePool.give(req); // timed out during the back-off
    const entry = req.cluster!;
    entry.breakers.release('retries');
    req.status = 0;
    req.pod = -1;
    req.upstream = null; // the next attempt picks again; a failed pick must not count for the last attempt's host
    this.pickAndForward(req, entry, null, req.sourceIp);
  }

  /** The request leaves the cluster: its circuit-breaker slot frees. */
  private finish(_req: HttpRequest, entry: ProxyCluster): void {
    entry.breakers.release('requests');
  }

  /**
   * The worker of the request's connection does `costNs` of work on it now: the request waits behind the worker's
   * earlier work, and leaves Envoy when it is done (the delay rides on the next hop: no event of its own).
   */
  private work(req: HttpRequest, phase: 'request' | 'response', costNs: number): void {
    const cpu = this.cpus![req.worker];
    const done = cpu.take(this.engine.now, costNs);
    req.cpuDelayNs = done; // FIFO: this piece ends after any earlier piece of the request taken at this moment
    if (req.tracer !== null)
      req.tracer.record({ kind: 'workerCpu', phase, worker: req.worker, waitNs: done - costNs, workNs: costNs });
  }

  private traceArrival(t: RequestTracer, req: HttpRequest, worker: number, m: MatchResult | null): void {
    t.record({
      kind: 'arrival',
      proxy: this.options.name,
      node: this.options.node,
      connection: req.connection,
      sourceIp: req.sourceIp,
      sourcePort: req.sourcePort,
      worker,
      workers: this.options.workers,
    });
    if (this.config === null || m === null) return t.record({ kind: 'noConfig' });
    t.record({ kind: 'match', lines: explainMatch(this.config, gatewayRequest(req.template), m) });
  }

  private localReply(req: HttpRequest, status: number, detail: string): void {
    this.localReplies++;
    req.status = status;
    req.message = detail;
    req.pod = -1;
    this.replyToClient(req);
  }
}

/**
 * The worker time of a request's way in: half a request's (parsing, routing, the pick, the upstream write), plus
 * accepting its connection and, on HTTPS, the TLS handshake when it opens one; a TLSRoute's tcp_proxy instead costs
 * its connection setup and half the relaying.
 */
function requestCostNs(c: EnvoyCpuCosts, req: HttpRequest, m: MatchResult): number {
  const bytes = (c.perKiBNs * REQUEST_BYTES) / 1024;
  const fresh = req.newConnection;
  if (m.type === 'route' && m.routeKind === 'TLSRoute')
    return (fresh ? c.tcpProxyConnectionNs : 0) + c.tcpProxyRequestNs / 2 + bytes;
  const handshake = fresh ? c.connectionNs + (req.template.scheme === 'https' ? c.tlsHandshakeNs : 0) : 0;
  // A connection refused before any request (a TLS refusal, no listener) costs its accept; a 404 parses the request.
  return m.type === 'outcome' && m.closes !== null ? handshake : handshake + c.requestNs / 2 + bytes;
}

/** The worker time of the answer's way out: the other half of the request's (or the relaying's), its body bytes. */
function responseCostNs(c: EnvoyCpuCosts, route: RouteEntry | null): number {
  const bytes = (c.perKiBNs * RESPONSE_BYTES) / 1024;
  return (route !== null && route.routeKind === 'TLSRoute' ? c.tcpProxyRequestNs / 2 : c.requestNs / 2) + bytes;
}

/** The cluster's state at a pick and what it picked (for --explain). */
function tracePick(t: RequestTracer, entry: ProxyCluster, host: Host | null): void {
  const c = entry.cluster;
  const ref = c.lastRef >= 0 ? c.refs[c.lastRef] : null;
  t.record({
    kind: 'cluster',
    cluster: c.options.name,
    policy: c.options.lb.policy,
    priority: c.lastPriority,
    panic: c.lastPanic,
    backendRef: ref === null ? null : { label: ref.label, weight: ref.weight, fallback: ref.fallback },
    unhealthy: c.hosts.filter((h) => h.healthFlags !== 0).map((h) => h.key),
  });
  if (host === null) t.record({ kind: 'noHost', reason: c.noHostReason });
  else t.record({ kind: 'picked', host: host.key, active: host.activeRequests });
}

/** The client of a mirrored copy: the proxy drops the copy's reply before it would reach any client. */
const MIRROR_SINK: ResponseSink = { onResponse: () => undefined };

const invalidWeights = new WeakMap<object, number>();

/** Sum of weights of a rule's invalid backendRefs (computed once per pushed route action). */
function invalidWeight(action: { backends: readonly BackendTarget[] }): number {
  let w = invalidWeights.get(action);
  if (w === undefined) {
    w = action.backends.reduce((s, b) => s + (b.valid ? 0 : b.weight), 0);
    invalidWeights.set(action, w);
  }
  return w;
}

const templateRequests = new WeakMap<RequestTemplate, GatewayRequest>();

/** The Gateway API matcher's view of a template (built once per template). */
function gatewayRequest(t: RequestTemplate): GatewayRequest {
  let g = templateRequests.get(t);
  if (g === undefined) {
    g = {
      port: t.port,
      host: t.host,
      sni: t.scheme === 'https' ? t.sni : undefined,
      tls: t.scheme === 'https',
      method: t.method,
      path: t.path,
      query: t.query,
      headers: new Map(t.headers.map(([k, v]) => [k, v] as [string, string])),
    };
    templateRequests.set(t, g);
  }
  return g;
}
