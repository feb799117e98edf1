// Which pods a ReplicaSet deletes when it scales down: the ReplicaSet controller's getPodsToDelete ranks its active
// pods with controller.ActivePodsWithRanks and deletes the first ones. Pure; the ObjectStore calls it.
//
// Source (kubernetes/kubernetes, release-1.32): pkg/controller/replicaset/replica_set.go getPodsToDelete and
// getPodsRankedByRelatedPodsOnSameNode; pkg/controller/controller_utils.go ActivePodsWithRanks.Less and
// logarithmicRankDiff. Less, in order:
//  1. unassigned < assigned (no nodeName first);
//  2. PodPending < PodUnknown < PodRunning;
//  3. not ready < ready;
//  4. lower pod-deletion-cost < higher (controller.kubernetes.io/pod-deletion-cost annotation, default 0);
//  5. doubled up < not doubled up: more active pods of the same Deployment on the pod's node first (the rank);
//  6. both ready: the more recently ready first, compared by the floor of log2 of (now - readyTime) in nanoseconds
//     (LogarithmicScaleDown, on by default since 1.22), a tie broken by UID;
//  7. higher container restart count first;
//  8. newer creation first, by the same logarithmic buckets, a tie broken by UID.
// gwsim's pods are always scheduled when they run, so 1 only separates Pending ones (no node was schedulable).

export interface RankedPod {
  readonly name: string;
  readonly uid: string;
  readonly nodeName?: string;
  /** Pending until its container first runs; Unknown while its node is NotReady; else Running. */
  readonly phase: 'Pending' | 'Unknown' | 'Running';
  readonly ready: boolean;
  /** When the Ready condition last turned True (status.conditions[Ready].lastTransitionTime). */
  readonly readySinceNs?: number;
  readonly restartCount: number;
  readonly creationTimestampNs: number;
  readonly deletionCost: number;
}

const PHASE_ORDINAL = { Pending: 0, Unknown: 1, Running: 2 } as const;

/** logarithmicRankDiff: floor(log2(now - t)) of each (-1 for a time not in the past), compared. */
function logRank(t: number, now: number): number {
  const d = now - t;
  return d > 0 ? Math.floor(Math.log2(d)) : -1;
}

/** ActivePodsWithRanks.Less for pods i and j with their ranks (related active pods on the same node). */
export function activePodLess(a: RankedPod, rankA: number, b: RankedPod, rankB: number, nowNs: number): boolean {
  if (a.nodeName !== b.nodeName && (a.nodeName === undefined || b.nodeName === undefined))
    return a.nodeName === undefined;
  if (PHASE_ORDINAL[a.phase] !== PHASE_ORDINAL[b.phase]) return PHASE_ORDINAL[a.phase] < PHASE_ORDINAL[b.phase];
  if (a.ready !== b.ready) return !a.ready;
  if (a.deletionCost !== b.deletionCost) return a.deletionCost < b.deletionCost;
  if (rankA !== rankB) return rankA > rankB;
  if (a.ready && b.ready && a.readySinceNs !== b.readySinceNs) {
    const ta = a.readySinceNs;
    const tb = b.readySinceNs;
    // afterOrZero when a time is missing: a zero time counts as later than any.
    if (ta === undefined || tb === undefined) return ta === undefined;
    const diff = logRank(ta, nowNs) - logRank(tb, nowNs);
    if (diff === 0) return a.uid < b.uid;
    return diff < 0;
  }
  if (a.restartCount !== b.restartCount) return a.restartCount > b.restartCount;
  if (a.creationTimestampNs !== b.creationTimestampNs) {
    const diff = logRank(a.creationTimestampNs, nowNs) - logRank(b.creationTimestampNs, nowNs);
    if (diff === 0) return a.uid < b.uid;
    return diff < 0;
  }
  return false;
}

/**
 * getPodsToDelete: `diff` of `pods` (a ReplicaSet's active pods), ranked against `related` (the active pods of every
 * ReplicaSet of the same Deployment). All of them when diff covers them (no sort).
 */
export function podsToDelete<P extends RankedPod>(
  pods: readonly P[],
  related: readonly RankedPod[],
  diff: number,
  nowNs: number,
): P[] {
  if (diff >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) onNode.set(p.nodeName ?? '', (onNode.get(p.nodeName ?? '') ?? 0) + 1);
  const ranked = pods.map((p) => ({ p, rank: onNode.get(p.nodeName ?? '') ?? 0 }));
  // sort.Sort is not stable; Less is a strict order on distinct UIDs except for full ties, which keep input order here.
  ranked.sort((x, y) =>
    activePodLess(x.p, x.rank, y.p, y.rank, nowNs) ? -1 : activePodLess(y.p, y.rank, x.p, x.rank, nowNs) ? 1 : 0,
  );
  return ranked.slice(0, diff).map((x) => x.p);
}
