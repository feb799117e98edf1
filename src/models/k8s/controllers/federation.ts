// Calico federated services (Calico Enterprise "cluster mesh"; reference/network-facts.md §4.1): a Service without a
// selector, annotated `federation.tigera.io/serviceSelector`, gets the endpoints of every Service in the same namespace
// of the federated clusters whose labels match the selector, port by port name. Each cluster's Services carry the
// implicit label `federation.tigera.io/remoteClusterName` = the cluster's name. The endpoints keep their pod IPs: the
// clusters' pod networks are routable to each other, as federation requires.
import type { ExternalEndpoint } from '../endpoint-slices.js';
import type { ObjectStore } from '../object-store.js';

export const FEDERATION_SELECTOR_ANNOTATION = 'federation.tigera.io/serviceSelector';
const REMOTE_CLUSTER_LABEL = 'federation.tigera.io/remoteClusterName';

type Term = { key: string; op: '==' | '!='; value: string } | { key: string; op: 'has' };

/**
 * Parses the subset of Calico's selector syntax federation uses: terms `key == "v"`, `key != "v"`, `has(key)` joined
 * by `&&`. Returns null for anything else (the Service then gets no endpoints, as a selector Calico rejects would).
 */
export function parseCalicoSelector(text: string): Term[] | null {
  const terms: Term[] = [];
  for (const raw of text.split('&&')) {
    const t = raw.trim();
    let m = /^([A-Za-z0-9./_-]+)\s*(==|!=)\s*["']([^"']*)["']$/.exec(t);
    if (m) {
      terms.push({ key: m[1], op: m[2] as '==' | '!=', value: m[3] });
      continue;
    }
    m = /^has\(\s*([A-Za-z0-9./_-]+)\s*\)$/.exec(t);
    if (m) {
      terms.push({ key: m[1], op: 'has' });
      continue;
    }
    return null;
  }
  return terms;
}

function matches(terms: Term[], labels: Readonly<Record<string, string>>): boolean {
  return terms.every((t) =>
    t.op === 'has'
      ? labels[t.key] !== undefined
      : t.op === '=='
        ? labels[t.key] === t.value
        : labels[t.key] !== t.value,
  );
}

/** What federation reads and writes of a cluster (ClusterRuntime). */
export interface FederatedCluster {
  readonly name: string;
  readonly store: ObjectStore;
  /** Last endpoint set written to each federated Service (to notice changes). */
  readonly federatedCache: Map<string, string>;
}

/** Recomputes every federated Service's endpoints in `local` from all clusters; true when any changed. */
export function syncFederatedServices(local: FederatedCluster, all: readonly FederatedCluster[]): boolean {
  let changed = false;
  for (const svc of local.store.list('Service')) {
    const sel = svc.metadata.annotations?.[FEDERATION_SELECTOR_ANNOTATION];
    if (sel === undefined || (svc.spec.selector && Object.keys(svc.spec.selector).length > 0)) continue;
    const terms = parseCalicoSelector(sel);
    const ns = svc.metadata.namespace ?? 'default';
    const eps: ExternalEndpoint[] = [];
    if (terms !== null) {
      for (const c of all) {
        for (const other of c.store.list('Service')) {
          if (
            (other.metadata.namespace ?? 'default') !== ns ||
            other.metadata.annotations?.[FEDERATION_SELECTOR_ANNOTATION] !== undefined
          )
            continue;
          if (!matches(terms, { ...(other.metadata.labels ?? {}), [REMOTE_CLUSTER_LABEL]: c.name })) continue;
          const slice = c.store.endpointSlice(ns, other.metadata.name);
          for (const port of svc.spec.ports) {
            const sp = slice?.ports.find((p) => p.portName === port.name);
            for (const e of sp?.endpoints ?? [])
              eps.push({ ip: e.ip, port: e.port, ready: e.ready, nodeName: e.nodeName, zone: c.name });
          }
        }
      }
    }
    const key = JSON.stringify(eps);
    if (local.federatedCache.get(`${ns}/${svc.metadata.name}`) === key) continue;
    local.federatedCache.set(`${ns}/${svc.metadata.name}`, key);
    local.store.setExternalEndpoints(ns, svc.metadata.name, eps);
    changed = true;
  }
  return changed;
}
