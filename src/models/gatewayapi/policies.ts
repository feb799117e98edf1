// Envoy Gateway BackendTrafficPolicy attachment (api/v1alpha1/backendtrafficpolicy_types.go; internal/gatewayapi/backendtrafficpolicy.go):
// targets by targetRefs / targetRef (same namespace as the policy) or targetSelectors (labels), optional sectionName (a listener
// of a Gateway or a named route rule). The most specific wins: route rule > route > listener > gateway; among policies at the
// same level the oldest (creationTimestamp, then namespace/name) wins. Fields are carried as parsed; the data plane interprets.
import type { ObjectOf } from '../k8s/k8s-object.js';
import type { BackendTrafficPolicyObject } from '../k8s/schemas-envoy-gateway.js';
import { compareText } from '../../sim/compare-text.js';

type Spec = BackendTrafficPolicyObject['spec'];

export interface TrafficPolicy {
  /** The BackendTrafficPolicy in force (namespace and name). */
  policy: { namespace: string; name: string };
  /** What the policy targeted to reach this route: `HTTPRoute rule`, `HTTPRoute`, `Gateway listener`, `Gateway`. */
  attachedAt: 'route-rule' | 'route' | 'listener' | 'gateway';
  loadBalancer: Spec['loadBalancer'] | null;
  healthCheck: Spec['healthCheck'] | null;
  retry: Spec['retry'] | null;
  timeout: Spec['timeout'] | null;
  circuitBreaker: Spec['circuitBreaker'] | null;
}

interface Target {
  kind: string;
  name?: string;
  sectionName?: string;
  matchLabels?: Record<string, string>;
}

function targetsOf(p: ObjectOf<'BackendTrafficPolicy'>): Target[] {
  const out: Target[] = [];
  for (const t of [...(p.spec.targetRef ? [p.spec.targetRef] : []), ...(p.spec.targetRefs ?? [])])
    out.push({ kind: t.kind, name: t.name, sectionName: t.sectionName });
  for (const s of p.spec.targetSelectors ?? []) out.push({ kind: s.kind, matchLabels: s.matchLabels ?? {} });
  return out;
}

function toPolicy(p: ObjectOf<'BackendTrafficPolicy'>, attachedAt: TrafficPolicy['attachedAt']): TrafficPolicy {
  return {
    policy: { namespace: p.metadata.namespace ?? 'default', name: p.metadata.name },
    attachedAt,
    loadBalancer: p.spec.loadBalancer ?? null,
    healthCheck: p.spec.healthCheck ?? null,
    retry: p.spec.retry ?? null,
    timeout: p.spec.timeout ?? null,
    circuitBreaker: p.spec.circuitBreaker ?? null,
  };
}

function olderFirst(a: ObjectOf<'BackendTrafficPolicy'>, b: ObjectOf<'BackendTrafficPolicy'>): number {
  const ta = Math.floor((a.metadata.creationTimestampNs ?? 0) / 1e9);
  const tb = Math.floor((b.metadata.creationTimestampNs ?? 0) / 1e9);
  if (ta !== tb) return ta - tb;
  return compareText(`${a.metadata.namespace}/${a.metadata.name}`, `${b.metadata.namespace}/${b.metadata.name}`);
}

export interface PolicyTargetObject {
  kind: string;
  namespace: string;
  name: string;
  labels: Readonly<Record<string, string>>;
}

function hits(t: Target, obj: PolicyTargetObject, section: string | undefined): boolean {
  if (t.kind !== obj.kind) return false;
  if (
    t.name !== undefined
      ? t.name !== obj.name
      : !Object.entries(t.matchLabels ?? {}).every(([k, v]) => obj.labels[k] === v)
  )
    return false;
  return section === undefined ? t.sectionName === undefined : t.sectionName === section;
}

/** The policy in effect for one rule of a route attached through one listener of a gateway, or null. */
export function effectivePolicy(
  policies: readonly ObjectOf<'BackendTrafficPolicy'>[],
  route: PolicyTargetObject,
  ruleName: string | undefined,
  gateway: PolicyTargetObject,
  listenerName: string,
): TrafficPolicy | null {
  const sorted = [...policies].sort(olderFirst);
  const inNs = (p: ObjectOf<'BackendTrafficPolicy'>, ns: string) => (p.metadata.namespace ?? 'default') === ns;
  const find = (obj: PolicyTargetObject, section: string | undefined) =>
    sorted.find((p) => inNs(p, obj.namespace) && targetsOf(p).some((t) => hits(t, obj, section)));
  let p: ObjectOf<'BackendTrafficPolicy'> | undefined;
  if (ruleName !== undefined && (p = find(route, ruleName))) return toPolicy(p, 'route-rule');
  if ((p = find(route, undefined))) return toPolicy(p, 'route');
  if ((p = find(gateway, listenerName))) return toPolicy(p, 'listener');
  if ((p = find(gateway, undefined))) return toPolicy(p, 'gateway');
  return null;
}

/** The policy attached to a whole gateway (no section). */
export function gatewayPolicy(
  policies: readonly ObjectOf<'BackendTrafficPolicy'>[],
  gateway: PolicyTargetObject,
): TrafficPolicy | null {
  const p = [...policies]
    .sort(olderFirst)
    .find(
      (x) =>
        (x.metadata.namespace ?? 'default') === gateway.namespace &&
        targetsOf(x).some((t) => hits(t, gateway, undefined)),
    );
  return p === undefined ? null : toPolicy(p, 'gateway');
}

/** Which of the given objects a policy reaches (for its status and for warnings about dangling targets). */
export function policyTargetsFound(
  p: ObjectOf<'BackendTrafficPolicy'>,
  objects: readonly PolicyTargetObject[],
): PolicyTargetObject[] {
  const ns = p.metadata.namespace ?? 'default';
  return objects.filter(
    (o) =>
      o.namespace === ns &&
      targetsOf(p).some(
        (t) =>
          t.kind === o.kind &&
          (t.name !== undefined
            ? t.name === o.name
            : Object.entries(t.matchLabels ?? {}).every(([k, v]) => o.labels[k] === v)),
      ),
  );
}
