// One backend pod's server: accepts a request if it listens on the port the request targets, queues it behind its
// concurrency limit, serves it for a drawn service time, and answers. Owns the pod's queue and its served count
// (the workshop's `kubectl logs | wc -l`); the network around it and who sent the request are the caller's.
//
// A pod that is not running, or whose server listens on another port (echo-basic honours HTTP_PORT, as the
// failover workshop exploits), refuses the connection: the caller turns that into Envoy's connect failure.
import type { Engine, EventKind } from '../../sim/engine.js';
import type { Rng } from '../../sim/rng.js';
import { Resource, GRANTED, REJECTED } from '../../sim/resource.js';
import type { BackendBehaviour } from './behaviour.js';
import { serviceTimeSampler, type ServiceTimeSampler } from './service-time.js';

/** What the server needs from a request: where to report completion. */
export interface ServedRequest {
  /** Set by the server when it answers: the HTTP status. */
  status: number;
}

export const ACCEPTED = 0;
export const REFUSED = 1;
export const OVERLOADED = 2;
export type AcceptResult = typeof ACCEPTED | typeof REFUSED | typeof OVERLOADED;

export class PodServer<R extends ServedRequest = ServedRequest> {
  /** Is the container up (false after a crash or while the node is down). */
  private up = true;
  /** When the app in a (re)started container listens: connections before it are refused. */
  private listensAt = 0;
  /** The ports the server listens on (HTTP_PORT when set, as echo-basic reads it; else the declared containerPorts). */
  listenPorts: readonly number[];
  /** Requests this pod served (answered by the application), since it started: the workshop's log-line count. */
  served = 0;
  readonly sampler: ServiceTimeSampler;
  private readonly slots: Resource<R> | null;
  private readonly startKind: EventKind<R>;
  private readonly doneKind: EventKind<R>;

  constructor(
    private readonly engine: Engine,
    private readonly rng: Rng,
    readonly behaviour: BackendBehaviour,
    listenPorts: readonly number[],
    /** Fired when the pod answers a request (status set). */
    private readonly onResponse: (req: R) => void,
    name: string,
  ) {
    this.listenPorts = listenPorts;
    this.sampler = serviceTimeSampler(behaviour.serviceTime);
    this.startKind = engine.kind<R>(`pod.start/${name}`, (r) => this.start(r));
    this.doneKind = engine.kind<R>(`pod.done/${name}`, (r) => this.done(r));
    this.slots = Number.isFinite(behaviour.concurrency)
      ? new Resource<R>(engine, behaviour.concurrency, this.startKind, behaviour.queueLimit)
      : null;
  }

  /** Is the container running and its app listening (false after a crash, while the node is down, or as it starts). */
  get running(): boolean {
    return this.up && this.engine.now >= this.listensAt;
  }

  set running(up: boolean) {
    this.up = up;
    this.listensAt = 0;
  }

  /** The container (re)starts now; its app listens after `appStartupNs`. */
  containerStarted(appStartupNs: number): void {
    this.up = true;
    this.listensAt = this.engine.now + appStartupNs;
  }

  /** A request arrives for `port`: served (ACCEPTED; onResponse fires later), refused, or rejected by a full queue. */
  accept(req: R, port: number): AcceptResult {
    if (!this.running || !this.listensOn(port)) return REFUSED;
    if (this.slots === null) {
      this.start(req);
      return ACCEPTED;
    }
    const r = this.slots.acquire(req);
    if (r === REJECTED) return OVERLOADED;
    if (r === GRANTED) this.start(req);
    return ACCEPTED;
  }

  listensOn(port: number): boolean {
    const ps = this.listenPorts;
    for (let i = 0; i < ps.length; i++) if (ps[i] === port) return true;
    return false;
  }

  /** Requests being served or waiting now. */
  get inFlight(): number {
    return this.slots === null ? this.unlimitedInFlight : this.slots.busy + this.slots.queued;
  }

  private unlimitedInFlight = 0;

  private start(req: R): void {
    const b = this.behaviour;
    let t = this.sampler.sample(this.rng);
    if (b.slowFraction > 0 && this.rng.random() < b.slowFraction) t *= b.slowFactor;
    req.status = b.errorRate > 0 && this.rng.random() < b.errorRate ? b.errorStatus : 200;
    if (this.slots === null) this.unlimitedInFlight++;
    this.engine.schedule(t, this.doneKind, req);
  }

  private done(req: R): void {
    if (this.slots === null) this.unlimitedInFlight--;
    else {
      // The freed slot goes to the oldest waiting request, which starts now (FIFO, no extra event).
      const next = this.slots.releaseToNext();
      if (next !== undefined) this.start(next);
    }
    this.served++;
    this.onResponse(req);
  }
}
