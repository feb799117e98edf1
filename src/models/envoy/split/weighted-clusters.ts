// Route-level `weighted_clusters` as Envoy picks them per request: one 64-bit random value reduced modulo the total
// weight against cumulative boundaries in configured order. Cilium's Gateway API emits one cluster per backendRef this way.
// Owns the pick; building clusters from routes is someone else's (gatewayapi / envoy route tables).
//
// Rule (envoy source/common/router/weighted_cluster_specifier.cc, pickWeightedCluster): selected = random_value %
// total_weight; cluster i wins when begin_i <= selected < begin_i + weight_i. random_value is the stream id, a fresh
// uint64 random() per request (unless header_name or use_hash_policy supplies it). Per-request picks are therefore
// independent: counts are multinomial. Complexity O(clusters) per pick, allocation-free.

import type { Rng } from '../../../sim/rng.js';

export class WeightedClusters {
  private readonly ends: Float64Array;
  readonly totalWeight: number;

  /** Weights are non-negative integers with a positive sum <= 2^32 - 1 (Envoy's limit). */
  constructor(weights: readonly number[]) {
    this.ends = new Float64Array(weights.length);
    let acc = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i];
      if (!Number.isSafeInteger(w) || w < 0)
        throw new RangeError(`weighted cluster ${i}: weight ${w} is not a non-negative integer`);
      acc += w;
      this.ends[i] = acc;
    }
    if (acc <= 0 || acc > 4294967295) throw new RangeError(`total weight ${acc} must be in [1, 2^32 - 1]`);
    this.totalWeight = acc;
  }

  /** The cluster for a value already reduced modulo totalWeight. */
  clusterFor(selected: number): number {
    const e = this.ends;
    for (let i = 0; i < e.length; i++) if (selected < e[i]) return i;
    return e.length - 1;
  }

  /** One request's pick: a uniform uint64 draw modulo the total weight. */
  pick(rng: Rng): number {
    return this.clusterFor(rng.u64Mod(this.totalWeight));
  }

  /** The pick for a given 64-bit random value (tests, header-supplied values); BigInt, not for hot paths. */
  pickForValue(randomValue: bigint): number {
    return this.clusterFor(Number(BigInt.asUintN(64, randomValue) % BigInt(this.totalWeight)));
  }
}
