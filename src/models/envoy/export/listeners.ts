// One Envoy listener per Gateway port: plain HTTP listeners share the default filter chain (one HTTP connection manager
// and route config, as Envoy Gateway merges HTTP listeners on a port); each HTTPS listener is a filter chain chosen by
// SNI (`server_names`) that terminates TLS with the listener's certificates; each TLS passthrough hostname is a filter
// chain whose tcp_proxy sends the connection, still encrypted, to its TLSRoute's cluster.
// Sources: envoyproxy/gateway internal/xds/translator/listener.go (v1.9); cilium operator/pkg/model/translation.
import type { BackendTarget, GatewayConfig, ListenerConfig, PortConfig } from '../../gatewayapi/gateway-config.js';
import { extension, socketAddress, type Json, type JsonObject } from './envoy-json.js';
import {
  ciliumClusterName,
  ciliumListenerName,
  ciliumRouteConfigName,
  egContainerPort,
  egListenerName,
  underscored,
} from './names.js';
import { routeConfiguration } from './routes.js';

export interface ExportOptions {
  /** Where the exported config expects each certificate: `<certDir>/<namespace>/<secret>/tls.crt` and `tls.key`. */
  certDir: string;
}

/** A kubernetes.io/tls Secret an HTTPS listener serves, as a static SDS secret of the bootstrap. */
export interface SecretRef {
  name: string;
  certFile: string;
  keyFile: string;
}

export interface ExportedListener {
  listener: JsonObject;
  secrets: SecretRef[];
}

const HCM = 'envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';

function httpConnectionManager(g: GatewayConfig, statPrefix: string, routeConfig: JsonObject): JsonObject {
  return extension('envoy.filters.network.http_connection_manager', HCM, {
    stat_prefix: statPrefix,
    route_config: routeConfig,
    http_filters: [extension('envoy.filters.http.router', 'envoy.extensions.filters.http.router.v3.Router')],
    // The client's address is the connection's (Envoy Gateway's default); Envoy Gateway also normalises the path as its
    // IR says (xdsIR `path: {mergeSlashes: true, escapedSlashesAction: UnescapeAndRedirect}`, v1.9 testdata).
    use_remote_address: true,
    ...(g.implementation === 'envoy-gateway'
      ? { normalize_path: true, merge_slashes: true, path_with_escaped_slashes_action: 'UNESCAPE_AND_REDIRECT' }
      : {}),
  });
}

function listenerPort(g: GatewayConfig, port: number): number {
  return g.implementation === 'cilium' ? port : egContainerPort(port);
}

function tlsTransport(l: ListenerConfig, opts: ExportOptions, secrets: SecretRef[]): JsonObject {
  const names = l.certificates.map((c) => {
    const name = `${c.secret.namespace}/${c.secret.name}`;
    const dir = `${opts.certDir.replace(/\/+$/, '')}/${c.secret.namespace}/${c.secret.name}`;
    if (!secrets.some((s) => s.name === name))
      secrets.push({ name, certFile: `${dir}/tls.crt`, keyFile: `${dir}/tls.key` });
    return { name };
  });
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
      common_tls_context: { tls_certificate_sds_secret_configs: names },
    },
  };
}

function tcpProxy(
  g: GatewayConfig,
  statPrefix: string,
  backends: readonly BackendTarget[],
  cluster: string,
): JsonObject {
  const valid = backends.filter((b) => b.valid);
  const target: JsonObject =
    g.implementation === 'cilium' && valid.length > 1
      ? { weighted_clusters: { clusters: valid.map((b) => ({ name: ciliumClusterName(b), weight: b.weight })) } }
      : { cluster: g.implementation === 'cilium' ? ciliumClusterName(valid[0]) : cluster };
  return extension('envoy.filters.network.tcp_proxy', 'envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy', {
    stat_prefix: statPrefix,
    ...target,
  });
}

function serverNames(hostname: string | null): JsonObject {
  return hostname === null ? {} : { filter_chain_match: { server_names: [hostname] } };
}

/** The listener for one Gateway port, or null when nothing on it can answer (no filter chain at all). */
export function exportListener(g: GatewayConfig, p: PortConfig, opts: ExportOptions): ExportedListener | null {
  const port = listenerPort(g, p.port);
  const secrets: SecretRef[] = [];
  const chains: Json[] = [];
  const sni = new Set<string>();
  // Envoy Gateway builds a port's listener from the Gateway's listeners in spec order (xds/translator/translator.go):
  // the first names it and the filter chains follow that order; SNI dedup keeps gwsim's most-specific-first choice.
  const inSpecOrder = [...p.listeners].sort((a, b) => a.index - b.index);
  const http = inSpecOrder.filter((l) => l.protocol === 'HTTP');
  const cilium = g.implementation === 'cilium';
  const byChain = new Map<ListenerConfig, Json[]>();
  for (const l of p.listeners) {
    const own: Json[] = [];
    byChain.set(l, own);
    if (l.protocol === 'HTTP') continue;
    const name = egListenerName(g, l);
    if (l.protocol === 'HTTPS' || (l.tlsMode === 'Terminate' && l.protocol !== 'TLS')) {
      const key = l.hostname ?? '*';
      if (sni.has(key)) continue;
      sni.add(key);
      const rc = cilium ? ciliumRouteConfigName(true) : name;
      own.push({
        name,
        ...serverNames(l.hostname),
        transport_socket: tlsTransport(l, opts, secrets),
        filters: [httpConnectionManager(g, `https-${port}`, routeConfiguration(g, rc, [l]))],
      });
      continue;
    }
    // TLS: one chain per SNI hostname, to the first TLSRoute entry that forwards (gwsim's precedence).
    for (const vh of l.virtualHosts) {
      const r = vh.routes.find((e) => e.action.type === 'forward' && e.action.backends.some((b) => b.valid));
      if (r === undefined || r.action.type !== 'forward') continue;
      const key = vh.hostname ?? '*';
      if (sni.has(key)) continue;
      sni.add(key);
      const terminate = l.tlsMode === 'Terminate';
      own.push({
        name: `${name}/${underscored(vh.hostname)}`,
        ...serverNames(vh.hostname),
        ...(terminate ? { transport_socket: tlsTransport(l, opts, secrets) } : {}),
        filters: [
          tcpProxy(
            g,
            `tls-${terminate ? 'terminate' : 'passthrough'}-${port}`,
            r.action.backends,
            r.action.clusterName,
          ),
        ],
      });
    }
  }
  for (const l of inSpecOrder) chains.push(...byChain.get(l)!);
  if (chains.length === 0 && http.length === 0) return null;
  const first = inSpecOrder[0];
  const listener: JsonObject = {
    name: cilium ? ciliumListenerName(g, p.port) : egListenerName(g, first),
    address: socketAddress('0.0.0.0', port),
  };
  if (chains.length > 0) {
    listener.filter_chains = chains;
    listener.listener_filters = [
      extension(
        'envoy.filters.listener.tls_inspector',
        'envoy.extensions.filters.listener.tls_inspector.v3.TlsInspector',
      ),
    ];
  }
  if (http.length > 0) {
    const rc = cilium ? ciliumRouteConfigName(false) : egListenerName(g, http[0]);
    listener.default_filter_chain = {
      filters: [httpConnectionManager(g, `http-${port}`, routeConfiguration(g, rc, http))],
    };
  }
  return { listener, secrets };
}
