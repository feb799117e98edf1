// A client's own limit on waiting for a response (curl -m, hey -t): per outstanding request a timer; when it fires
// the client stops waiting, reports the request as timed out and moves on, while the request itself may still be at
// the gateway or a pod. Owns the timers and the hand-over; the clients own what they print and count.
//
// The client is answered with a copy of the record (status NO_RESPONSE, the client's message): the original is still
// referenced by the network, the proxy or a pod, and comes back later, marked `clientGaveUp`, to be dropped then.
// A timer is an engine event with a plain handler: cancelled when the response comes first, it is never dispatched,
// so runs whose clients never time out keep their event counts and trace hashes.
import type { Engine, EventHandle } from '../../sim/engine.js';
import { NO_RESPONSE, type HttpRequest, type RequestPool } from '../http/request.js';

export class ResponseTimeouts {
  private readonly handles: Float64Array;
  private readonly waiting: (HttpRequest | null)[];
  private readonly fire: (slot: number) => void;

  constructor(
    private readonly engine: Engine,
    private readonly pool: RequestPool,
    /** How long the client waits (> 0 and finite; callers with no limit make no ResponseTimeouts). */
    readonly timeoutNs: number,
    slots: number,
    /** The message the client reports, e.g. curl's "Operation timed out". */
    private readonly message: string,
    /** The client's own response path, given the copy. */
    deliver: (copy: HttpRequest) => void,
  ) {
    this.handles = new Float64Array(slots);
    this.waiting = new Array<HttpRequest | null>(slots).fill(null);
    this.fire = (slot: number) => {
      const req = this.waiting[slot];
      if (req === null) return;
      this.waiting[slot] = null;
      req.clientGaveUp = true;
      const copy = this.pool.answerCopy(req, NO_RESPONSE, this.message);
      copy.clientGaveUp = false; // the copy is the answer the client takes
      copy.tracer = null; // --explain follows the request itself to its end
      deliver(copy);
    };
  }

  /** The client sent `req` from `slot` (a curl loop has one slot, hey one per worker). */
  start(slot: number, req: HttpRequest): void {
    this.waiting[slot] = req;
    this.handles[slot] = this.engine.schedule(this.timeoutNs, this.fire, slot) as EventHandle;
  }

  /** The response to the request of `slot` came in time. */
  stop(slot: number): void {
    if (this.waiting[slot] === null) return;
    this.waiting[slot] = null;
    this.engine.cancel(this.handles[slot]);
  }
}
