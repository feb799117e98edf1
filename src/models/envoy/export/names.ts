// Envoy resource names as each control plane writes them, so an export reads like the real config dump and its stats
// carry the same names. Envoy Gateway: `<ns>/<gateway>/<listener>` listeners and route configs, `<listener>/<host>`
// virtual hosts, `httproute/<ns>/<name>/rule/<i>` clusters; Cilium: `listener`, `listener-insecure`, `<ns>:<svc>:<port>`.
import type { BackendTarget, GatewayConfig, ListenerConfig, RouteEntry } from '../../gatewayapi/gateway-config.js';

/** Dots would split Envoy's stats tags, so Envoy Gateway writes hostnames with underscores (xds/translator/translator.go, v1.9). */
export function underscored(hostname: string | null): string {
  return (hostname ?? '*').replaceAll('.', '_');
}

/** `<ns>/<gateway>/<listener>`: Envoy Gateway's IR listener name (internal/gatewayapi testdata *.out.yaml xdsIR, v1.9). */
export function egListenerName(g: GatewayConfig, l: ListenerConfig): string {
  return `${g.namespace}/${g.name}/${l.name}`;
}

/** Envoy Gateway serves a listener port below 1024 on port + 10000 (infraIR containerPort 10080 for 80, v1.9 testdata). */
export function egContainerPort(port: number): number {
  return port < 1024 ? port + 10000 : port;
}

/** Virtual host `<route config>/<host>` (egctl x translate v1.9: `default/eg/http/www_example_com`; `*` for any host). */
export function egVirtualHostName(routeConfig: string, hostname: string | null): string {
  return `${routeConfig}/${underscored(hostname)}`;
}

/** Route `httproute/<ns>/<name>/rule/<i>/match/<j>/<host>` (egctl x translate v1.9 output). */
export function egRouteName(r: RouteEntry): string {
  return `${r.routeName}/${underscored(r.hostname)}`;
}

/** Locality of backendRef k in a rule's cluster: `<cluster>/backend/<k>` (internal/xds/translator/cluster.go, reference C5). */
export function egLocalityName(cluster: string, k: number): string {
  return `${cluster}/backend/${k}`;
}

/** Cilium's per-Service cluster `<ns>:<service>:<port>` (cilium operator/pkg/model/translation testdata cec-output.yaml). */
export function ciliumClusterName(b: BackendTarget): string {
  return `${b.namespace}:${b.name}:${b.port ?? 0}`;
}

/** Cilium's one listener is `listener` (cec-output.yaml); gwsim adds the port when a Gateway has several. */
export function ciliumListenerName(g: GatewayConfig, port: number): string {
  return g.ports.length === 1 ? 'listener' : `listener-${port}`;
}

/** Cilium's route configs: `listener-insecure` for plain HTTP, `listener-secure` for terminated TLS (cec-output.yaml). */
export function ciliumRouteConfigName(secure: boolean): string {
  return secure ? 'listener-secure' : 'listener-insecure';
}
