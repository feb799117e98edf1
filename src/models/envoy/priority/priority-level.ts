// The per-priority host counts Envoy's priority math reads, the defaults it uses, and how to count them from hosts.
// Owns the shapes and validation only; the load arithmetic is in priority-load.ts, the per-pick choice in choose-priority.ts.

/** Envoy's default overprovisioning factor, an integer percentage (envoy api/envoy/config/endpoint/v3/endpoint.proto, ClusterLoadAssignment.Policy.overprovisioning_factor). */
export const DEFAULT_OVERPROVISIONING_FACTOR = 140;

/** Envoy's default healthy panic threshold in percent (envoy api/envoy/config/cluster/v3/cluster.proto, CommonLbConfig.healthy_panic_threshold). */
export const DEFAULT_HEALTHY_PANIC_THRESHOLD = 50;

/**
 * One priority level as Envoy's HostSet sees it: all hosts, and how many of them are healthy, degraded or excluded.
 * Healthy, degraded and excluded are disjoint subsets of `hosts` (envoy source/common/upstream/upstream_impl.cc, partitionHostList).
 */
export interface PriorityLevel {
  readonly hosts: number;
  readonly healthy: number;
  readonly degraded: number;
  readonly excluded: number;
}

/**
 * What the priority and locality math need to know about one host. lb/host.ts's Host is expected to satisfy this
 * structurally (getters are fine); it is declared here so this folder does not depend on the LB code.
 */
export interface HostHealthView {
  readonly weight: number;
  /** Coarse health Healthy: no failure flag (active HC, outlier, EDS) set. */
  readonly healthy: boolean;
  /** Coarse health Degraded (active HC `x-envoy-degraded` or EDS DEGRADED). */
  readonly degraded: boolean;
  /** Excluded from the availability denominator: pending first active HC, immediate HC fail, or EDS DRAINING. */
  readonly excluded: boolean;
}

/** Counts a host list into a PriorityLevel, classifying each host the way Envoy's partitionHostList does. */
export function countPriorityLevel(hosts: readonly HostHealthView[]): PriorityLevel {
  let healthy = 0;
  let degraded = 0;
  let excluded = 0;
  for (const h of hosts) {
    if (h.excluded) excluded++;
    else if (h.healthy) healthy++;
    else if (h.degraded) degraded++;
  }
  return { hosts: hosts.length, healthy, degraded, excluded };
}

/** Why a level is impossible, or null when it is valid: non-negative integers with healthy + degraded + excluded <= hosts. */
export function priorityLevelProblem(level: PriorityLevel): string | null {
  for (const k of ['hosts', 'healthy', 'degraded', 'excluded'] as const) {
    const v = level[k];
    if (!Number.isSafeInteger(v) || v < 0) return `${k} must be a non-negative integer, got ${String(v)}`;
  }
  if (level.healthy + level.degraded + level.excluded > level.hosts) {
    return `healthy (${level.healthy}) + degraded (${level.degraded}) + excluded (${level.excluded}) is more than hosts (${level.hosts})`;
  }
  return null;
}
