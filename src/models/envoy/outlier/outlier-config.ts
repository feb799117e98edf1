// Resolved outlier-detection settings (Envoy's OutlierDetection), Envoy's defaults, and Envoy Gateway's translation of
// BackendTrafficPolicy `healthCheck.passive` with its CRD defaults. Owns config only; the state machine is outlier-detector.ts.
// The manifest schema is src/models/k8s's; this takes the already-parsed passive object.

import { InputError } from '../../../sim/input-error.js';
import { NS_PER_MS, NS_PER_S, parseDurationField, type SimTime } from '../../../sim/time.js';

export interface OutlierDetectionConfig {
  intervalNs: SimTime;
  baseEjectionTimeNs: SimTime;
  maxEjectionTimeNs: SimTime;
  maxEjectionTimeJitterNs: SimTime;
  maxEjectionPercent: number;
  consecutive5xx: number;
  consecutiveGatewayFailure: number;
  consecutiveLocalOriginFailure: number;
  enforcingConsecutive5xx: number;
  enforcingConsecutiveGatewayFailure: number;
  enforcingConsecutiveLocalOriginFailure: number;
  enforcingSuccessRate: number;
  enforcingLocalOriginSuccessRate: number;
  enforcingFailurePercentage: number;
  enforcingFailurePercentageLocalOrigin: number;
  successRateMinimumHosts: number;
  successRateRequestVolume: number;
  /** Divided by 1000 (1900 -> 1.9 standard deviations). */
  successRateStdevFactor: number;
  failurePercentageThreshold: number;
  failurePercentageMinimumHosts: number;
  failurePercentageRequestVolume: number;
  splitExternalLocalOriginErrors: boolean;
  successfulActiveHealthCheckUnejectHost: boolean;
  alwaysEjectOneHost: boolean;
}

/** Envoy's defaults (envoy api/envoy/config/cluster/v3/outlier_detection.proto; source/common/upstream/outlier_detection_impl.h DEFAULT_*). */
export const ENVOY_OUTLIER_DEFAULTS: Readonly<OutlierDetectionConfig> = {
  intervalNs: 10 * NS_PER_S,
  baseEjectionTimeNs: 30 * NS_PER_S,
  // max_ejection_time defaults to max(300 s, base_ejection_time) (outlier_detection_impl.cc DetectorConfig).
  maxEjectionTimeNs: 300 * NS_PER_S,
  maxEjectionTimeJitterNs: 0,
  maxEjectionPercent: 10,
  consecutive5xx: 5,
  consecutiveGatewayFailure: 5,
  consecutiveLocalOriginFailure: 5,
  enforcingConsecutive5xx: 100,
  enforcingConsecutiveGatewayFailure: 0,
  enforcingConsecutiveLocalOriginFailure: 100,
  enforcingSuccessRate: 100,
  enforcingLocalOriginSuccessRate: 100,
  enforcingFailurePercentage: 0,
  enforcingFailurePercentageLocalOrigin: 0,
  successRateMinimumHosts: 5,
  successRateRequestVolume: 100,
  successRateStdevFactor: 1900,
  failurePercentageThreshold: 85,
  failurePercentageMinimumHosts: 5,
  failurePercentageRequestVolume: 50,
  splitExternalLocalOriginErrors: false,
  successfulActiveHealthCheckUnejectHost: true,
  alwaysEjectOneHost: false,
};

/** Envoy's config with some fields set; an unset max ejection time becomes max(300 s, base), as DetectorConfig does. */
export function resolveOutlierDetection(partial: Partial<OutlierDetectionConfig> = {}): OutlierDetectionConfig {
  const base = partial.baseEjectionTimeNs ?? ENVOY_OUTLIER_DEFAULTS.baseEjectionTimeNs;
  const cfg: OutlierDetectionConfig = { ...ENVOY_OUTLIER_DEFAULTS, ...partial, baseEjectionTimeNs: base };
  if (partial.maxEjectionTimeNs === undefined) cfg.maxEjectionTimeNs = Math.max(300 * NS_PER_S, base);
  // Envoy rejects max_ejection_time < base_ejection_time (DetectorImpl::create).
  if (cfg.maxEjectionTimeNs < cfg.baseEjectionTimeNs)
    throw new RangeError("outlier detector's max_ejection_time cannot be smaller than base_ejection_time");
  return cfg;
}

/** Envoy Gateway's BackendTrafficPolicy `healthCheck.passive` as written (durations as Go duration strings). */
export interface EnvoyGatewayPassiveHealthCheck {
  interval?: string;
  baseEjectionTime?: string;
  maxEjectionPercent?: number;
  consecutive5XxErrors?: number;
  consecutiveGatewayErrors?: number;
  consecutiveLocalOriginFailures?: number;
  splitExternalLocalOriginErrors?: boolean;
  failurePercentageThreshold?: number;
  alwaysEjectOneEndpoint?: boolean;
}

/** Envoy Gateway's CRD defaults for `passive: {}` (envoyproxy/gateway api/v1alpha1/healthcheck_types.go PassiveHealthCheck). */
export const ENVOY_GATEWAY_PASSIVE_DEFAULTS = {
  interval: '3s',
  baseEjectionTime: '30s',
  maxEjectionPercent: 10,
  consecutive5XxErrors: 5,
  consecutiveLocalOriginFailures: 5,
  splitExternalLocalOriginErrors: false,
  alwaysEjectOneEndpoint: false,
} as const;

/** A duration field of the policy: zero refused; a bad value names the object and field. */
function durationField(value: string, field: string, object?: string): SimTime {
  return parseDurationField(value, { object, field });
}

function percentField(value: number, field: string, object?: string): number {
  if (!Number.isInteger(value) || value < 0 || value > 100)
    throw new InputError(`${value} is not an integer percentage`, { object, field }, '0 to 100');
  return value;
}

function countField(value: number, field: string, object?: string): number {
  if (!Number.isInteger(value) || value < 0)
    throw new InputError(`${value} is not a non-negative integer`, { object, field });
  return value;
}

/**
 * Envoy Gateway writes max_ejection_percent only when it is above 0 (cluster.go buildXdsOutlierDetection, indexed commit
 * 00240cdc), so `maxEjectionPercent: 0` leaves Envoy's own default of 10 % (outlier_detection.proto).
 */
function ejectionPercent(value: number, f: string, object?: string): number {
  const v = percentField(value, f + 'maxEjectionPercent', object);
  return v > 0 ? v : ENVOY_OUTLIER_DEFAULTS.maxEjectionPercent;
}

/**
 * Envoy Gateway's translation of `passive` into Envoy outlier detection (internal/xds/translator/cluster.go
 * buildXdsOutlierDetection): interval, base ejection time, max ejection percent and the consecutive counters; setting
 * consecutiveGatewayErrors also sets enforcing_consecutive_gateway_failure 100, setting failurePercentageThreshold sets
 * enforcing_failure_percentage 100; everything else keeps Envoy's default. `object` names the policy in errors.
 */
export function resolveEnvoyGatewayPassive(
  passive: EnvoyGatewayPassiveHealthCheck,
  object?: string,
): OutlierDetectionConfig {
  const d = ENVOY_GATEWAY_PASSIVE_DEFAULTS;
  const f = 'spec.healthCheck.passive.';
  const partial: Partial<OutlierDetectionConfig> = {
    intervalNs: durationField(passive.interval ?? d.interval, f + 'interval', object),
    baseEjectionTimeNs: durationField(passive.baseEjectionTime ?? d.baseEjectionTime, f + 'baseEjectionTime', object),
    maxEjectionPercent: ejectionPercent(passive.maxEjectionPercent ?? d.maxEjectionPercent, f, object),
    consecutive5xx: countField(
      passive.consecutive5XxErrors ?? d.consecutive5XxErrors,
      f + 'consecutive5XxErrors',
      object,
    ),
    consecutiveLocalOriginFailure: countField(
      passive.consecutiveLocalOriginFailures ?? d.consecutiveLocalOriginFailures,
      f + 'consecutiveLocalOriginFailures',
      object,
    ),
    splitExternalLocalOriginErrors: passive.splitExternalLocalOriginErrors ?? d.splitExternalLocalOriginErrors,
    alwaysEjectOneHost: passive.alwaysEjectOneEndpoint ?? d.alwaysEjectOneEndpoint,
  };
  if (passive.consecutiveGatewayErrors !== undefined) {
    partial.consecutiveGatewayFailure = countField(
      passive.consecutiveGatewayErrors,
      f + 'consecutiveGatewayErrors',
      object,
    );
    partial.enforcingConsecutiveGatewayFailure = 100;
  }
  if (passive.failurePercentageThreshold !== undefined) {
    partial.failurePercentageThreshold = percentField(
      passive.failurePercentageThreshold,
      f + 'failurePercentageThreshold',
      object,
    );
    partial.enforcingFailurePercentage = 100;
  }
  return resolveOutlierDetection(partial);
}

/** Whole milliseconds of a duration (Envoy keeps outlier times in ms). */
export function wholeMs(ns: SimTime): number {
  return Math.floor(ns / NS_PER_MS);
}
