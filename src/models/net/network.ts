// Links between hosts (latency, jitter, bandwidth, loss, up/down, degradation) and the per-packet delay function.
// Owns reachability; it does not know services, BGP or Kubernetes (a node being NotReady does not stop its packets).
import type { Engine } from '../../sim/engine.js';
import type { Rng } from '../../sim/rng.js';
import type { SimTime } from '../../sim/time.js';
import { NS_PER_S } from '../../sim/time.js';
import { InputError } from '../../sim/input-error.js';
import type { TimelineSink } from '../metrics/timeline.js';
import { Topology } from './topology.js';
import type { TopologyConfig } from './topology.js';
import * as D from './defaults.js';

/** Parameters of one link; all optional fields fall back to the hop-class default. */
export interface LinkParams {
  /** One-way latency; give `rttNs` instead to use RTT/2. */
  readonly latencyNs?: SimTime;
  readonly rttNs?: SimTime;
  /** Extra delay drawn uniformly from [0, jitterNs) per packet. */
  readonly jitterNs?: SimTime;
  readonly bandwidthBps?: number;
  /** Probability in [0, 1] that a packet is lost. */
  readonly loss?: number;
}

/** A link override between two names: clusters, nodes or routers (same name twice = inside that cluster). */
export interface LinkConfig extends LinkParams {
  readonly between: readonly [string, string];
}

export interface HopDefaults {
  readonly sameNodeNs: SimTime;
  readonly sameClusterNs: SimTime;
  readonly crossClusterNs: SimTime;
  readonly bastionNs: SimTime;
  readonly routerRouterNs: SimTime;
  readonly bandwidthBps: number;
  readonly sameNodeBandwidthBps: number;
}

export const DEFAULT_HOPS: HopDefaults = {
  sameNodeNs: D.SAME_NODE_ONE_WAY_NS,
  sameClusterNs: D.SAME_CLUSTER_ONE_WAY_NS,
  crossClusterNs: D.CROSS_CLUSTER_ONE_WAY_NS,
  bastionNs: D.BASTION_ONE_WAY_NS,
  routerRouterNs: D.ROUTER_ROUTER_ONE_WAY_NS,
  bandwidthBps: D.DEFAULT_BANDWIDTH_BPS,
  sameNodeBandwidthBps: D.SAME_NODE_BANDWIDTH_BPS,
};

export interface NetworkConfig {
  readonly topology: TopologyConfig;
  readonly links?: readonly LinkConfig[];
  readonly hops?: Partial<HopDefaults>;
}

/** `delay` results that are not a delay. */
export const UNREACHABLE = -1;
export const LOST = -2;

interface LinkState {
  readonly name: string;
  latencyNs: number;
  jitterNs: number;
  bandwidthBps: number;
  loss: number;
  up: boolean;
  readonly base: { latencyNs: number; jitterNs: number; bandwidthBps: number; loss: number };
}

export class Network {
  readonly topology: Topology;
  private readonly n: number;
  private readonly links: LinkState[] = [];
  private readonly linkByName = new Map<string, number>();
  /** linkOf[a * n + b]: index into the parallel link arrays below. Precomputed so delay() is table lookups only. */
  private readonly linkOf: Int32Array;
  private latency!: Float64Array;
  private jitter!: Float64Array;
  private nsPerByte!: Float64Array;
  private loss!: Float64Array;
  private linkUp!: Uint8Array;
  private readonly hostUp: Uint8Array;

  constructor(
    private readonly engine: Engine,
    private readonly rng: Rng,
    config: NetworkConfig,
    private readonly timeline: TimelineSink,
  ) {
    this.topology = new Topology(config.topology);
    const hops: HopDefaults = { ...DEFAULT_HOPS, ...config.hops };
    const hosts = this.topology.hosts;
    this.n = hosts.length;
    this.linkOf = new Int32Array(this.n * this.n);
    this.hostUp = new Uint8Array(this.n).fill(1);
    const loopback = this.addLink('loopback', hops.sameNodeNs, hops.sameNodeBandwidthBps);
    for (const a of hosts) {
      for (const b of hosts) {
        let li: number;
        if (a.index === b.index) li = loopback;
        else if (a.kind === 'node' && b.kind === 'node') {
          li =
            a.cluster === b.cluster
              ? this.classLink(`cluster:${a.cluster}`, hops.sameClusterNs, hops.bandwidthBps)
              : this.classLink(`clusters:${pair(a.cluster, b.cluster)}`, hops.crossClusterNs, hops.bandwidthBps);
        } else if (a.kind === 'router' && b.kind === 'router')
          li = this.classLink(`routers:${pair(a.name, b.name)}`, hops.routerRouterNs, hops.bandwidthBps);
        else {
          const r = a.kind === 'router' ? a : b;
          const nd = a.kind === 'router' ? b : a;
          li = this.classLink(`router:${r.name}|${nd.cluster}`, hops.bastionNs, hops.bandwidthBps);
        }
        this.linkOf[a.index * this.n + b.index] = li;
      }
    }
    (config.links ?? []).forEach((l, i) => this.applyLinkConfig(l, `links[${i}]`));
    this.rebuildArrays();
  }

  /**
   * One-way delay in ns for a packet of `bytes` from host `from` to host `to` (indices): latency + uniform jitter +
   * serialization (bytes x 8 / bandwidth). Returns UNREACHABLE (-1) when either host or the link is down, LOST (-2) when
   * the loss draw says so. O(1), allocation-free; draws from the rng only when jitter or loss are non-zero.
   */
  delay(from: number, to: number, bytes: number): SimTime {
    if (this.hostUp[from] === 0 || this.hostUp[to] === 0) return UNREACHABLE;
    const l = this.linkOf[from * this.n + to];
    if (this.linkUp[l] === 0) return UNREACHABLE;
    const loss = this.loss[l];
    if (loss > 0 && this.rng.random() < loss) return LOST;
    let d = this.latency[l] + bytes * this.nsPerByte[l];
    const j = this.jitter[l];
    if (j > 0) d += this.rng.random() * j;
    return Math.round(d);
  }

  /**
   * Whether a packet from `from` to `to` is lost (the loss draw alone: no jitter, no serialisation). Draws only on a link
   * with loss; false for an unreachable pair (callers check reachability with baseDelay). For TCP's handshake packets.
   */
  drops(from: number, to: number): boolean {
    const loss = this.loss[this.linkOf[from * this.n + to]];
    return loss > 0 && this.rng.random() < loss;
  }

  /** Like delay() but never draws: the fixed part (latency + serialization), or UNREACHABLE. For control-plane messages. */
  baseDelay(from: number, to: number, bytes = 0): SimTime {
    if (this.hostUp[from] === 0 || this.hostUp[to] === 0) return UNREACHABLE;
    const l = this.linkOf[from * this.n + to];
    if (this.linkUp[l] === 0) return UNREACHABLE;
    return Math.round(this.latency[l] + bytes * this.nsPerByte[l]);
  }

  reachable(from: number, to: number): boolean {
    return this.baseDelay(from, to) >= 0;
  }

  index(name: string): number {
    return this.topology.host(name).index;
  }

  isHostUp(index: number): boolean {
    return this.hostUp[index] === 1;
  }

  /** Power or network loss of a whole host: every packet to or from it is UNREACHABLE. */
  setHostUp(name: string, up: boolean): void {
    this.hostUp[this.index(name)] = up ? 1 : 0;
  }

  /** Names of the links a pair of names maps to (for faults); see resolveLink. */
  linkName(a: string, b: string): string {
    return this.links[this.resolveLink(a, b, 'fault')].name;
  }

  setLinkUp(a: string, b: string, up: boolean): void {
    const li = this.resolveLink(a, b, 'fault');
    if ((this.links[li].up ? 1 : 0) === (up ? 1 : 0)) return;
    this.links[li].up = up;
    this.linkUp[li] = up ? 1 : 0;
    this.timeline.emit(up ? 'link.up' : 'link.down', { link: this.links[li].name });
  }

  /** Degrades a link (only the given fields change); `restoreLink` returns it to its configured values. */
  degradeLink(a: string, b: string, params: LinkParams): void {
    const li = this.resolveLink(a, b, 'fault');
    const s = this.links[li];
    if (params.latencyNs !== undefined || params.rttNs !== undefined)
      s.latencyNs = params.latencyNs ?? Math.round((params.rttNs as number) / 2);
    if (params.jitterNs !== undefined) s.jitterNs = params.jitterNs;
    if (params.bandwidthBps !== undefined) s.bandwidthBps = params.bandwidthBps;
    if (params.loss !== undefined) s.loss = params.loss;
    this.rebuildArrays();
    this.timeline.emit('link.degraded', { link: s.name, latencyMs: s.latencyNs / 1e6, loss: s.loss });
  }

  restoreLink(a: string, b: string): void {
    const li = this.resolveLink(a, b, 'fault');
    const s = this.links[li];
    Object.assign(s, s.base);
    this.rebuildArrays();
    this.timeline.emit('link.up', { link: s.name, restored: true });
  }

  /** Current parameters of the link between two names (for reports and tests). */
  linkState(
    a: string,
    b: string,
  ): Readonly<{ name: string; latencyNs: number; jitterNs: number; bandwidthBps: number; loss: number; up: boolean }> {
    const s = this.links[this.resolveLink(a, b, 'query')];
    return {
      name: s.name,
      latencyNs: s.latencyNs,
      jitterNs: s.jitterNs,
      bandwidthBps: s.bandwidthBps,
      loss: s.loss,
      up: s.up,
    };
  }

  get now(): SimTime {
    return this.engine.now;
  }

  private addLink(name: string, latencyNs: number, bandwidthBps: number): number {
    const base = { latencyNs, jitterNs: D.DEFAULT_JITTER_NS, bandwidthBps, loss: D.DEFAULT_LOSS };
    this.links.push({ name, ...base, up: true, base });
    this.linkByName.set(name, this.links.length - 1);
    return this.links.length - 1;
  }

  private classLink(name: string, latencyNs: number, bandwidthBps: number): number {
    return this.linkByName.get(name) ?? this.addLink(name, latencyNs, bandwidthBps);
  }

  /**
   * Maps two names to one link: two clusters -> the cluster-pair link (same twice -> inside the cluster); a router and a
   * cluster -> that router's link to the cluster; two hosts -> a dedicated host-pair link (created on first use, starting
   * from the parameters of the class link it splits from, so a fault on one pair leaves the rest untouched).
   */
  private resolveLink(a: string, b: string, field: string): number {
    const t = this.topology;
    if (t.isCluster(a) && t.isCluster(b)) {
      const name = a === b ? `cluster:${a}` : `clusters:${pair(a, b)}`;
      const li = this.linkByName.get(name);
      if (li === undefined)
        throw new InputError(`no link ${name}: cluster ${a === b ? a : `${a} or ${b}`} has no nodes`, { field });
      return li;
    }
    if (t.isCluster(a) || t.isCluster(b)) {
      const c = t.isCluster(a) ? a : b;
      const r = t.host(t.isCluster(a) ? b : a);
      if (r.kind !== 'router')
        throw new InputError(
          `a link between a cluster (${c}) and a node (${r.name}) is ambiguous`,
          { field },
          'two clusters, a router and a cluster, or two hosts',
        );
      const li = this.linkByName.get(`router:${r.name}|${c}`);
      if (li === undefined) throw new InputError(`no link between router ${r.name} and cluster ${c}`, { field });
      return li;
    }
    const ha = t.host(a);
    const hb = t.host(b);
    if (ha.index === hb.index) throw new InputError(`a link needs two different hosts, got ${a} twice`, { field });
    const name = `hosts:${pair(a, b)}`;
    let li = this.linkByName.get(name);
    if (li === undefined) {
      const from = this.links[this.linkOf[ha.index * this.n + hb.index]];
      li = this.addLink(name, from.base.latencyNs, from.base.bandwidthBps);
      Object.assign(this.links[li].base, { jitterNs: from.base.jitterNs, loss: from.base.loss });
      Object.assign(this.links[li], this.links[li].base);
      this.linkOf[ha.index * this.n + hb.index] = li;
      this.linkOf[hb.index * this.n + ha.index] = li;
      this.rebuildArrays();
    }
    return li;
  }

  private applyLinkConfig(l: LinkConfig, field: string): void {
    const li = this.resolveLink(l.between[0], l.between[1], `${field}.between`);
    const s = this.links[li];
    if (l.loss !== undefined && !(l.loss >= 0 && l.loss <= 1))
      throw new InputError(`loss ${l.loss} is out of range`, { field: `${field}.loss` }, '0 to 1');
    if (l.bandwidthBps !== undefined && !(l.bandwidthBps > 0))
      throw new InputError(`bandwidth ${l.bandwidthBps} must be positive`, { field: `${field}.bandwidth` });
    const latencyNs = l.latencyNs ?? (l.rttNs !== undefined ? Math.round(l.rttNs / 2) : s.base.latencyNs);
    Object.assign(s.base, {
      latencyNs,
      jitterNs: l.jitterNs ?? s.base.jitterNs,
      bandwidthBps: l.bandwidthBps ?? s.base.bandwidthBps,
      loss: l.loss ?? s.base.loss,
    });
    Object.assign(s, s.base);
  }

  private rebuildArrays(): void {
    const m = this.links.length;
    this.latency = new Float64Array(m);
    this.jitter = new Float64Array(m);
    this.nsPerByte = new Float64Array(m);
    this.loss = new Float64Array(m);
    this.linkUp = new Uint8Array(m);
    for (let i = 0; i < m; i++) {
      const s = this.links[i];
      this.latency[i] = s.latencyNs;
      this.jitter[i] = s.jitterNs;
      this.nsPerByte[i] = (8 * NS_PER_S) / s.bandwidthBps;
      this.loss[i] = s.loss;
      this.linkUp[i] = s.up ? 1 : 0;
    }
  }
}

function pair(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}
