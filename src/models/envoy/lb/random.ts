// Envoy's random LB (source/extensions/load_balancing_policies/random/random_lb.cc). Owns the uniform index pick.
import type { Host } from './host.js';
import type { LbContext } from './lb-context.js';
import type { LbConfig, LoadBalancer } from './load-balancer.js';
import { mod64 } from '../../../sim/mod64.js';

/**
 * Rule: hosts[r % n] with r the pick's 64-bit random value (the same r Envoy used to choose the priority, when the
 * priority layer passed it in ctx); host weights are ignored. O(1).
 */
export class RandomLoadBalancer implements LoadBalancer {
  readonly policy = 'Random' as const;
  private hosts: Host[] = [];

  constructor(_config: LbConfig) {}

  rebuild(hosts: readonly Host[]): void {
    this.hosts = hosts.slice();
  }

  chooseHost(ctx: LbContext): Host | null {
    const n = this.hosts.length;
    if (n === 0) return null;
    const i = ctx.hasDraw ? mod64(ctx.drawHi, ctx.drawLo, n) : ctx.rng.u64Mod(n);
    if (ctx.trace !== null) ctx.trace.record({ kind: 'lb.random', hosts: n, index: i, host: this.hosts[i].key });
    return this.hosts[i];
  }
}
