// How Kubernetes reacts to failures: node heartbeats and the node-lifecycle controller (NotReady after the grace period,
// taint-based eviction after tolerationSeconds), the kubelet's PLEG, readiness probes and container restarts
// (CrashLoopBackOff), and EndpointSlice propagation to consumers (onEndpointsChanged). It does not create replacement
// pods (the integrator does, on onPodEvicted).
import type { Engine, EventHandle, EventKind } from '../../../sim/engine.js';
import type { Rng } from '../../../sim/rng.js';
import type { SimTime } from '../../../sim/time.js';
import { InputError } from '../../../sim/input-error.js';
import type { TimelineSink } from '../../metrics/timeline.js';
import type { KubeTimings } from './kube-timings.js';
import { defaultKubeTimings } from './kube-timings.js';
import { planRestart, type BackoffEntry } from './crash-loop-backoff.js';

export interface KubePodSpec {
  readonly name: string;
  readonly node: string;
  /** `namespace/name` of every Service selecting the pod. */
  readonly services: readonly string[];
}

export interface EndpointView {
  readonly pod: string;
  readonly node: string;
  readonly ready: boolean;
}

export interface KubeReactionCallbacks {
  /** A Service's EndpointSlices changed (after the propagation delay); consumers add their own delays (xDS, kube-proxy, confd). */
  onEndpointsChanged?(service: string, endpoints: readonly EndpointView[]): void;
  /** A pod was evicted (deleted) by taint-based eviction or a drain: the ReplicaSet creates a replacement now. */
  onPodEvicted?(pod: KubePodSpec): void;
  onNodeReadyChanged?(node: string, ready: boolean): void;
  /** A pod's Ready condition changed (probe, node NotReady, container restart, deletion). */
  onPodReadyChanged?(pod: KubePodSpec, ready: boolean): void;
  /** The pod's container exited (running false: its process is gone now) or started (its app listens after
   *  appStartupNs). */
  onContainerChanged?(pod: KubePodSpec, running: boolean): void;
}

export interface KubeReactionConfig {
  readonly nodes: readonly string[];
  /** Kubernetes minor version for version-dependent defaults (node-monitor-grace-period); default 32. */
  readonly kubeMinor?: number;
  readonly timings?: Partial<KubeTimings>;
  /** Phase of each kubelet's lease renewals in [0, renew interval); absent: drawn from the rng per node. */
  readonly kubeletPhaseNs?: Readonly<Record<string, SimTime>>;
  /** Phase of the controller-manager's monitor loop in [0, period); absent: drawn from the rng. */
  readonly monitorPhaseNs?: SimTime;
  /** Phase of each kubelet's PLEG relist in [0, relist period); absent: drawn from the rng per node, after the rest. */
  readonly plegPhaseNs?: Readonly<Record<string, SimTime>>;
}

interface PodState {
  readonly spec: KubePodSpec;
  running: boolean;
  ready: boolean;
  hung: boolean;
  /** Probe ticks are probeEpoch + k x period. */
  probeEpoch: SimTime;
  timer: EventHandle | null;
  /** Container starts so far (the first one is not a restart). */
  starts: number;
  /** The kubelet's CrashLoopBackOff entry for the container (null until its first restart). */
  backoff: BackoffEntry | null;
  /** When the container last exited. */
  exitedAt: SimTime;
  /** Whether the kubelet restarts it after an exit (restartPolicy Always, the Deployment default). */
  restarts: boolean;
}

interface NodeState {
  up: boolean;
  ready: boolean;
  phase: SimTime;
  /** PLEG relists at plegPhase + k x relist period. */
  plegPhase: SimTime;
  downAt: SimTime;
  notReadyTimer: EventHandle | null;
  evictTimer: EventHandle | null;
}

type PodAction = { pod: PodState; what: 'notReady' | 'exited' | 'restart' | 'ready' };

export class KubeReaction {
  readonly timings: KubeTimings;
  private readonly nodes = new Map<string, NodeState>();
  private readonly pods = new Map<string, PodState>();
  private readonly published = new Map<string, Map<string, boolean>>();
  private readonly pendingServices = new Set<string>();
  private readonly monitorPhase: SimTime;
  private readonly kNotReady: EventKind<string>;
  private readonly kEvict: EventKind<string>;
  private readonly kPod: EventKind<PodAction>;
  private readonly kPublish: EventKind<string>;

  constructor(
    private readonly engine: Engine,
    rng: Rng,
    config: KubeReactionConfig,
    private readonly timeline: TimelineSink,
    private readonly callbacks: KubeReactionCallbacks = {},
  ) {
    this.timings = { ...defaultKubeTimings(config.kubeMinor ?? 32), ...config.timings };
    const t = this.timings;
    this.monitorPhase = config.monitorPhaseNs ?? rng.below(t.nodeMonitorPeriodNs);
    for (const n of config.nodes)
      this.nodes.set(n, {
        up: true,
        ready: true,
        phase: config.kubeletPhaseNs?.[n] ?? rng.below(t.nodeLeaseRenewIntervalNs),
        plegPhase: 0,
        downAt: 0,
        notReadyTimer: null,
        evictTimer: null,
      });
    // Drawn after the lease phases, so adding them moved no other draw.
    for (const [name, n] of this.nodes) n.plegPhase = config.plegPhaseNs?.[name] ?? rng.below(t.plegRelistPeriodNs);
    this.kNotReady = engine.kind('k8s.nodeNotReady', (n: string) => this.markNotReady(n));
    this.kEvict = engine.kind('k8s.taintEviction', (n: string) => this.evictAll(n));
    this.kPod = engine.kind('k8s.pod', (a: PodAction) => this.podAction(a));
    this.kPublish = engine.kind('k8s.endpointSlice', (s: string) => this.publish(s));
  }

  /** Registers a pod that is already running and Ready; its probes tick at `probePhaseNs` + k x period. */
  addPod(spec: KubePodSpec, probePhaseNs = 0): void {
    this.checkNode(spec.node);
    this.pods.set(spec.name, { ...newPod(spec), running: true, ready: true, probeEpoch: probePhaseNs, starts: 1 });
    for (const s of spec.services)
      this.published.set(s, (this.published.get(s) ?? new Map<string, boolean>()).set(spec.name, true));
  }

  /**
   * A new pod (e.g. a replacement): running after podStartupNs; Ready at the first readiness probe (period ticks from the
   * container start) at or after appStartupNs, successThreshold 1 (core/v1 Probe; kubelet prober worker).
   */
  startPod(spec: KubePodSpec): void {
    this.checkNode(spec.node);
    const p = newPod(spec);
    this.pods.set(spec.name, p);
    p.timer = this.engine.schedule(this.timings.podStartupNs, this.kPod, { pod: p, what: 'restart' });
  }

  /** Hard node failure: heartbeats stop; NotReady when the monitor loop sees the lease older than the grace period. */
  nodeDown(node: string): void {
    const n = this.node(node);
    if (!n.up) return;
    n.up = false;
    n.downAt = this.engine.now;
    for (const p of this.podsOn(node)) this.stopPod(p);
    n.notReadyTimer = this.engine.scheduleAt(this.notReadyTime(n), this.kNotReady, node);
  }

  /**
   * Orderly shutdown (drain then reboot): pods are evicted at once, endpoints go promptly, the kubelet reports NotReady
   * as it shuts down (kubelet GracefulNodeShutdown). No grace-period wait.
   */
  nodeGracefulDown(node: string): void {
    const n = this.node(node);
    if (!n.up) return;
    n.up = false;
    n.downAt = this.engine.now;
    for (const p of this.podsOn(node)) this.evictPod(p);
    this.markNotReady(node);
    if (n.evictTimer !== null) this.engine.cancel(n.evictTimer);
    n.evictTimer = null;
  }

  /** The node is back: the kubelet posts Ready at once; pods still bound to it restart their containers. */
  nodeUp(node: string): void {
    const n = this.node(node);
    if (n.up) return;
    n.up = true;
    for (const h of [n.notReadyTimer, n.evictTimer]) if (h !== null) this.engine.cancel(h);
    n.notReadyTimer = null;
    n.evictTimer = null;
    if (!n.ready) {
      n.ready = true;
      this.timeline.emit('node.ready', { node });
      this.callbacks.onNodeReadyChanged?.(node, true);
    }
    for (const p of this.podsOn(node)) this.containerStarted(p);
  }

  /**
   * The container's process exits now: connections to it are refused from now on; the kubelet's PLEG sees the exit at
   * its next relist (the first one after now), which sets Ready=False (a container that is not running is not ready),
   * and the same sync restarts it or leaves it in CrashLoopBackOff (crash-loop-backoff.ts) when `restart`
   * (restartPolicy
   * Always). Returns when the container starts again (null: not restarted).
   */
  podCrash(pod: string, restart = true): SimTime | null {
    const p = this.pod(pod);
    if (!p.running) return null;
    p.running = false;
    p.hung = false;
    p.exitedAt = this.engine.now;
    p.restarts = restart;
    this.timeline.emit('pod.crashed', { pod, node: p.spec.node });
    this.callbacks.onContainerChanged?.(p.spec, false);
    this.cancelPod(p);
    const seen = this.nextRelist(p.spec.node, this.engine.now);
    p.timer = this.engine.scheduleAt(seen, this.kPod, { pod: p, what: 'exited' });
    return restart ? this.restartPlan(p, seen).at : null;
  }

  /** Container restarts so far (kubectl's RESTARTS column). */
  restartCount(pod: string): number {
    return Math.max(0, this.pod(pod).starts - 1);
  }

  /**
   * The app stops answering while its container runs: readiness probes fail from the next tick; after failureThreshold
   * consecutive failures (each taking timeoutSeconds) the pod is NotReady: first failing tick + (threshold-1) x period + timeout.
   */
  podHang(pod: string): void {
    const p = this.pod(pod);
    if (!p.running || p.hung) return;
    p.hung = true;
    const t = this.timings;
    const firstFail = this.nextProbeTick(p, this.engine.now);
    this.cancelPod(p);
    if (p.ready)
      p.timer = this.engine.scheduleAt(
        firstFail + (t.probeFailureThreshold - 1) * t.probePeriodNs + t.probeTimeoutNs,
        this.kPod,
        { pod: p, what: 'notReady' },
      );
  }

  /** The app answers again: Ready at the next probe tick (successThreshold 1). */
  podRecover(pod: string): void {
    const p = this.pod(pod);
    if (!p.hung) return;
    p.hung = false;
    this.cancelPod(p);
    if (p.running)
      p.timer = this.engine.scheduleAt(this.nextProbeTick(p, this.engine.now), this.kPod, { pod: p, what: 'ready' });
  }

  /** Deletes a pod (scale-down, manual delete): its endpoint goes after the propagation delay. */
  deletePod(pod: string): void {
    const p = this.pod(pod);
    this.cancelPod(p);
    p.running = false;
    this.setReady(p, false, 'deleted');
    this.pods.delete(pod);
  }

  isNodeReady(node: string): boolean {
    return this.node(node).ready;
  }

  isContainerRunning(pod: string): boolean {
    return this.pods.get(pod)?.running ?? false;
  }

  isPodReady(pod: string): boolean {
    return this.pods.get(pod)?.ready ?? false;
  }

  /** The Service's endpoints as last published in its EndpointSlices. */
  endpoints(service: string): EndpointView[] {
    const m = this.published.get(service) ?? new Map<string, boolean>();
    return [...m.entries()].map(([pod, ready]) => ({ pod, node: this.pods.get(pod)?.spec.node ?? '', ready }));
  }

  // ---- internals ----

  /**
   * Node-lifecycle controller (k8s:pkg/controller/nodelifecycle/node_lifecycle_controller.go tryUpdateNodeHealth): each
   * monitor tick that sees a newer Lease sets probeTimestamp = now; the node is marked NotReady (Unknown) at the first tick
   * with now - probeTimestamp >= grace (the loop period slides, so the tick at exactly probe + grace is already past it).
   * Last renew = the last kubelet tick <= failure time.
   */
  private notReadyTime(n: NodeState): SimTime {
    const t = this.timings;
    const lastRenew =
      n.phase + Math.floor((n.downAt - n.phase) / t.nodeLeaseRenewIntervalNs) * t.nodeLeaseRenewIntervalNs;
    const probe = this.nextTick(this.monitorPhase, t.nodeMonitorPeriodNs, lastRenew);
    return this.nextTick(this.monitorPhase, t.nodeMonitorPeriodNs, probe + t.nodeMonitorGracePeriodNs);
  }

  private markNotReady(node: string): void {
    const n = this.node(node);
    n.notReadyTimer = null;
    if (!n.ready) return;
    n.ready = false;
    this.timeline.emit('node.notReady', { node });
    this.callbacks.onNodeReadyChanged?.(node, false);
    // The controller marks the node's pods Ready=False (MarkPodsNotReady) and taints it NoExecute; the taint manager evicts
    // pods after their tolerationSeconds (DefaultTolerationSeconds: 300 s).
    for (const p of this.podsOn(node)) this.setReady(p, false, 'nodeNotReady');
    if (!n.up) n.evictTimer = this.engine.schedule(this.timings.tolerationSecondsNs, this.kEvict, node);
  }

  private evictAll(node: string): void {
    this.node(node).evictTimer = null;
    for (const p of this.podsOn(node)) this.evictPod(p);
  }

  private evictPod(p: PodState): void {
    this.stopPod(p);
    this.timeline.emit('pod.evicted', { pod: p.spec.name, node: p.spec.node });
    this.setReady(p, false, 'evicted');
    this.pods.delete(p.spec.name);
    for (const s of p.spec.services) this.schedulePublish(s);
    this.callbacks.onPodEvicted?.(p.spec);
  }

  private stopPod(p: PodState): void {
    this.cancelPod(p);
    if (p.running) this.callbacks.onContainerChanged?.(p.spec, false);
    p.running = false;
  }

  private podAction(a: PodAction): void {
    const p = a.pod;
    p.timer = null;
    if (!this.pods.has(p.spec.name)) return;
    if (a.what === 'notReady') this.setReady(p, false, 'readinessProbe');
    else if (a.what === 'exited') this.containerExitSeen(p);
    else if (a.what === 'restart') this.containerStarted(p);
    else if (p.running && !p.hung) this.setReady(p, true, 'readinessProbe');
  }

  /** The PLEG relist that sees the exit: the kubelet syncs the pod, Ready goes False, and it restarts the container now
   *  or
   *  once the back-off since the exit has passed. */
  private containerExitSeen(p: PodState): void {
    this.setReady(p, false, 'containerExited');
    if (!p.restarts || !this.node(p.spec.node).up) return;
    const plan = this.restartPlan(p, this.engine.now);
    p.backoff = plan.entry;
    if (plan.at === this.engine.now) this.containerStarted(p);
    else p.timer = this.engine.scheduleAt(plan.at, this.kPod, { pod: p, what: 'restart' });
  }

  private restartPlan(p: PodState, seenAt: SimTime): ReturnType<typeof planRestart> {
    const t = this.timings;
    return planRestart(p.backoff, p.exitedAt, seenAt, t.containerRestartBackoffNs, t.containerRestartBackoffMaxNs);
  }

  /** The first relist of the node's PLEG strictly after `at` (a relist at the same instant ran just before). */
  private nextRelist(node: string, at: SimTime): SimTime {
    const period = this.timings.plegRelistPeriodNs;
    return this.nextTick(this.node(node).plegPhase, period, at + 1);
  }

  private containerStarted(p: PodState): void {
    this.cancelPod(p);
    p.running = true;
    p.hung = false;
    p.probeEpoch = this.engine.now;
    p.starts++;
    const restarts = p.starts - 1;
    this.timeline.emit('pod.started', { pod: p.spec.name, node: p.spec.node, ...(restarts > 0 ? { restarts } : {}) });
    this.callbacks.onContainerChanged?.(p.spec, true);
    p.timer = this.engine.scheduleAt(this.nextProbeTick(p, this.engine.now + this.timings.appStartupNs), this.kPod, {
      pod: p,
      what: 'ready',
    });
  }

  private setReady(p: PodState, ready: boolean, reason: string): void {
    if (p.ready === ready) return;
    p.ready = ready;
    this.timeline.emit(ready ? 'pod.ready' : 'pod.notReady', { pod: p.spec.name, node: p.spec.node, reason });
    this.callbacks.onPodReadyChanged?.(p.spec, ready);
    for (const s of p.spec.services) this.schedulePublish(s);
  }

  /** EndpointSlice controller: batch period 0, so each change is written at once and seen after the propagation delay. */
  private schedulePublish(service: string): void {
    if (this.pendingServices.has(service)) return;
    this.pendingServices.add(service);
    this.engine.schedule(this.timings.endpointSlicePropagationNs, this.kPublish, service);
  }

  private publish(service: string): void {
    this.pendingServices.delete(service);
    const before = this.published.get(service) ?? new Map<string, boolean>();
    const after = new Map<string, boolean>();
    for (const p of this.pods.values()) if (p.spec.services.includes(service)) after.set(p.spec.name, p.ready);
    for (const [pod, ready] of after)
      if (ready && before.get(pod) !== true) this.timeline.emit('endpoint.added', { service, pod });
    for (const [pod, ready] of before)
      if (ready && after.get(pod) !== true) this.timeline.emit('endpoint.removed', { service, pod });
    this.published.set(service, after);
    this.callbacks.onEndpointsChanged?.(service, this.endpoints(service));
  }

  private nextProbeTick(p: PodState, at: SimTime): SimTime {
    return this.nextTick(p.probeEpoch, this.timings.probePeriodNs, at);
  }

  /** The first time >= at on the grid phase + k x period. */
  private nextTick(phase: SimTime, period: SimTime, at: SimTime): SimTime {
    const k = Math.ceil((at - phase) / period);
    return phase + k * period;
  }

  private cancelPod(p: PodState): void {
    if (p.timer !== null) this.engine.cancel(p.timer);
    p.timer = null;
  }

  private podsOn(node: string): PodState[] {
    return [...this.pods.values()].filter((p) => p.spec.node === node);
  }

  private node(name: string): NodeState {
    const n = this.nodes.get(name);
    if (n === undefined)
      throw new InputError(`unknown node ${JSON.stringify(name)}`, {}, [...this.nodes.keys()].join(', '));
    return n;
  }

  private checkNode(name: string): void {
    this.node(name);
  }

  private pod(name: string): PodState {
    const p = this.pods.get(name);
    if (p === undefined)
      throw new InputError(`unknown pod ${JSON.stringify(name)}`, {}, [...this.pods.keys()].join(', '));
    return p;
  }
}

function newPod(spec: KubePodSpec): PodState {
  return {
    spec,
    running: false,
    ready: false,
    hung: false,
    probeEpoch: 0,
    timer: null,
    starts: 0,
    backoff: null,
    exitedAt: 0,
    restarts: true,
  };
}
