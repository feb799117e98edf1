// The discrete-event engine: the clock, the pending-event queue, the run loop, its limits and the trace hash.
// It moves time and calls handlers; it knows no domain. Models register named event kinds and schedule them.
//
// Order is total: (time, seq) with seq the push order, so ties run first-scheduled-first, as SimPy and ns-3 do.
// No Promises or async: a handler runs to completion before the next event. Delays are rounded to whole ns.

import { AFTER_UNTIL, EMPTY, EventQueue, type EventHandle } from './event-queue.js';
import { formatDuration, type SimTime } from './time.js';
import { TraceHash } from './trace-hash.js';
import { InputError } from './input-error.js';
import { HandlerError } from './internal-error.js';

export type { EventHandle } from './event-queue.js';

/** What an event does when it fires. Payloads are passed through untouched (use numbers or long-lived objects to avoid allocation). */
export type Handler<P = unknown> = (payload: P) => void;

/** A named kind of event: its id enters the trace hash, its name shows in traces and explanations. */
export interface EventKind<P = unknown> {
  readonly id: number;
  readonly name: string;
  readonly fire: Handler<P>;
}

type AnyHandler = Handler<never> | EventKind<never>;

/** Why `run` returned. */
export type StopReason = 'drained' | 'until' | 'maxEvents' | 'stopped';

export interface RunLimits {
  /** Run events with time <= until, then set the clock to until. */
  until?: SimTime;
  /** Process at most this many events in this call. */
  maxEvents?: number;
}

export interface RunOutcome {
  reason: StopReason;
  /** Events processed in this call. */
  events: number;
  now: SimTime;
  /** One line for a person: which limit stopped the run. */
  message: string;
}

/** Scheduling before the current time, or at a time that is not a number. */
export class ScheduleError extends Error {
  override name = 'ScheduleError';
}

export class Engine {
  private readonly queue: EventQueue<AnyHandler>;
  private readonly trace = new TraceHash();
  private readonly kinds: EventKind<never>[] = [];
  private stopRequested: string | null = null;
  /**
   * The run loop stops when `processed` reaches this: the maxEvents limit, or the current count once stop() is called.
   * One compare per event serves both (kept in a typed array: a count past 2^31 in a number field may be boxed).
   */
  private readonly stopAt = new Float64Array(1);
  /** The clock, in a typed array so advancing it past 2^31 ns never boxes a number (no allocation per event). */
  private readonly clockBox = new Float64Array(1);
  private processed = 0;

  constructor(opts: { initialCapacity?: number } = {}) {
    this.queue = new EventQueue<AnyHandler>(opts.initialCapacity ?? 1024);
  }

  /** The current simulated time in ns. */
  get now(): SimTime {
    return this.clockBox[0];
  }

  /** Events processed since the engine was made. */
  get events(): number {
    return this.processed;
  }

  /** Live pending events. */
  get pending(): number {
    return this.queue.size;
  }

  /** The trace hash over every processed event's (time, kind id) so far. */
  get traceHash(): string {
    return this.trace.digest();
  }

  /** Registers a named event kind. Ids follow registration order, so the same model wiring gives the same ids. */
  kind<P>(name: string, fire: Handler<P>): EventKind<P> {
    const k: EventKind<P> = { id: this.kinds.length + 1, name, fire };
    this.kinds.push(k as EventKind<never>);
    return k;
  }

  /** Schedules `handler(payload)` after `delay` ns (rounded half up to a whole ns); a negative or infinite delay throws. */
  schedule<P>(delay: SimTime, handler: Handler<P> | EventKind<P>, payload?: P): EventHandle {
    if (!(delay >= 0 && delay < Infinity))
      throw new ScheduleError(
        `cannot schedule ${delay} ns from now: delays must be finite and >= 0 (now = ${formatDuration(this.clockBox[0])})`,
      );
    const q = this.queue;
    // floor(x + 0.5), not Math.round: they differ only where adding 0.5 rounds up (x = 0.49999999999999994), and
    // Math.round measured ~8 % slower per PHOLD event in V8 (bench/RESULTS.md).
    q.key[0] = this.clockBox[0] + Math.floor(delay + 0.5);
    return q.handleOf(q.pushKeyed(handler as AnyHandler, payload));
  }

  /** Schedules `handler(payload)` at absolute time `time`; a time before `now` throws. */
  scheduleAt<P>(time: SimTime, handler: Handler<P> | EventKind<P>, payload?: P): EventHandle {
    if (!(time >= this.clockBox[0]))
      throw new ScheduleError(`cannot schedule at ${time} ns: it is before now (${this.clockBox[0]} ns)`);
    if (time === Infinity) throw new ScheduleError('cannot schedule at an infinite time');
    const q = this.queue;
    q.key[0] = Math.floor(time + 0.5);
    return q.handleOf(q.pushKeyed(handler as AnyHandler, payload));
  }

  /** Cancels a pending event; false if it already ran or was cancelled. */
  cancel(handle: EventHandle): boolean {
    return this.queue.cancel(handle);
  }

  isPending(handle: EventHandle): boolean {
    return this.queue.isPending(handle);
  }

  /** Time of the next event, or Infinity. */
  nextTime(): SimTime {
    return this.queue.peekTime();
  }

  /** Asks the running loop to return after the current event (for SIGINT, memory guards, or a model that is done). */
  stop(why = 'stopped'): void {
    this.stopRequested = why;
    this.stopAt[0] = -1;
  }

  /** Processes exactly one event; false when none is pending. */
  step(): boolean {
    const q = this.queue;
    if (!q.pop()) return false;
    this.dispatch(q);
    return true;
  }

  /** Runs until the queue drains, `until` passes, `maxEvents` are processed, or `stop()` is called. */
  run(limits: RunLimits = {}): RunOutcome {
    const until = limits.until ?? Infinity;
    const maxEvents = limits.maxEvents ?? Infinity;
    if (until < this.clockBox[0])
      throw new ScheduleError(`cannot run until ${until} ns: it is before now (${this.clockBox[0]} ns)`);
    const q = this.queue;
    const start = this.processed;
    const stopAt = this.stopAt;
    stopAt[0] = start + maxEvents;
    this.stopRequested = null;
    let reason: StopReason;
    try {
      for (;;) {
        if (this.processed >= stopAt[0]) {
          reason = this.stopRequested !== null ? 'stopped' : 'maxEvents';
          break;
        }
        const r = q.popUntil(until);
        if (r === EMPTY) {
          reason = 'drained';
          if (until !== Infinity) this.clockBox[0] = until;
          break;
        }
        if (r === AFTER_UNTIL) {
          reason = 'until';
          this.clockBox[0] = until;
          break;
        }
        this.dispatch(q);
      }
    } catch (e) {
      // Bad input met mid-run stays bad input; anything else is a bug, reported with the event that hit it.
      if (e instanceof InputError || e instanceof HandlerError) throw e;
      const h = q.handler as AnyHandler;
      throw new HandlerError(
        e,
        this.clockBox[0],
        typeof h === 'function' ? h.name || 'an unnamed handler' : h.name,
        this.processed,
      );
    }
    const events = this.processed - start;
    return { reason, events, now: this.clockBox[0], message: this.describe(reason, events, limits) };
  }

  private dispatch(q: EventQueue<AnyHandler>): void {
    const h = q.handler as AnyHandler;
    const payload = q.payload as never;
    const t = q.time;
    this.clockBox[0] = t;
    this.processed++;
    // The time folded to one int32 here, so the trace hash's call takes small integers only (no boxed doubles).
    const w = (t >>> 0) ^ Math.imul((t / 4294967296) >>> 0, 0x9e3779b1);
    if (typeof h === 'function') {
      this.trace.mix(w, 0);
      h(payload);
    } else {
      this.trace.mix(w, h.id);
      h.fire(payload);
    }
  }

  private describe(reason: StopReason, events: number, limits: RunLimits): string {
    const at = `at t=${formatDuration(this.clockBox[0])} after ${events} events`;
    switch (reason) {
      case 'drained':
        return `no events left ${at}`;
      case 'until':
        return `reached the time limit (until ${formatDuration(limits.until ?? 0)}) ${at}`;
      case 'maxEvents':
        return `reached the event limit (maxEvents ${limits.maxEvents}) ${at}`;
      case 'stopped':
        return `stopped (${this.stopRequested}) ${at}`;
    }
  }
}
