// Cilium L2 announcements: one Kubernetes Lease per Service (`cilium-l2announce-<ns>-<svc>`), client-go leader election
// among the candidate nodes' agents, the leader answering ARP and sending gratuitous ARP on takeover, and "who owns IP X".
// It does not allocate the IPs (ipam/) nor forward packets (net/); node lifecycle reaches it through nodeDown/nodeUp.
import type { Engine, EventHandle, EventKind } from '../../sim/engine.js';
import type { Rng } from '../../sim/rng.js';
import type { SimTime } from '../../sim/time.js';
import { NS_PER_MS, NS_PER_S } from '../../sim/time.js';
import { InputError } from '../../sim/input-error.js';
import type { TimelineSink } from '../metrics/timeline.js';
import { parseIpv4 } from '../net/address.js';
import type { LabelSelector } from '../net/label-selector.js';
import { selectorMatches } from '../net/label-selector.js';

/** Helm `l2announcements.leaseDuration` default 15 s (cilium:Documentation/network/l2-announcements.rst). */
export const L2_LEASE_DURATION_NS = 15 * NS_PER_S;
/** Helm `l2announcements.leaseRenewDeadline` default 5 s (same page). */
export const L2_LEASE_RENEW_DEADLINE_NS = 5 * NS_PER_S;
/** Helm `l2announcements.leaseRetryPeriod` default 2 s (same page). */
export const L2_LEASE_RETRY_PERIOD_NS = 2 * NS_PER_S;
/** client-go leader election retries acquisition with wait.JitterUntil(RetryPeriod, JitterFactor 1.2) (k8s.io/client-go/tools/leaderelection/leaderelection.go). */
export const LEADER_ELECTION_JITTER_FACTOR = 1.2;
/** Spread of the agents' first attempts after a Service appears (watch delivery differs per agent); an estimate (L). */
export const L2_START_SPREAD_NS = 100 * NS_PER_MS;

/** Resolved cilium.io/v2alpha1 CiliumL2AnnouncementPolicy. */
export interface L2PolicyConfig {
  readonly name: string;
  readonly serviceSelector?: LabelSelector;
  readonly nodeSelector?: LabelSelector;
  /** Interface name regexes; empty or absent = every interface. */
  readonly interfaces?: readonly string[];
  /** Both default false: a policy must enable one (l2-announcements.rst). */
  readonly loadBalancerIPs?: boolean;
  readonly externalIPs?: boolean;
}

export interface L2Node {
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly interfaces?: readonly string[];
}

export interface L2Service {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly labels?: Readonly<Record<string, string>>;
  readonly loadBalancerIPs: readonly string[];
  readonly externalIPs?: readonly string[];
}

export interface L2AnnouncerConfig {
  readonly nodes: readonly L2Node[];
  readonly policies: readonly L2PolicyConfig[];
  readonly leaseDurationNs?: SimTime;
  readonly leaseRenewDeadlineNs?: SimTime;
  readonly leaseRetryPeriodNs?: SimTime;
  /** 0 makes acquisition retries exactly every retry period (for exact tests). */
  readonly jitterFactor?: number;
  readonly startSpreadNs?: SimTime;
}

export interface L2Callbacks {
  /** A node sent gratuitous ARP for `ip`: clients now send it there. */
  onOwnerChanged?(ip: string, node: string): void;
}

interface Lease {
  readonly name: string;
  readonly service: L2Service;
  readonly ips: readonly number[];
  holder: string | null;
  renewTime: SimTime;
  /** Bumped on every write, like resourceVersion. */
  version: number;
  /** The node clients currently send to (last gratuitous ARP), alive or not. */
  announcedBy: string | null;
  readonly candidates: Candidate[];
}

interface Candidate {
  readonly lease: Lease;
  readonly node: string;
  leading: boolean;
  observedVersion: number;
  observedTime: SimTime;
  /** Time of the last successful renew while leading. */
  lastRenewOk: SimTime;
  timer: EventHandle | null;
}

export class L2Announcer {
  private readonly leases = new Map<string, Lease>();
  private readonly byIp = new Map<number, Lease>();
  private readonly up = new Map<string, boolean>();
  private readonly kTry: EventKind<Candidate>;
  private readonly durationNs: SimTime;
  private readonly renewDeadlineNs: SimTime;
  private readonly retryNs: SimTime;
  private readonly jitter: number;

  constructor(
    private readonly engine: Engine,
    private readonly rng: Rng,
    private readonly config: L2AnnouncerConfig,
    private readonly timeline: TimelineSink,
    private readonly callbacks: L2Callbacks = {},
  ) {
    this.durationNs = config.leaseDurationNs ?? L2_LEASE_DURATION_NS;
    this.renewDeadlineNs = config.leaseRenewDeadlineNs ?? L2_LEASE_RENEW_DEADLINE_NS;
    this.retryNs = config.leaseRetryPeriodNs ?? L2_LEASE_RETRY_PERIOD_NS;
    this.jitter = config.jitterFactor ?? LEADER_ELECTION_JITTER_FACTOR;
    if (!(this.renewDeadlineNs < this.durationNs))
      throw new InputError(
        'leaseRenewDeadline must be shorter than leaseDuration',
        { field: 'l2announcements.leaseRenewDeadline' },
        `< ${this.durationNs / NS_PER_S}s`,
      );
    for (const n of config.nodes) this.up.set(n.name, true);
    this.kTry = engine.kind('l2.leaseTry', (c: Candidate) => this.tryAcquireOrRenew(c));
  }

  /** Candidate nodes for a Service: some policy selects the Service (and its IP kind) and the node (labels and an interface). */
  candidatesFor(svc: L2Service): string[] {
    const labels = {
      ...svc.labels,
      'io.kubernetes.service.namespace': svc.namespace,
      'io.kubernetes.service.name': svc.name,
    };
    const out = new Set<string>();
    for (const p of this.config.policies) {
      if (!(p.loadBalancerIPs || p.externalIPs) || !selectorMatches(p.serviceSelector, labels)) continue;
      if (!(
        (p.loadBalancerIPs && svc.loadBalancerIPs.length > 0) ||
        (p.externalIPs && (svc.externalIPs ?? []).length > 0)
      ))
        continue;
      const res = (p.interfaces ?? []).map((r) => new RegExp(`^(?:${r})$`));
      for (const n of this.config.nodes) {
        if (!selectorMatches(p.nodeSelector, n.labels ?? {})) continue;
        if (res.length > 0 && !(n.interfaces ?? ['eth0']).some((i) => res.some((re) => re.test(i)))) continue;
        out.add(n.name);
      }
    }
    return this.config.nodes.map((n) => n.name).filter((n) => out.has(n));
  }

  /** A Service with L2-announced IPs appeared: its Lease is created and every candidate agent starts electing. */
  addService(svc: L2Service): void {
    if (this.leases.has(svc.key)) return;
    const names = this.candidatesFor(svc);
    const ips = [...svc.loadBalancerIPs, ...(svc.externalIPs ?? [])].map((ip) =>
      parseIpv4(ip, `Service/${svc.key} ip`),
    );
    const lease: Lease = {
      name: `cilium-l2announce-${svc.namespace}-${svc.name}`,
      service: svc,
      ips,
      holder: null,
      renewTime: 0,
      version: 0,
      announcedBy: null,
      candidates: [],
    };
    this.leases.set(svc.key, lease);
    for (const ip of ips) this.byIp.set(ip, lease);
    const spread = this.config.startSpreadNs ?? L2_START_SPREAD_NS;
    for (const node of names) {
      const c: Candidate = {
        lease,
        node,
        leading: false,
        observedVersion: -1,
        observedTime: 0,
        lastRenewOk: 0,
        timer: null,
      };
      lease.candidates.push(c);
      if (this.up.get(node)) c.timer = this.engine.schedule(spread > 0 ? this.rng.below(spread) : 0, this.kTry, c);
    }
  }

  removeService(key: string): void {
    const lease = this.leases.get(key);
    if (lease === undefined) return;
    for (const c of lease.candidates) if (c.timer !== null) this.engine.cancel(c.timer);
    for (const ip of lease.ips) this.byIp.delete(ip);
    this.leases.delete(key);
  }

  /** The node's agent stops (crash or shutdown): it neither renews nor answers ARP. The Lease keeps naming it until it expires. */
  nodeDown(node: string): void {
    this.up.set(node, false);
    for (const lease of this.leases.values())
      for (const c of lease.candidates)
        if (c.node === node) {
          if (c.timer !== null) this.engine.cancel(c.timer);
          c.timer = null;
          if (c.leading) this.stopLeading(c, 'node down');
        }
  }

  nodeUp(node: string): void {
    this.up.set(node, true);
    for (const lease of this.leases.values())
      for (const c of lease.candidates)
        if (c.node === node && c.timer === null) {
          c.observedVersion = -1;
          c.timer = this.engine.schedule(0, this.kTry, c);
        }
  }

  /** Where clients send traffic for `ip`: the node that last sent gratuitous ARP for it (alive or not), or null. */
  ownerOf(ip: string | number): string | null {
    const lease = this.byIp.get(typeof ip === 'string' ? parseIpv4(ip) : ip);
    return lease === undefined ? null : lease.announcedBy;
  }

  /** The node that answers ARP for `ip` right now (a live leader), or null. */
  answeringNode(ip: string | number): string | null {
    const lease = this.byIp.get(typeof ip === 'string' ? parseIpv4(ip) : ip);
    if (lease === undefined) return null;
    const c = lease.candidates.find((x) => x.leading);
    return c === undefined ? null : c.node;
  }

  leaseHolder(key: string): string | null {
    return this.leases.get(key)?.holder ?? null;
  }

  /**
   * client-go tryAcquireOrRenew: a newer record resets the observed time; someone else's lease blocks us until
   * observedTime + leaseDuration; otherwise take or renew it (renewTime = now). A leader renews every retryPeriod and gives up
   * after leaseRenewDeadline without a successful renew; a follower retries every retryPeriod x (1 + U[0, jitter)).
   */
  private tryAcquireOrRenew(c: Candidate): void {
    c.timer = null;
    const lease = c.lease;
    const now = this.engine.now;
    if (lease.version !== c.observedVersion) {
      c.observedVersion = lease.version;
      c.observedTime = now;
    }
    const free = lease.holder === null || lease.holder === c.node || c.observedTime + this.durationNs <= now;
    if (free) {
      lease.holder = c.node;
      lease.renewTime = now;
      lease.version++;
      c.observedVersion = lease.version;
      c.observedTime = now;
      c.lastRenewOk = now;
      if (!c.leading) {
        c.leading = true;
        this.becomeLeader(c);
      }
      c.timer = this.engine.schedule(this.retryNs, this.kTry, c);
      return;
    }
    if (c.leading && now - c.lastRenewOk >= this.renewDeadlineNs) this.stopLeading(c, 'renew deadline');
    const wait = this.jitter > 0 ? this.retryNs * (1 + this.rng.random() * this.jitter) : this.retryNs;
    c.timer = this.engine.schedule(wait, this.kTry, c);
  }

  private becomeLeader(c: Candidate): void {
    const lease = c.lease;
    lease.announcedBy = c.node;
    this.timeline.emit('l2.leaseAcquired', {
      service: lease.service.key,
      lease: lease.name,
      node: c.node,
      ips: lease.service.loadBalancerIPs.join(','),
    });
    // Gratuitous ARP on takeover: Linux clients >= 4.13 update their neighbour entry at once (kernel merge 776ee323ddf1).
    for (const ip of lease.service.loadBalancerIPs) this.callbacks.onOwnerChanged?.(ip, c.node);
  }

  private stopLeading(c: Candidate, reason: string): void {
    c.leading = false;
    this.timeline.emit('l2.leaseLost', { service: c.lease.service.key, node: c.node, reason });
  }
}
