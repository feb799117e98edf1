// An open-loop load generator for capacity planning: requests at a fixed `rate` per second for `duration`, with
// Poisson (exponential gaps) or constant spacing, whatever the responses do. Requests spread over `connections`
// keep-alive connections and `sources` client addresses, so workers and source-IP hashing see realistic spread.
import type { HttpRequest, RequestTemplate, ResponseSink } from '../http/request.js';
import type { ClientContext } from './client-context.js';

export interface OpenLoopConfig {
  ratePerSecond: number;
  durationNs: number;
  distribution: 'poisson' | 'constant';
  template: RequestTemplate;
  /** Keep-alive connections the generator spreads requests over (round robin). */
  connections: number;
  /** Distinct client source addresses, `sourceBase`.. (as many load-generator hosts). */
  sourceIps: readonly string[];
}

export class OpenLoopClient implements ResponseSink {
  private sent = 0;
  private outstanding = 0;
  private finished = false;
  private endAt = 0;
  private readonly meanGapNs: number;
  private readonly conns: Float64Array;
  private readonly arrivalKind;
  private readonly doneKind;

  constructor(
    private readonly ctx: ClientContext,
    readonly config: OpenLoopConfig,
  ) {
    this.meanGapNs = 1e9 / config.ratePerSecond;
    this.conns = new Float64Array(Math.max(1, config.connections));
    this.arrivalKind = ctx.engine.kind<null>('load.arrival', () => this.arrive());
    this.doneKind = ctx.engine.kind<null>('load.done', () => ctx.done());
  }

  start(): void {
    for (let i = 0; i < this.conns.length; i++) this.conns[i] = this.ctx.connections.next();
    this.endAt = this.ctx.engine.now + this.config.durationNs;
    this.scheduleNext();
  }

  /** Requests sent so far. */
  get requests(): number {
    return this.sent;
  }

  private scheduleNext(): void {
    // Whole ns: the engine rounds anyway, and a small integer crosses calls unboxed.
    const gap = Math.round(
      this.config.distribution === 'poisson' ? this.ctx.rng.exponential(this.meanGapNs) : this.meanGapNs,
    );
    const at = this.ctx.engine.now + gap;
    if (at >= this.endAt) {
      this.finished = true;
      if (this.outstanding === 0) this.ctx.done();
      return;
    }
    this.ctx.engine.schedule(gap, this.arrivalKind, null);
  }

  private arrive(): void {
    const ctx = this.ctx;
    const req = ctx.pool.take();
    const k = this.sent % this.conns.length;
    req.template = this.config.template;
    req.client = this;
    req.step = ctx.step;
    req.sourceIp = this.config.sourceIps[k % this.config.sourceIps.length];
    req.connection = this.conns[k];
    req.sourcePort = 32768 + (this.conns[k] % 28232);
    req.newConnection = this.sent < this.conns.length;
    req.ordinal = this.sent;
    req.seqInClient = this.sent++;
    req.sentAt = ctx.engine.now;
    this.outstanding++;
    ctx.ingress.send(req);
    this.scheduleNext();
  }

  onResponse(req: HttpRequest): void {
    this.receiveIn(req, 0);
  }

  /** Open-loop clients only record answers, so the world hands them over without an event for the last hop. */
  receiveIn(req: HttpRequest, delayNs: number): void {
    const ctx = this.ctx;
    ctx.recorder.record(req.step, req.pod, req.status, ctx.engine.now + delayNs - req.sentAt, delayNs);
    ctx.pool.give(req);
    // The step ends when its last answer arrives (one event, once per step).
    if (--this.outstanding === 0 && this.finished) ctx.engine.schedule(delayNs, this.doneKind, null);
  }
}
