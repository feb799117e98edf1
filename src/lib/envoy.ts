// The `gwsim/envoy` entry: Envoy's load balancers, hash policies, priority load, EDF and outlier detection as units a
// caller drives with its own hosts and a seeded stream (RngRoot). Re-exports only: importing it runs nothing.
/**
 * Envoy's load balancers, hash policies, priority load, EDF and outlier detection as pure, seedable units.
 * @module gwsim/envoy
 */
export {
  Host,
  HealthFlag,
  CoarseHealth,
  hostsFromKeys,
  addressString,
  type HostInit,
} from '../models/envoy/lb/host.js';
export { LbContext } from '../models/envoy/lb/lb-context.js';
export {
  hostWeightsAreEqual,
  type LbConfig,
  type LbPolicyName,
  type LoadBalancer,
  type Reseedable,
  type RingHashFunction,
} from '../models/envoy/lb/load-balancer.js';
export { createLoadBalancer, lbPolicies, LB_POLICY_NAMES, DEFAULT_LB_POLICY } from '../models/envoy/lb/registry.js';
export { RoundRobinLoadBalancer } from '../models/envoy/lb/round-robin.js';
export {
  LeastRequestLoadBalancer,
  DEFAULT_CHOICE_COUNT,
  DEFAULT_ACTIVE_REQUEST_BIAS,
} from '../models/envoy/lb/least-request.js';
export { RandomLoadBalancer } from '../models/envoy/lb/random.js';
export {
  MaglevLoadBalancer,
  MaglevTable,
  DEFAULT_TABLE_SIZE,
  type MaglevOptions,
  type MaglevStats,
} from '../models/envoy/lb/maglev.js';
export {
  RingHashLoadBalancer,
  RingHashTable,
  DEFAULT_MIN_RING_SIZE,
  DEFAULT_MAX_RING_SIZE,
  type RingHashOptions,
  type RingStats,
} from '../models/envoy/lb/ring-hash.js';
export { LocalityWeightedLoadBalancer } from '../models/envoy/lb/locality-weighted.js';
export { EdfScheduler, EDF_MAX_PRE_PICKS, type EdfWeights } from '../models/envoy/lb/edf-scheduler.js';
export { normalizeWeights, type NormalizedHostWeights } from '../models/envoy/lb/normalize-weights.js';
export { HashPolicy } from '../models/envoy/hash/hash-policy.js';
export {
  SimpleHashRequest,
  emptyHashTarget,
  type HashRequest,
  type HashTarget,
  type HashMethod,
  type HashScratch,
} from '../models/envoy/hash/hash-request.js';
export { HeaderHashMethod } from '../models/envoy/hash/header-hash.js';
export {
  CookieHashMethod,
  generateCookieValue,
  makeSetCookieValue,
  parseCookieValue,
  type CookieHashConfig,
  type CookieAttribute,
} from '../models/envoy/hash/cookie-hash.js';
export { SourceIpHashMethod } from '../models/envoy/hash/source-ip-hash.js';
export { QueryParameterHashMethod, firstQueryValue } from '../models/envoy/hash/query-parameter-hash.js';
export { xxHash64, xxHash64Chain } from '../models/envoy/hash/xxhash64.js';
export { murmurHash2 } from '../models/envoy/hash/murmur2.js';
export {
  computePriorityLoad,
  healthAvailability,
  degradedAvailability,
  isLevelInPanic,
  type PriorityLoad,
  type PriorityLoadOptions,
} from '../models/envoy/priority/priority-load.js';
export {
  countPriorityLevel,
  priorityLevelProblem,
  DEFAULT_OVERPROVISIONING_FACTOR,
  DEFAULT_HEALTHY_PANIC_THRESHOLD,
  type PriorityLevel,
  type HostHealthView,
} from '../models/envoy/priority/priority-level.js';
export { levelFromHosts, isExcluded } from '../models/envoy/priority/host-level.js';
export {
  choosePriority,
  choicePriority,
  choiceIsDegraded,
  PriorityChooser,
  type PriorityChoice,
} from '../models/envoy/priority/choose-priority.js';
export {
  ejectionAllowed,
  ejectionAllowedBefore127,
  maxSimultaneouslyEjected,
} from '../models/envoy/outlier/ejection-gate.js';
export {
  resolveOutlierDetection,
  resolveEnvoyGatewayPassive,
  ENVOY_OUTLIER_DEFAULTS,
  ENVOY_GATEWAY_PASSIVE_DEFAULTS,
  type OutlierDetectionConfig,
  type EnvoyGatewayPassiveHealthCheck,
} from '../models/envoy/outlier/outlier-config.js';
export {
  OutlierDetector,
  HostOutlierMonitor,
  type OutlierHost,
  type OutlierEjectionType,
  type OutlierResult,
  type OutlierListener,
} from '../models/envoy/outlier/outlier-detector.js';
export { successRateEjectionThreshold, type SuccessRateThreshold } from '../models/envoy/outlier/success-rate.js';
export { RngRoot, Rng } from '../sim/rng.js';
