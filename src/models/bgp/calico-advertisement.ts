// Calico's rules for which node advertises which service-IP prefix over BGP (aggregate vs per-service /32, by
// externalTrafficPolicy, endpoints and Calico version), and a model that applies them to the BgpFabric after confd's delay.
// It does not run sessions (fabric.ts) nor allocate IPs (ipam/).
import type { Engine, EventKind } from '../../sim/engine.js';
import type { Rng } from '../../sim/rng.js';
import type { SimTime } from '../../sim/time.js';
import { NS_PER_MS } from '../../sim/time.js';
import type { TimelineSink } from '../metrics/timeline.js';
import type { Prefix } from '../net/address.js';
import { hostPrefix, parseCidr, parseIpv4, prefixContainsAddr, prefixKey } from '../net/address.js';
import type { BgpFabric } from './fabric.js';

/** A Service's spec.externalTrafficPolicy (core/v1): it decides which nodes advertise a LoadBalancer IP as a /32. */
export type ExternalTrafficPolicy = 'Cluster' | 'Local';

/** Resolved projectcalico.org/v3 BGPConfiguration `default` (api/pkg/apis/projectcalico/v3/bgpconfig.go). */
export interface BgpConfiguration {
  /** Default 64512. */
  readonly asNumber?: number;
  /** Default true. */
  readonly nodeToNodeMeshEnabled?: boolean;
  readonly serviceLoadBalancerIPs?: readonly string[];
  /** v3.31+: Enabled (default) advertises each non-/32 CIDR from every node; Disabled only /32s (calico commit c01c302f83). */
  readonly serviceLoadBalancerAggregation?: 'Enabled' | 'Disabled';
  /** GR restart time for mesh peers; unset = BIRD's 120 s. */
  readonly nodeMeshMaxRestartTimeNs?: SimTime;
}

/** Calico [major, minor] the rules follow; default [3, 30]. */
export type CalicoVersion = readonly [number, number];

/** A node as the advertisement rules see it. */
export interface AdvertisingNode {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
}

/** A LoadBalancer Service with its ingress IPs and endpoints (from EndpointSlices). */
export interface AdvertisedService {
  readonly key: string;
  readonly ingressIPs: readonly string[];
  readonly externalTrafficPolicy: ExternalTrafficPolicy;
  readonly endpoints: readonly { readonly node: string; readonly ready: boolean }[];
}

/** Nodes with this label advertise no service routes (calico@v3.30.0 confd/pkg/backends/calico/client.go ExcludeServiceAdvertisement). */
export const EXCLUDE_FROM_EXTERNAL_LB_LABEL = 'node.kubernetes.io/exclude-from-external-load-balancers';

/** confd watch -> re-render bird.cfg -> `sv hup bird`: no published figure, reference 1.6 C says < 1 s; 200 ms is an estimate (L). */
export const CALICO_CONFD_DELAY_NS = 200 * NS_PER_MS;

function atLeast(v: CalicoVersion, major: number, minor: number): boolean {
  return v[0] > major || (v[0] === major && v[1] >= minor);
}

/**
 * Per node, the prefixes it originates for service LB IPs. Rules (calico@v3.30.0..master confd/pkg/backends/calico/
 * client.go `updateGlobalRoutes`, routes.go `advertiseThisService`; reference 1.6):
 * A. each serviceLoadBalancerIPs CIDR that is not a single address is advertised by every non-excluded node, as soon as
 *    it is configured (v3.31+: only with aggregation Enabled);
 * B. a service IP inside some CIDR gets a /32 from: eTP Local -> nodes hosting an endpoint (ready only up to v3.30 and
 *    from v3.33; any endpoint in v3.31-v3.32, commit f57443e0b8 fixed it); eTP Cluster -> every node when the IP is itself
 *    listed as a /32 CIDR, or (v3.31+, aggregation Disabled) when the service has an endpoint anywhere.
 * O(nodes x services x CIDRs). Output prefixes are sorted (address, length) per node.
 */
export function calicoLbAdvertisements(
  cfg: BgpConfiguration,
  version: CalicoVersion,
  nodes: readonly AdvertisingNode[],
  services: readonly AdvertisedService[],
): Map<string, Prefix[]> {
  const cidrs = (cfg.serviceLoadBalancerIPs ?? []).map((c, i) =>
    parseCidr(c, `BGPConfiguration.spec.serviceLoadBalancerIPs[${i}].cidr`),
  );
  const aggregate = !atLeast(version, 3, 31) || (cfg.serviceLoadBalancerAggregation ?? 'Enabled') === 'Enabled';
  const readyOnly = !(atLeast(version, 3, 31) && !atLeast(version, 3, 33));
  const out = new Map<string, Map<string, Prefix>>();
  const eligible = nodes.filter(
    (n) => !(n.labels !== undefined && Object.prototype.hasOwnProperty.call(n.labels, EXCLUDE_FROM_EXTERNAL_LB_LABEL)),
  );
  for (const n of nodes) out.set(n.name, new Map());
  const add = (node: string, p: Prefix): void => void out.get(node)?.set(prefixKey(p), p);
  if (aggregate) for (const c of cidrs) if (c.len < 32) for (const n of eligible) add(n.name, c);
  for (const svc of services) {
    for (const ipText of svc.ingressIPs) {
      const ip = parseIpv4(ipText, `Service/${svc.key} status.loadBalancer.ingress`);
      if (!cidrs.some((c) => prefixContainsAddr(c, ip))) continue;
      const p = hostPrefix(ip);
      const counts = (e: { ready: boolean }): boolean => e.ready || !readyOnly;
      if (svc.externalTrafficPolicy === 'Local') {
        for (const n of eligible) if (svc.endpoints.some((e) => e.node === n.name && counts(e))) add(n.name, p);
      } else {
        const listedAsHost = cidrs.some((c) => c.len === 32 && c.addr === ip);
        const disabledAggregation = atLeast(version, 3, 31) && !aggregate && svc.endpoints.some(counts);
        if (listedAsHost || disabledAggregation) for (const n of eligible) add(n.name, p);
      }
    }
  }
  const result = new Map<string, Prefix[]>();
  for (const [node, m] of out)
    result.set(
      node,
      [...m.values()].sort((a, b) => a.addr - b.addr || a.len - b.len),
    );
  return result;
}

export interface CalicoAdvertiserConfig {
  readonly bgpConfiguration: BgpConfiguration;
  readonly calicoVersion?: CalicoVersion;
  readonly nodes: readonly AdvertisingNode[];
  /** Delay between a Service/EndpointSlice change and BIRD announcing it; default CALICO_CONFD_DELAY_NS. */
  readonly confdDelayNs?: SimTime;
}

/**
 * Applies calicoLbAdvertisements to the fabric: on every `update(services)` each node's confd recomputes after
 * `confdDelayNs` and originates/withdraws the difference (reference-counted per prefix in Calico; a set here).
 * A node whose speaker is down keeps nothing to say: the fabric drops its originations with it.
 */
export class CalicoAdvertiser {
  private readonly kApply: EventKind<readonly AdvertisedService[]>;
  private readonly version: CalicoVersion;

  constructor(
    private readonly engine: Engine,
    _rng: Rng,
    private readonly config: CalicoAdvertiserConfig,
    _timeline: TimelineSink,
    private readonly fabric: BgpFabric,
  ) {
    this.version = config.calicoVersion ?? [3, 30];
    this.kApply = engine.kind('calico.confd', (s: readonly AdvertisedService[]) => this.apply(s));
  }

  /** Applies the advertisement rules at once (e.g. at start-up, before sessions come up). */
  applyNow(services: readonly AdvertisedService[]): void {
    this.apply(services);
  }

  /** Services or endpoints changed: confd reacts after its delay. */
  update(services: readonly AdvertisedService[]): void {
    this.engine.schedule(this.config.confdDelayNs ?? CALICO_CONFD_DELAY_NS, this.kApply, services);
  }

  private apply(services: readonly AdvertisedService[]): void {
    const want = calicoLbAdvertisements(this.config.bgpConfiguration, this.version, this.config.nodes, services);
    for (const [node, prefixes] of want) {
      const have = this.fabric.originatedBy(node);
      const wantKeys = new Set(prefixes.map(prefixKey));
      for (const p of have) if (!wantKeys.has(prefixKey(p))) this.fabric.withdraw(node, p);
      for (const p of prefixes) this.fabric.originate(node, p);
    }
  }
}
