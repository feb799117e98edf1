// A cluster's health fields from gwsim's resolved settings: outlier detection (passive), active health checks and
// circuit breakers, field for field as Envoy names them (api/envoy/config/cluster/v3/outlier_detection.proto,
// api/envoy/config/core/v3/health_check.proto, circuit_breaker.proto). Values are gwsim's, defaults included.
import type { TrafficPolicy } from '../../gatewayapi/policies.js';
import type { ClusterSettings } from '../proxy/cluster-settings.js';
import { duration, type JsonObject } from './envoy-json.js';

export function outlierDetection(s: ClusterSettings): JsonObject {
  const o = s.outlier;
  if (o === null) return {};
  return {
    outlier_detection: {
      interval: duration(o.intervalNs),
      base_ejection_time: duration(o.baseEjectionTimeNs),
      max_ejection_time: duration(o.maxEjectionTimeNs),
      max_ejection_time_jitter: duration(o.maxEjectionTimeJitterNs),
      max_ejection_percent: o.maxEjectionPercent,
      consecutive_5xx: o.consecutive5xx,
      consecutive_gateway_failure: o.consecutiveGatewayFailure,
      consecutive_local_origin_failure: o.consecutiveLocalOriginFailure,
      enforcing_consecutive_5xx: o.enforcingConsecutive5xx,
      enforcing_consecutive_gateway_failure: o.enforcingConsecutiveGatewayFailure,
      enforcing_consecutive_local_origin_failure: o.enforcingConsecutiveLocalOriginFailure,
      enforcing_success_rate: o.enforcingSuccessRate,
      enforcing_local_origin_success_rate: o.enforcingLocalOriginSuccessRate,
      enforcing_failure_percentage: o.enforcingFailurePercentage,
      enforcing_failure_percentage_local_origin: o.enforcingFailurePercentageLocalOrigin,
      success_rate_minimum_hosts: o.successRateMinimumHosts,
      success_rate_request_volume: o.successRateRequestVolume,
      success_rate_stdev_factor: o.successRateStdevFactor,
      failure_percentage_threshold: o.failurePercentageThreshold,
      failure_percentage_minimum_hosts: o.failurePercentageMinimumHosts,
      failure_percentage_request_volume: o.failurePercentageRequestVolume,
      split_external_local_origin_errors: o.splitExternalLocalOriginErrors,
      successful_active_health_check_uneject_host: o.successfulActiveHealthCheckUnejectHost,
      always_eject_one_host: o.alwaysEjectOneHost,
    },
  };
}

/** The probe as written in the policy (path, method, hostname are not part of gwsim's resolved config). */
type ActiveSpec = { http?: { path?: string; method?: string; hostname?: string } };

export function healthChecks(s: ClusterSettings, policy: TrafficPolicy | null): JsonObject {
  const a = s.activeHealthCheck;
  if (a === null) return {};
  const http = (policy?.healthCheck?.active as ActiveSpec | undefined)?.http;
  const check: JsonObject = {
    timeout: duration(a.timeoutNs),
    interval: duration(a.intervalNs),
    unhealthy_interval: duration(a.unhealthyIntervalNs),
    unhealthy_edge_interval: duration(a.unhealthyEdgeIntervalNs),
    healthy_edge_interval: duration(a.healthyEdgeIntervalNs),
    no_traffic_interval: duration(a.noTrafficIntervalNs),
    no_traffic_healthy_interval: duration(a.noTrafficHealthyIntervalNs),
    initial_jitter: duration(a.initialJitterNs),
    interval_jitter: duration(a.intervalJitterNs),
    interval_jitter_percent: a.intervalJitterPercent,
    unhealthy_threshold: a.unhealthyThreshold,
    healthy_threshold: a.healthyThreshold,
  };
  if (a.type === 'tcp') check.tcp_health_check = {};
  else
    check.http_health_check = {
      path: http?.path ?? '/',
      ...(http?.hostname !== undefined ? { host: http.hostname } : {}),
      ...(http?.method !== undefined ? { method: http.method.toUpperCase() } : {}),
      expected_statuses: a.expectedStatuses.map((r) => ({ start: r.start, end: r.end })),
      ...(a.retriableStatuses.length > 0
        ? { retriable_statuses: a.retriableStatuses.map((r) => ({ start: r.start, end: r.end })) }
        : {}),
    };
  return { health_checks: [check] };
}

export function circuitBreakers(s: ClusterSettings): JsonObject {
  const c = s.circuitBreakers;
  return {
    circuit_breakers: {
      thresholds: [
        {
          priority: 'DEFAULT',
          max_connections: c.maxConnections,
          max_pending_requests: c.maxPendingRequests,
          max_requests: c.maxRequests,
          max_retries: c.maxRetries,
        },
      ],
    },
  };
}
