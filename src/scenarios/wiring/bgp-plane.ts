// How client packets reach a Calico cluster's gateways over BGP: the fabric of the cluster's BGPConfiguration/BGPPeer
// objects and the scenario's BIRD routers, Calico's advertisements of Gateway LB IPs (eTP Local: from every node with a
// Ready Envoy proxy pod of the gateway, one per replica's node), and the router's kernel FIB choosing the entry node per packet (best path, or ECMP hashed on source and
// destination). Owns no timers of its own: sessions are BgpFabric's, Envoy pod readiness ClusterKube's.
import { InputError } from '../../sim/input-error.js';
import { parseDuration } from '../../sim/time.js';
import { BgpFabric } from '../../models/bgp/fabric.js';
import { calicoBgpPlan, type BgpPeerConfig, type ExternalBirdRouter } from '../../models/bgp/calico-peerings.js';
import {
  CalicoAdvertiser,
  type AdvertisedService,
  type BgpConfiguration,
} from '../../models/bgp/calico-advertisement.js';
import { showProtocols, showRoute } from '../../models/bgp/birdc.js';
import { selectNextHop, type FibRoute, type Rib } from '../../models/bgp/rib.js';
import { parseIpv4 } from '../../models/net/address.js';
import type { LabelSelector } from '../../models/net/label-selector.js';
import type { HttpRequest } from '../../models/http/request.js';
import type { ResolvedRouter } from '../schema/resolved.js';
import type { ClusterRuntime } from '../../models/k8s/controllers/cluster-runtime.js';
import type { GatewayRuntime } from '../../models/path/gateway-runtime.js';
import { NO_ENTRY } from '../../models/path/entry-plane.js';
import type { ClusterPlane } from './network-plane.js';

/** A router's FIB as the request path reads it: the kernel route per destination address, recomputed after a FIB change. */
interface RouterFib {
  readonly rib: Rib;
  /** Bumped by onFibChanged; a cached route with an older version is looked up again. */
  version: number;
  readonly byDestination: Map<string, { readonly dst: number; route: FibRoute | null; version: number }>;
}

export class BgpPlane implements ClusterPlane {
  private fabric: BgpFabric | null = null;
  private advertiser: CalicoAdvertiser | null = null;
  private bgpConfigurationJson = '';
  /** By router host index; filled when the fabric is built. */
  private readonly fibs = new Map<number, RouterFib>();
  private readonly fibByName = new Map<string, RouterFib>();
  /** Next-hop address -> network host index of the node. */
  private readonly hostByAddress = new Map<number, number>();
  private readonly sourceAddress = new Map<string, number>();

  constructor(
    readonly cluster: ClusterRuntime,
    private readonly routers: readonly ResolvedRouter[],
  ) {
    for (const n of cluster.config.nodes)
      this.hostByAddress.set(parseIpv4(n.address), cluster.world.network.index(n.name));
    cluster.kube.onEnvoyEndpoints(() => this.advertiser?.update(this.services()));
  }

  start(): void {}

  /**
   * After a push: calico-node renders its BIRD config from the BGPConfiguration and BGPPeers (the fabric is built, and its
   * sessions start, when a BGPPeer first names one of the scenario's BGP routers); confd re-advertises the gateways' IPs.
   */
  gatewaysChanged(): void {
    if (this.fabric === null && !this.build()) return;
    const cfg = this.bgpConfiguration();
    const json = JSON.stringify(cfg);
    if (json !== this.bgpConfigurationJson) {
      this.bgpConfigurationJson = json;
      this.advertiser = this.newAdvertiser(cfg);
    }
    this.advertiser?.update(this.services());
  }

  /** The router's FIB: longest-prefix match for the gateway's address, then Linux's multipath hash on (source, destination). */
  entryNode(router: number, req: HttpRequest, _gw: GatewayRuntime): number {
    const fib = this.fibs.get(router);
    if (fib === undefined) return NO_ENTRY;
    const address = req.template.address;
    let d = fib.byDestination.get(address);
    if (d === undefined) {
      d = { dst: parseIpv4(address), route: null, version: -1 };
      fib.byDestination.set(address, d);
    }
    if (d.version !== fib.version) {
      d.route = fib.rib.lookup(d.dst);
      d.version = fib.version;
    }
    if (d.route === null) return NO_ENTRY;
    const hop = selectNextHop(d.route, this.source(req.sourceIp), d.dst);
    return this.hostByAddress.get(hop.nextHop) ?? NO_ENTRY;
  }

  /** Hard failure: BIRD goes silent (peers notice at hold expiry); orderly shutdown sends Cease (reference 1.9 rules 1, 3). */
  nodeDown(node: string, graceful: boolean): void {
    if (this.fabric === null || !this.hasSpeaker(node)) return;
    if (graceful) this.fabric.shutdown(node);
    else this.fabric.crash(node);
  }

  nodeUp(node: string): void {
    if (this.fabric === null || !this.hasSpeaker(node)) return;
    this.fabric.recover(node);
    this.advertiser?.update(this.services());
  }

  /** `birdc disable/enable`-like reset from the router's side: NOTIFICATION Cease, then both ends reconnect. */
  resetBgp(router: string, peer: string | null): void {
    if (this.fabric === null || !this.hasSpeaker(router)) return;
    for (const s of this.fabric.status(router))
      if (peer === null || s.peer === peer) this.fabric.resetSession(router, s.protocol, 'notification');
  }

  /** True when this plane's fabric has a speaker called `router`. */
  knows(router: string): boolean {
    return this.fabric !== null && this.hasSpeaker(router);
  }

  print(what: 'routes' | 'bgp', router: string): string[] {
    if (this.fabric === null || !this.hasSpeaker(router)) return [];
    return what === 'bgp' ? showProtocols(this.fabric.status(router), 0) : showRoute(this.fabric.rib(router).entries());
  }

  // ---- building ----

  private build(): boolean {
    const store = this.cluster.store;
    const bgpRouters = this.routers.filter((r) => r.asNumber !== null);
    const peers = store.list('BGPPeer').flatMap((p): BgpPeerConfig[] => {
      if (p.spec.peerIP === undefined || p.spec.asNumber === undefined) return [];
      const field = `BGPPeer ${p.metadata.name}`;
      return [
        {
          name: p.metadata.name,
          peerIP: p.spec.peerIP,
          asNumber: Number(p.spec.asNumber),
          ...(p.spec.node !== undefined ? { node: p.spec.node } : {}),
          ...(p.spec.nodeSelector !== undefined
            ? { nodeSelector: calicoSelector(p.spec.nodeSelector, `${field} spec.nodeSelector`) }
            : {}),
          ...(p.spec.maxRestartTime !== undefined
            ? { maxRestartTimeNs: duration(p.spec.maxRestartTime, `${field} spec.maxRestartTime`) }
            : {}),
          ...(p.spec.keepaliveTime !== undefined
            ? { keepaliveTimeNs: duration(p.spec.keepaliveTime, `${field} spec.keepaliveTime`) }
            : {}),
        },
      ];
    });
    if (!peers.some((p) => bgpRouters.some((r) => r.address === p.peerIP.split(':')[0]))) return false;
    const world = this.cluster.world;
    const network = world.network;
    const routers: ExternalBirdRouter[] = bgpRouters.map((r) => ({
      name: r.name,
      host: network.index(r.name),
      address: r.address,
      asNumber: r.asNumber as number,
      mergePaths: r.mergePaths,
    }));
    const labels = new Map(this.cluster.nodes.map((n) => [n.name, n.labels ?? {}]));
    const nodes = this.cluster.config.nodes.map((n) => ({
      name: n.name,
      host: network.index(n.name),
      address: n.address,
      labels: labels.get(n.name) ?? {},
    }));
    const plan = calicoBgpPlan(this.bgpConfiguration(), nodes, peers, routers);
    const fabric = new BgpFabric(
      world.engine,
      world.rng(`bgp/${this.cluster.name}`),
      { oneWayNs: (a, b) => network.baseDelay(a, b) },
      world.timeline,
      { onFibChanged: (s) => this.fibChanged(s) },
    );
    for (const s of plan.speakers) fabric.addSpeaker(s);
    for (const s of plan.sessions) fabric.addSession(s);
    this.fabric = fabric;
    for (const r of routers) {
      const fib: RouterFib = { rib: fabric.rib(r.name), version: 0, byDestination: new Map() };
      this.fibs.set(r.host, fib);
      this.fibByName.set(r.name, fib);
    }
    fabric.start();
    return true;
  }

  private newAdvertiser(cfg: BgpConfiguration): CalicoAdvertiser | null {
    if (this.fabric === null) return null;
    const nodes = this.cluster.nodes.map((n) => ({ name: n.name, labels: n.labels ?? {} }));
    return new CalicoAdvertiser(
      this.cluster.world.engine,
      this.cluster.world.rng(`bgp/${this.cluster.name}/confd`),
      { bgpConfiguration: cfg, nodes },
      this.cluster.world.timeline,
      this.fabric,
    );
  }

  /** The cluster's BGPConfiguration `default`, or Calico's defaults when there is none. */
  private bgpConfiguration(): BgpConfiguration {
    const o = this.cluster.store.get('BGPConfiguration', undefined, 'default');
    if (o === undefined) return {};
    const s = o.spec;
    return {
      asNumber: Number(s.asNumber),
      nodeToNodeMeshEnabled: s.nodeToNodeMeshEnabled,
      serviceLoadBalancerIPs: s.serviceLoadBalancerIPs.map((c) => c.cidr),
      ...(s.serviceLoadBalancerAggregation !== undefined
        ? { serviceLoadBalancerAggregation: s.serviceLoadBalancerAggregation }
        : {}),
      ...(s.nodeMeshMaxRestartTime !== undefined
        ? {
            nodeMeshMaxRestartTimeNs: duration(
              s.nodeMeshMaxRestartTime,
              'BGPConfiguration default spec.nodeMeshMaxRestartTime',
            ),
          }
        : {}),
    };
  }

  /**
   * Envoy Gateway's LoadBalancer Service per gateway: externalTrafficPolicy Local (reference 1.10), every Envoy proxy pod of
   * its Deployment as an endpoint; Calico advertises the /32 from each node with a Ready one (reference 1.6 B).
   */
  private services(): AdvertisedService[] {
    const kube = this.cluster.kube;
    const out: AdvertisedService[] = [];
    for (const gw of this.cluster.gateways.values()) {
      if (gw.address === null) continue;
      out.push({
        key: gw.serviceKey,
        ingressIPs: [gw.address],
        externalTrafficPolicy: 'Local',
        endpoints: kube.envoyEndpoints(gw).map((e) => ({ node: e.node, ready: e.ready })),
      });
    }
    return out;
  }

  private fibChanged(speaker: string): void {
    const fib = this.fibByName.get(speaker);
    if (fib !== undefined) fib.version++;
  }

  private hasSpeaker(name: string): boolean {
    return this.fabric !== null && this.fabric.speakerNames().includes(name);
  }

  private source(ip: string): number {
    let v = this.sourceAddress.get(ip);
    if (v === undefined) {
      v = parseIpv4(ip, 'client source address');
      this.sourceAddress.set(ip, v);
    }
    return v;
  }
}

function duration(text: string, field: string): number {
  try {
    return parseDuration(text);
  } catch {
    throw new InputError(`${JSON.stringify(text)} is not a duration`, { field }, 'a duration such as 120s');
  }
}

/**
 * Calico selector expressions (api/pkg/apis/projectcalico/v3 selector syntax) as far as BGPPeer nodeSelectors in the labs
 * need: `all()`, and `&&`-joined `key == 'v'`, `key != 'v'`, `has(key)`, `!has(key)`.
 */
export function calicoSelector(text: string, field: string): LabelSelector | undefined {
  const t = text.trim();
  if (t === '' || t === 'all()') return undefined;
  const matchLabels: Record<string, string> = {};
  const matchExpressions: { key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[] }[] =
    [];
  for (const term of t.split('&&').map((x) => x.trim())) {
    let m: RegExpExecArray | null;
    if ((m = /^([\w./-]+)\s*==\s*['"]([^'"]*)['"]$/.exec(term))) matchLabels[m[1]] = m[2];
    else if ((m = /^([\w./-]+)\s*!=\s*['"]([^'"]*)['"]$/.exec(term)))
      matchExpressions.push({ key: m[1], operator: 'NotIn', values: [m[2]] });
    else if ((m = /^has\(([\w./-]+)\)$/.exec(term))) matchExpressions.push({ key: m[1], operator: 'Exists' });
    else if ((m = /^!has\(([\w./-]+)\)$/.exec(term))) matchExpressions.push({ key: m[1], operator: 'DoesNotExist' });
    else
      throw new InputError(
        `unsupported selector term ${JSON.stringify(term)}`,
        { field },
        "all(), key == 'v', key != 'v', has(key), !has(key), joined by &&",
      );
  }
  return { matchLabels, matchExpressions };
}
