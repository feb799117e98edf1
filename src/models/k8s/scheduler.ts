// Pod placement as the default kube-scheduler spreads identical pods: filter out nodes that are NotReady or unschedulable
// (NodeUnschedulable / TaintToleration filters) or fail nodeSelector, then score. Score rule (a simplification of the default
// PodTopologySpread on kubernetes.io/hostname + NodeResourcesLeastAllocated with equal requests): fewest pods of the same
// owner, then fewest pods overall, then node name. O(nodes) per pod.
import type { NodeInfo, Pod } from './pod.js';

export function pickNode(
  nodes: readonly NodeInfo[],
  pods: readonly Pod[],
  owner: { namespace: string; deployment: string },
  nodeSelector?: Readonly<Record<string, string>>,
): string | undefined {
  let best: { name: string; same: number; total: number } | undefined;
  for (const n of nodes) {
    if (!n.ready || n.unschedulable) continue;
    if (nodeSelector && Object.keys(nodeSelector).some((k) => n.labels?.[k] !== nodeSelector[k])) continue;
    let same = 0;
    let total = 0;
    for (const p of pods) {
      if (p.nodeName !== n.name || p.terminating) continue;
      total++;
      if (p.namespace === owner.namespace && p.deployment === owner.deployment) same++;
    }
    if (
      best === undefined ||
      same < best.same ||
      (same === best.same && (total < best.total || (total === best.total && n.name < best.name)))
    )
      best = { name: n.name, same, total };
  }
  return best?.name;
}
