// Resolves `spec.topology`, `spec.gateway` and `spec.backends`: fills defaults, converts rtt to one-way latency,
// and checks names (unique across clusters, nodes and routers; links and backends name things that exist).
import { FREE_GATEWAY } from '../../models/envoy/cpu/cpu-costs.js';
import type { z } from 'zod';
import { DEFAULT_BACKEND, DEFAULT_CALICO_ROUTER, DEFAULT_CILIUM_ROUTER, DEFAULT_CLUSTER, DEFAULT_GATEWAY_REPLICAS, DEFAULT_GATEWAY_WORKERS, DEFAULT_LINKS, defaultNodeAddress } from './defaults.js';
import type { DocPath } from './resolve-context.js';
import type { ResolvedBackend, ResolvedBackendBehaviour, ResolvedGatewaySettings, ResolvedLinkProps, ResolvedServiceTime, ResolvedTopology } from './resolved.js';
import type { ScenarioDoc } from './scenario.js';
import type { linkPropsShape, serviceTimeSchema } from './topology.js';

export type Raise = (path: DocPath, problem: string, allowed?: string) => never;

type LinkPropsDoc = { [K in keyof typeof linkPropsShape]?: z.output<(typeof linkPropsShape)[K]> };

/** Link properties with defaults from `base`; `rtt` and `latency` are exclusive. */
export function resolveLinkProps(doc: LinkPropsDoc, base: ResolvedLinkProps, path: DocPath, raise: Raise): ResolvedLinkProps {
  if (doc.rtt !== undefined && doc.latency !== undefined) raise([...path, 'latency'], 'give either rtt (round trip) or latency (one way), not both');
  const latencyNs = doc.rtt !== undefined ? Math.round(doc.rtt / 2) : (doc.latency ?? base.latencyNs);
  return { latencyNs, jitterNs: doc.jitter ?? base.jitterNs, bandwidthBps: doc.bandwidth ?? base.bandwidthBps, loss: doc.loss ?? base.loss };
}

export function resolveTopology(doc: ScenarioDoc['spec']['topology'], raise: Raise): ResolvedTopology {
  const base: ['spec', 'topology'] = ['spec', 'topology'];
  const clustersDoc = doc?.clusters ?? [{ ...DEFAULT_CLUSTER, region: undefined }];
  const seen = new Map<string, string>();
  const claim = (name: string, what: string, path: DocPath): void => {
    const prior = seen.get(name);
    if (prior !== undefined) raise(path, `${what} name ${JSON.stringify(name)} is already used by a ${prior}; names of clusters, nodes and routers must be unique`);
    seen.set(name, what);
  };
  const clusters = clustersDoc.map((c, ci) => {
    claim(c.name, 'cluster', [...base, 'clusters', ci, 'name']);
    const nodes = c.nodes.map((n, ni) => {
      const node = typeof n === 'string' ? { name: n, address: defaultNodeAddress(ci, ni) } : n;
      claim(node.name, 'node', [...base, 'clusters', ci, 'nodes', ni]);
      return node;
    });
    return { name: c.name, platform: c.platform, region: c.region ?? c.name, nodes };
  });
  const routersDoc = doc?.routers;
  const routers =
    routersDoc === undefined
      ? defaultRouters(clusters.map((c) => c.platform))
      : routersDoc.map((r) => ({ name: r.name, address: r.address, asNumber: r.asNumber ?? null, mergePaths: r.mergePaths ?? false }));
  routers.forEach((r, i) => claim(r.name, 'router', [...base, 'routers', i, 'name']));
  const ld = doc?.linkDefaults;
  const linkDefaults = {
    node: resolveLinkProps(ld?.node ?? {}, DEFAULT_LINKS.node, [...base, 'linkDefaults', 'node'], raise),
    router: resolveLinkProps(ld?.router ?? {}, DEFAULT_LINKS.router, [...base, 'linkDefaults', 'router'], raise),
    cluster: resolveLinkProps(ld?.cluster ?? {}, DEFAULT_LINKS.cluster, [...base, 'linkDefaults', 'cluster'], raise),
  };
  const links = (doc?.links ?? []).map((l, li) => {
    l.between.forEach((n, k) => {
      if (!seen.has(n)) raise([...base, 'links', li, 'between', k], `no cluster, node or router is named ${JSON.stringify(n)}`, [...seen.keys()].join(', '));
    });
    if (l.between[0] === l.between[1]) raise([...base, 'links', li, 'between'], 'a link joins two different things');
    const kind = l.between.some((n) => seen.get(n) === 'cluster') ? linkDefaults.cluster : l.between.some((n) => seen.get(n) === 'router') ? linkDefaults.router : linkDefaults.node;
    return { between: [l.between[0], l.between[1]] as [string, string], ...resolveLinkProps(l, kind, [...base, 'links', li], raise) };
  });
  return { clusters, routers, links, linkDefaults };
}

/** Routers when `topology.routers` is not written: the bastion for Calico labs, the kind host for Cilium-only ones. */
function defaultRouters(platforms: string[]) {
  return [platforms.includes('calico') ? DEFAULT_CALICO_ROUTER : DEFAULT_CILIUM_ROUTER].map((r) => ({ ...r }));
}

export function resolveGateway(doc: ScenarioDoc['spec']['gateway']): ResolvedGatewaySettings {
  const cpu = doc?.cpu;
  const d = FREE_GATEWAY;
  const settings: ResolvedGatewaySettings = {
    workers: doc?.workers ?? DEFAULT_GATEWAY_WORKERS,
    replicas: doc?.replicas ?? DEFAULT_GATEWAY_REPLICAS,
  };
  if (cpu !== undefined)
    settings.cpu = {
      requestNs: cpu.request ?? d.requestNs,
      connectionNs: cpu.connection ?? d.connectionNs,
      tlsHandshakeNs: cpu.tlsHandshake ?? d.tlsHandshakeNs,
      tcpProxyConnectionNs: cpu.tcpProxyConnection ?? d.tcpProxyConnectionNs,
      tcpProxyRequestNs: cpu.tcpProxyRequest ?? d.tcpProxyRequestNs,
      perKiBNs: cpu.perKiB ?? d.perKiBNs,
    };
  return settings;

}

type ServiceTimeDoc = z.output<typeof serviceTimeSchema>;

function resolveServiceTime(st: ServiceTimeDoc, path: DocPath, raise: Raise): ResolvedServiceTime {
  const need = (field: keyof ServiceTimeDoc, why: string): void => {
    if (st[field] === undefined) raise([...path, field], `missing: ${st.distribution} service time needs ${field} (${why})`);
  };
  const forbid = (fields: Array<keyof ServiceTimeDoc>): void => {
    for (const f of fields) if (st[f] !== undefined) raise([...path, f], `${f} does not apply to the ${st.distribution} distribution`);
  };
  switch (st.distribution) {
    case 'constant':
    case 'exponential':
      need('mean', st.distribution === 'constant' ? 'the value' : 'the mean');
      forbid(['sigma', 'values', 'weights']);
      return { distribution: st.distribution, meanNs: st.mean!, sigma: 0, valuesNs: [], weights: [] };
    case 'lognormal':
      need('mean', 'the mean');
      need('sigma', 'the standard deviation of log(service time)');
      forbid(['values', 'weights']);
      return { distribution: 'lognormal', meanNs: st.mean!, sigma: st.sigma!, valuesNs: [], weights: [] };
    case 'empirical': {
      need('values', 'the durations to draw from');
      forbid(['mean', 'sigma']);
      const values = st.values!;
      const weights = st.weights ?? values.map(() => 1);
      if (weights.length !== values.length) raise([...path, 'weights'], `${weights.length} weights for ${values.length} values; give one weight per value`);
      const total = weights.reduce((a, b) => a + b, 0);
      if (total <= 0) raise([...path, 'weights'], 'weights must not all be zero');
      const meanNs = Math.round(values.reduce((a, v, i) => a + v * weights[i], 0) / total);
      return { distribution: 'empirical', meanNs, sigma: 0, valuesNs: values, weights };
    }
  }
}

export function resolveBackends(doc: ScenarioDoc['spec']['backends'], clusterNames: string[], raise: Raise): ResolvedBackend[] {
  return (doc ?? []).map((b, i) => {
    const path = ['spec', 'backends', i];
    if (b.cluster !== undefined && !clusterNames.includes(b.cluster)) raise([...path, 'cluster'], `no cluster is named ${JSON.stringify(b.cluster)}`, clusterNames.join(', '));
    const behaviour: ResolvedBackendBehaviour = {
      serviceTime: b.serviceTime ? resolveServiceTime(b.serviceTime, [...path, 'serviceTime'], raise) : DEFAULT_BACKEND.serviceTime,
      concurrency: b.concurrency ?? DEFAULT_BACKEND.concurrency,
      queueLimit: b.queueLimit ?? DEFAULT_BACKEND.queueLimit,
      errorRate: b.errorRate ?? DEFAULT_BACKEND.errorRate,
      errorStatus: b.errorStatus ?? DEFAULT_BACKEND.errorStatus,
    };
    if (behaviour.queueLimit !== null && behaviour.concurrency === null) raise([...path, 'queueLimit'], 'queueLimit needs concurrency (requests queue only beyond it)');
    return { selector: { ...b.selector }, namespace: b.namespace ?? null, cluster: b.cluster ?? null, ...behaviour };
  });
}
