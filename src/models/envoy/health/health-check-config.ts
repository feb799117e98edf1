// Resolved active health-check settings (Envoy's core.v3.HealthCheck), Envoy's defaults for the optional fields, and
// Envoy Gateway's translation of BackendTrafficPolicy `healthCheck.active` with its CRD defaults.
// Owns config only; the checker is active-health-checker.ts. The manifest schema is src/models/k8s's.

import { InputError } from '../../../sim/input-error.js';
import { NS_PER_S, parseDurationField, type SimTime } from '../../../sim/time.js';

/** A half-open status range [start, end), as Envoy's type.v3.Int64Range. */
export interface StatusRange {
  start: number;
  end: number;
}

export interface ActiveHealthCheckConfig {
  type: 'http' | 'tcp';
  timeoutNs: SimTime;
  intervalNs: SimTime;
  unhealthyIntervalNs: SimTime;
  unhealthyEdgeIntervalNs: SimTime;
  healthyEdgeIntervalNs: SimTime;
  /** Used until the cluster has made its first upstream connection (upstream_cx_total unused). */
  noTrafficIntervalNs: SimTime;
  noTrafficHealthyIntervalNs: SimTime;
  initialJitterNs: SimTime;
  intervalJitterNs: SimTime;
  intervalJitterPercent: number;
  unhealthyThreshold: number;
  healthyThreshold: number;
  /** HTTP only: statuses that pass (Envoy default [200, 201)). */
  expectedStatuses: StatusRange[];
  /** HTTP only: failing statuses that count toward unhealthyThreshold instead of failing at once. */
  retriableStatuses: StatusRange[];
}

/** Envoy's defaults for the optional fields (envoy api/envoy/config/core/v3/health_check.proto; health_checker_base_impl.cc). */
export const ENVOY_HEALTH_CHECK_OPTIONAL_DEFAULTS = {
  noTrafficIntervalNs: 60 * NS_PER_S,
  initialJitterNs: 0,
  intervalJitterNs: 0,
  intervalJitterPercent: 0,
  expectedStatuses: [{ start: 200, end: 201 }],
  retriableStatuses: [] as StatusRange[],
} as const;

/** The required fields plus any optional ones; unset edge/unhealthy intervals follow Envoy's fallbacks. */
export function resolveActiveHealthCheck(
  required: Pick<
    ActiveHealthCheckConfig,
    'type' | 'timeoutNs' | 'intervalNs' | 'unhealthyThreshold' | 'healthyThreshold'
  >,
  optional: Partial<ActiveHealthCheckConfig> = {},
): ActiveHealthCheckConfig {
  const d = ENVOY_HEALTH_CHECK_OPTIONAL_DEFAULTS;
  const unhealthyIntervalNs = optional.unhealthyIntervalNs ?? required.intervalNs;
  const noTrafficIntervalNs = optional.noTrafficIntervalNs ?? d.noTrafficIntervalNs;
  return {
    ...required,
    unhealthyIntervalNs,
    unhealthyEdgeIntervalNs: optional.unhealthyEdgeIntervalNs ?? unhealthyIntervalNs,
    healthyEdgeIntervalNs: optional.healthyEdgeIntervalNs ?? required.intervalNs,
    noTrafficIntervalNs,
    noTrafficHealthyIntervalNs: optional.noTrafficHealthyIntervalNs ?? noTrafficIntervalNs,
    initialJitterNs: optional.initialJitterNs ?? d.initialJitterNs,
    intervalJitterNs: optional.intervalJitterNs ?? d.intervalJitterNs,
    intervalJitterPercent: optional.intervalJitterPercent ?? d.intervalJitterPercent,
    expectedStatuses: optional.expectedStatuses ?? [...d.expectedStatuses],
    retriableStatuses: optional.retriableStatuses ?? [],
  };
}

/** Envoy Gateway's BackendTrafficPolicy `healthCheck.active` as written. */
export interface EnvoyGatewayActiveHealthCheck {
  type: 'HTTP' | 'TCP' | 'GRPC';
  timeout?: string;
  interval?: string;
  initialJitter?: string;
  unhealthyThreshold?: number;
  healthyThreshold?: number;
  http?: { path: string; method?: string; hostname?: string; expectedStatuses?: number[] };
}

/** Envoy Gateway's CRD defaults (envoyproxy/gateway api/v1alpha1/healthcheck_types.go ActiveHealthCheck). */
export const ENVOY_GATEWAY_ACTIVE_DEFAULTS = {
  timeout: '1s',
  interval: '3s',
  unhealthyThreshold: 3,
  healthyThreshold: 1,
  expectedStatuses: [200],
} as const;

/** A duration field of the policy: zero refused; a bad value names the object and field. */
function durationField(value: string, field: string, object?: string): SimTime {
  return parseDurationField(value, { object, field });
}

/** Statuses as Envoy Gateway emits them: one [s, s+1) range per listed status (cluster.go buildHTTPStatusRange). */
export function statusRanges(statuses: readonly number[]): StatusRange[] {
  return statuses.map((s) => ({ start: s, end: s + 1 }));
}

/**
 * Envoy Gateway's translation (internal/xds/translator/cluster.go buildXdsHealthCheck): timeout, interval, initial
 * jitter and thresholds are set; no interval jitter and no no-traffic interval, so Envoy's 60 s no-traffic interval applies
 * until the cluster carries traffic. GRPC is not modelled.
 */
export function resolveEnvoyGatewayActive(
  active: EnvoyGatewayActiveHealthCheck,
  object?: string,
): ActiveHealthCheckConfig {
  const f = 'spec.healthCheck.active.';
  if (active.type !== 'HTTP' && active.type !== 'TCP')
    throw new InputError(
      `health check type ${JSON.stringify(active.type)} is not modelled`,
      { object, field: f + 'type' },
      'HTTP, TCP',
    );
  const d = ENVOY_GATEWAY_ACTIVE_DEFAULTS;
  for (const k of ['unhealthyThreshold', 'healthyThreshold'] as const) {
    const v = active[k];
    if (v !== undefined && (!Number.isInteger(v) || v < 1))
      throw new InputError(`${v} is not a positive integer`, { object, field: f + k });
  }
  const statuses = active.http?.expectedStatuses ?? [...d.expectedStatuses];
  for (const s of statuses)
    if (!Number.isInteger(s) || s < 100 || s > 599)
      throw new InputError(`${s} is not an HTTP status`, { object, field: f + 'http.expectedStatuses' }, '100 to 599');
  return resolveActiveHealthCheck(
    {
      type: active.type === 'HTTP' ? 'http' : 'tcp',
      timeoutNs: durationField(active.timeout ?? d.timeout, f + 'timeout', object),
      intervalNs: durationField(active.interval ?? d.interval, f + 'interval', object),
      unhealthyThreshold: active.unhealthyThreshold ?? d.unhealthyThreshold,
      healthyThreshold: active.healthyThreshold ?? d.healthyThreshold,
    },
    {
      initialJitterNs:
        active.initialJitter !== undefined ? durationField(active.initialJitter, f + 'initialJitter', object) : 0,
      expectedStatuses: statusRanges(statuses),
    },
  );
}
