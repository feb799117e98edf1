// Envoy Gateway's BackendTrafficPolicy (as the Gateway API controller carries it) turned into what one Envoy cluster
// runs: the LB config, the hash policy, outlier detection, and the route's timeout. Defaults are Envoy Gateway's.
// Source: envoyproxy/gateway internal/xds/translator/cluster.go, route.go; api/v1alpha1 loadbalancer_types.go.
import { parseDuration } from '../../../sim/time.js';
import type { TrafficPolicy } from '../../gatewayapi/policies.js';
import { CookieHashMethod } from '../hash/cookie-hash.js';
import { HashPolicy } from '../hash/hash-policy.js';
import type { HashMethod } from '../hash/hash-request.js';
import { HeaderHashMethod } from '../hash/header-hash.js';
import { QueryParameterHashMethod } from '../hash/query-parameter-hash.js';
import { SourceIpHashMethod } from '../hash/source-ip-hash.js';
import type { LbConfig, LbPolicyName } from '../lb/load-balancer.js';
import { DEFAULT_LB_POLICY } from '../lb/registry.js';
import {
  resolveEnvoyGatewayPassive,
  resolveOutlierDetection,
  type OutlierDetectionConfig,
} from '../outlier/outlier-config.js';
import { DEFAULT_HEALTHY_PANIC_THRESHOLD } from '../priority/priority-level.js';
import {
  resolveEnvoyGatewayActive,
  type ActiveHealthCheckConfig,
  type EnvoyGatewayActiveHealthCheck,
} from '../health/health-check-config.js';
import { resolveEnvoyGatewayRetry, type ResolvedRetryPolicy } from '../resilience/retry-policy.js';
import { resolveTimeouts } from '../resilience/timeouts.js';
import {
  CILIUM_CIRCUIT_BREAKER_DEFAULTS,
  ENVOY_GATEWAY_CIRCUIT_BREAKER_DEFAULTS,
  type CircuitBreakerThresholds,
} from '../resilience/circuit-breakers.js';

/** Envoy Gateway's cluster connect timeout: 10 s (internal/xds/translator/cluster.go tcpClusterPerConnectTimeout). */
export const ENVOY_GATEWAY_CONNECT_TIMEOUT_NS = 10_000_000_000;
/**
 * Cilium's Gateway clusters carry no connect_timeout: the operator's cluster (operator/pkg/model/translation/
 * envoy_cluster.go httpCluster; testdata gateway-api/basic_http_listener/cec-output.yaml) and the agent's parser
 * (cec_resource_parser.go) leave it unset, so Envoy's 5 s applies (api/envoy/config/cluster/v3/cluster.proto
 * connect_timeout). Helm's envoy.connectTimeoutSeconds (2 s) reaches only the agent's own static clusters.
 */
export const CILIUM_ENVOY_CONNECT_TIMEOUT_NS = 5_000_000_000;

/**
 * Cilium turns on outlier detection for every Gateway cluster with only split_external_local_origin_errors set, so
 * the rest is Envoy's defaults (operator/pkg/model/translation/envoy_cluster_mutator.go withOutlierDetection(true)).
 */
const CILIUM_OUTLIER_DETECTION: Readonly<OutlierDetectionConfig> = resolveOutlierDetection({
  splitExternalLocalOriginErrors: true,
});

export interface ClusterSettings {
  lb: LbConfig;
  hashPolicy: HashPolicy | null;
  /** Passive health checking; null when the policy asks for none (Cilium: always on, Envoy defaults). */
  outlier: OutlierDetectionConfig | null;
  /** Active health checking (HTTP or TCP probes); null when the policy asks for none. */
  activeHealthCheck: ActiveHealthCheckConfig | null;
  healthyPanicThreshold: number;
  routeTimeoutNs: number;
  connectTimeoutNs: number;
  /** Retries: off (null) unless the policy has `retry`, then Envoy Gateway's defaults for what it leaves out. */
  retry: ResolvedRetryPolicy | null;
  /** Circuit-breaker thresholds: Envoy Gateway's 1024s (Cilium: 1024s with max_retries 128). */
  circuitBreakers: CircuitBreakerThresholds;
}

/** `routeRequestTimeoutNs`: the HTTPRoute rule's timeouts.request, if it sets one (it wins over the policy's). */
export function clusterSettings(
  policy: TrafficPolicy | null,
  implementation: 'envoy-gateway' | 'cilium',
  routeRequestTimeoutNs: number | null = null,
): ClusterSettings {
  const lbSpec = policy?.loadBalancer ?? null;
  // Cilium's Envoy config uses Envoy's own default (round robin) for its per-backend clusters; Envoy Gateway defaults
  // to LeastRequest (envoy-lb.md; cilium operator/pkg/model/translation/envoy_cluster.go).
  const dflt: LbPolicyName = implementation === 'cilium' ? 'RoundRobin' : DEFAULT_LB_POLICY;
  const type = (lbSpec?.type ?? dflt) as LbPolicyName | 'BackendUtilization';
  const lb: LbConfig = { policy: type === 'BackendUtilization' ? 'LeastRequest' : type };
  let hashPolicy: HashPolicy | null = null;
  if (type === 'ConsistentHash' && lbSpec?.consistentHash) {
    const ch = lbSpec.consistentHash;
    lb.tableSize = ch.tableSize;
    hashPolicy = new HashPolicy(hashMethods(ch));
  }
  const passive = policy?.healthCheck?.passive;
  const outlier =
    implementation === 'cilium'
      ? CILIUM_OUTLIER_DETECTION
      : passive
        ? resolveEnvoyGatewayPassive(
            passive as never,
            policy ? `BackendTrafficPolicy/${policy.policy.namespace}/${policy.policy.name}` : undefined,
          )
        : null;
  const active = policy?.healthCheck?.active;
  const activeHealthCheck = active
    ? resolveEnvoyGatewayActive(
        active as EnvoyGatewayActiveHealthCheck,
        policy ? `BackendTrafficPolicy/${policy.policy.namespace}/${policy.policy.name}` : undefined,
      )
    : null;
  const http = policy?.timeout?.http;
  const tcp = policy?.timeout?.tcp;
  return {
    lb,
    hashPolicy,
    outlier,
    activeHealthCheck,
    healthyPanicThreshold: policy?.healthCheck?.panicThreshold ?? DEFAULT_HEALTHY_PANIC_THRESHOLD,
    // Envoy Gateway's precedence (resolveTimeouts); a route timeout of 0 disables it (RouteAction.timeout): Infinity here.
    routeTimeoutNs:
      resolveTimeouts({
        routeRequestTimeoutNs: routeRequestTimeoutNs ?? undefined,
        btpRequestTimeoutNs: http?.requestTimeout ? parseDuration(String(http.requestTimeout)) : undefined,
      }).requestTimeoutNs || Infinity,
    connectTimeoutNs: tcp?.connectTimeout
      ? parseDuration(String(tcp.connectTimeout))
      : implementation === 'cilium'
        ? CILIUM_ENVOY_CONNECT_TIMEOUT_NS
        : ENVOY_GATEWAY_CONNECT_TIMEOUT_NS,
    retry: retryPolicy(policy),
    circuitBreakers: policy?.circuitBreaker
      ? {
          maxConnections: policy.circuitBreaker.maxConnections,
          maxPendingRequests: policy.circuitBreaker.maxPendingRequests,
          maxRequests: policy.circuitBreaker.maxParallelRequests,
          maxRetries: policy.circuitBreaker.maxParallelRetries,
        }
      : implementation === 'cilium'
        ? CILIUM_CIRCUIT_BREAKER_DEFAULTS
        : ENVOY_GATEWAY_CIRCUIT_BREAKER_DEFAULTS,
  };
}

/** BackendTrafficPolicy `retry` (retry_types.go) in the resilience model's terms. */
function retryPolicy(policy: TrafficPolicy | null): ResolvedRetryPolicy | null {
  const r = policy?.retry;
  if (!r) return null;
  const object = policy ? `BackendTrafficPolicy/${policy.policy.namespace}/${policy.policy.name}` : undefined;
  const d = (v: string | undefined) => (v === undefined ? undefined : parseDuration(v));
  return resolveEnvoyGatewayRetry(
    {
      numRetries: r.numRetries,
      hasRetryOn: r.retryOn !== undefined,
      triggers: r.retryOn?.triggers,
      httpStatusCodes: r.retryOn?.httpStatusCodes,
      perTryTimeoutNs: d(r.perRetry?.timeout),
      backoffBaseIntervalNs: d(r.perRetry?.backOff?.baseInterval),
      backoffMaxIntervalNs: d(r.perRetry?.backOff?.maxInterval),
    },
    object,
  );
}

type ConsistentHashSpec = NonNullable<NonNullable<TrafficPolicy['loadBalancer']>['consistentHash']>;

/** Envoy Gateway's consistentHash types as Envoy hash policies (internal/xds/translator/route.go buildHashPolicy). */
function hashMethods(ch: ConsistentHashSpec): HashMethod[] {
  switch (ch.type) {
    case 'SourceIP':
      return [new SourceIpHashMethod()];
    case 'Header':
      return ch.header ? [new HeaderHashMethod(ch.header.name)] : [];
    case 'Headers':
      return (ch.headers ?? []).map((h) => new HeaderHashMethod(h.name));
    case 'QueryParams':
      return (ch.queryParams ?? []).map((q) => new QueryParameterHashMethod(q.name));
    case 'Cookie': {
      const c = ch.cookie!;
      const ttlSeconds = c.ttl !== undefined ? Math.floor(parseDuration(String(c.ttl)) / 1e9) : null;
      const attributes = Object.entries(c.attributes ?? {}).map(([name, value]) => ({ name, value }));
      // No path: Envoy Gateway fills only name, ttl and attributes (route.go buildHashPolicy, indexed commit 02738b20),
      // and Envoy writes `; Path=` only for a non-empty path (source/common/http/utility.cc makeSetCookieValue).
      return [new CookieHashMethod({ name: c.name, ttlSeconds, path: '', attributes, terminal: false })];
    }
  }
}
