// Envoy's route timeout (RouteAction.timeout, default 15 s): from the moment the router forwards a request, the whole
// response, retries included, must arrive before the deadline, else Envoy answers 504 and resets the upstream stream.
// Owns the pending deadlines of one timeout value; the proxy owns what happens at expiry.
//
// Rule: all requests of one timeout value get deadline = forward time + timeout, so deadlines are in forward order and a
// FIFO ring holds them; one engine event waits for the oldest live deadline. A request that completes is not searched
// for: the proxy clears its `deadlineSeq`, and entries whose request no longer carries their sequence number are dropped
// when they reach the head. In steady state (responses in milliseconds) the timer fires about once per timeout period,
// finds nothing expired, and waits for the next oldest request: no event per request, O(1) per request amortised.
import type { Engine, EventKind } from '../../../sim/engine.js';
import type { HttpRequest } from '../../http/request.js';

export class RequestDeadlines {
  private reqs: (HttpRequest | null)[];
  private seqs: Float64Array;
  private deadlines: Float64Array;
  private head = 0;
  private count = 0;
  private timerPending = false;
  /** The next sequence number, in a typed array: past 2^31 a number field would be boxed on every update. */
  private readonly nextSeq: Float64Array;
  private readonly timer: EventKind<RequestDeadlines>;

  constructor(
    private readonly engine: Engine,
    /** The route timeout in ns (finite, > 0). */
    readonly timeoutNs: number,
    /** Shared by every queue of the proxy, so a sequence number names one forwarded request forever. */
    seqSource: Float64Array,
    timer: EventKind<RequestDeadlines>,
    private readonly expire: (req: HttpRequest) => void,
  ) {
    this.nextSeq = seqSource;
    this.timer = timer;
    this.reqs = new Array<HttpRequest | null>(64).fill(null);
    this.seqs = new Float64Array(64);
    this.deadlines = new Float64Array(64);
  }

  /** Pending entries, live or not yet dropped. */
  get size(): number {
    return this.count;
  }

  /** Slots in the ring (for tests: memory follows the requests in flight). */
  get capacity(): number {
    return this.seqs.length;
  }

  /** Starts the clock for `req` now. */
  arm(req: HttpRequest): void {
    this.dropDone();
    if (this.count === this.seqs.length) this.grow();
    const i = (this.head + this.count) % this.seqs.length;
    const seq = ++this.nextSeq[0];
    req.deadlineSeq = seq;
    this.reqs[i] = req;
    this.seqs[i] = seq;
    this.deadlines[i] = this.engine.now + this.timeoutNs;
    this.count++;
    if (!this.timerPending) this.schedule();
  }

  /** The timer: answers every live request whose deadline has come, then waits for the next one. */
  fire(): void {
    this.timerPending = false;
    const now = this.engine.now;
    for (;;) {
      this.dropDone();
      if (this.count === 0 || this.deadlines[this.head] > now) break;
      const req = this.reqs[this.head]!;
      this.pop();
      req.deadlineSeq = 0;
      this.expire(req);
    }
    if (this.count > 0) this.schedule();
  }

  private schedule(): void {
    this.timerPending = true;
    this.engine.schedule(this.deadlines[this.head] - this.engine.now, this.timer, this);
  }

  /** Drops head entries whose request completed (or was recycled for another request). */
  private dropDone(): void {
    while (this.count > 0 && this.reqs[this.head]!.deadlineSeq !== this.seqs[this.head]) this.pop();
  }

  private pop(): void {
    this.reqs[this.head] = null;
    this.head = (this.head + 1) % this.seqs.length;
    this.count--;
  }

  /**
   * The ring is full: keep only the live entries (behind one slow request, thousands of completed ones can wait for
   * the head to go), and double the ring only if they still fill half of it. So memory follows the requests in flight,
   * not the request rate times the timeout.
   */
  private grow(): void {
    const old = this.seqs.length;
    let live = 0;
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) % old;
      if (this.reqs[i]!.deadlineSeq === this.seqs[i]) live++;
    }
    const cap = live * 2 >= old ? old * 2 : old;
    const reqs = new Array<HttpRequest | null>(cap).fill(null);
    const seqs = new Float64Array(cap);
    const deadlines = new Float64Array(cap);
    let n = 0;
    for (let k = 0; k < this.count; k++) {
      const i = (this.head + k) % old;
      if (this.reqs[i]!.deadlineSeq !== this.seqs[i]) continue;
      reqs[n] = this.reqs[i];
      seqs[n] = this.seqs[i];
      deadlines[n] = this.deadlines[i];
      n++;
    }
    this.reqs = reqs;
    this.seqs = seqs;
    this.deadlines = deadlines;
    this.head = 0;
    this.count = n;
  }
}
