// Envoy's round-robin LB for one worker (source/extensions/load_balancing_policies/round_robin/round_robin_lb.h and
// common/load_balancer_impl.cc EdfLoadBalancerBase). Owns the per-worker seed, the RR cursor and the weighted EDF.
// Slow start is not modelled here (Envoy Gateway's slowStart would make EDF run even with equal weights).
import type { Rng } from '../../../sim/rng.js';
import type { Host } from './host.js';
import type { LbContext } from './lb-context.js';
import type { LbConfig, LoadBalancer, Reseedable } from './load-balancer.js';
import { hostWeightsAreEqual } from './load-balancer.js';
import { EdfScheduler, type EdfWeights } from './edf-scheduler.js';
import { mod64 } from '../../../sim/mod64.js';

/**
 * Rule: at creation the worker draws a 64-bit seed. Equal weights: a uint64 cursor that starts at the seed and is never
 * reset (not even when hosts change); pick hosts[cursor % n], cursor += 1 (wrapping at 2^64). Unequal weights (n >= 2):
 * EDF built by createWithPicks(hosts, weight, uint32(seed)); pick = pickAndAdd. O(1) / O(log n) per pick.
 */
export class RoundRobinLoadBalancer implements LoadBalancer, EdfWeights, Reseedable {
  readonly policy = 'RoundRobin' as const;
  private hosts: Host[] = [];
  private edf: EdfScheduler | null = null;
  private seedHi: number;
  private seedLo: number;
  /** The uint64 RR cursor as [hi, lo]; a typed array so advancing it never boxes a number (allocation-free picks). */
  private readonly cursor = new Uint32Array(2);

  constructor(_config: LbConfig, rng: Rng) {
    this.seedHi = rng.u32();
    this.seedLo = rng.u32();
    this.cursor[0] = this.seedHi;
    this.cursor[1] = this.seedLo;
  }

  reseed(seedHi: number, seedLo: number): void {
    this.seedHi = this.cursor[0] = seedHi >>> 0;
    this.seedLo = this.cursor[1] = seedLo >>> 0;
    this.rebuild(this.hosts);
  }

  rebuild(hosts: readonly Host[]): void {
    this.hosts = hosts.slice();
    this.edf =
      hostWeightsAreEqual(this.hosts) || this.hosts.length <= 1
        ? null
        : EdfScheduler.createWithPicks(this.hosts.length, this, this.seedLo);
  }

  edfWeight(entry: number, out: Float64Array): void {
    out[0] = this.hosts[entry].weight;
  }

  chooseHost(ctx: LbContext): Host | null {
    const n = this.hosts.length;
    if (n === 0) return null;
    if (this.edf !== null) {
      const h = this.hosts[this.edf.pickAndAdd(this)];
      if (ctx.trace !== null) ctx.trace.record({ kind: 'lb.edf', policy: 'RoundRobin', host: h.key, weight: h.weight });
      return h;
    }
    const c = this.cursor;
    const i = mod64(c[0], c[1], n);
    if (ctx.trace !== null) ctx.trace.record({ kind: 'lb.cursor', index: i, hosts: n, host: this.hosts[i].key });
    // uint64 increment with wrap: the Uint32Array stores wrap each half modulo 2^32.
    c[1] = c[1] + 1;
    if (c[1] === 0) c[0] = c[0] + 1;
    return this.hosts[i];
  }
}
