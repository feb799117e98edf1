// ReferenceGrant (apis/v1beta1/referencegrant_types.go): a cross-namespace reference is allowed only when a grant in the
// TARGET namespace lists the referrer (group, kind, namespace) in `from` and the target (group, kind, optional name) in `to`.
// Same-namespace references need no grant. O(grants x entries) per check.
import type { ObjectOf } from '../k8s/k8s-object.js';

export interface GrantFrom {
  group: string;
  kind: string;
  namespace: string;
}
export interface GrantTo {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

export function referenceAllowed(grants: readonly ObjectOf<'ReferenceGrant'>[], from: GrantFrom, to: GrantTo): boolean {
  if (from.namespace === to.namespace) return true;
  for (const g of grants) {
    if (g.metadata.namespace !== to.namespace) continue;
    const fromOk = g.spec.from.some(
      (f) => f.group === from.group && f.kind === from.kind && f.namespace === from.namespace,
    );
    if (!fromOk) continue;
    if (
      g.spec.to.some((t) => t.group === to.group && t.kind === to.kind && (t.name === undefined || t.name === to.name))
    )
      return true;
  }
  return false;
}
