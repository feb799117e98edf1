// CrashLoopBackOff: when the kubelet restarts a container that exited, as its per-container back-off entry decides.
// Pure arithmetic over one entry; kube-reaction.ts keeps the entries and runs the timers.
import type { SimTime } from '../../../sim/time.js';

/** The kubelet's back-off entry for one container (k8s staging/src/k8s.io/client-go/util/flowcontrol/backoff.go
 *  backoffEntry; Next l.71, IsInBackOffSince l.92, hasExpired at the file's end, at k8s@5667ebd). */
export interface BackoffEntry {
  readonly backoffNs: SimTime;
  /** When the entry last moved: the restart it allowed. */
  readonly lastUpdateNs: SimTime;
}

export interface RestartPlan {
  /** When the container starts again. */
  readonly at: SimTime;
  /** The entry once that restart is allowed. */
  readonly entry: BackoffEntry;
}

/**
 * A container exited at `exitedAt` and the kubelet's sync sees it at `seenAt`. doBackOff (k8s@000f260
 * pkg/kubelet/kuberuntime/kuberuntime_manager.go) keys on the exit time: with no entry (the first crash), or one older
 * than twice the maximum (it ran 10 min since its last restart: backoff.go hasExpired), the container restarts at once
 * and the entry starts at `initialNs`; otherwise it waits until `exitedAt` + the entry's back-off (IsInBackOffSince)
 * and the entry doubles, capped at `maxNs` (Next). So restarts come 0, 10, 20, 40, ... 300 s after successive exits
 * (as Kubernetes in Action 2nd ed. §6.2.1 shows it). The pod worker's retry of the failed sync is taken to land at the
 * back-off's end (older kubelets retry on a jittered 10 s period and may start it up to a few seconds later).
 */
export function planRestart(
  entry: BackoffEntry | null,
  exitedAt: SimTime,
  seenAt: SimTime,
  initialNs: SimTime,
  maxNs: SimTime,
): RestartPlan {
  const fresh = entry === null || exitedAt - entry.lastUpdateNs > 2 * maxNs;
  if (fresh) return { at: seenAt, entry: { backoffNs: initialNs, lastUpdateNs: seenAt } };
  const at = Math.max(seenAt, exitedAt + entry.backoffNs);
  return { at, entry: { backoffNs: Math.min(2 * entry.backoffNs, maxNs), lastUpdateNs: at } };
}
