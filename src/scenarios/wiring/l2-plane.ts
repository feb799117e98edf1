// How client packets reach a Cilium cluster's gateways over L2: CiliumL2AnnouncementPolicy objects drive an L2Announcer
// with one Lease per gateway LoadBalancer Service (`cilium-gateway-<name>`); packets for the LB IP enter at the node that
// last sent gratuitous ARP for it, alive or not (a dead holder blackholes until the lease is taken over, reference 2.2).
// Cilium's Envoy runs on every node and the receiving node's Envoy serves (reference 2.3): the world hands each packet to
// the owner's own Envoy, so a takeover moves traffic to another Envoy with its own LB state.
import { L2Announcer, type L2PolicyConfig, type L2Service } from '../../models/l2/l2-announcer.js';
import type { HttpRequest } from '../../models/http/request.js';
import type { ClusterRuntime } from '../../models/k8s/controllers/cluster-runtime.js';
import type { GatewayRuntime } from '../../models/path/gateway-runtime.js';
import { NO_ENTRY } from '../../models/path/entry-plane.js';
import type { ClusterPlane } from './network-plane.js';

export class L2Plane implements ClusterPlane {
  private announcer: L2Announcer | null = null;
  private policiesJson = '';
  /** Service key -> the LB IP its lease announces. */
  private readonly announced = new Map<string, string>();
  /** LB IP -> network host index of the node clients send it to. */
  private readonly owner = new Map<string, number>();

  constructor(readonly cluster: ClusterRuntime) {}

  start(): void {}

  /** After a push: (re)build the announcer when the policies changed, then one lease per gateway Service with an IP. */
  gatewaysChanged(): void {
    const policies = this.policies();
    const json = JSON.stringify(policies);
    if (json !== this.policiesJson) {
      this.policiesJson = json;
      if (this.announcer !== null) for (const key of this.announced.keys()) this.announcer.removeService(key);
      this.announced.clear();
      this.owner.clear();
      this.announcer = policies.length === 0 ? null : this.newAnnouncer(policies);
    }
    const a = this.announcer;
    if (a === null) return;
    for (const gw of this.cluster.gateways.values()) {
      const had = this.announced.get(gw.serviceKey);
      if (had === (gw.address ?? undefined)) continue;
      if (had !== undefined) {
        a.removeService(gw.serviceKey);
        this.owner.delete(had);
        this.announced.delete(gw.serviceKey);
      }
      if (gw.address === null) continue;
      this.announced.set(gw.serviceKey, gw.address);
      a.addService(serviceOf(gw));
    }
  }

  /** The ARP owner of the gateway's IP; NO_ENTRY while nobody has announced it (ARP gets no answer). */
  entryNode(_router: number, req: HttpRequest, _gw: GatewayRuntime): number {
    return this.owner.get(req.template.address) ?? NO_ENTRY;
  }

  /** The node holding the Service's lease (`cilium-l2announce-<ns>-<svc>`) now, or null. */
  leaseHolder(serviceKey: string): string | null {
    return this.announcer?.leaseHolder(serviceKey) ?? null;
  }

  nodeDown(node: string): void {
    this.announcer?.nodeDown(node);
  }

  nodeUp(node: string): void {
    this.announcer?.nodeUp(node);
  }

  resetBgp(): void {}

  knows(): boolean {
    return false;
  }

  print(): string[] {
    return [];
  }

  private policies(): L2PolicyConfig[] {
    return this.cluster.store.list('CiliumL2AnnouncementPolicy').map((p) => ({
      name: p.metadata.name,
      ...(p.spec.serviceSelector !== undefined ? { serviceSelector: p.spec.serviceSelector } : {}),
      ...(p.spec.nodeSelector !== undefined ? { nodeSelector: p.spec.nodeSelector } : {}),
      interfaces: p.spec.interfaces,
      loadBalancerIPs: p.spec.loadBalancerIPs,
      externalIPs: p.spec.externalIPs,
    }));
  }

  private newAnnouncer(policies: L2PolicyConfig[]): L2Announcer {
    const world = this.cluster.world;
    // kind nodes have one interface, eth0 (the lab's policy selects ^eth[0-9]+).
    const nodes = this.cluster.nodes.map((n) => ({ name: n.name, labels: n.labels ?? {}, interfaces: ['eth0'] }));
    return new L2Announcer(world.engine, world.rng(`l2/${this.cluster.name}`), { nodes, policies }, world.timeline, {
      onOwnerChanged: (ip, node) => this.ownerChanged(ip, node),
    });
  }

  /** Gratuitous ARP from `node`: clients send there now, and that node's Envoy serves the gateway. */
  private ownerChanged(ip: string, node: string): void {
    this.owner.set(ip, this.cluster.world.network.index(node));
    const gw = this.cluster.world.gatewaysByAddress.get(ip);
    if (gw !== undefined && gw.cluster === this.cluster.name) this.cluster.setArpOwner(gw, node);
  }
}

/** The operator's `cilium-gateway-<name>` Service (reference 2.3) with its labels, as the announcer's selectors see it. */
function serviceOf(gw: GatewayRuntime): L2Service {
  return {
    key: gw.serviceKey,
    namespace: gw.namespace,
    name: `cilium-gateway-${gw.name}`,
    labels: { 'gateway.networking.k8s.io/gateway-name': gw.name, 'io.cilium.gateway/owning-gateway': gw.name },
    loadBalancerIPs: [gw.address as string],
  };
}
