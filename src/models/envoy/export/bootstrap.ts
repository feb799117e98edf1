// The Envoy v3 bootstrap gwsim derives for one Gateway: the admin endpoint Envoy Gateway's bootstrap uses
// (127.0.0.1:19000, internal/xds/bootstrap, v1.9), and static resources (listeners, clusters, the listeners' TLS
// secrets as files) built from the translated GatewayConfig alone. Keys are sorted, so the same config prints the same.
import type { GatewayConfig } from '../../gatewayapi/gateway-config.js';
import { exportClusters } from './clusters.js';
import { socketAddress, sortKeys, type JsonObject } from './envoy-json.js';
import { exportListener, type ExportOptions, type SecretRef } from './listeners.js';

export const DEFAULT_CERT_DIR = '/etc/envoy/certs';

export function envoyBootstrap(g: GatewayConfig, opts: ExportOptions = { certDir: DEFAULT_CERT_DIR }): JsonObject {
  const listeners: JsonObject[] = [];
  const secrets: SecretRef[] = [];
  for (const p of g.ports) {
    const l = exportListener(g, p, opts);
    if (l === null) continue;
    listeners.push(l.listener);
    for (const s of l.secrets) if (!secrets.some((x) => x.name === s.name)) secrets.push(s);
  }
  const staticResources: JsonObject = { listeners, clusters: exportClusters(g) };
  if (secrets.length > 0)
    staticResources.secrets = secrets.map((s) => ({
      name: s.name,
      tls_certificate: { certificate_chain: { filename: s.certFile }, private_key: { filename: s.keyFile } },
    }));
  return sortKeys({
    node: { id: `${g.namespace}/${g.name}`, cluster: `${g.namespace}/${g.name}` },
    admin: { address: socketAddress('127.0.0.1', 19000) },
    static_resources: staticResources,
  }) as JsonObject;
}
