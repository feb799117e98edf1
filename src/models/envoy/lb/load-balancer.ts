// The load-balancer interface and its configuration, shared by every policy file and the registry.
// Owns no algorithm. The caller (the priority layer) hands each LB the host list it may pick from: health, panic,
// priority and outlier filtering happen before the LB (envoy-lb.md §1 steps 2-6); an LB only runs step 7.
import type { Host } from './host.js';
import type { LbContext } from './lb-context.js';

/** Envoy Gateway's BackendTrafficPolicy loadBalancer.type values, plus the two consistent-hash algorithms by name. */
export type LbPolicyName = 'RoundRobin' | 'LeastRequest' | 'Random' | 'ConsistentHash' | 'Maglev' | 'RingHash';

export type RingHashFunction = 'XX_HASH' | 'MURMUR_HASH_2';

export interface LbConfig {
  policy: LbPolicyName;
  /** LeastRequest choice_count (default 2). */
  choiceCount?: number;
  /**
   * LeastRequest active_request_bias. Leave undefined for Envoy's default 1.0 *not explicitly set*; setting it (even to
   * 1.0) makes newest Envoy always use the weighted EDF path (least_request_lb_active_request_bias_forces_weighted).
   */
  activeRequestBias?: number;
  /** ConsistentHash algorithm (Envoy Gateway always emits Maglev). */
  consistentHashAlgorithm?: 'Maglev' | 'RingHash';
  /** Maglev table_size (default 65537, prime). */
  tableSize?: number;
  /** RingHash minimum_ring_size (default 1024) / maximum_ring_size (default 8M) / hash_function (default XX_HASH). */
  minimumRingSize?: number;
  maximumRingSize?: number;
  hashFunction?: RingHashFunction;
  /**
   * locality_weighted_lb_config: locality -> weight, in the cluster's locality order (ClusterLoadAssignment order).
   * Localities absent here weigh 0. Undefined = locality weighting off.
   */
  localityWeights?: ReadonlyMap<string, number>;
}

export interface LoadBalancer {
  readonly policy: LbPolicyName;
  /** The host list changed (membership, health or weights): rebuild schedules/tables. The LB keeps its own copy. */
  rebuild(hosts: readonly Host[]): void;
  /** One pick; null when there is no host. Allocation-free. */
  chooseHost(ctx: LbContext): Host | null;
}

/** A seeded-per-worker LB (RR, LR): replace the 64-bit seed Envoy drew at LB creation (the locality wrapper shares one). */
export interface Reseedable {
  reseed(seedHi: number, seedLo: number): void;
}

/** True when every host has the same configured weight (Envoy's hostWeightsAreEqual). */
export function hostWeightsAreEqual(hosts: readonly Host[]): boolean {
  for (let i = 1; i < hosts.length; i++) if (hosts[i].weight !== hosts[0].weight) return false;
  return true;
}
