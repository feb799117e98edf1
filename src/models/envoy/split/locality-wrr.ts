// Envoy's locality-weighted selection for one priority of one worker's load balancer: the effective locality weight
// (configured weight x availability with the overprovisioning factor) and one EDF schedule each for healthy and
// degraded hosts. Owns which locality a pick goes to; the host inside the locality is the LB policy's (src/models/envoy/lb).
//
// Rule (envoy source/extensions/load_balancing_policies/common/locality_wrr.cc, LocalityWrr):
//   effective weight = weight * min(1.0, (OPF / 100.0) * (1.0 * eligible / (hosts - excluded))), 0 if no countable hosts;
//   localities with effective weight 0 are left out; no schedule at all when the priority has no eligible host or no
//   locality weights. Both schedules are built with createWithPicks(seed) from one uint64 random() per rebuild
//   (ZoneAwareLoadBalancerBase::rebuildLocalityWrrForPriority), i.e. per worker and per host-set change.
// Complexity: build O(localities); pick O(localities), allocation-free.

import { DEFAULT_OVERPROVISIONING_FACTOR } from '../priority/priority-level.js';
import { LocalityEdf } from './locality-edf.js';

/** One locality (one backendRef under Envoy Gateway): its configured weight and host counts. */
export interface LocalityHosts {
  /** `load_balancing_weight` of the LocalityLbEndpoints (the backendRef weight under Envoy Gateway). */
  readonly weight: number;
  readonly hosts: number;
  readonly healthy: number;
  readonly degraded: number;
  readonly excluded: number;
}

/** Envoy's effectiveLocalityWeight, in the same floating-point operation order. */
export function effectiveLocalityWeight(
  weight: number,
  eligible: number,
  hosts: number,
  excluded: number,
  overprovisioningFactor = DEFAULT_OVERPROVISIONING_FACTOR,
): number {
  const count = hosts - excluded;
  if (count === 0) return 0.0;
  const availability = (1.0 * eligible) / count;
  return weight * Math.min(1.0, (overprovisioningFactor / 100.0) * availability);
}

/** Returned by the choosers when there is no schedule (no eligible host, or every effective weight is 0). */
export const NO_LOCALITY = -1;

class Schedule {
  constructor(
    private readonly edf: LocalityEdf,
    private readonly index: Int32Array,
  ) {}

  pick(): number {
    return this.index[this.edf.pick()];
  }
}

function buildSchedule(
  localities: readonly LocalityHosts[],
  eligibleOf: (l: LocalityHosts) => number,
  opf: number,
  seed32: number,
): Schedule | null {
  let eligibleTotal = 0;
  for (const l of localities) eligibleTotal += eligibleOf(l);
  if (localities.length === 0 || eligibleTotal === 0) return null;
  const weights: number[] = [];
  const index: number[] = [];
  for (let i = 0; i < localities.length; i++) {
    const l = localities[i];
    const w = effectiveLocalityWeight(l.weight, eligibleOf(l), l.hosts, l.excluded, opf);
    if (w > 0) {
      weights.push(w);
      index.push(i);
    }
  }
  if (weights.length === 0) return null;
  return new Schedule(new LocalityEdf(weights, seed32), Int32Array.from(index));
}

export class LocalityWrr {
  private readonly healthy: Schedule | null;
  private readonly degraded: Schedule | null;

  /** `seed32`: the low 32 bits of the worker's uint64 random() drawn for this rebuild. */
  constructor(
    localities: readonly LocalityHosts[],
    seed32: number,
    overprovisioningFactor = DEFAULT_OVERPROVISIONING_FACTOR,
  ) {
    this.healthy = buildSchedule(localities, (l) => l.healthy, overprovisioningFactor, seed32);
    this.degraded = buildSchedule(localities, (l) => l.degraded, overprovisioningFactor, seed32);
  }

  /** Index of the locality for a pick among healthy hosts, or NO_LOCALITY. */
  chooseHealthyLocality(): number {
    return this.healthy === null ? NO_LOCALITY : this.healthy.pick();
  }

  /** Index of the locality for a pick among degraded hosts, or NO_LOCALITY. */
  chooseDegradedLocality(): number {
    return this.degraded === null ? NO_LOCALITY : this.degraded.pick();
  }
}
