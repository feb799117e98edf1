// EndpointSlices as the endpointslice controller derives them: for a Service with a selector, the scheduled pods of its namespace
// whose labels match, one endpoint per pod with ready/serving/terminating, grouped by resolved target ports (a named targetPort
// resolves per pod through the container port of that name; pods without it are left out of that port's slice). Services without
// a selector get the endpoints the caller gave (as for federated or manually managed Services). Not kube-proxy or Envoy EDS.
import { mapSelectorMatches } from './object-meta.js';
import type { Pod } from './pod.js';
import type { ServiceObject } from './schemas-core.js';
import { compareText } from '../../sim/compare-text.js';

export interface Endpoint {
  ip: string;
  /** Port the traffic goes to on this endpoint (the resolved targetPort). */
  port: number;
  ready: boolean;
  serving: boolean;
  terminating: boolean;
  podName?: string;
  nodeName?: string;
  /** For externally given endpoints: where they live (e.g. a remote cluster's name). */
  zone?: string;
}

export interface ServicePortEndpoints {
  /** The Service port (what backendRefs name). */
  servicePort: number;
  portName?: string;
  appProtocol?: string;
  endpoints: readonly Endpoint[];
}

export interface EndpointSlice {
  namespace: string;
  serviceName: string;
  /** One entry per Service port. */
  ports: readonly ServicePortEndpoints[];
}

export interface ExternalEndpoint {
  ip: string;
  /** Defaults to the Service port's targetPort (or port). */
  port?: number;
  ready?: boolean;
  nodeName?: string;
  zone?: string;
}

type Svc = Pick<ServiceObject, 'spec'> & { metadata: { name: string; namespace?: string } };

export function deriveEndpointSlice(
  svc: Svc,
  pods: readonly Pod[],
  external: readonly ExternalEndpoint[] | undefined,
): EndpointSlice {
  const namespace = svc.metadata.namespace ?? 'default';
  const ports: ServicePortEndpoints[] = svc.spec.ports.map((sp) => {
    const target = sp.targetPort ?? sp.port;
    const endpoints: Endpoint[] = [];
    if (svc.spec.selector === undefined) {
      for (const e of external ?? []) {
        const ready = e.ready ?? true;
        endpoints.push({
          ip: e.ip,
          port: e.port ?? (typeof target === 'number' ? target : sp.port),
          ready,
          serving: ready,
          terminating: false,
          nodeName: e.nodeName,
          zone: e.zone,
        });
      }
    } else if (Object.keys(svc.spec.selector).length > 0) {
      for (const p of pods) {
        if (p.namespace !== namespace || p.ip === undefined || !mapSelectorMatches(svc.spec.selector, p.labels))
          continue;
        const port = typeof target === 'number' ? target : namedPort(p, target);
        if (port === undefined) continue;
        // EndpointConditions: ready = serving && !terminating (discovery/v1).
        endpoints.push({
          ip: p.ip,
          port,
          ready: p.ready && !p.terminating,
          serving: p.ready,
          terminating: p.terminating,
          podName: p.name,
          nodeName: p.nodeName,
        });
      }
    }
    endpoints.sort((a, b) => compareText(a.podName ?? a.ip, b.podName ?? b.ip));
    return { servicePort: sp.port, portName: sp.name, appProtocol: sp.appProtocol, endpoints };
  });
  return { namespace, serviceName: svc.metadata.name, ports };
}

function namedPort(p: Pod, name: string): number | undefined {
  for (const c of p.containers) for (const cp of c.ports) if (cp.name === name) return cp.containerPort;
  return undefined;
}
