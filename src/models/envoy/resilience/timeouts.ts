// Upstream timeouts as Envoy Gateway resolves them: TCP connect timeout, route (request) timeout and per-try timeout.
// Owns resolved values and their precedence; the request lifecycle that enforces them is the gateway world's.

import { NS_PER_S, type SimTime } from '../../../sim/time.js';

/** Envoy Gateway's default connect timeout (envoyproxy/gateway api/v1alpha1/timeout_types.go TCPTimeout.connectTimeout). */
export const ENVOY_GATEWAY_CONNECT_TIMEOUT_NS = 10 * NS_PER_S;
/** Envoy's route timeout default when nothing sets one (envoy api/envoy/config/route/v3/route_components.proto RouteAction.timeout). */
export const ENVOY_ROUTE_TIMEOUT_NS = 15 * NS_PER_S;
/** Envoy Gateway's HTTP connectionIdleTimeout default (timeout_types.go HTTPTimeout). */
export const ENVOY_GATEWAY_CONNECTION_IDLE_TIMEOUT_NS = 3600 * NS_PER_S;

export interface ResolvedTimeouts {
  connectTimeoutNs: SimTime;
  /** Whole-request deadline from the first byte to the last of the response, retries included; 0 = disabled. */
  requestTimeoutNs: SimTime;
  /** Per attempt; null = only the request timeout applies. */
  perTryTimeoutNs: SimTime | null;
  connectionIdleTimeoutNs: SimTime;
}

export interface TimeoutInputs {
  /** BackendTrafficPolicy timeout.tcp.connectTimeout. */
  connectTimeoutNs?: SimTime;
  /** BackendTrafficPolicy timeout.http.requestTimeout. */
  btpRequestTimeoutNs?: SimTime;
  /** HTTPRoute rule timeouts.request (Gateway API); wins over the policy. */
  routeRequestTimeoutNs?: SimTime;
  /** HTTPRoute rule timeouts.backendRequest: per-try timeout. */
  routeBackendRequestTimeoutNs?: SimTime;
  /** BackendTrafficPolicy retry.perRetry.timeout. */
  perRetryTimeoutNs?: SimTime;
  connectionIdleTimeoutNs?: SimTime;
}

/** Envoy Gateway's precedence (gateway-semantics C7): Gateway API timeouts.request over BTP requestTimeout over Envoy's 15 s. */
export function resolveTimeouts(i: TimeoutInputs = {}): ResolvedTimeouts {
  return {
    connectTimeoutNs: i.connectTimeoutNs ?? ENVOY_GATEWAY_CONNECT_TIMEOUT_NS,
    requestTimeoutNs: i.routeRequestTimeoutNs ?? i.btpRequestTimeoutNs ?? ENVOY_ROUTE_TIMEOUT_NS,
    perTryTimeoutNs: i.routeBackendRequestTimeoutNs ?? i.perRetryTimeoutNs ?? null,
    connectionIdleTimeoutNs: i.connectionIdleTimeoutNs ?? ENVOY_GATEWAY_CONNECTION_IDLE_TIMEOUT_NS,
  };
}
