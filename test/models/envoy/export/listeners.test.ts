import { describe, expect, it } from 'vitest';
import { controlPlane, loadManifestFiles } from '../../../../src/cli/commands/route.js';
import { envoyBootstrap } from '../../../../src/models/envoy/export/bootstrap.js';
import type { JsonObject } from '../../../../src/models/envoy/export/envoy-json.js';
import { gatewayOf, SEEDS } from './fixture.js';

const CILIUM = `${SEEDS}/004-cilium-gateway-api`;
type Chain = {
  name: string;
  filter_chain_match?: { server_names: string[] };
  transport_socket?: JsonObject;
  filters: JsonObject[];
};
const listeners = (b: JsonObject) => (b.static_resources as { listeners: JsonObject[] }).listeners;
const chains = (l: JsonObject) => l.filter_chains as Chain[];
const certDir = '/run/certs';

describe('listeners', () => {
  it('HTTPS (Envoy Gateway): one listener on 10443, a filter chain per listener hostname terminating with its Secret', () => {
    const objects = loadManifestFiles([
      `${CILIUM}/01-bookinfo.yaml`,
      `${CILIUM}/03-demo-cert.yaml`,
      `${CILIUM}/04-basic-https.yaml`,
    ]);
    for (const o of objects) if (o.kind === 'Gateway') o.spec.gatewayClassName = 'tigera-gateway-class';
    const g = controlPlane(objects).translation.gateways[0];
    const b = envoyBootstrap(g, { certDir });
    const [l] = listeners(b);
    expect(l.name).toBe('default/tls-gateway/https-1');
    expect(l.address).toEqual({ socket_address: { address: '0.0.0.0', port_value: 10443 } });
    expect(chains(l).map((c) => [c.name, c.filter_chain_match?.server_names])).toEqual([
      ['default/tls-gateway/https-1', ['bookinfo.cilium.rocks']],
      ['default/tls-gateway/https-2', ['hipstershop.cilium.rocks']],
    ]);
    const tls = chains(l)[0].transport_socket!.typed_config as JsonObject;
    expect(tls.common_tls_context).toEqual({ tls_certificate_sds_secret_configs: [{ name: 'default/demo-cert' }] });
    expect((b.static_resources as JsonObject).secrets).toEqual([
      {
        name: 'default/demo-cert',
        tls_certificate: {
          certificate_chain: { filename: '/run/certs/default/demo-cert/tls.crt' },
          private_key: { filename: '/run/certs/default/demo-cert/tls.key' },
        },
      },
    ]);
    const hcm = chains(l)[1].filters[0].typed_config as { route_config: { name: string; virtual_hosts: JsonObject[] } };
    expect(hcm.route_config.name).toBe('default/tls-gateway/https-2');
    expect(hcm.route_config.virtual_hosts.map((v) => v.name)).toEqual([
      'default/tls-gateway/https-2/hipstershop_cilium_rocks',
    ]);
  });

  it('TLS passthrough (Cilium): SNI filter chain with a tcp_proxy to the Service cluster, no TLS context', () => {
    const b = envoyBootstrap(gatewayOf([CILIUM], 'cilium-tls-gateway'), { certDir });
    const [l] = listeners(b);
    expect(l.name).toBe('listener');
    expect(l.address).toEqual({ socket_address: { address: '0.0.0.0', port_value: 443 } });
    const [c] = chains(l);
    expect(c.filter_chain_match).toEqual({ server_names: ['nginx.cilium.rocks'] });
    expect(c.transport_socket).toBeUndefined();
    expect(c.filters[0].typed_config).toEqual({
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy',
      cluster: 'default:my-nginx:443',
      stat_prefix: 'tls-passthrough-443',
    });
    expect((b.static_resources as JsonObject).secrets).toBeUndefined();
  });

  it('HTTP (Envoy Gateway): port 80 served on 10080 by the default filter chain, route config named by the listener', () => {
    const [l] = listeners(envoyBootstrap(gatewayOf([`${SEEDS}/001-round-robin`], 'load-balancing-gateway')));
    expect(l.address).toEqual({ socket_address: { address: '0.0.0.0', port_value: 10080 } });
    expect(l.filter_chains).toBeUndefined();
    const hcm = (l.default_filter_chain as { filters: JsonObject[] }).filters[0].typed_config as JsonObject;
    expect([hcm.stat_prefix, (hcm.route_config as JsonObject).name]).toEqual([
      'http-10080',
      'default/load-balancing-gateway/http',
    ]);
  });

  it('prints the same bytes for the same config', () => {
    const g = gatewayOf([CILIUM], 'my-gateway');
    expect(JSON.stringify(envoyBootstrap(g))).toBe(JSON.stringify(envoyBootstrap(gatewayOf([CILIUM], 'my-gateway'))));
  });
});
