// Resolving a route's backendRefs (apis/v1/shared_types.go BackendRef; Envoy Gateway internal/gatewayapi/route.go):
// kind Service (core) or Envoy Gateway's Backend, namespace default = the route's, cross-namespace only with a ReferenceGrant,
// the Service port must exist; invalid refs answer 500 for their share, valid refs without ready endpoints 503.
import type { EndpointSlice } from '../k8s/endpoint-slices.js';
import type { ObjectOf } from '../k8s/k8s-object.js';
import { GATEWAY_GROUP } from '../k8s/schemas-gateway-api.js';
import type { BackendTarget, Implementation } from './gateway-config.js';
import { referenceAllowed } from './reference-grants.js';

export const EG_GROUP = 'gateway.envoyproxy.io';

export interface BackendContext {
  services: ReadonlyMap<string, ObjectOf<'Service'>>;
  backends: ReadonlyMap<string, ObjectOf<'Backend'>>;
  slices: ReadonlyMap<string, EndpointSlice>;
  grants: readonly ObjectOf<'ReferenceGrant'>[];
  implementation: Implementation;
}

export interface RefProblem {
  reason: 'InvalidKind' | 'BackendNotFound' | 'RefNotPermitted' | 'UnsupportedProtocol';
  message: string;
}

export interface BackendRefInput {
  group: string;
  kind: string;
  name: string;
  namespace?: string;
  port?: number;
  weight: number;
}

/** In-cluster Service DNS names: `<svc>.<ns>.svc[.cluster.local]` (Kubernetes DNS spec, default cluster domain cluster.local). */
const SERVICE_FQDN = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(\.cluster\.local)?\.?$/;

export function resolveBackendRef(
  ref: BackendRefInput,
  route: { kind: string; namespace: string },
  ctx: BackendContext,
): { target: BackendTarget; problem?: RefProblem } {
  const namespace = ref.namespace ?? route.namespace;
  const base = {
    kind: ref.kind,
    group: ref.group,
    namespace,
    name: ref.name,
    port: ref.port ?? null,
    weight: ref.weight,
    fallback: false,
    endpoints: [],
  };
  const fail = (reason: RefProblem['reason'], message: string) => ({
    target: { ...base, valid: false, failStatus: 500 as const, problem: message },
    problem: { reason, message },
  });
  const isService = ref.group === '' && ref.kind === 'Service';
  const isBackend = ref.group === EG_GROUP && ref.kind === 'Backend';
  if (!isService && !(isBackend && ctx.implementation === 'envoy-gateway')) {
    return fail(
      'InvalidKind',
      `backendRef ${ref.group || 'core'}/${ref.kind} ${namespace}/${ref.name}: kind is not supported${isBackend ? ' by Cilium (Backend is an Envoy Gateway API)' : ''} (allowed: Service${ctx.implementation === 'envoy-gateway' ? ', gateway.envoyproxy.io/Backend' : ''})`,
    );
  }
  if (
    !referenceAllowed(
      ctx.grants,
      { group: GATEWAY_GROUP, kind: route.kind, namespace: route.namespace },
      { group: ref.group, kind: ref.kind, namespace, name: ref.name },
    )
  ) {
    return fail(
      'RefNotPermitted',
      `backendRef to ${ref.kind} ${namespace}/${ref.name} crosses namespaces and no ReferenceGrant in ${namespace} allows it`,
    );
  }
  if (isService) {
    const svc = ctx.services.get(`${namespace}/${ref.name}`);
    if (svc === undefined) return fail('BackendNotFound', `Service ${namespace}/${ref.name} not found`);
    const sp = svc.spec.ports.find((p) => p.port === ref.port);
    if (sp === undefined)
      return fail(
        'BackendNotFound',
        `Service ${namespace}/${ref.name} has no port ${ref.port} (ports: ${svc.spec.ports.map((p) => p.port).join(', ')})`,
      );
    const endpoints =
      ctx.slices.get(`${namespace}/${ref.name}`)?.ports.find((p) => p.servicePort === sp.port)?.endpoints ?? [];
    const ready = endpoints.some((e) => e.ready);
    return {
      target: {
        ...base,
        valid: true,
        failStatus: ready ? 0 : 503,
        problem: ready ? undefined : `Service ${namespace}/${ref.name} has no ready endpoints`,
        endpoints,
        appProtocol: sp.appProtocol,
      },
    };
  }
  const be = ctx.backends.get(`${namespace}/${ref.name}`);
  if (be === undefined) return fail('BackendNotFound', `Backend ${namespace}/${ref.name} not found`);
  const backendEndpoints: NonNullable<BackendTarget['backendEndpoints']>[number][] = [];
  const endpoints: BackendTarget['endpoints'][number][] = [];
  for (const e of be.spec.endpoints) {
    if (e.fqdn) {
      const m = SERVICE_FQDN.exec(e.fqdn.hostname);
      const svc = m ? ctx.services.get(`${m[2]}/${m[1]}`) : undefined;
      const resolvedService = m && svc ? { namespace: m[2], name: m[1], port: e.fqdn.port } : undefined;
      backendEndpoints.push({ fqdn: e.fqdn, resolvedService });
      if (resolvedService)
        endpoints.push(
          ...(ctx.slices.get(`${m![2]}/${m![1]}`)?.ports.find((p) => p.servicePort === e.fqdn!.port)?.endpoints ?? []),
        );
    } else if (e.ip) {
      backendEndpoints.push({ ip: e.ip });
      endpoints.push({ ip: e.ip.address, port: e.ip.port, ready: true, serving: true, terminating: false });
    }
  }
  // An FQDN endpoint is a DNS cluster: Envoy connects to whatever the name resolves to (for an in-cluster name, the Service's
  // ClusterIP, then kube-proxy picks a pod), so the Backend can serve as long as a name resolves or an IP is given.
  const resolvable = backendEndpoints.some(
    (e) =>
      e.ip !== undefined ||
      e.resolvedService !== undefined ||
      (e.fqdn !== undefined && !SERVICE_FQDN.test(e.fqdn.hostname)),
  );
  return {
    target: {
      ...base,
      valid: true,
      fallback: be.spec.fallback === true,
      failStatus: resolvable ? 0 : 503,
      problem: resolvable ? undefined : `Backend ${namespace}/${ref.name} has no resolvable endpoint`,
      endpoints,
      backendEndpoints,
    },
  };
}
