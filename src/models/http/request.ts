// The simulated HTTP request: a shared, immutable template (what a client sends every time: method, URL, headers)
// plus a pooled per-request record (who sent it, over which connection, when, and what happened to it).
// Templates let the gateway cache route matches and hash inputs per template instead of per request.
import type { Host } from '../envoy/lb/host.js';
import type { GatewayProxy } from '../envoy/proxy/gateway-proxy.js';
import type { ProxyCluster } from '../envoy/proxy/proxy-cluster.js';
import type { RouteEntry } from '../gatewayapi/gateway-config.js';
import type { RequestTracer } from '../trace/request-trace.js';

/** What a client sends, fixed for the client's life (the cookie may change as the jar learns one). */
export interface RequestTemplate {
  readonly method: string;
  readonly scheme: 'http' | 'https';
  /** The Host header (no port). */
  readonly host: string;
  /** Destination address and port (the gateway's LB IP, or `${gateway:NAME}` resolved). */
  readonly address: string;
  readonly port: number;
  readonly path: string;
  /** Raw query string without `?` ('' when none). */
  readonly query: string;
  /** `:path` as Envoy sees it: path plus `?query` when there is one. */
  readonly pathAndQuery: string;
  /** Lower-cased header names with values, in the order given (Host excluded). */
  readonly headers: ReadonlyArray<readonly [string, string]>;
  /** TLS SNI for https (defaults to host). */
  readonly sni: string;
}

/** The request as the upstream received it, after the route's URLRewrite and RequestHeaderModifier. */
export interface ForwardedRequest {
  readonly method: string;
  /** Path with the query. */
  readonly path: string;
  readonly host: string;
  /** Lower-cased names, in order. */
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

/** Who gets told when a request completes. */
export interface ResponseSink {
  onResponse(req: HttpRequest): void;
  /**
   * Optional: a client whose reaction to a response is only to record it (open-loop load) takes it here, at the moment
   * the response leaves the gateway, with how long it takes to arrive: no event is spent on the last hop.
   */
  receiveIn?(req: HttpRequest, delayNs: number): void;
}

/** Status recorded when no HTTP response came back (refused, reset, blackholed, client timeout). */
export const NO_RESPONSE = 0;

/**
 * Why an upstream attempt failed, as the proxy classifies it for outlier detection and its local reply: refused (RST),
 * no answer within the cluster's connect timeout, the stream reset, or the route timeout. '' while none.
 */
export type UpstreamFailure = '' | 'connect' | 'connectTimeout' | 'reset' | 'timeout';

export class HttpRequest {
  template!: RequestTemplate;
  /** Cookie header sent (the template's plus what the client's jar holds), or null. */
  cookie: string | null = null;
  client!: ResponseSink;
  /** Recorder step index of the client step that sent it. */
  step = 0;
  /** Client-side connection: source address/port (source-IP hashing sees these or the SNAT'ed ones). */
  sourceIp = '';
  sourcePort = 0;
  /** The connection's id (its Envoy worker is chosen per connection). */
  connection = 0;
  /** The request opens its connection (a TCP handshake precedes it). */
  newConnection = false;
  /** Client-private bookkeeping (hey: the worker that sent it). */
  seqInClient = 0;
  /** 0-based position of the request among its step's requests (what --explain STEP:N counts). */
  ordinal = 0;
  /** When it reached the pod (for --explain's queueing + service time). */
  podArrivedAt = 0;
  sentAt = 0;
  // Outcome.
  status = 0;
  /** Recorder pod index that served it, or -1. */
  pod = -1;
  /** Set-Cookie returned to the client, if any. */
  setCookie: string | null = null;
  /**
   * The client reads the answer's headers or body (curl -I, curl printing the body). Only then do the gateway and the
   * pod build them: a client that counts statuses (hey, open-loop load, curl -o /dev/null) costs no allocation.
   */
  readsResponse = false;
  /** What the upstream received (set by the proxy when it forwards, for a client that reads the response). */
  forwarded: ForwardedRequest | null = null;
  /** The answer's headers as the client sees them, status line aside (set by the proxy, for a client that reads them). */
  responseHeaders: ReadonlyArray<readonly [string, string]> | null = null;
  /** The answer's body as the pod wrote it (null: Envoy's own reply, or a client that does not read it). */
  responseBody: string | null = null;
  /** What the client is told when the gateway or network answered instead of a pod (error strings, --explain). */
  message = '';
  /** The last upstream attempt's failure, for the proxy that decides what it means ('' while none). */
  failure: UpstreamFailure = '';
  /** The gateway's per-request state: the upstream host and cluster it picked (no allocation per request). */
  upstream: Host | null = null;
  cluster: ProxyCluster | null = null;
  /** The route entry that forwarded or redirected it (its filters decide what the backend saw), or null. */
  route: RouteEntry | null = null;
  /** The gateway proxy handling it. */
  proxy: GatewayProxy | null = null;
  /** The tracer following this request (gwsim run --explain), null for every other request. */
  tracer: RequestTracer | null = null;
  /** Envoy worker of the connection. */
  worker = 0;
  /** How long the worker's CPU holds the request before it leaves Envoy (to the upstream or the client); 0 once sent. */
  cpuDelayNs = 0;
  attempt = 0;
  /** The record holds a slot on its upstream host (host.activeRequests counts it): between forward and response. */
  upstreamActive = false;
  /** The route-timeout entry that is waiting for it (0: none); see models/envoy/proxy/request-deadlines.ts. */
  deadlineSeq = 0;
  /**
   * Envoy's route timeout answered the client with a copy of this record; this one is still in flight to or at the pod
   * and is dropped when it comes back (its reply goes nowhere).
   */
  orphaned = false;
  /** The client stopped waiting for it (curl -m, hey -t) and was answered with a copy; drop this one when it returns. */
  clientGaveUp = false;

  /** Copies every field (the proxy answers a timed-out request's client with a copy; see `orphaned`). */
  copyFrom(o: HttpRequest): void {
    this.template = o.template;
    this.cookie = o.cookie;
    this.client = o.client;
    this.step = o.step;
    this.sourceIp = o.sourceIp;
    this.sourcePort = o.sourcePort;
    this.connection = o.connection;
    this.newConnection = o.newConnection;
    this.seqInClient = o.seqInClient;
    this.ordinal = o.ordinal;
    this.podArrivedAt = o.podArrivedAt;
    this.sentAt = o.sentAt;
    this.status = o.status;
    this.pod = o.pod;
    this.setCookie = o.setCookie;
    this.readsResponse = o.readsResponse;
    this.forwarded = o.forwarded;
    this.responseHeaders = o.responseHeaders;
    this.responseBody = o.responseBody;
    this.message = o.message;
    this.failure = o.failure;
    this.upstream = o.upstream;
    this.cluster = o.cluster;
    this.route = o.route;
    this.proxy = o.proxy;
    this.tracer = o.tracer;
    this.worker = o.worker;
    this.cpuDelayNs = 0; // a copy (mirror, a timeout's answer) takes its own worker time
    this.attempt = o.attempt;
    this.upstreamActive = false;
    this.deadlineSeq = 0;
    this.orphaned = false;
    this.clientGaveUp = o.clientGaveUp;
  }

  reset(): void {
    this.cookie = null;
    this.newConnection = false;
    this.status = 0;
    this.pod = -1;
    this.setCookie = null;
    this.readsResponse = false;
    this.forwarded = null;
    this.responseHeaders = null;
    this.responseBody = null;
    this.message = '';
    this.failure = '';
    this.upstream = null;
    this.cluster = null;
    this.route = null;
    this.proxy = null;
    this.tracer = null;
    this.worker = 0;
    this.cpuDelayNs = 0;
    this.attempt = 0;
    this.upstreamActive = false;
    this.deadlineSeq = 0;
    this.orphaned = false;
    this.clientGaveUp = false;
  }
}

/** A free list of request records: steady state allocates none. */
export class RequestPool {
  private readonly free: HttpRequest[] = [];
  allocated = 0;

  take(): HttpRequest {
    const r = this.free.pop();
    if (r !== undefined) {
      r.reset();
      return r;
    }
    this.allocated++;
    return new HttpRequest();
  }

  give(r: HttpRequest): void {
    this.free.push(r);
  }

  /**
   * A copy of `original` carrying an answer of its own (status, no pod, message), for a client answered while the
   * original is still in flight (Envoy's route timeout, the client's own timeout). It carries the original's tracer;
   * the caller decides which of the two the trace follows.
   */
  answerCopy(original: HttpRequest, status: number, message: string): HttpRequest {
    const copy = this.take();
    copy.copyFrom(original);
    copy.status = status;
    copy.pod = -1;
    copy.message = message;
    return copy;
  }
}
