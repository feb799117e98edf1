// Envoy's least-request LB for one worker (source/extensions/load_balancing_policies/least_request/least_request_lb.cc).
// Owns power-of-N-choices and the active-request-weighted EDF. Envoy Gateway's default policy when none is named
// (internal/xds/translator/cluster.go). Pending requests are not counted (runtime guard off by default).
import type { Rng } from '../../../sim/rng.js';
import type { Host } from './host.js';
import type { LbContext } from './lb-context.js';
import type { LbConfig, LoadBalancer, Reseedable } from './load-balancer.js';
import { hostWeightsAreEqual } from './load-balancer.js';
import { EdfScheduler, type EdfWeights } from './edf-scheduler.js';

/** Envoy's default choice_count. */
export const DEFAULT_CHOICE_COUNT = 2;
/** Envoy's default active_request_bias. */
export const DEFAULT_ACTIVE_REQUEST_BIAS = 1.0;

/**
 * Rule: equal weights (and bias not explicitly configured): draw choiceCount indexes random() % n with replacement,
 * keep the first, replace it only by a draw with strictly fewer active requests. O(choiceCount).
 * Otherwise (n >= 2): EDF with weight / (active + 1)^bias, evaluated when a host is (re)inserted, so it lags the load;
 * bias 1.0 is a plain division, 0 ignores load, negative/NaN falls back to 1.0. O(log n).
 */
export class LeastRequestLoadBalancer implements LoadBalancer, EdfWeights, Reseedable {
  readonly policy = 'LeastRequest' as const;
  readonly choiceCount: number;
  readonly activeRequestBias: number;
  private readonly alwaysWeighted: boolean;
  private hosts: Host[] = [];
  private edf: EdfScheduler | null = null;
  private seedLo: number;

  constructor(config: LbConfig, rng: Rng) {
    this.choiceCount = config.choiceCount ?? DEFAULT_CHOICE_COUNT;
    const bias = config.activeRequestBias ?? DEFAULT_ACTIVE_REQUEST_BIAS;
    this.activeRequestBias = bias < 0 || Number.isNaN(bias) ? 1.0 : bias;
    this.alwaysWeighted = config.activeRequestBias !== undefined;
    // EdfLoadBalancerBase draws seed_ = random() at creation; only its low 32 bits reach createWithPicks.
    rng.u32();
    this.seedLo = rng.u32();
  }

  reseed(_seedHi: number, seedLo: number): void {
    this.seedLo = seedLo >>> 0;
    this.rebuild(this.hosts);
  }

  rebuild(hosts: readonly Host[]): void {
    this.hosts = hosts.slice();
    const weighted = (this.alwaysWeighted || !hostWeightsAreEqual(this.hosts)) && this.hosts.length > 1;
    this.edf = weighted ? EdfScheduler.createWithPicks(this.hosts.length, this, this.seedLo) : null;
  }

  edfWeight(entry: number, out: Float64Array): void {
    const h = this.hosts[entry];
    const active = h.activeRequests + 1;
    out[0] =
      this.activeRequestBias === 1.0
        ? h.weight / active
        : this.activeRequestBias === 0.0
          ? h.weight
          : h.weight / Math.pow(active, this.activeRequestBias);
  }

  chooseHost(ctx: LbContext): Host | null {
    const n = this.hosts.length;
    if (n === 0) return null;
    if (this.edf !== null) {
      const h = this.hosts[this.edf.pickAndAdd(this)];
      if (ctx.trace !== null)
        ctx.trace.record({
          kind: 'lb.leastRequestEdf',
          activeRequestBias: this.activeRequestBias,
          host: h.key,
          active: h.activeRequests,
        });
      return h;
    }
    let candidate: Host | null = null;
    for (let c = 0; c < this.choiceCount; c++) {
      const sampled = this.hosts[ctx.rng.u64Mod(n)];
      if (ctx.trace !== null)
        ctx.trace.record({
          kind: 'lb.sample',
          sample: c + 1,
          choiceCount: this.choiceCount,
          host: sampled.key,
          active: sampled.activeRequests,
        });
      if (candidate === null || sampled.activeRequests < candidate.activeRequests) candidate = sampled;
    }
    if (ctx.trace !== null && candidate !== null) ctx.trace.record({ kind: 'lb.keep', host: candidate.key });
    return candidate;
  }
}
