// A Gateway in the world: its load-balancer IP, the Envoy processes that serve it and which of them takes the packets
// entering each node, and the latest configuration pushed to them. Envoy Gateway (Calico): one Envoy per proxy pod of
// its Deployment (`spec.gateway.replicas`); Cilium: the cilium-envoy DaemonSet's Envoy on each node. Owns no behaviour.
import type { GatewayProxy } from '../envoy/proxy/gateway-proxy.js';
import type { GatewayConfig } from '../gatewayapi/gateway-config.js';

/** One Envoy process serving a gateway, on one node, with its own workers, LB state and outlier detection. */
export interface GatewayReplica {
  readonly proxy: GatewayProxy;
  readonly gateway: GatewayRuntime;
  /** Network host index and name of the node it runs on. */
  readonly nodeIndex: number;
  readonly nodeName: string;
  /** Envoy Gateway: the proxy pod (`envoy-gateway-system/envoy-<ns>-<name>-<suffix>`), set when the pod starts; Cilium: null. */
  pod: string | null;
}

/** No replica takes packets at a node (shared, never mutated). */
export const NO_REPLICAS: readonly GatewayReplica[] = Object.freeze([]);

export interface GatewayRuntime {
  cluster: string;
  namespace: string;
  name: string;
  platform: 'calico' | 'cilium';
  /** The LB IP (status.addresses[0]), or null while none is assigned. */
  address: string | null;
  /** The generated LoadBalancer Service (Envoy Gateway: envoy-gateway-system/envoy-<ns>-<name>-<hash>; Cilium: <ns>/cilium-gateway-<name>). */
  serviceKey: string;
  /** The configuration last pushed; a proxy started later gets it at once (Envoy's first xDS fetch). */
  config: GatewayConfig | null;
  /** The running Envoys, in start order (an evicted pod's Envoy leaves the list). */
  replicas: GatewayReplica[];
  /**
   * By network host index: the Envoys that take a packet entering that node. Envoy Gateway (Service eTP Local): the
   * proxy pods there whose endpoint is Ready in the last published EndpointSlice, as kube-proxy / Calico's dataplane sees
   * them (empty: the node drops the packet). Cilium: that node's Envoy once it has served (created on first use).
   */
  servingByNode: (readonly GatewayReplica[])[];
  /**
   * The gateway's primary node: Envoy Gateway: the first serving replica's (else the first replica's); Cilium: the node
   * answering ARP for the LB IP. Where the direct plane delivers packets, and what clients' RTT estimates use.
   */
  nodeIndex: number;
  nodeName: string;
}
