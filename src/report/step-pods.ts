// The pods a step could have used, with their counts: the pods that served it (byBackend) plus the pods of the same
// Deployments that were ready during the step and got nothing, taken from the timeline's pod events. A stuck cookie
// shows as one full bar among nine empty ones only when the empty ones are listed.
import type { TimelineEvent } from '../models/metrics/timeline.js';
import type { BackendCount, RunResult, StepResult } from '../scenarios/run/run-result.js';

/** Events after which a pod no longer takes traffic, and the one after which it does. */
const GONE = new Set(['pod.notReady', 'pod.evicted', 'pod.crashed', 'pod.terminating']);
const READY = 'pod.ready';

/** `default/backend-abc-12345` or `backend-abc-12345` -> [namespace or null, name]. */
function podRef(e: TimelineEvent): [string | null, string] | null {
  const v = e.pod;
  if (typeof v !== 'string' || v === '') return null;
  const i = v.indexOf('/');
  return i < 0 ? [null, v] : [v.slice(0, i), v.slice(i + 1)];
}

/** Pods ready at some moment of [startedAt, endedAt] per the timeline, keyed by name, with namespace, node, cluster. */
function readyPods(
  timeline: readonly TimelineEvent[],
  step: StepResult,
): Map<string, { namespace: string | null; node: string; cluster: string }> {
  const state = new Map<
    string,
    { ready: boolean; readyDuring: boolean; namespace: string | null; node: string; cluster: string }
  >();
  for (const e of timeline) {
    if (e.t > step.endedAt) break;
    if (e.kind !== READY && !GONE.has(e.kind)) continue;
    const ref = podRef(e);
    if (ref === null) continue;
    const [namespace, name] = ref;
    const prev = state.get(name);
    const ready = e.kind === READY;
    const node = typeof e.node === 'string' ? e.node : (prev?.node ?? '');
    const cluster = typeof e.cluster === 'string' ? e.cluster : (prev?.cluster ?? '');
    // Ready at the step's start, or became ready during it.
    const readyDuring = (prev?.readyDuring ?? false) || (ready && e.t >= step.startedAt);
    state.set(name, { ready, readyDuring, namespace, node, cluster });
  }
  const out = new Map<string, { namespace: string | null; node: string; cluster: string }>();
  for (const [name, s] of state)
    if (s.ready || s.readyDuring) out.set(name, { namespace: s.namespace, node: s.node, cluster: s.cluster });
  return out;
}

/**
 * byBackend plus zero rows for ready pods of the same Deployment (name prefix `<deployment>-`, same namespace and
 * cluster when the event says). Served pods keep their order; added pods follow, sorted by name. O(events + pods).
 */
export function stepPods(result: RunResult, step: StepResult): BackendCount[] {
  if (step.byBackend.length === 0) return [];
  const served = new Set(step.byBackend.map((b) => b.pod));
  const owners = step.byBackend.filter((b) => b.deployment !== '');
  const added: BackendCount[] = [];
  for (const [name, info] of readyPods(result.timeline, step)) {
    if (served.has(name)) continue;
    const owner = owners.find(
      (b) =>
        name.startsWith(`${b.deployment}-`) &&
        (info.namespace === null || info.namespace === b.namespace) &&
        (info.cluster === '' || info.cluster === b.cluster),
    );
    if (owner === undefined) continue;
    added.push({
      pod: name,
      service: owner.service,
      namespace: owner.namespace,
      node: info.node,
      cluster: info.cluster === '' ? owner.cluster : info.cluster,
      deployment: owner.deployment,
      count: 0,
    });
  }
  added.sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
  return [...step.byBackend, ...added];
}
