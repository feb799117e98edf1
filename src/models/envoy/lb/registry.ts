// The load-balancer registry keyed by Envoy Gateway's policy names (api/v1alpha1/loadbalancer_types.go).
// Owns name -> constructor and the defaults (LeastRequest when unset; ConsistentHash -> Maglev); no algorithm here.
import type { Rng } from '../../../sim/rng.js';
import type { Host } from './host.js';
import type { LbConfig, LbPolicyName, LoadBalancer } from './load-balancer.js';
import { RoundRobinLoadBalancer } from './round-robin.js';
import { LeastRequestLoadBalancer } from './least-request.js';
import { RandomLoadBalancer } from './random.js';
import { MaglevLoadBalancer } from './maglev.js';
import { RingHashLoadBalancer } from './ring-hash.js';
import { LocalityWeightedLoadBalancer } from './locality-weighted.js';

/** Envoy Gateway's default when a route's BackendTrafficPolicy names no loadBalancer (cluster.go). */
export const DEFAULT_LB_POLICY: LbPolicyName = 'LeastRequest';

type Factory = (config: LbConfig, rng: Rng) => LoadBalancer;

const perWorker: Record<'RoundRobin' | 'LeastRequest' | 'Random', Factory> = {
  RoundRobin: (c, r) => new RoundRobinLoadBalancer(c, r),
  LeastRequest: (c, r) => new LeastRequestLoadBalancer(c, r),
  Random: (c) => new RandomLoadBalancer(c),
};

export const lbPolicies: Record<LbPolicyName, Factory> = {
  ...perWorker,
  // Envoy Gateway translates ConsistentHash to envoy.load_balancing_policies.maglev, never ring hash.
  ConsistentHash: (c) =>
    c.consistentHashAlgorithm === 'RingHash' ? new RingHashLoadBalancer(c) : new MaglevLoadBalancer(c),
  Maglev: (c) => new MaglevLoadBalancer(c),
  RingHash: (c) => new RingHashLoadBalancer(c),
};

export const LB_POLICY_NAMES = Object.keys(lbPolicies) as LbPolicyName[];

/**
 * One worker's LB for `config`, built from `hosts` (rebuild later when they change). `rng` is the worker's stream:
 * RR/LR draw their seed from it at creation, as each Envoy worker's LB draws seed_ = random().
 * With localityWeights, RR/LR/Random get the locality scheduler in front; the hashing LBs fold locality weights into
 * their normalised host weights instead.
 */
export function createLoadBalancer(config: LbConfig, rng: Rng, hosts: readonly Host[] = []): LoadBalancer {
  const name = config.policy;
  const lb =
    config.localityWeights !== undefined && (name === 'RoundRobin' || name === 'LeastRequest' || name === 'Random')
      ? new LocalityWeightedLoadBalancer(config, rng, perWorker[name])
      : lbPolicies[name](config, rng);
  lb.rebuild(hosts);
  return lb;
}
