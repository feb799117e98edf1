// The seam between the request path and the network's control plane: how a client's packet for a gateway's LB IP
// enters a cluster (BGP best path or ECMP to a node on Calico; the L2 lease holder's ARP answer on Cilium), and how
// that control plane hears of gateways, nodes and sessions. `DirectPlane` is the trivial plane: every packet enters at
// the gateway's primary node (its first serving Envoy's), nothing to print. The BGP/L2 plane implements the same interface.
import type { HttpRequest } from '../../models/http/request.js';
import type { ClusterRuntime } from '../../models/k8s/controllers/cluster-runtime.js';
import type { GatewayRuntime } from '../../models/path/gateway-runtime.js';
import type { EntryPlane } from '../../models/path/entry-plane.js';

export interface NetworkPlane extends EntryPlane {
  /** Sessions and timers start (called once, at t = 0, after the world is built). */
  start(): void;
  /** After a configuration push in `cluster`: gateway addresses, proxy nodes or endpoints may have changed. */
  gatewaysChanged(cluster: ClusterRuntime): void;
  /** A node failed (hard) or shut down (graceful), or came back. */
  nodeDown(node: string, graceful: boolean): void;
  nodeUp(node: string): void;
  /** Reset the BGP session(s) of `router` (with `peer`, or all). */
  resetBgp(router: string, peer: string | null): void;
  /** `birdc show route` ('routes') or `birdc show protocols` ('bgp') on `router`. */
  print(what: 'routes' | 'bgp', router: string): string[];
}

/** The NetworkPlane contract for one cluster (the composite routes calls by cluster). */
export interface ClusterPlane {
  start(): void;
  gatewaysChanged(): void;
  entryNode(router: number, req: HttpRequest, gw: GatewayRuntime): number;
  nodeDown(node: string, graceful: boolean): void;
  nodeUp(node: string): void;
  resetBgp(router: string, peer: string | null): void;
  /** Whether `router` is a BGP speaker this plane can print. */
  knows(router: string): boolean;
  print(what: 'routes' | 'bgp', router: string): string[];
}

export class DirectPlane implements NetworkPlane {
  start(): void {}
  gatewaysChanged(): void {}
  entryNode(_router: number, _req: HttpRequest, gw: GatewayRuntime): number {
    return gw.nodeIndex;
  }
  nodeDown(): void {}
  nodeUp(): void {}
  resetBgp(): void {}
  print(what: 'routes' | 'bgp', router: string): string[] {
    return [`${router}: no ${what === 'bgp' ? 'BGP sessions' : 'routes'} (no BGP in this scenario)`];
  }
}
