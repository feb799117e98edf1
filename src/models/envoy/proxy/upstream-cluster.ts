// One Envoy cluster at run time: its hosts grouped by backendRef (Envoy Gateway's localities, or Cilium's per-backend
// clusters), health from outlier detection, and each worker's own selection state. Owns the pick pipeline of
// envoy-lb.md §1: split (priority + locality, or weighted clusters) -> eligible hosts (panic: all) -> the LB.
//
// Host objects are shared by all workers (one `rq_active` per host, as in Envoy); RR/LR/Random LBs and splitters are
// per worker with the worker's own stream; Maglev/RingHash tables are built once and shared, as Envoy's thread-aware
// LBs share their tables. Health changes rebuild host lists; picks allocate nothing.
import type { Engine } from '../../../sim/engine.js';
import type { Rng } from '../../../sim/rng.js';
import type { TimelineSink } from '../../metrics/timeline.js';
import { Host, HealthFlag, CoarseHealth } from '../lb/host.js';
import { LbContext } from '../lb/lb-context.js';
import type { LbConfig, LoadBalancer, Reseedable } from '../lb/load-balancer.js';
import { createLoadBalancer } from '../lb/registry.js';
import type { HashPolicy } from '../hash/hash-policy.js';
import {
  OutlierDetector,
  type HostOutlierMonitor,
  type OutlierListener,
  type OutlierHost,
} from '../outlier/outlier-detector.js';
import type { OutlierDetectionConfig } from '../outlier/outlier-config.js';
import { ActiveHealthChecker, type HealthCheckSession, type ProbeFn } from '../health/active-health-checker.js';
import type { ActiveHealthCheckConfig } from '../health/health-check-config.js';
import { PriorityChooser, choicePriority } from '../priority/choose-priority.js';
import { countPriorityLevel, type HostHealthView } from '../priority/priority-level.js';
import { backendRefPriority, priorityLevelsFromBackendRefs } from '../priority/fallback.js';
import { computePriorityLoad } from '../priority/priority-load.js';
import { backendSplitters, SPLIT_PANIC, type BackendSplitter, type BackendRefHosts } from '../split/backend-split.js';
import type { RequestView } from './request-view.js';
import { mod64 } from '../../../sim/mod64.js';

/** An endpoint as the control plane hands it to the cluster (EDS). */
export interface UpstreamEndpoint {
  address: string;
  port: number;
  /** Not ready endpoints are not sent to Envoy by Envoy Gateway (EDS carries ready ones); kept for completeness. */
  ready: boolean;
}

export interface ClusterBackendRef {
  /** For messages: `Service/default/backend:3000`. */
  label: string;
  weight: number;
  fallback: boolean;
  endpoints: readonly UpstreamEndpoint[];
}

export interface ClusterOptions {
  name: string;
  implementation: 'envoy-gateway' | 'cilium';
  workers: number;
  lb: LbConfig;
  hashPolicy: HashPolicy | null;
  outlier: OutlierDetectionConfig | null;
  activeHealthCheck: ActiveHealthCheckConfig | null;
  /** Sends an active health-check probe (the world answers from the host's state); needed when activeHealthCheck is set. */
  probe?: ProbeFn;
  healthyPanicThreshold: number;
}

const HASHING = new Set(['ConsistentHash', 'Maglev', 'RingHash']);

interface RefState {
  label: string;
  weight: number;
  fallback: boolean;
  hosts: Host[];
}

class WorkerState {
  splitter!: BackendSplitter;
  /** Per backendRef: an LB over its eligible hosts (or all of them when that ref's cluster panics, Cilium). */
  refLbs: (LoadBalancer | null)[] = [];
  /** Per priority: an LB over every host of the priority (Envoy Gateway panic mode). */
  panicLbs: (LoadBalancer | null)[] = [];
  /**
   * Every LB this worker has built, by host source. Envoy's worker LB outlives host-set refreshes: round robin keeps one
   * cursor per source (priority and hosts kind), inserted at seed_ the first time and never reset (envoy
   * source/extensions/load_balancing_policies/round_robin/round_robin_lb.h refreshHostSource, rr_indexes_; 1.40).
   */
  private readonly bySource = new Map<string, LoadBalancer>();
  readonly ctx: LbContext;

  constructor(readonly rng: Rng) {
    this.ctx = new LbContext(rng);
  }

  /**
   * The LB of host source `source` over `hosts`, rebuilt in place when it exists. `stream` names the stream it is
   * created from; `shared`, when given, replaces the seed it drew (sources of one Envoy LB share its seed_).
   */
  lbFor(
    source: string,
    stream: string,
    lb: LbConfig,
    hosts: readonly Host[],
    shared: readonly [number, number] | null,
  ): LoadBalancer | null {
    const existing = this.bySource.get(source);
    if (existing !== undefined) {
      existing.rebuild(hosts);
      return hosts.length > 0 ? existing : null;
    }
    if (hosts.length === 0) return null;
    const created = createLoadBalancer(lb, this.rng.fork(stream), hosts);
    if (shared !== null && 'reseed' in created) (created as unknown as Reseedable).reseed(shared[0], shared[1]);
    this.bySource.set(source, created);
    return created;
  }

  /** The seed_ of this worker's Envoy Gateway cluster LB: what the first backendRef's LB draws (so one ref is unchanged). */
  sharedSeed(): readonly [number, number] {
    if (this.seed === null) {
      const r = this.rng.fork('ref-0');
      this.seed = [r.u32(), r.u32()];
    }
    return this.seed;
  }
  private seed: readonly [number, number] | null = null;
}

/** Why the last pick found no host (for 503 bodies and --explain). */
export type NoHostReason = 'no healthy upstream' | 'no endpoints';

export class UpstreamCluster implements OutlierListener {
  readonly refs: RefState[] = [];
  readonly hosts: Host[] = [];
  private readonly byKey = new Map<string, Host>();
  private readonly monitors = new Map<Host, HostOutlierMonitor>();
  private readonly sessions = new Map<Host, HealthCheckSession>();
  readonly healthChecker: ActiveHealthChecker | null;
  private readonly workers: WorkerState[] = [];
  private readonly hashing: boolean;
  /** Hashing LBs: one per priority, shared by all workers. */
  private hashLbs: (LoadBalancer | null)[] = [];
  private hashChooser: PriorityChooser | null = null;
  /** Cilium: whether each backendRef's own cluster is in panic. */
  private refPanic: boolean[] = [];
  readonly outlier: OutlierDetector | null;
  /** The ref index of the last pick (for the split table and --explain). */
  lastRef = -1;
  lastPriority = 0;
  lastPanic = false;
  noHostReason: NoHostReason = 'no healthy upstream';

  constructor(
    engine: Engine,
    private readonly rng: Rng,
    readonly options: ClusterOptions,
    timeline: TimelineSink,
    refs: readonly ClusterBackendRef[],
  ) {
    this.hashing = HASHING.has(options.lb.policy);
    for (let w = 0; w < options.workers; w++) this.workers.push(new WorkerState(rng.fork(`worker-${w}`)));
    this.outlier = options.outlier
      ? new OutlierDetector(engine, rng.fork('outlier'), options.outlier, timeline, this)
      : null;
    this.healthChecker =
      options.activeHealthCheck && options.probe
        ? new ActiveHealthChecker(engine, rng.fork('health'), options.activeHealthCheck, timeline, options.probe, {
            onHealthChange: (host, healthy) => this.onActiveHealthChange(host as Host, healthy),
            onCheckComplete: (host, _t, passed) => {
              const m = this.monitors.get(host as Host);
              if (m && this.outlier)
                this.outlier.onActiveHealthCheckResult(
                  m,
                  passed,
                  ((host as Host).healthFlags & HealthFlag.FAILED_ACTIVE_HC) !== 0,
                );
            },
          })
        : null;
    this.setEndpoints(refs);
  }

  /** EDS update: new endpoint lists per backendRef. Hosts that stay keep their in-flight count and outlier state. */
  setEndpoints(refs: readonly ClusterBackendRef[]): void {
    const keep = new Set<Host>();
    this.refs.length = 0;
    this.hosts.length = 0;
    refs.forEach((r, i) => {
      const hosts: Host[] = [];
      for (const e of r.endpoints) {
        if (!e.ready) continue;
        const key = `${i}|${e.address}:${e.port}`;
        let h = this.byKey.get(key);
        if (h === undefined) {
          h = new Host({ address: e.address, port: e.port, locality: String(i) });
          this.byKey.set(key, h);
          if (this.outlier) this.monitors.set(h, this.outlier.addHost(h));
          // With active health checking a new host starts failed until its first check passes (upstream_impl.cc).
          if (this.healthChecker) {
            h.healthFlags |= HealthFlag.FAILED_ACTIVE_HC;
            this.pendingChecks.push(h);
          }
        }
        h.index = this.hosts.length;
        keep.add(h);
        hosts.push(h);
        this.hosts.push(h);
      }
      this.refs.push({ label: r.label, weight: r.weight, fallback: r.fallback, hosts });
    });
    for (const [key, h] of this.byKey) {
      if (keep.has(h)) continue;
      this.byKey.delete(key);
      const m = this.monitors.get(h);
      if (m && this.outlier) this.outlier.removeHost(m);
      this.monitors.delete(h);
      const hc = this.sessions.get(h);
      if (hc && this.healthChecker) this.healthChecker.removeHost(hc);
      this.sessions.delete(h);
    }
    this.rebuild();
    // Probes start after the host sets are built (a first check may pass at once and rebuild again).
    const pending = this.pendingChecks.splice(0);
    if (this.healthChecker) for (const h of pending) this.sessions.set(h, this.healthChecker.addHost(h));
  }

  private readonly pendingChecks: Host[] = [];

  private onActiveHealthChange(h: Host, healthy: boolean): void {
    if (healthy) h.healthFlags &= ~HealthFlag.FAILED_ACTIVE_HC;
    else h.healthFlags |= HealthFlag.FAILED_ACTIVE_HC;
    this.rebuild();
  }

  /** The cluster made an upstream connection: active health checks leave the no-traffic interval. */
  noteTraffic(): void {
    if (this.healthChecker !== null && !this.trafficNoted) {
      this.trafficNoted = true;
      this.healthChecker.noteUpstreamConnection();
    }
  }

  private trafficNoted = false;

  /** The outlier monitor of a host (the router reports results to it). */
  monitor(h: Host): HostOutlierMonitor | undefined {
    return this.monitors.get(h);
  }

  onEjectionChange(host: OutlierHost, ejected: boolean): void {
    const h = host as Host;
    if (ejected) h.healthFlags |= HealthFlag.FAILED_OUTLIER_CHECK;
    else h.healthFlags &= ~HealthFlag.FAILED_OUTLIER_CHECK;
    this.rebuild();
  }

  /** Recomputes priority loads, split schedules and LB host lists after any membership or health change. */
  rebuild(): void {
    const o = this.options;
    const refHosts: BackendRefHosts[] = this.refs.map((r) => {
      const lvl = countPriorityLevel(r.hosts.map((h) => healthView(h)));
      return {
        weight: r.weight,
        fallback: r.fallback,
        hosts: lvl.hosts,
        healthy: lvl.healthy,
        degraded: lvl.degraded,
        excluded: lvl.excluded,
      };
    });
    this.refPanic = refHosts.map((r) => r.hosts > 0 && (100 * r.healthy) / r.hosts < o.healthyPanicThreshold);
    const priorities = 1 + Math.max(0, ...this.refs.map((r) => backendRefPriority(r.fallback)));
    const inPriority = (p: number) =>
      this.hosts.filter((h) => backendRefPriority(this.refs[Number(h.locality)].fallback) === p);
    if (this.hashing) {
      const lvls = priorityLevelsFromBackendRefs(refHosts.map((r) => ({ fallback: r.fallback, level: r })));
      const load = computePriorityLoad(lvls, { healthyPanicThreshold: o.healthyPanicThreshold });
      this.hashChooser = new PriorityChooser(load);
      const weights = new Map(this.refs.map((r, i) => [String(i), r.weight] as const));
      this.hashLbs = [];
      for (let p = 0; p < priorities; p++) {
        const all = inPriority(p);
        const hosts = load.panic[p] ? all : all.filter(isEligible);
        this.hashLbs.push(
          hosts.length > 0
            ? createLoadBalancer(
                { ...o.lb, localityWeights: this.refs.length > 1 ? weights : undefined },
                this.rng.fork(`hash-p${p}`),
                hosts,
              )
            : null,
        );
      }
      return;
    }
    for (const w of this.workers) {
      w.splitter = backendSplitters[o.implementation](refHosts, w.rng, {
        healthyPanicThreshold: o.healthyPanicThreshold,
      });
      // Envoy Gateway: one cluster, so one LB per worker whose sources (a locality per backendRef, all hosts in panic)
      // start from its one seed_. Cilium: a cluster per backendRef, each with its own seed_; in panic that cluster picks
      // from all its hosts, a source with its own cursor from the same seed_ (load_balancer_impl.cc EdfLoadBalancerBase).
      const shared = o.implementation === 'cilium' ? null : w.sharedSeed();
      w.refLbs = this.refs.map((r, i) => {
        const panic = o.implementation === 'cilium' && this.refPanic[i];
        const hosts = panic ? r.hosts : r.hosts.filter(isEligible);
        return w.lbFor(panic ? `ref-${i}/all` : `ref-${i}`, `ref-${i}`, o.lb, hosts, shared);
      });
      w.panicLbs = [];
      for (let p = 0; p < priorities; p++)
        w.panicLbs.push(w.lbFor(`panic-p${p}`, `panic-p${p}`, o.lb, inPriority(p), shared));
    }
  }

  /** One pick on `worker` for the request behind `view`; null when no host can take it (503). */
  pick(worker: number, view: RequestView): Host | null {
    const w = this.workers[worker];
    const ctx = w.ctx.reset();
    if (this.hosts.length === 0) {
      this.noHostReason = 'no endpoints';
      this.lastRef = -1;
      return null;
    }
    this.noHostReason = 'no healthy upstream';
    if (this.hashing) {
      const policy = this.options.hashPolicy;
      if (policy !== null) policy.generateHash(view, ctx);
      // Without a hash the thread-aware LB uses a random 64-bit value (thread_aware_lb_impl.cc chooseHost).
      const mod100 = ctx.hasHash ? mod64(ctx.hashHi, ctx.hashLo, 100) : w.rng.u64Mod(100);
      const p = choicePriority(this.hashChooser!.pickForHashMod100(mod100));
      this.lastPriority = p;
      this.lastPanic = false;
      const lb = this.hashLbs[p];
      const h = lb === null ? null : lb.chooseHost(ctx);
      this.lastRef = h === null ? -1 : Number(h.locality);
      return h;
    }
    const ref = w.splitter.pick();
    this.lastPriority = w.splitter.lastPriority;
    this.lastPanic = ref === SPLIT_PANIC;
    if (ref === SPLIT_PANIC) {
      const lb = w.panicLbs[w.splitter.lastPriority];
      const h = lb === null ? null : lb.chooseHost(ctx);
      this.lastRef = h === null ? -1 : Number(h.locality);
      return h;
    }
    if (ref < 0) {
      this.lastRef = -1;
      return null;
    }
    this.lastRef = ref;
    const lb = w.refLbs[ref];
    if (lb === null) {
      if (this.refs[ref].hosts.length === 0) this.noHostReason = 'no endpoints';
      return null;
    }
    return lb.chooseHost(ctx);
  }

  /** The Set-Cookie Envoy adds for the last pick on this worker (cookie hash policy with a ttl), or null. */
  setCookie(worker: number): string | null {
    return this.workers[worker].ctx.setCookie;
  }

  /** The LB context of the last pick on this worker (for --explain). */
  context(worker: number): LbContext {
    return this.workers[worker].ctx;
  }
}

function isEligible(h: Host): boolean {
  return h.coarseHealth() === CoarseHealth.Healthy;
}

function healthView(h: Host): HostHealthView {
  const c = h.coarseHealth();
  return {
    weight: h.weight,
    healthy: c === CoarseHealth.Healthy,
    degraded: c === CoarseHealth.Degraded,
    excluded: false,
  };
}
