// Where a client's packet for a gateway's LB IP enters a cluster: the request path asks, the network's control plane
// (BGP/ECMP on Calico, the L2 lease on Cilium, or the direct plane) answers. Only the question lives here.
import type { HttpRequest } from '../http/request.js';
import type { GatewayRuntime } from './gateway-runtime.js';

/** No route: the packet is dropped on the way (the client times out). */
export const NO_ENTRY = -1;

export interface EntryPlane {
  /** The node (network host index) where a packet from router `router` to `gw`'s address enters, or NO_ENTRY. Allocation-free. */
  entryNode(router: number, req: HttpRequest, gw: GatewayRuntime): number;
}
