// Envoy's cluster circuit breakers (default routing priority) with Envoy's and Envoy Gateway's thresholds, and the
// per-cluster counters that decide overflow. Owns the counters; connection pools call acquire/release around their work.
// Sources: envoy api/envoy/config/cluster/v3/circuit_breaker.proto (defaults 1024/1024/1024/3),
// source/common/upstream/resource_manager_impl.h; envoyproxy/gateway api/v1alpha1/circuitbreaker_types.go (1024 each,
// max_retries always set). Overflowed requests get a local 503 with `x-envoy-overloaded: true` (router.cc), never retried.

export interface CircuitBreakerThresholds {
  maxConnections: number;
  maxPendingRequests: number;
  maxRequests: number;
  maxRetries: number;
}

export const ENVOY_CIRCUIT_BREAKER_DEFAULTS: Readonly<CircuitBreakerThresholds> = {
  maxConnections: 1024,
  maxPendingRequests: 1024,
  maxRequests: 1024,
  maxRetries: 3,
};
export const ENVOY_GATEWAY_CIRCUIT_BREAKER_DEFAULTS: Readonly<CircuitBreakerThresholds> = {
  maxConnections: 1024,
  maxPendingRequests: 1024,
  maxRequests: 1024,
  maxRetries: 1024,
};

/**
 * Cilium's Gateway clusters: the agent fills in thresholds the CEC leaves out, from its flags proxy-max-concurrent-retries
 * 128, proxy-cluster-max-connections and -max-requests 1024 (cilium pkg/ciliumenvoyconfig/cec_resource_parser.go
 * fillInCircuitBreakers, indexed commit 02fbb426; flag defaults pkg/envoy/config); pending requests keep Envoy's 1024.
 */
export const CILIUM_CIRCUIT_BREAKER_DEFAULTS: Readonly<CircuitBreakerThresholds> = {
  maxConnections: 1024,
  maxPendingRequests: 1024,
  maxRequests: 1024,
  maxRetries: 128,
};

/** The local reply Envoy sends on overflow. */
export const OVERFLOW_STATUS = 503;
export const OVERLOADED_HEADER = 'x-envoy-overloaded';

export type CircuitBreakerResource = 'connections' | 'pendingRequests' | 'requests' | 'retries';

/** Shared by all workers of one Envoy (the limits are per proxy, not global). O(1), allocation-free. */
export class CircuitBreakers {
  connections = 0;
  pendingRequests = 0;
  requests = 0;
  retries = 0;
  /** Envoy stats upstream_cx_overflow, upstream_rq_pending_overflow, upstream_rq_active_overflow (upstream_rq_overflow), upstream_rq_retry_overflow. */
  connectionOverflows = 0;
  pendingOverflows = 0;
  requestOverflows = 0;
  retryOverflows = 0;

  constructor(readonly thresholds: CircuitBreakerThresholds = ENVOY_GATEWAY_CIRCUIT_BREAKER_DEFAULTS) {}

  /** A new upstream connection; false = over max_connections (the request waits in the pool; not an error by itself). */
  tryAcquireConnection(): boolean {
    if (this.connections >= this.thresholds.maxConnections) {
      this.connectionOverflows++;
      return false;
    }
    this.connections++;
    return true;
  }

  /** A request queued for a connection; false = 503 overflow. */
  tryAcquirePending(): boolean {
    if (this.pendingRequests >= this.thresholds.maxPendingRequests) {
      this.pendingOverflows++;
      return false;
    }
    this.pendingRequests++;
    return true;
  }

  /** A request attached to a connection (active); false = 503 overflow. */
  tryAcquireRequest(): boolean {
    if (this.requests >= this.thresholds.maxRequests) {
      this.requestOverflows++;
      return false;
    }
    this.requests++;
    return true;
  }

  /** A retry in flight; false = the retry is not attempted and the original failure is returned. */
  tryAcquireRetry(): boolean {
    if (this.retries >= this.thresholds.maxRetries) {
      this.retryOverflows++;
      return false;
    }
    this.retries++;
    return true;
  }

  release(resource: CircuitBreakerResource): void {
    if (this[resource] > 0) this[resource]--;
  }

  /** Envoy's circuit_breakers.default.<resource>_open gauge. */
  isOpen(resource: CircuitBreakerResource): boolean {
    const t = this.thresholds;
    const limit =
      resource === 'connections'
        ? t.maxConnections
        : resource === 'pendingRequests'
          ? t.maxPendingRequests
          : resource === 'requests'
            ? t.maxRequests
            : t.maxRetries;
    return this[resource] >= limit;
  }
}
