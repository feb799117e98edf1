// The clusters a Gateway's routes forward to, with the endpoints gwsim's proxy holds (the ready ones, as Envoy Gateway
// sends over EDS) written as STATIC endpoints. Envoy Gateway: one cluster per rule, one locality per backendRef
// (`load_balancing_weight` = its weight, priority 1 for a Backend with `fallback`), each host weight 1
// (internal/xds/translator/cluster.go, v1.9; reference C5); each mirror backend its own cluster. Cilium: one cluster
// per Service port (cilium operator/pkg/model/translation/envoy_cluster.go). The first route that names a cluster
// decides its settings, as gwsim's proxy does.
import type { BackendTarget, GatewayConfig, RouteEntry } from '../../gatewayapi/gateway-config.js';
import { clusterSettings, type ClusterSettings } from '../proxy/cluster-settings.js';
import { circuitBreakers, healthChecks, outlierDetection } from './cluster-health.js';
import { lbFields } from './cluster-lb.js';
import { duration, socketAddress, type Json, type JsonObject } from './envoy-json.js';
import { ciliumClusterName, egLocalityName } from './names.js';
import { mirrorClusterName } from './route-action.js';
import { entrySettings } from './routes.js';

function lbEndpoints(b: BackendTarget): Json[] {
  return b.endpoints
    .filter((e) => e.ready)
    .map((e) => ({ endpoint: { address: socketAddress(e.ip, e.port) }, load_balancing_weight: 1 }));
}

function cluster(
  name: string,
  localities: Json[],
  settings: ClusterSettings,
  policy: RouteEntry['policy'],
  localityWeighted: boolean,
): JsonObject {
  return {
    name,
    type: 'STATIC',
    connect_timeout: duration(settings.connectTimeoutNs),
    ...lbFields(settings.lb, settings.healthyPanicThreshold, localityWeighted),
    ...circuitBreakers(settings),
    ...outlierDetection(settings),
    ...healthChecks(settings, policy),
    load_assignment: { cluster_name: name, endpoints: localities },
  };
}

function* entries(g: GatewayConfig): Generator<RouteEntry> {
  for (const p of g.ports) for (const l of p.listeners) for (const vh of l.virtualHosts) yield* vh.routes;
}

export function exportClusters(g: GatewayConfig): JsonObject[] {
  const out = new Map<string, JsonObject>();
  const cilium = g.implementation === 'cilium';
  for (const r of entries(g)) {
    const a = r.action;
    if (a.type !== 'forward') continue;
    const settings = entrySettings(g, r);
    if (cilium) {
      for (const b of [...a.backends.filter((x) => x.valid), ...a.mirrors.map((m) => m.target)]) {
        const name = ciliumClusterName(b);
        if (!out.has(name)) out.set(name, cluster(name, [{ lb_endpoints: lbEndpoints(b) }], settings, null, false));
      }
      continue;
    }
    if (!out.has(a.clusterName)) {
      const localities = a.backends
        .map((b, k) => ({ b, k }))
        .filter(({ b }) => b.valid)
        .map(({ b, k }) => ({
          locality: { region: egLocalityName(a.clusterName, k) },
          load_balancing_weight: b.weight,
          ...(b.fallback ? { priority: 1 } : {}),
          lb_endpoints: lbEndpoints(b),
        }));
      out.set(a.clusterName, cluster(a.clusterName, localities, settings, r.policy, true));
    }
    for (const m of a.mirrors) {
      const name = mirrorClusterName(m, g.implementation);
      if (out.has(name)) continue;
      // A mirror cluster runs under the route's policy without its route timeout (gateway-proxy.ts applyConfig).
      const mirrorSettings = clusterSettings(r.policy, g.implementation, null);
      const locality = {
        locality: { region: egLocalityName(name, 0) },
        load_balancing_weight: 1,
        lb_endpoints: lbEndpoints(m.target),
      };
      out.set(name, cluster(name, [locality], mirrorSettings, r.policy, true));
    }
  }
  return [...out.values()];
}
