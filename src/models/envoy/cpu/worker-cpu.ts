// One Envoy worker thread as a CPU: a single server that does its connections' work in arrival order, one piece at a
// time (Envoy's workers are single-threaded event loops, docs: intro/arch_overview/intro/threading_model). Kept as a
// virtual clock: the moment it is next free is enough to know when each piece of work finishes, with no event of its own.
import type { SimTime } from '../../../sim/time.js';

export class WorkerCpu {
  /** When the worker finishes the work it has taken so far. */
  private freeAt = 0;
  /** CPU time done or taken so far, and the longest and total time work waited for the worker. */
  busyNs = 0;
  maxWaitNs = 0;
  waitNs = 0;
  jobs = 0;

  /**
   * Takes `costNs` of work arriving at `now`; returns how long after `now` it is done (queueing behind earlier work,
   * then the work itself). Allocation-free.
   */
  take(now: SimTime, costNs: number): number {
    const start = this.freeAt > now ? this.freeAt : now;
    const wait = start - now;
    this.freeAt = start + costNs;
    this.busyNs += costNs;
    this.waitNs += wait;
    if (wait > this.maxWaitNs) this.maxWaitNs = wait;
    this.jobs++;
    return wait + costNs;
  }
}
