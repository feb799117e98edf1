// How a node forwards a packet for a LoadBalancer Service's IP: kube-proxy (Calico clusters) or Cilium's eBPF
// kubeProxyReplacement, under externalTrafficPolicy Cluster or Local. Owns the endpoint choice, the extra hop and the
// source address the backend sees; it does not know how the packet reached the node (bgp/, l2/) or what the backend does.
import type { Rng } from '../../sim/rng.js';

export type ExternalTrafficPolicy = 'Cluster' | 'Local';

/** `kube-proxy`: iptables/ipvs kube-proxy as Calico clusters run it; `cilium-kpr`: Cilium eBPF kubeProxyReplacement (SNAT mode). */
export type ServiceDatapath = 'kube-proxy' | 'cilium-kpr';

/** One endpoint of the Service as the datapath sees it (from its EndpointSlices). */
export interface DatapathEndpoint {
  /** Host index (Network/Topology) of the node running the endpoint pod. */
  readonly node: number;
  /** Pod IP as an unsigned 32-bit integer. */
  readonly address: number;
  readonly ready: boolean;
}

/** Reused output record (allocate one per caller, not per packet). */
export interface DatapathChoice {
  /** Index into the endpoints array, or -1 when the node drops the packet. */
  endpoint: number;
  /** True when the chosen endpoint is on another node: one more node-to-node hop. */
  extraHop: boolean;
  /** The source address the backend sees (client IP, or the receiving node's IP after SNAT). */
  sourceAddress: number;
}

export function newDatapathChoice(): DatapathChoice {
  return { endpoint: -1, extraHop: false, sourceAddress: 0 };
}

/**
 * Picks the endpoint for a packet that arrived at node `arrivingNode` (address `nodeAddress`) from `clientAddress`.
 * Rule: Local -> uniform among ready endpoints on this node, none -> drop, client IP preserved, no extra hop
 * (kubernetes.io Service docs, "Traffic policies": Local "only routes to node-local endpoints", preserves the source IP).
 * Cluster -> uniform among all ready endpoints (kube-proxy's iptables `statistic --mode random` chain is uniform; Cilium's
 * default `loadBalancer.algorithm=random`); the backend sees the node's IP: kube-proxy masquerades all external
 * Cluster-policy traffic (kubernetes.io "Using Source IP", type=LoadBalancer), Cilium's SNAT mode only when the backend is
 * remote (docs.cilium.io kubeproxy-free "SNAT mode"). O(endpoints), two passes, allocation-free; draws once when >1 candidate.
 */
export function chooseServiceEndpoint(
  datapath: ServiceDatapath,
  policy: ExternalTrafficPolicy,
  arrivingNode: number,
  nodeAddress: number,
  clientAddress: number,
  endpoints: readonly DatapathEndpoint[],
  rng: Rng,
  out: DatapathChoice,
): DatapathChoice {
  const localOnly = policy === 'Local';
  let count = 0;
  for (let i = 0; i < endpoints.length; i++) {
    const e = endpoints[i];
    if (e.ready && (!localOnly || e.node === arrivingNode)) count++;
  }
  out.endpoint = -1;
  out.extraHop = false;
  out.sourceAddress = clientAddress;
  if (count === 0) return out;
  let k = count === 1 ? 0 : rng.below(count);
  for (let i = 0; i < endpoints.length; i++) {
    const e = endpoints[i];
    if (e.ready && (!localOnly || e.node === arrivingNode)) {
      if (k === 0) {
        out.endpoint = i;
        break;
      }
      k--;
    }
  }
  const e = endpoints[out.endpoint];
  out.extraHop = e.node !== arrivingNode;
  if (!localOnly && (datapath === 'kube-proxy' || out.extraHop)) out.sourceAddress = nodeAddress;
  return out;
}

/**
 * Cilium's Gateway API datapath: whatever node receives the packet for the Gateway's LB IP hands it to its own Envoy
 * (cilium-envoy DaemonSet) via TPROXY, source IP preserved, no extra hop before Envoy; Envoy then picks backend pod IPs
 * itself (cilium:Documentation/network/servicemesh/gateway-api, reference 2.3). The Service's eTP (default Cluster) does
 * not pick an endpoint here because the Service's endpoint is a dummy (192.192.192.192:9999).
 */
export function ciliumGatewayIngress(
  arrivingNode: number,
  clientAddress: number,
  out: { envoyNode: number; sourceAddress: number },
): void {
  out.envoyNode = arrivingNode;
  out.sourceAddress = clientAddress;
}

/**
 * Calico Ingress Gateway (Envoy Gateway): the Envoy proxy is a Deployment behind a LoadBalancer Service with
 * externalTrafficPolicy Local (eg:api/v1alpha1/shared_types.go defaults, reference 1.10), so the kube-proxy Local rule applies:
 * only a node running an Envoy pod forwards, to its own Envoy, and Envoy sees the client IP.
 */
export const ENVOY_GATEWAY_EXTERNAL_TRAFFIC_POLICY: ExternalTrafficPolicy = 'Local';

/** Cilium's generated `cilium-gateway-<name>` Service: Helm `gatewayAPI.externalTrafficPolicy` default Cluster (reference 2.3). */
export const CILIUM_GATEWAY_EXTERNAL_TRAFFIC_POLICY: ExternalTrafficPolicy = 'Cluster';
