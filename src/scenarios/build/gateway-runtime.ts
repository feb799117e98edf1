// A Gateway in the world: its load-balancer IP, the Envoy proxy that serves it (Envoy Gateway's proxy Deployment on
// one node; Cilium's per-node Envoy, here on the node that owns the IP), and the latest configuration pushed to it.
import type { GatewayProxy } from '../../models/envoy/proxy/gateway-proxy.js';

export interface GatewayRuntime {
  cluster: string;
  namespace: string;
  name: string;
  platform: 'calico' | 'cilium';
  /** The LB IP (status.addresses[0]), or null while none is assigned. */
  address: string | null;
  /** The generated LoadBalancer Service (Envoy Gateway: envoy-gateway-system/envoy-<ns>-<name>-<hash>; Cilium: <ns>/cilium-gateway-<name>). */
  serviceKey: string;
  proxy: GatewayProxy;
  /** Network host index of the node the proxy runs on. */
  nodeIndex: number;
  nodeName: string;
}
