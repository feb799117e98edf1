// Locality-weighted selection for the per-worker LBs (RR, LeastRequest, Random): pick a locality with Envoy's locality
// EDF, then run the policy on that locality's hosts (common/locality_wrr.cc; load_balancer_impl.cc hostSourceToUse).
// Owns the locality scheduler and one inner LB per locality. The effective locality weight's health scaling
// (weight x min(1, OPF x eligible/hosts)) needs counts only the priority layer has: it passes them via `availability`.
import type { Rng } from '../../../sim/rng.js';
import type { Host } from './host.js';
import type { LbContext } from './lb-context.js';
import type { LbConfig, LbPolicyName, LoadBalancer, Reseedable } from './load-balancer.js';
import { EdfScheduler, type EdfWeights } from './edf-scheduler.js';

type InnerFactory = (config: LbConfig, rng: Rng) => LoadBalancer;

/**
 * Rule: localities in configured order with effective weight > 0 (and at least one host) enter an EDF built by
 * createWithPicks(seed = one fresh random() per rebuild, as Envoy draws per LB instance); each pick takes the next
 * locality and delegates to that locality's LB. All inner LBs share the wrapper's 64-bit seed, as Envoy's host sources
 * within one LB object share seed_. O(log L) + the inner pick.
 */
export class LocalityWeightedLoadBalancer implements LoadBalancer, EdfWeights {
  readonly policy: LbPolicyName;
  private readonly localityWeights: ReadonlyMap<string, number>;
  private readonly inner: LoadBalancer[] = [];
  private readonly innerLocality: string[] = [];
  private effective: number[] = [];
  private activeLocalities: number[] = [];
  private edf: EdfScheduler | null = null;
  /** Optional health scaling per locality (1.0 = fully available); set by the priority layer before rebuild. */
  availability: ReadonlyMap<string, number> | null = null;

  constructor(
    private readonly config: LbConfig,
    private readonly rng: Rng,
    private readonly factory: InnerFactory,
  ) {
    this.policy = config.policy;
    this.localityWeights = config.localityWeights ?? new Map<string, number>();
    const seedHi = rng.u32();
    const seedLo = rng.u32();
    for (const locality of this.localityWeights.keys()) {
      const lb = factory({ ...config, localityWeights: undefined }, rng);
      if ('reseed' in lb) (lb as unknown as Reseedable).reseed(seedHi, seedLo);
      this.inner.push(lb);
      this.innerLocality.push(locality);
    }
  }

  rebuild(hosts: readonly Host[]): void {
    const active: number[] = [];
    const weights: number[] = [];
    for (let l = 0; l < this.inner.length; l++) {
      const locality = this.innerLocality[l];
      const members = hosts.filter((h) => h.locality === locality);
      this.inner[l].rebuild(members);
      const scale = this.availability?.get(locality) ?? 1.0;
      const w = (this.localityWeights.get(locality) ?? 0) * Math.min(1.0, scale);
      if (members.length > 0 && w > 0) {
        active.push(l);
        weights.push(w);
      }
    }
    this.activeLocalities = active;
    this.effective = weights;
    this.rng.u32(); // Envoy draws a 64-bit seed per rebuild; createWithPicks takes its low 32 bits.
    const seedLo = this.rng.u32();
    this.edf = active.length > 0 ? EdfScheduler.createWithPicks(active.length, this, seedLo) : null;
  }

  edfWeight(entry: number, out: Float64Array): void {
    out[0] = this.effective[entry];
  }

  chooseHost(ctx: LbContext): Host | null {
    if (this.edf === null) return null;
    const l = this.activeLocalities[this.edf.pickAndAdd(this)];
    return this.inner[l].chooseHost(ctx);
  }
}
