// A capacity-limited FIFO resource (SimPy's Resource): server concurrency, connection pools.
// Owns the units in use, the wait queue and time-weighted statistics; the caller decides what holding a unit means.
//
// acquire() grants at once when a unit is free (the caller goes on synchronously, no event), queues otherwise;
// release() hands the unit straight to the oldest waiter by scheduling its event now, so a granted waiter
// runs in FIFO order after whatever is already due at this instant. Allocation-free in steady state.

import type { Engine, EventKind } from './engine.js';

export const GRANTED = 0;
export const QUEUED = 1;
export const REJECTED = 2;
export type AcquireResult = typeof GRANTED | typeof QUEUED | typeof REJECTED;

export class Resource<P = unknown> {
  private inUse = 0;
  // Ring buffer of waiters: payload and arrival time.
  private waitPayload: (P | undefined)[];
  private waitSince: Float64Array;
  private head = 0;
  private count = 0;

  // Time-weighted statistics.
  private lastChange = 0;
  private busyArea = 0;
  private queueArea = 0;
  /** Units granted so far (immediately or after waiting). */
  granted = 0;
  /** Requests refused because the queue was full. */
  rejected = 0;
  /** Sum of waits in ns of every grant. */
  totalWaitNs = 0;
  /** Longest queue seen. */
  maxQueue = 0;

  constructor(
    private readonly engine: Engine,
    readonly capacity: number,
    private readonly onGrant: EventKind<P>,
    readonly queueLimit = Infinity,
  ) {
    if (!(capacity >= 1) || !Number.isInteger(capacity))
      throw new RangeError(`resource capacity must be a positive integer, got ${capacity}`);
    const cap = 16;
    this.waitPayload = new Array<P | undefined>(cap).fill(undefined);
    this.waitSince = new Float64Array(cap);
  }

  get busy(): number {
    return this.inUse;
  }

  get queued(): number {
    return this.count;
  }

  /** GRANTED: the caller holds a unit now. QUEUED: `onGrant(payload)` fires when it gets one. REJECTED: queue full. */
  acquire(payload: P): AcquireResult {
    if (this.inUse < this.capacity) {
      this.account();
      this.inUse++;
      this.granted++;
      return GRANTED;
    }
    if (this.count >= this.queueLimit) {
      this.rejected++;
      return REJECTED;
    }
    this.account();
    if (this.count === this.waitSince.length) this.growQueue();
    const tail = (this.head + this.count) % this.waitSince.length;
    this.waitPayload[tail] = payload;
    this.waitSince[tail] = this.engine.now;
    this.count++;
    if (this.count > this.maxQueue) this.maxQueue = this.count;
    return QUEUED;
  }

  /** Returns a unit; the oldest waiter (if any) gets it, its `onGrant` event scheduled now. */
  release(): void {
    const next = this.releaseToNext();
    if (next !== undefined) this.engine.schedule(0, this.onGrant, next);
  }

  /**
   * Returns a unit and, if someone waits, hands it straight to the oldest waiter and returns that waiter's payload for
   * the caller to serve now, in this event (no grant event: same order, one event fewer per queued request).
   */
  releaseToNext(): P | undefined {
    if (this.inUse <= 0) throw new RangeError('resource released more often than acquired');
    this.account();
    if (this.count === 0) {
      this.inUse--;
      return undefined;
    }
    const payload = this.waitPayload[this.head] as P;
    const since = this.waitSince[this.head];
    this.waitPayload[this.head] = undefined;
    this.head = (this.head + 1) % this.waitSince.length;
    this.count--;
    this.granted++;
    this.totalWaitNs += this.engine.now - since;
    return payload;
  }

  /** Mean units busy over [0, now]. */
  meanBusy(): number {
    this.account();
    return this.engine.now > 0 ? this.busyArea / this.engine.now : 0;
  }

  /** Mean queue length over [0, now]. */
  meanQueue(): number {
    this.account();
    return this.engine.now > 0 ? this.queueArea / this.engine.now : 0;
  }

  private account(): void {
    const now = this.engine.now;
    const dt = now - this.lastChange;
    if (dt > 0) {
      this.busyArea += dt * this.inUse;
      this.queueArea += dt * this.count;
      this.lastChange = now;
    }
  }

  private growQueue(): void {
    const old = this.waitSince.length;
    const payloads = new Array<P | undefined>(old * 2).fill(undefined);
    const since = new Float64Array(old * 2);
    for (let i = 0; i < this.count; i++) {
      const j = (this.head + i) % old;
      payloads[i] = this.waitPayload[j];
      since[i] = this.waitSince[j];
    }
    this.waitPayload = payloads;
    this.waitSince = since;
    this.head = 0;
  }
}
