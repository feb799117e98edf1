// The per-pick context handed to a load balancer: the request hash (two uint32 halves), the retry attempt, the worker's
// random stream and an optional random draw the priority layer already made. Reused across picks: no allocation.
import type { Rng } from '../../../sim/rng.js';
import type { HashTarget } from '../hash/hash-request.js';
import type { RequestTracer } from '../../trace/request-trace.js';

export class LbContext implements HashTarget {
  /** Set by the hash policy (Maglev / RingHash read it); no hash -> the LB uses a random 64-bit value. */
  hasHash = false;
  hashHi = 0;
  hashLo = 0;
  setCookie: string | null = null;
  generatedCookie: string | null = null;
  /** Host-selection retry attempt (0 = first try): Maglev xors the hash with -attempt, RingHash steps `attempt` entries. */
  attempt = 0;
  /**
   * Envoy draws one random() per pick before the algorithm runs (to choose the priority) and Random LB reuses that same
   * value for the host index; thread-aware LBs use it when there is no hash. The priority layer stores it here; without
   * it the LB draws its own from `rng`.
   */
  hasDraw = false;
  drawHi = 0;
  drawLo = 0;

  /** When set (gwsim run --explain), LBs record how they decided; null on every other pick. */
  trace: RequestTracer | null = null;

  constructor(public rng: Rng) {}

  setHash(hi: number, lo: number): this {
    this.hasHash = true;
    this.hashHi = hi >>> 0;
    this.hashLo = lo >>> 0;
    return this;
  }

  /** Forget per-request state before the next request (hash, draw, attempt, cookies). */
  reset(): this {
    this.hasHash = false;
    this.hasDraw = false;
    this.attempt = 0;
    this.setCookie = null;
    this.generatedCookie = null;
    return this;
  }
}
