// A cluster's load-balancing fields from gwsim's LbConfig: the lb_policy enum and its config (least request's
// choice_count, ring hash's ring sizes and hash function, Maglev's table size), the panic threshold, and locality
// weighting (Envoy Gateway splits a rule's backendRefs by locality weight; internal/xds/translator/cluster.go, v1.9).
// Defaults as Envoy documents them (api/envoy/config/cluster/v3/cluster.proto).
import type { LbConfig } from '../lb/load-balancer.js';
import type { JsonObject } from './envoy-json.js';

/** Envoy's defaults: least request choice_count 2, Maglev table 65537, ring 1024..8M with xxHash. */
const CHOICE_COUNT = 2;
const MAGLEV_TABLE_SIZE = 65537;
const RING_MIN = 1024;
const RING_MAX = 8_388_608;

export function lbFields(lb: LbConfig, panicThreshold: number, localityWeighted: boolean): JsonObject {
  const common: JsonObject = { healthy_panic_threshold: { value: panicThreshold } };
  if (localityWeighted) common.locality_weighted_lb_config = {};
  const out: JsonObject = { common_lb_config: common };
  const policy = lb.policy === 'ConsistentHash' ? (lb.consistentHashAlgorithm ?? 'Maglev') : lb.policy;
  switch (policy) {
    case 'RoundRobin':
      out.lb_policy = 'ROUND_ROBIN';
      break;
    case 'Random':
      out.lb_policy = 'RANDOM';
      break;
    case 'LeastRequest':
      out.lb_policy = 'LEAST_REQUEST';
      out.least_request_lb_config = {
        choice_count: lb.choiceCount ?? CHOICE_COUNT,
        // Set only when the model sets it: an explicit bias changes which path Envoy takes (load-balancer.ts).
        ...(lb.activeRequestBias !== undefined ? { active_request_bias: { default_value: lb.activeRequestBias } } : {}),
      };
      break;
    case 'Maglev':
      out.lb_policy = 'MAGLEV';
      out.maglev_lb_config = { table_size: lb.tableSize ?? MAGLEV_TABLE_SIZE };
      break;
    case 'RingHash':
      out.lb_policy = 'RING_HASH';
      out.ring_hash_lb_config = {
        minimum_ring_size: lb.minimumRingSize ?? RING_MIN,
        maximum_ring_size: lb.maximumRingSize ?? RING_MAX,
        hash_function: lb.hashFunction ?? 'XX_HASH',
      };
      break;
  }
  return out;
}
