// Normalised host weights for the hashing LBs (thread_aware_lb_impl.cc normalizeWeights / normalizeHostWeights /
// normalizeLocalityWeights). Owns the exact IEEE-double operation order that makes ring and Maglev tables bit-exact.
import type { Host } from './host.js';

export interface NormalizedHostWeights {
  hosts: Host[];
  weights: number[];
  /** Starts at 1.0 as in Envoy, so it is 1.0 when there are no hosts. */
  minWeight: number;
  maxWeight: number;
}

/**
 * Rule without locality weights: w_i = weight_i * 1.0 / sum(weight). With them: for each locality in order with
 * weight L != 0, w_i = weight_i * (L / sum of all locality weights) / sum(weights in that locality); zero-weight
 * localities are dropped, and a locality with no hosts keeps its share of the sum (its traffic is lost from the table,
 * as in Envoy). min starts at 1.0, max at 0.0. O(n).
 */
export function normalizeWeights(
  hosts: readonly Host[],
  localityWeights?: ReadonlyMap<string, number>,
): NormalizedHostWeights {
  const out: NormalizedHostWeights = { hosts: [], weights: [], minWeight: 1.0, maxWeight: 0.0 };
  if (localityWeights === undefined || localityWeights.size === 0) {
    addHosts(hosts, 1.0, out);
    return out;
  }
  let sum = 0;
  for (const w of localityWeights.values()) sum += w;
  if (sum === 0) return out;
  for (const [locality, w] of localityWeights) {
    if (w === 0) continue;
    const members = hosts.filter((h) => h.locality === locality);
    addHosts(members, w / sum, out);
  }
  return out;
}

function addHosts(hosts: readonly Host[], normalizedLocalityWeight: number, out: NormalizedHostWeights): void {
  let sum = 0;
  for (const h of hosts) sum += h.weight;
  for (const h of hosts) {
    const w = (h.weight * normalizedLocalityWeight) / sum;
    out.hosts.push(h);
    out.weights.push(w);
    out.minWeight = Math.min(out.minWeight, w);
    out.maxWeight = Math.max(out.maxWeight, w);
  }
}
