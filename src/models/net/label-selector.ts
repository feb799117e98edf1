// A resolved Kubernetes label selector (matchLabels + matchExpressions) and its match rule, for node and service selectors
// in network policies (BGPPeer nodeSelector, CiliumL2AnnouncementPolicy, CiliumLoadBalancerIPPool). Parsing manifests is k8s/'s job.

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Readonly<Record<string, string>>;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/**
 * Kubernetes semantics (apimachinery labels.Selector): all matchLabels and all expressions must hold; an absent or empty
 * selector matches everything; NotIn and DoesNotExist match objects lacking the key. O(terms).
 */
export function selectorMatches(
  selector: LabelSelector | undefined,
  labels: Readonly<Record<string, string>>,
): boolean {
  if (selector === undefined) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const r of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const vals = r.values ?? [];
    switch (r.operator) {
      case 'In':
        if (!has || !vals.includes(labels[r.key])) return false;
        break;
      case 'NotIn':
        if (has && vals.includes(labels[r.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
    }
  }
  return true;
}
