// How a route rule's traffic is divided among its backendRefs, per implementation, behind one interface and a registry
// keyed by implementation name. Owns the backendRef choice for one worker; the host inside a backendRef is the LB's.
//   envoy-gateway: one cluster per rule, one locality per backendRef (weight = backendRef weight), Backend fallback at
//     priority 1; per pick: priority from random() % 100, then the locality EDF of that priority (smooth, per worker).
//     Source: envoyproxy/gateway internal/xds/translator/cluster.go; Envoy load_balancer_impl.cc hostSourceToUse.
//   cilium: route-level weighted_clusters, one cluster per backendRef; per pick random() % total weight (multinomial).
//     Source: cilium operator/pkg/model/translation/envoy_virtual_host.go (route weighted_clusters); Envoy weighted_cluster_specifier.cc.

import type { Rng } from '../../../sim/rng.js';
import { choiceIsDegraded, choicePriority, PriorityChooser } from '../priority/choose-priority.js';
import { backendRefPriority, priorityLevelsFromBackendRefs } from '../priority/fallback.js';
import { DEFAULT_HEALTHY_PANIC_THRESHOLD, DEFAULT_OVERPROVISIONING_FACTOR } from '../priority/priority-level.js';
import { computePriorityLoad } from '../priority/priority-load.js';
import { LocalityWrr, NO_LOCALITY, type LocalityHosts } from './locality-wrr.js';
import { WeightedClusters } from './weighted-clusters.js';

/** One backendRef of a rule with its current endpoint health. */
export interface BackendRefHosts extends LocalityHosts {
  /** Envoy Gateway Backend `fallback: true` (priority 1). Ignored by Cilium. */
  readonly fallback?: boolean;
}

/** The chosen priority is in panic: the LB picks among all hosts of `lastPriority`, whatever backendRef they belong to. */
export const SPLIT_PANIC = -1;
/** No locality schedule (no eligible host with weight): the LB uses the priority's healthy/degraded hosts directly. */
export const SPLIT_NO_LOCALITY = -2;

export interface BackendSplitter {
  /** The backendRef index for the next request on this worker, or SPLIT_PANIC / SPLIT_NO_LOCALITY. Allocation-free. */
  pick(): number;
  /** Priority level of the last pick (always 0 for Cilium). */
  readonly lastPriority: number;
  /** Whether the last pick targets degraded hosts. */
  readonly lastDegraded: boolean;
}

export interface SplitOptions {
  overprovisioningFactor?: number;
  healthyPanicThreshold?: number;
}

/** Envoy Gateway: locality-weighted round robin inside one cluster, one instance per worker (own seed per rebuild). */
export class EnvoyGatewaySplit implements BackendSplitter {
  lastPriority = 0;
  lastDegraded = false;
  private readonly chooser: PriorityChooser;
  private readonly panic: boolean[];
  private readonly wrr: LocalityWrr[];
  private readonly refIndex: Int32Array[];

  constructor(
    refs: readonly BackendRefHosts[],
    private readonly rng: Rng,
    opts: SplitOptions = {},
  ) {
    const opf = opts.overprovisioningFactor ?? DEFAULT_OVERPROVISIONING_FACTOR;
    // Envoy Gateway drops weight-0 backendRefs before building localities (cluster.go).
    const kept = refs.map((r, i) => ({ r, i })).filter(({ r }) => r.weight > 0);
    const levels = priorityLevelsFromBackendRefs(kept.map(({ r }) => ({ fallback: r.fallback, level: r })));
    const load = computePriorityLoad(levels, {
      overprovisioningFactor: opf,
      healthyPanicThreshold: opts.healthyPanicThreshold ?? DEFAULT_HEALTHY_PANIC_THRESHOLD,
    });
    this.chooser = new PriorityChooser(load);
    this.panic = load.panic;
    this.wrr = [];
    this.refIndex = [];
    for (let p = 0; p < levels.length; p++) {
      const inLevel = kept.filter(({ r }) => backendRefPriority(r.fallback) === p);
      // One uint64 random() per priority rebuild; createWithPicks takes its low 32 bits.
      this.wrr.push(
        new LocalityWrr(
          inLevel.map(({ r }) => r),
          rng.u32(),
          opf,
        ),
      );
      this.refIndex.push(Int32Array.from(inLevel.map(({ i }) => i)));
    }
  }

  pick(): number {
    const choice = this.chooser.pick(this.rng);
    const p = choicePriority(choice);
    const degraded = choiceIsDegraded(choice);
    this.lastPriority = p;
    this.lastDegraded = degraded;
    if (this.panic[p]) return SPLIT_PANIC;
    const wrr = this.wrr[p];
    const local = degraded ? wrr.chooseDegradedLocality() : wrr.chooseHealthyLocality();
    return local === NO_LOCALITY ? SPLIT_NO_LOCALITY : this.refIndex[p][local];
  }
}

/** Cilium: weighted_clusters, an independent draw per request; endpoint health does not move the split. */
export class CiliumSplit implements BackendSplitter {
  readonly lastPriority = 0;
  readonly lastDegraded = false;
  private readonly clusters: WeightedClusters;

  constructor(
    refs: readonly BackendRefHosts[],
    private readonly rng: Rng,
  ) {
    this.clusters = new WeightedClusters(refs.map((r) => r.weight));
  }

  pick(): number {
    return this.clusters.pick(this.rng);
  }
}

export type SplitImplementation = 'envoy-gateway' | 'cilium';

/** The registry: implementation name -> splitter factory (one splitter per worker). */
export const backendSplitters: Readonly<
  Record<SplitImplementation, (refs: readonly BackendRefHosts[], rng: Rng, opts?: SplitOptions) => BackendSplitter>
> = {
  'envoy-gateway': (refs, rng, opts) => new EnvoyGatewaySplit(refs, rng, opts),
  cilium: (refs, rng) => new CiliumSplit(refs, rng),
};
