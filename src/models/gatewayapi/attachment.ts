// Route attachment (apis/v1/gateway_types.go AllowedRoutes; shared_types.go ParentReference; httproute_types.go Hostnames):
// a parentRef selects listeners by sectionName and port; a listener takes the route if it is accepted, allows the route's kind
// and namespace (Same / All / Selector on Namespace labels / None) and shares a hostname with it. The parent's Accepted condition
// explains the first failing step. Cross-namespace attachment is governed by allowedRoutes, not ReferenceGrant.
import type { LabelSelector } from '../k8s/object-meta.js';
import { selectorMatches } from '../k8s/object-meta.js';
import type { ParentReference } from '../k8s/schemas-gateway-api.js';
import type { ListenerState } from './listeners.js';
import { intersectHostnames } from './hostnames.js';

export interface Attachment {
  listenerIndex: number;
  /** Effective hostnames on that listener; [null] = any host. */
  hostnames: (string | null)[];
}

export type AttachResult =
  | { accepted: true; attachments: Attachment[] }
  | {
      accepted: false;
      reason: 'NoMatchingParent' | 'NotAllowedByListeners' | 'NoMatchingListenerHostname';
      message: string;
    };

export function attachRoute(
  route: { kind: string; namespace: string; hostnames: readonly string[] },
  parentRef: ParentReference,
  gateway: { namespace: string; listeners: readonly ListenerState[] },
  namespaceLabels: (ns: string) => Readonly<Record<string, string>>,
): AttachResult {
  const candidates = gateway.listeners
    .map((l, i) => ({ l, i }))
    .filter(
      ({ l }) =>
        (parentRef.sectionName === undefined || l.spec.name === parentRef.sectionName) &&
        (parentRef.port === undefined || l.spec.port === parentRef.port),
    );
  if (candidates.length === 0) {
    const what = [
      parentRef.sectionName !== undefined ? `sectionName "${parentRef.sectionName}"` : '',
      parentRef.port !== undefined ? `port ${parentRef.port}` : '',
    ]
      .filter(Boolean)
      .join(' and ');
    return {
      accepted: false,
      reason: 'NoMatchingParent',
      message: `no listener of the Gateway matches ${what} (listeners: ${gateway.listeners.map((l) => `${l.spec.name}:${l.spec.port}`).join(', ')})`,
    };
  }
  const whyNot: string[] = [];
  const allowed: { l: ListenerState; i: number }[] = [];
  for (const c of candidates) {
    const l = c.l;
    if (!l.accepted) {
      whyNot.push(`listener ${l.spec.name} is not accepted`);
      continue;
    }
    if (!l.supportedKinds.some((k) => k.kind === route.kind)) {
      whyNot.push(
        `listener ${l.spec.name} (${l.protocol}) does not allow kind ${route.kind} (allowed: ${l.supportedKinds.map((k) => k.kind).join(', ') || 'none'})`,
      );
      continue;
    }
    const from = l.spec.allowedRoutes.namespaces.from;
    const nsOk =
      from === 'All' ||
      (from === 'Same' && route.namespace === gateway.namespace) ||
      (from === 'Selector' &&
        selectorMatches(l.spec.allowedRoutes.namespaces.selector as LabelSelector, namespaceLabels(route.namespace)));
    if (!nsOk) {
      whyNot.push(
        `listener ${l.spec.name} allows routes from ${from === 'Same' ? `namespace ${gateway.namespace} only` : from === 'None' ? 'no namespace' : 'namespaces matching its selector'}, not from ${route.namespace}`,
      );
      continue;
    }
    allowed.push(c);
  }
  if (allowed.length === 0) return { accepted: false, reason: 'NotAllowedByListeners', message: whyNot.join('; ') };
  const attachments: Attachment[] = [];
  for (const { l, i } of allowed) {
    const lh = l.spec.hostname;
    const hostnames: (string | null)[] =
      route.hostnames.length === 0
        ? [lh ?? null]
        : unique(route.hostnames.map((h) => intersectHostnames(lh, h)).filter((h): h is string => h !== undefined));
    if (hostnames.length > 0) attachments.push({ listenerIndex: i, hostnames });
  }
  if (attachments.length === 0) {
    return {
      accepted: false,
      reason: 'NoMatchingListenerHostname',
      message: `none of the route's hostnames (${route.hostnames.join(', ')}) intersects a listener hostname (${allowed.map(({ l }) => l.spec.hostname ?? '(any)').join(', ')})`,
    };
  }
  return { accepted: true, attachments };
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}
