// `hey` (github.com/rakyll/hey), as the workshops run it: `-c` workers, each on one keep-alive connection, each
// sending n/c requests back to back (remainder dropped), optionally rate-limited to `-q` per worker or run for `-z`;
// errors are counted apart and left out of the latency figures (requester/report.go). Prints hey's own summary.
import type { HttpRequest, RequestTemplate, ResponseSink } from '../http/request.js';
import { NO_RESPONSE } from '../http/request.js';
import { LatencyHistogram } from '../metrics/latency-histogram.js';
import type { ClientContext } from './client-context.js';
import { formatHeySummary, type HeyReport } from './hey-summary.js';
import { CONNECTION_RESET, TLS_HANDSHAKE_CLOSED } from '../http/connection-errors.js';
import { ResponseTimeouts } from './response-timeouts.js';

/** What Go's http.Client reports when hey's -t passes before the response headers (net/http client.go). */
export const HEY_TIMEOUT_DETAIL = 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)';

export interface HeyConfig {
  /** -n: total requests (default 200). */
  n: number;
  /** -c: concurrent workers (default 50). */
  c: number;
  /** -q: requests per second per worker (0 = no limit). */
  qps: number;
  /** -z: run for this long instead of -n (0 = off). */
  durationNs: number;
  /** -t: per-request timeout (default 20 s). */
  timeoutNs: number;
  template: RequestTemplate;
  sourceIp: string;
  /** Print the summary when done. */
  print: boolean;
}

export class HeyClient implements ResponseSink {
  private readonly perWorker: number;
  private readonly sentBy: Int32Array;
  private readonly conn: Float64Array;
  private readonly lastSend: Float64Array;
  private readonly latency = new LatencyHistogram(3);
  private readonly statusCounts = new Map<number, number>();
  private readonly errors = new Map<string, number>();
  private startedAt = 0;
  private active = 0;
  private results = 0;
  private sentTotal = 0;
  private latSumNs = 0;
  private dialSumNs = 0;
  private dialMinNs = Infinity;
  private dialMaxNs = 0;
  private readonly sendKind;
  /** -t per worker (null with -t 0: hey waits for ever). */
  private readonly timeouts: ResponseTimeouts | null;
  /** The worker's connection was dropped (Go closes it on a timeout): its next request dials a new one. */
  private readonly redial: Uint8Array;

  constructor(
    private readonly ctx: ClientContext,
    readonly config: HeyConfig,
    /** The extra time a new connection costs before its first request (one client<->gateway RTT for the TCP handshake). */
    private readonly dialNs: number,
  ) {
    this.perWorker = config.durationNs > 0 ? Number.MAX_SAFE_INTEGER : Math.floor(config.n / config.c);
    this.sentBy = new Int32Array(config.c);
    this.conn = new Float64Array(config.c);
    this.lastSend = new Float64Array(config.c).fill(-Infinity);
    this.sendKind = ctx.engine.kind<number>('hey.send', (w) => this.send(w));
    this.redial = new Uint8Array(config.c);
    this.timeouts =
      config.timeoutNs > 0 && config.timeoutNs < Infinity
        ? new ResponseTimeouts(ctx.engine, ctx.pool, config.timeoutNs, config.c, HEY_TIMEOUT_DETAIL, (copy) =>
            this.onResponse(copy),
          )
        : null;
  }

  start(): void {
    this.startedAt = this.ctx.engine.now;
    for (let w = 0; w < this.config.c; w++) {
      this.conn[w] = this.ctx.connections.next();
      if (this.perWorker > 0) {
        this.active++;
        this.send(w);
      }
    }
    if (this.active === 0) this.finish();
  }

  private send(w: number): void {
    const ctx = this.ctx;
    const c = this.config;
    const now = ctx.engine.now;
    if (c.durationNs > 0 && now - this.startedAt >= c.durationNs) {
      this.workerDone();
      return;
    }
    // -q: hey's per-worker ticker lets one request out every 1/q seconds.
    if (c.qps > 0) {
      const gap = 1e9 / c.qps;
      if (now < this.lastSend[w] + gap) {
        ctx.engine.schedule(this.lastSend[w] + gap - now, this.sendKind, w);
        return;
      }
      this.lastSend[w] = now;
    }
    const req = ctx.pool.take();
    req.template = c.template;
    req.client = this;
    req.step = ctx.step;
    req.sourceIp = c.sourceIp;
    req.connection = this.conn[w];
    req.sourcePort = 32768 + (this.conn[w] % 28232);
    req.seqInClient = w; // which worker: needed on response
    req.ordinal = this.sentTotal++;
    req.sentAt = now;
    // The first request of a worker opens the connection (a TCP handshake before it), as does the first after a timeout.
    req.newConnection = this.sentBy[w] === 0 || this.redial[w] === 1;
    this.redial[w] = 0;
    this.sentBy[w]++;
    this.timeouts?.start(w, req);
    ctx.ingress.send(req);
  }

  onResponse(req: HttpRequest): void {
    const ctx = this.ctx;
    if (req.clientGaveUp) return ctx.pool.give(req); // answered already: -t passed first
    const lat = ctx.engine.now - req.sentAt;
    const w = req.seqInClient;
    this.timeouts?.stop(w);
    if (req.message === HEY_TIMEOUT_DETAIL) {
      this.conn[w] = ctx.connections.next();
      this.redial[w] = 1;
    }
    ctx.recorder.record(req.step, req.pod, req.status, lat);
    this.results++;
    if (req.status === NO_RESPONSE) {
      const t = req.template;
      const port = t.port === (t.scheme === 'https' ? 443 : 80) ? '' : `:${t.port}`; // the URL as it was given
      const e = `Get "${t.scheme}://${t.address}${port}${t.path}": ${goError(req.message)}`;
      this.errors.set(e, (this.errors.get(e) ?? 0) + 1);
    } else {
      this.latency.record(lat);
      this.latSumNs += lat;
      this.statusCounts.set(req.status, (this.statusCounts.get(req.status) ?? 0) + 1);
      const dial = req.newConnection ? this.dialNs : 0;
      this.dialSumNs += dial;
      if (dial < this.dialMinNs) this.dialMinNs = dial;
      if (dial > this.dialMaxNs) this.dialMaxNs = dial;
    }
    ctx.pool.give(req);
    if (this.sentBy[w] < this.perWorker) this.send(w);
    else this.workerDone();
  }

  private workerDone(): void {
    if (--this.active === 0) this.finish();
  }

  private finish(): void {
    if (this.config.print) for (const line of formatHeySummary(this.report())) this.ctx.print(line);
    this.ctx.done();
  }

  report(): HeyReport {
    const ok = this.latency.count;
    return {
      totalNs: this.ctx.engine.now - this.startedAt,
      results: this.results,
      latency: this.latency,
      averageNs: ok > 0 ? this.latSumNs / ok : 0,
      dial: { averageNs: ok > 0 ? this.dialSumNs / ok : 0, minNs: ok > 0 ? this.dialMinNs : 0, maxNs: this.dialMaxNs },
      statusCounts: [...this.statusCounts.entries()].sort((a, b) => a[0] - b[0]),
      errors: [...this.errors.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
      sizePerRequest: 0,
    };
  }
}

/**
 * Go's words for a connection that ended without an answer: crypto/tls reports a handshake the peer closed as io.EOF
 * ("EOF"), net reports a RST while reading as "read: connection reset by peer" (Go 1.22 net/http, crypto/tls).
 */
function goError(message: string): string {
  if (message === TLS_HANDSHAKE_CLOSED) return 'EOF';
  if (message === CONNECTION_RESET) return 'read: connection reset by peer';
  return message || 'dial tcp: connect: connection refused';
}
