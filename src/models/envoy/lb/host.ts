// The upstream host (endpoint) as the whole gateway data plane sees it: identity, hash key, weight, health flags and the
// in-flight request gauge. Owns no policy; priorities, health checking and outlier detection set the flags.
//
// One Host object per endpoint per Envoy process: every worker's LB points at the same objects, as Envoy's workers share
// host objects and the `rq_active` gauge is one atomic per host (envoy-lb.md §3, §11). Plain numeric fields: hot path.

/** Envoy's Host::HealthFlag bits (envoy/upstream/upstream.h). */
export const HealthFlag = {
  FAILED_ACTIVE_HC: 0x01,
  FAILED_OUTLIER_CHECK: 0x02,
  FAILED_EDS_HEALTH: 0x04,
  DEGRADED_ACTIVE_HC: 0x08,
  DEGRADED_EDS_HEALTH: 0x10,
  PENDING_DYNAMIC_REMOVAL: 0x20,
  PENDING_ACTIVE_HC: 0x40,
  EXCLUDED_VIA_IMMEDIATE_HC_FAIL: 0x80,
  ACTIVE_HC_TIMEOUT: 0x100,
  EDS_STATUS_DRAINING: 0x200,
} as const;

const UNHEALTHY_MASK =
  HealthFlag.FAILED_ACTIVE_HC |
  HealthFlag.FAILED_OUTLIER_CHECK |
  HealthFlag.FAILED_EDS_HEALTH |
  HealthFlag.ACTIVE_HC_TIMEOUT |
  HealthFlag.EDS_STATUS_DRAINING;
const DEGRADED_MASK = HealthFlag.DEGRADED_ACTIVE_HC | HealthFlag.DEGRADED_EDS_HEALTH;

/** Envoy's coarse health (Host::Health). */
export const CoarseHealth = { Unhealthy: 0, Degraded: 1, Healthy: 2 } as const;
export type CoarseHealth = (typeof CoarseHealth)[keyof typeof CoarseHealth];

export interface HostInit {
  address: string;
  port: number;
  /** Envoy endpoint load_balancing_weight, an integer >= 1 (default 1). */
  weight?: number;
  /** Endpoint hostname (used as the hash key only with useHostnameForHashing). */
  hostname?: string;
  /** `filter_metadata["envoy.lb"]["hash_key"]`: wins over everything when non-empty. */
  hashKey?: string;
  useHostnameForHashing?: boolean;
  /** Locality label (Envoy Gateway: one per backendRef). */
  locality?: string;
  /** Position in the cluster's host list; the caller assigns it. */
  index?: number;
}

export class Host {
  /** Envoy's hash key (`hashKey()` in thread_aware_lb_impl.h): metadata hash_key, else hostname if configured, else `ip:port`. */
  readonly key: string;
  readonly address: string;
  readonly port: number;
  readonly hostname: string;
  readonly locality: string;
  weight: number;
  index: number;
  /** OR of HealthFlag bits; 0 = healthy. */
  healthFlags = 0;
  /** Requests attached to an upstream stream right now (Envoy's `rq_active`), shared by all workers of one Envoy. */
  activeRequests = 0;

  constructor(init: HostInit) {
    this.address = init.address;
    this.port = init.port;
    this.hostname = init.hostname ?? '';
    this.locality = init.locality ?? '';
    this.weight = init.weight ?? 1;
    this.index = init.index ?? 0;
    if (init.hashKey !== undefined && init.hashKey.length > 0) this.key = init.hashKey;
    else if (init.useHostnameForHashing && this.hostname.length > 0) this.key = this.hostname;
    else this.key = addressString(this.address, this.port);
  }

  coarseHealth(): CoarseHealth {
    if ((this.healthFlags & UNHEALTHY_MASK) !== 0) return CoarseHealth.Unhealthy;
    if ((this.healthFlags & DEGRADED_MASK) !== 0) return CoarseHealth.Degraded;
    return CoarseHealth.Healthy;
  }
}

/** Envoy's address string: `10.0.0.1:8080`, IPv6 as `[::1]:8080` (Address::Ipv6Instance::asString). */
export function addressString(ip: string, port: number): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** Builds hosts from `ip:port` / `[v6]:port` / plain name strings (a plain name becomes its own key, port 0). */
export function hostsFromKeys(
  keys: readonly string[],
  weights?: readonly number[],
  localities?: readonly string[],
): Host[] {
  return keys.map((k, i) => {
    const m = /^\[([^\]]+)\]:(\d+)$/.exec(k) ?? /^([^:[\]]+):(\d+)$/.exec(k);
    const init: HostInit = m ? { address: m[1], port: Number(m[2]) } : { address: k, port: 0, hashKey: k };
    init.weight = weights ? weights[i] : 1;
    init.locality = localities ? localities[i] : '';
    init.index = i;
    return new Host(init);
  });
}
