// A route configuration for the listeners that share it: one virtual host per effective hostname (most specific
// listener first, as gwsim selects them; a hostname an earlier listener already serves is left out, since Envoy refuses
// duplicate domains and would never reach it), its routes in gwsim's precedence order (Envoy takes the first match).
import type { GatewayConfig, ListenerConfig, RouteEntry } from '../../gatewayapi/gateway-config.js';
import { clusterSettings } from '../proxy/cluster-settings.js';
import type { Json, JsonObject } from './envoy-json.js';
import { egRouteName, egVirtualHostName } from './names.js';
import { routeAction } from './route-action.js';
import { routeMatch } from './route-match.js';

/** The cluster settings gwsim's proxy runs for a route entry's cluster (gateway-proxy.ts upsertCluster). */
export function entrySettings(g: GatewayConfig, r: RouteEntry) {
  return clusterSettings(r.policy, g.implementation, r.action.type === 'forward' ? r.action.requestTimeoutNs : null);
}

function route(g: GatewayConfig, r: RouteEntry): JsonObject {
  return {
    name: g.implementation === 'cilium' ? r.routeName : egRouteName(r),
    match: routeMatch(r.match),
    ...routeAction(r, entrySettings(g, r), g.implementation),
  };
}

export function routeConfiguration(g: GatewayConfig, name: string, listeners: readonly ListenerConfig[]): JsonObject {
  const seen = new Set<string>();
  const virtualHosts: Json[] = [];
  let unknownCluster = false;
  for (const l of listeners)
    for (const vh of l.virtualHosts) {
      const domain = vh.hostname ?? '*';
      if (seen.has(domain)) continue;
      seen.add(domain);
      const routes = vh.routes.map((r) => route(g, r));
      unknownCluster ||= vh.routes.some((r) => r.action.type === 'forward' && r.action.backends.some((b) => !b.valid));
      virtualHosts.push({
        // Cilium names a virtual host by its domain (cec-output.yaml); Envoy Gateway by listener and host.
        name: g.implementation === 'cilium' ? domain : egVirtualHostName(name, vh.hostname),
        domains: [domain],
        routes,
      });
    }
  return {
    name,
    // Envoy Gateway matches Host without its port (egctl x translate v1.9: ignorePortInHostMatching: true).
    ignore_port_in_host_matching: true,
    virtual_hosts: virtualHosts,
    // An inline route config has its clusters checked at load; the invalid-backend share names a missing one on purpose.
    ...(unknownCluster ? { validate_clusters: false } : {}),
  };
}
