// Chooses how client packets reach each cluster of a world: Calico clusters with a BGP router in the topology get the
// BGP plane, Cilium clusters the L2 plane, others the direct plane; the world's plane dispatches to them per cluster (a
// composite when a scenario mixes them). Also keeps each cluster's Envoy Gateway pods in step with its gateways.
import type { HttpRequest } from '../../models/http/request.js';
import type { ClusterRuntime } from '../../models/k8s/controllers/cluster-runtime.js';
import type { GatewayRuntime } from '../../models/path/gateway-runtime.js';
import { DirectPlane, type ClusterPlane, type NetworkPlane } from './network-plane.js';
import type { ResolvedRouter } from '../schema/resolved.js';
import { BgpPlane } from './bgp-plane.js';
import { L2Plane } from './l2-plane.js';

/** Every packet enters at the node running the gateway's Envoy. */
class DirectClusterPlane implements ClusterPlane {
  private readonly direct = new DirectPlane();
  start(): void {}
  gatewaysChanged(): void {}
  entryNode(router: number, req: HttpRequest, gw: GatewayRuntime): number {
    return this.direct.entryNode(router, req, gw);
  }
  nodeDown(): void {}
  nodeUp(): void {}
  resetBgp(): void {}
  knows(): boolean {
    return false;
  }
  print(): string[] {
    return [];
  }
}

/** The plane for one cluster: BGP when the cluster is Calico and a router speaks BGP; L2 for Cilium; direct otherwise. */
export function clusterPlaneFor(routers: readonly ResolvedRouter[], cluster: ClusterRuntime): ClusterPlane {
  if (cluster.platform === 'calico' && routers.some((r) => r.asNumber !== null)) return new BgpPlane(cluster, routers);
  if (cluster.platform === 'cilium') return new L2Plane(cluster);
  return new DirectClusterPlane();
}

/** Dispatches the world's NetworkPlane calls to the plane of the cluster concerned. */
export class WorldPlane implements NetworkPlane {
  private readonly byCluster = new Map<string, ClusterPlane>();
  private readonly clusterOfNode = new Map<string, string>();
  private readonly fallback = new DirectPlane();

  constructor(clusters: Iterable<ClusterRuntime>, routers: readonly ResolvedRouter[]) {
    for (const c of clusters) {
      this.byCluster.set(c.name, clusterPlaneFor(routers, c));
      for (const n of c.config.nodes) this.clusterOfNode.set(n.name, c.name);
    }
  }

  /** The plane of a cluster (for tests and reports). */
  plane(cluster: string): ClusterPlane | undefined {
    return this.byCluster.get(cluster);
  }

  start(): void {
    for (const p of this.byCluster.values()) p.start();
  }

  gatewaysChanged(cluster: ClusterRuntime): void {
    cluster.kube.syncGateways();
    this.byCluster.get(cluster.name)?.gatewaysChanged();
  }

  entryNode(router: number, req: HttpRequest, gw: GatewayRuntime): number {
    return (this.byCluster.get(gw.cluster) as ClusterPlane).entryNode(router, req, gw);
  }

  nodeDown(node: string, graceful: boolean): void {
    this.planeOfNode(node)?.nodeDown(node, graceful);
  }

  nodeUp(node: string): void {
    this.planeOfNode(node)?.nodeUp(node);
  }

  resetBgp(router: string, peer: string | null): void {
    for (const p of this.byCluster.values()) p.resetBgp(router, peer);
  }

  /** Each cluster's fabric holds its own sessions with the router; printed one after the other under one banner. */
  print(what: 'routes' | 'bgp', router: string): string[] {
    const parts = [...this.byCluster.values()].filter((p) => p.knows(router)).map((p) => p.print(what, router));
    if (parts.length === 0) return this.fallback.print(what, router);
    return [...parts[0], ...parts.slice(1).flatMap((lines) => (what === 'bgp' ? lines.slice(5) : lines))];
  }

  private planeOfNode(node: string): ClusterPlane | undefined {
    const c = this.clusterOfNode.get(node);
    return c === undefined ? undefined : this.byCluster.get(c);
  }
}

/** The plane a world uses, built once its clusters exist. */
export function createPlane(clusters: Iterable<ClusterRuntime>, routers: readonly ResolvedRouter[]): NetworkPlane {
  return new WorldPlane(clusters, routers);
}
