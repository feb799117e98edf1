// The Deployment controller's arithmetic, as k8s.io/kubernetes pkg/controller/deployment computes it: maxSurge and
// maxUnavailable resolved against the replica count, how far the new ReplicaSet may scale up and the old ones down in
// one sync (RollingUpdate), and Recreate's order. Pure functions over ReplicaSet counts; the ObjectStore keeps the
// ReplicaSets and pods and calls these on every change (object-store.ts).
//
// Sources (kubernetes/kubernetes, release-1.32): pkg/controller/deployment/util/deployment_util.go (ResolveFenceposts,
// MaxUnavailable, MaxSurge, NewRSNewReplicas), pkg/controller/deployment/rolling.go (rolloutRolling,
// reconcileNewReplicaSet, reconcileOldReplicaSets, cleanupUnhealthyReplicas, scaleDownOldReplicaSetsForRollingUpdate),
// pkg/controller/deployment/recreate.go (rolloutRecreate, oldPodsRunning), staging apimachinery
// pkg/util/intstr/intstr.go (GetScaledValueFromIntOrPercent).

/** `maxSurge` / `maxUnavailable`: an absolute number or a percentage string such as "25%". */
export type IntOrPercent = number | string;

/** apps/v1 SetDefaults_Deployment: RollingUpdate with maxSurge 25 % and maxUnavailable 25 %. */
export const DEFAULT_MAX_SURGE: IntOrPercent = '25%';
export const DEFAULT_MAX_UNAVAILABLE: IntOrPercent = '25%';

/**
 * intstr.GetScaledValueFromIntOrPercent: an int as is; "N%" of `total`, rounded up (ceil) or down (floor).
 * math.Ceil(float64(value) * float64(total) / 100) in Go; integer arithmetic here gives the same result.
 */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const pct = Number(v.slice(0, -1));
  const x = pct * total;
  return roundUp ? Math.ceil(x / 100) : Math.floor(x / 100);
}

/**
 * ResolveFenceposts: surge rounded up, unavailable rounded down; both 0 (e.g. 25 % of 1 replica for unavailable with
 * maxSurge 0) makes unavailable 1, "so that the rollout makes progress".
 */
export function resolveFenceposts(
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  replicas: number,
): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, replicas, true);
  let unavailable = scaledValue(maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** The RollingUpdate parameters of a Deployment, resolved for its replica count. */
export interface RollingParams {
  readonly replicas: number;
  readonly maxSurge: IntOrPercent;
  readonly maxUnavailable: IntOrPercent;
}

/** MaxUnavailable: the resolved value, at most `replicas`, 0 for 0 replicas. */
export function maxUnavailableOf(d: RollingParams): number {
  if (d.replicas === 0) return 0;
  return Math.min(resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas).unavailable, d.replicas);
}

/** What the controller knows of one ReplicaSet: its desired count and how many of its pods are available. */
export interface ReplicaSetCounts {
  readonly name: string;
  /** spec.replicas. */
  readonly replicas: number;
  /** status.availableReplicas: pods Ready for at least minReadySeconds, not terminating. */
  readonly available: number;
  readonly creationTimestampNs: number;
}

/**
 * NewRSNewReplicas for RollingUpdate: the new ReplicaSet may grow until all ReplicaSets together ask for
 * replicas + maxSurge pods, and never past `replicas`.
 */
export function newRSNewReplicas(d: RollingParams, all: readonly ReplicaSetCounts[], newRS: ReplicaSetCounts): number {
  const { surge } = resolveFenceposts(d.maxSurge, d.maxUnavailable, d.replicas);
  const current = all.reduce((n, rs) => n + rs.replicas, 0);
  const maxTotal = d.replicas + surge;
  if (current >= maxTotal) return newRS.replicas;
  const up = Math.min(maxTotal - current, d.replicas - newRS.replicas);
  return newRS.replicas + up;
}

/** One sync's decision: the new spec.replicas of each ReplicaSet that changes (by name). */
export type ScaleDecision = ReadonlyMap<string, number>;

/**
 * rolloutRolling, one pass: reconcileNewReplicaSet first (scale the new ReplicaSet up, or down past `replicas`); if it
 * did nothing, reconcileOldReplicaSets: old ReplicaSets may lose at most allPods - minAvailable - newRSUnavailable
 * pods, the unavailable ones first (cleanupUnhealthyReplicas), then available ones while more than minAvailable pods
 * are available (scaleDownOldReplicaSetsForRollingUpdate), oldest ReplicaSet first. `old` is the active old
 * ReplicaSets (FilterActiveReplicaSets: spec.replicas > 0 is enough here).
 */
export function rollingStep(
  d: RollingParams,
  newRS: ReplicaSetCounts,
  old: readonly ReplicaSetCounts[],
): ScaleDecision {
  const out = new Map<string, number>();
  const all = [...old, newRS];
  if (newRS.replicas !== d.replicas) {
    const want = newRS.replicas > d.replicas ? d.replicas : newRSNewReplicas(d, all, newRS);
    if (want !== newRS.replicas) {
      out.set(newRS.name, want);
      return out;
    }
  }
  const oldPods = old.reduce((n, rs) => n + rs.replicas, 0);
  if (oldPods === 0) return out;
  const allPods = all.reduce((n, rs) => n + rs.replicas, 0);
  const minAvailable = d.replicas - maxUnavailableOf(d);
  const newUnavailable = newRS.replicas - newRS.available;
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return out;
  const byAge = [...old].sort((a, b) => a.creationTimestampNs - b.creationTimestampNs || (a.name < b.name ? -1 : 1));
  // cleanupUnhealthyReplicas: unavailable pods of old ReplicaSets go first, up to maxScaledDown.
  const replicas = new Map(byAge.map((rs) => [rs.name, rs.replicas]));
  let cleaned = 0;
  for (const rs of byAge) {
    if (cleaned >= maxScaledDown) break;
    const r = replicas.get(rs.name)!;
    if (r === 0 || r === rs.available) continue;
    const n = Math.min(maxScaledDown - cleaned, r - rs.available);
    replicas.set(rs.name, r - n);
    cleaned += n;
  }
  // scaleDownOldReplicaSetsForRollingUpdate: available pods beyond minAvailable.
  const available = all.reduce((n, rs) => n + rs.available, 0);
  let down = Math.max(0, available - minAvailable);
  for (const rs of byAge) {
    if (down <= 0) break;
    const r = replicas.get(rs.name)!;
    if (r === 0) continue;
    const n = Math.min(r, down);
    replicas.set(rs.name, r - n);
    down -= n;
  }
  for (const rs of byAge) if (replicas.get(rs.name) !== rs.replicas) out.set(rs.name, replicas.get(rs.name)!);
  return out;
}
