// ObjectStore: the simulated API server's object set. apply (create or update by kind/namespace/name, stamping
// creationTimestamp and generation from the caller's clock) and delete, plus the built-in controllers whose output the
// gateway needs: Deployment -> Pods (names, placement, IPs) and Service -> EndpointSlices. Controllers of the Gateway API
// live in src/models/gatewayapi and read this store; propagation delays are the world's business.
import type { Rng } from '../../sim/rng.js';
import type { SimTime } from '../../sim/time.js';
import { canonicalJson } from './canonical-json.js';
import { deriveEndpointSlice, type EndpointSlice, type ExternalEndpoint } from './endpoint-slices.js';
import { objectKey, type K8sKind, type K8sObject, type ObjectOf } from './k8s-object.js';
import { CalicoIpam, CiliumClusterPoolIpam, type PodIpam, type PodNetwork } from './pod-ipam.js';
import { generateName, podTemplateHash, uuid } from './pod-names.js';
import type { NodeInfo, Pod, PodContainer, PodLifecycle } from './pod.js';
import { podsToDelete, type RankedPod } from './active-pods.js';
import {
  DEFAULT_MAX_SURGE,
  DEFAULT_MAX_UNAVAILABLE,
  rollingStep,
  type ReplicaSetCounts,
  type RollingParams,
} from './deployment-rollout.js';
import { NS_PER_S } from '../../sim/time.js';
import { pickNode } from './scheduler.js';
import { compareText } from '../../sim/compare-text.js';

export interface ObjectStoreOptions {
  nodes: readonly NodeInfo[];
  /** Which CNI allocates pod IPs. */
  podNetwork: PodNetwork;
  /** Parent stream; the store forks `pod-names/<ns>/<deployment>`, `pod-uids/<ns>/<deployment>` and `ipam` from it. */
  rng: Rng;
  /**
   * A settled cluster (default true, as `gwsim route -f` reads manifests): no kubelet runs the pods, so a new pod is
   * Ready at creation and a deleted one is gone at once. A running world passes false: readiness comes from the
   * kubelet's probes (setPodReady) and a deleted pod stays Terminating until the kubelet has stopped it (removePod).
   */
  settled?: boolean;
}

interface ReplicaSetState {
  readonly name: string;
  readonly hash: string;
  replicas: number;
  readonly creationTimestampNs: number;
}

export type ApplyResult = 'created' | 'configured' | 'unchanged';

export class ObjectStore {
  private readonly objects = new Map<string, K8sObject>();
  private podList: Pod[] = [];
  private nodes: NodeInfo[];
  private readonly ipam: PodIpam;
  private readonly external = new Map<string, readonly ExternalEndpoint[]>();
  private slicesCache: EndpointSlice[] | undefined;
  /**
   * One name stream per Deployment, kept for the store's life: every pod the ReplicaSets create draws a fresh suffix
   * (the apiserver's generateName, k8s.io/apiserver pkg/storage/names/generate.go, draws utilrand.String(5) on each
   * create), so a pod created after a scale-down, an eviction or a rollout never takes a predecessor's name.
   */
  private readonly nameStreams = new Map<string, Rng>();
  /** Per Deployment (`ns/name`), its ReplicaSets in creation order. */
  private readonly replicaSets = new Map<string, ReplicaSetState[]>();
  /** Each ReplicaSet's pod template (`ns/rs-name`), for scaling an old one back up. */
  private readonly templates = new Map<string, ObjectOf<'Deployment'>['spec']['template']>();
  private readonly uidStreams = new Map<string, Rng>();
  private wakeAtNs: SimTime | undefined;
  /** The clock as last given (delete takes none). */
  private lastNowNs: SimTime = 0;
  /** Bumped on every change: controllers re-run when it moves. */
  revision = 0;

  constructor(private readonly opts: ObjectStoreOptions) {
    this.nodes = [...opts.nodes];
    this.ipam =
      opts.podNetwork === 'calico'
        ? new CalicoIpam(opts.rng.fork('ipam'))
        : new CiliumClusterPoolIpam(
            opts.nodes.map((n) => n.name),
            opts.rng.fork('ipam'),
          );
  }

  /** kubectl apply: create, or update keeping creationTimestamp; generation goes up when the spec (or data) changes. */
  apply(obj: K8sObject, nowNs: SimTime): ApplyResult {
    this.lastNowNs = nowNs;
    const key = objectKey(obj);
    const old = this.objects.get(key);
    const next = structuredClone(obj) as K8sObject;
    let result: ApplyResult;
    if (old === undefined) {
      next.metadata.creationTimestampNs = nowNs;
      next.metadata.generation = 1;
      result = 'created';
    } else {
      next.metadata.creationTimestampNs = old.metadata.creationTimestampNs;
      const changed = canonicalJson(desired(old)) !== canonicalJson(desired(next));
      next.metadata.generation = (old.metadata.generation ?? 1) + (specOf(old) !== specOf(next) ? 1 : 0);
      result = changed ? 'configured' : 'unchanged';
    }
    this.objects.set(key, next);
    if (result !== 'unchanged') {
      this.revision++;
      this.slicesCache = undefined;
      if (next.kind === 'Deployment') this.reconcileDeployment(next, nowNs);
    }
    return result;
  }

  /** kubectl delete; a deleted Deployment takes its pods with it. Returns whether the object existed. */
  delete(kind: K8sKind, namespace: string | undefined, name: string): boolean {
    const key = objectKey({ kind, metadata: { name, namespace } });
    const old = this.objects.get(key);
    if (old === undefined) return false;
    this.objects.delete(key);
    if (old.kind === 'Deployment') {
      // The garbage collector deletes its ReplicaSets and they their pods: each pod terminates gracefully.
      this.replicaSets.delete(`${namespace ?? 'default'}/${name}`);
      for (const p of [...this.podList])
        if (p.namespace === (namespace ?? 'default') && p.deployment === name)
          this.markTerminating(p.namespace, p.name, this.lastNowNs);
    }
    this.revision++;
    this.slicesCache = undefined;
    return true;
  }

  get<K extends K8sKind>(kind: K, namespace: string | undefined, name: string): ObjectOf<K> | undefined {
    return this.objects.get(objectKey({ kind, metadata: { name, namespace } })) as ObjectOf<K> | undefined;
  }

  /** Objects of a kind, sorted by namespace/name. */
  list<K extends K8sKind>(kind: K): ObjectOf<K>[] {
    const out: ObjectOf<K>[] = [];
    for (const o of this.objects.values()) if (o.kind === kind) out.push(o as ObjectOf<K>);
    return out.sort((a, b) => compareText(objectKey(a), objectKey(b)));
  }

  all(): K8sObject[] {
    return [...this.objects.values()].sort((a, b) => compareText(objectKey(a), objectKey(b)));
  }

  pods(): readonly Pod[] {
    return this.podList;
  }

  /** Flip a pod's readiness (a failing probe, a crashed container): its endpoints follow. */
  setPodReady(namespace: string, name: string, ready: boolean, nowNs?: SimTime): void {
    const p = this.podList.find((x) => x.namespace === namespace && x.name === name);
    if (p === undefined || p.ready === ready) return;
    p.ready = ready;
    if (ready && nowNs !== undefined) p.readySinceNs = nowNs;
    else if (!ready) delete p.readySinceNs;
    this.revision++;
    this.slicesCache = undefined;
  }

  /** Replace the node list (a node went NotReady or was cordoned); existing pods stay where they are. */
  setNodes(nodes: readonly NodeInfo[]): void {
    this.nodes = [...nodes];
    this.revision++;
  }

  /**
   * Deletes one pod (taint-based eviction, `kubectl delete pod`): its Deployment's ReplicaSet creates a replacement at once,
   * placed on a Ready node (k8s:pkg/controller/replicaset). Returns whether the pod existed.
   */
  evictPod(namespace: string, name: string, nowNs: SimTime): boolean {
    const victim = this.podList.find((x) => x.namespace === namespace && x.name === name);
    if (victim === undefined) return false;
    this.removePods((x) => x === victim);
    const d = this.get('Deployment', namespace, victim.deployment);
    if (d !== undefined) this.reconcileDeployment(d, nowNs);
    this.revision++;
    this.slicesCache = undefined;
    return true;
  }

  /** Endpoints of a selector-less Service, given from outside (multi-cluster federation, manual Endpoints). */
  setExternalEndpoints(namespace: string, serviceName: string, endpoints: readonly ExternalEndpoint[]): void {
    this.external.set(`${namespace}/${serviceName}`, [...endpoints]);
    this.revision++;
    this.slicesCache = undefined;
  }

  endpointSlices(): readonly EndpointSlice[] {
    if (this.slicesCache === undefined) {
      this.slicesCache = this.list('Service').map((svc) =>
        deriveEndpointSlice(svc, this.podList, this.external.get(`${svc.metadata.namespace}/${svc.metadata.name}`)),
      );
    }
    return this.slicesCache;
  }

  endpointSlice(namespace: string, serviceName: string): EndpointSlice | undefined {
    return this.endpointSlices().find((s) => s.namespace === namespace && s.serviceName === serviceName);
  }

  /**
   * The Deployment controller and the ReplicaSet controller, run to a fixed point at `nowNs` (their informers and work
   * queues take milliseconds; gwsim runs them at the instant of the change). The Deployment's current template has a
   * ReplicaSet named `<deployment>-<pod-template-hash>` (created when first needed, kept at 0 replicas afterwards,
   * reused by a rollback); RollingUpdate moves replicas from the old ReplicaSets to it within maxSurge and
   * maxUnavailable as pods become available (deployment-rollout.ts), Recreate scales the old ones to 0 and starts the
   * new one once every old pod is gone. Each ReplicaSet creates pods up to its count and deletes the surplus in the
   * ActivePods order (active-pods.ts); a deleted pod is Terminating until the kubelet has stopped it (removePod).
   */
  private reconcileDeployment(d: ObjectOf<'Deployment'>, nowNs: SimTime): void {
    const ns = d.metadata.namespace ?? 'default';
    const name = d.metadata.name;
    const key = `${ns}/${name}`;
    const hash = podTemplateHash(d.spec.template);
    const sets = this.replicaSets.get(key) ?? [];
    this.replicaSets.set(key, sets);
    const strategy = d.spec.strategy;
    const params: RollingParams = {
      replicas: d.spec.replicas,
      maxSurge: strategy.rollingUpdate?.maxSurge ?? DEFAULT_MAX_SURGE,
      maxUnavailable: strategy.rollingUpdate?.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE,
    };
    const minReadyNs = d.spec.minReadySeconds * NS_PER_S;
    for (let pass = 0; pass < 1000; pass++) {
      let current = sets.find((rs) => rs.hash === hash);
      const old = sets.filter((rs) => rs !== current);
      let decision: ReadonlyMap<string, number>;
      if (strategy.type === 'Recreate') {
        // rolloutRecreate: old ReplicaSets to 0; the new one only once no old pod exists (oldPodsRunning: a
        // Terminating pod still runs).
        decision = new Map(old.filter((rs) => rs.replicas > 0).map((rs) => [rs.name, 0]));
        const oldRunning = this.podList.some(
          (p) => p.namespace === ns && p.deployment === name && p.podTemplateHash !== hash,
        );
        if (decision.size === 0 && !oldRunning) {
          current ??= this.newReplicaSet(sets, name, hash, nowNs);
          if (current.replicas !== d.spec.replicas) decision = new Map([[current.name, d.spec.replicas]]);
        }
      } else {
        current ??= this.newReplicaSet(sets, name, hash, nowNs);
        const counts = (rs: ReplicaSetState): ReplicaSetCounts => ({
          name: rs.name,
          replicas: rs.replicas,
          available: this.activePods(ns, name, rs.hash).filter((p) => isAvailable(p, minReadyNs, nowNs)).length,
          creationTimestampNs: rs.creationTimestampNs,
        });
        decision = rollingStep(params, counts(current), old.filter((rs) => rs.replicas > 0).map(counts));
      }
      for (const [rsName, replicas] of decision) sets.find((rs) => rs.name === rsName)!.replicas = replicas;
      let changed = decision.size > 0;
      for (const rs of sets) changed = this.manageReplicas(d, rs, nowNs) || changed;
      if (!changed) break;
    }
    this.noteAvailabilityWake(ns, name, minReadyNs, nowNs);
  }

  /** The new ReplicaSet is created with 0 replicas and scaled up by the strategy. */
  private newReplicaSet(sets: ReplicaSetState[], deployment: string, hash: string, nowNs: SimTime): ReplicaSetState {
    const rs = { name: `${deployment}-${hash}`, hash, replicas: 0, creationTimestampNs: nowNs };
    sets.push(rs);
    return rs;
  }

  /** The ReplicaSet's active pods: not Terminating (controller.FilterActivePods). */
  private activePods(ns: string, deployment: string, hash: string): Pod[] {
    return this.podList.filter(
      (p) =>
        p.namespace === ns &&
        p.deployment === deployment &&
        p.podTemplateHash === hash &&
        p.deletionTimestampNs === undefined,
    );
  }

  /** ReplicaSetController.manageReplicas: create the missing pods, delete the surplus by the ActivePods ranking. */
  private manageReplicas(d: ObjectOf<'Deployment'>, rs: ReplicaSetState, nowNs: SimTime): boolean {
    const ns = d.metadata.namespace ?? 'default';
    const name = d.metadata.name;
    const mine = this.activePods(ns, name, rs.hash);
    const diff = mine.length - rs.replicas;
    if (diff > 0) {
      const related = this.podList.filter(
        (p) => p.namespace === ns && p.deployment === name && p.deletionTimestampNs === undefined,
      );
      const rank = (p: Pod): RankedPod => ({
        name: p.name,
        uid: p.uid ?? '',
        nodeName: p.nodeName,
        phase:
          p.nodeName === undefined
            ? 'Pending'
            : this.nodes.find((n) => n.name === p.nodeName)?.ready === false
              ? 'Unknown'
              : 'Running',
        ready: p.ready,
        readySinceNs: p.readySinceNs,
        restartCount: 0,
        creationTimestampNs: p.creationTimestampNs,
        deletionCost:
          Number(d.spec.template.metadata.annotations['controller.kubernetes.io/pod-deletion-cost'] ?? 0) || 0,
      });
      const victims = podsToDelete(mine.map(rank), related.map(rank), diff, nowNs);
      for (const v of victims) this.markTerminating(ns, v.name, nowNs);
      return victims.length > 0;
    }
    if (diff < 0) {
      // The template of this ReplicaSet: the Deployment's own for the current hash; an old ReplicaSet's template is
      // the one it was created from (kept for a rollback's scale-up).
      const template =
        podTemplateHash(d.spec.template) === rs.hash ? d.spec.template : this.templates.get(`${ns}/${rs.name}`);
      if (template === undefined) return false;
      for (let i = 0; i < -diff; i++) this.createPod(ns, name, rs, template, nowNs);
      return true;
    }
    return false;
  }

  private createPod(
    ns: string,
    name: string,
    rs: ReplicaSetState,
    template: ObjectOf<'Deployment'>['spec']['template'],
    nowNs: SimTime,
  ): void {
    this.templates.set(`${ns}/${rs.name}`, template);
    const rng = this.nameStream(ns, name);
    const hash = rs.hash;
    // A name a live pod holds: the apiserver retries the create with a fresh draw (RetryGenerateName, v1.30+).
    let podName = generateName(`${rs.name}-`, rng);
    while (this.podList.some((p) => p.namespace === ns && p.name === podName))
      podName = generateName(`${rs.name}-`, rng);
    const nodeName = pickNode(
      this.nodes,
      this.podList,
      { namespace: ns, deployment: name },
      template.spec.nodeSelector,
    );
    const ip = nodeName === undefined ? undefined : this.ipam.allocate(nodeName);
    const containers: PodContainer[] = template.spec.containers.map((c) => ({
      name: c.name,
      ports: c.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })),
      env: envOf(c.env, podName, ns),
    }));
    const ready = ip !== undefined && this.opts.settled !== false;
    this.podList.push({
      namespace: ns,
      name: podName,
      deployment: name,
      podTemplateHash: hash,
      replicaSet: rs.name,
      uid: uuid(this.uidStream(ns, name)),
      labels: { ...template.metadata.labels, 'pod-template-hash': hash },
      nodeName,
      ip,
      ready,
      ...(ready ? { readySinceNs: nowNs } : {}),
      terminating: false,
      creationTimestampNs: nowNs,
      containers,
      lifecycle: lifecycleOf(template),
    });
    this.revision++;
    this.slicesCache = undefined;
  }

  /**
   * The earliest instant a Ready pod of the Deployment becomes available (Ready for minReadySeconds): the ReplicaSet
   * controller re-queues itself then (replica_set.go AddAfter minReadySeconds), and the rollout moves on.
   */
  private noteAvailabilityWake(ns: string, deployment: string, minReadyNs: SimTime, nowNs: SimTime): void {
    if (minReadyNs === 0) return;
    for (const p of this.podList) {
      if (p.namespace !== ns || p.deployment !== deployment || !p.ready || p.readySinceNs === undefined) continue;
      const at = p.readySinceNs + minReadyNs;
      if (at > nowNs && (this.wakeAtNs === undefined || at < this.wakeAtNs)) this.wakeAtNs = at;
    }
  }

  /**
   * Runs every Deployment's controllers at `nowNs` (after a pod's readiness changed, a pod was removed, or a
   * minReadySeconds wake-up). Returns the next instant they need to run again on their own, if any.
   */
  syncDeployments(nowNs: SimTime): SimTime | undefined {
    this.wakeAtNs = undefined;
    for (const d of this.list('Deployment')) this.reconcileDeployment(d, nowNs);
    return this.wakeAtNs;
  }

  /** The ReplicaSets of a Deployment (name, hash, spec.replicas), oldest first: `kubectl get rs`. */
  replicaSetsOf(namespace: string, deployment: string): readonly { name: string; hash: string; replicas: number }[] {
    return [...(this.replicaSets.get(`${namespace}/${deployment}`) ?? [])];
  }

  /** Sets deletionTimestamp: the pod is Terminating; its endpoint turns not ready (serving while still Ready). */
  markTerminating(namespace: string, name: string, nowNs: SimTime): boolean {
    const p = this.podList.find((x) => x.namespace === namespace && x.name === name);
    if (p === undefined || p.deletionTimestampNs !== undefined) return false;
    if (this.opts.settled !== false) return this.removePod(namespace, name);
    p.deletionTimestampNs = nowNs;
    p.terminating = true;
    this.revision++;
    this.slicesCache = undefined;
    return true;
  }

  /** The kubelet finished stopping a Terminating pod: the object goes and its IP is released. */
  removePod(namespace: string, name: string): boolean {
    const victim = this.podList.find((x) => x.namespace === namespace && x.name === name);
    if (victim === undefined) return false;
    this.removePods((x) => x === victim);
    this.revision++;
    this.slicesCache = undefined;
    return true;
  }

  private uidStream(ns: string, deployment: string): Rng {
    const key = `${ns}/${deployment}`;
    let rng = this.uidStreams.get(key);
    if (rng === undefined) {
      rng = this.opts.rng.fork(`pod-uids/${key}`);
      this.uidStreams.set(key, rng);
    }
    return rng;
  }

  private nameStream(ns: string, deployment: string): Rng {
    const key = `${ns}/${deployment}`;
    let rng = this.nameStreams.get(key);
    if (rng === undefined) {
      rng = this.opts.rng.fork(`pod-names/${key}`);
      this.nameStreams.set(key, rng);
    }
    return rng;
  }

  private removePods(pred: (p: Pod) => boolean): void {
    const keep: Pod[] = [];
    for (const p of this.podList) {
      if (pred(p)) {
        if (p.ip !== undefined) this.ipam.release(p.ip);
      } else keep.push(p);
    }
    this.podList = keep;
  }
}

function envOf(
  env: readonly { name: string; value?: string; valueFrom?: Record<string, unknown> }[],
  podName: string,
  namespace: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of env) {
    if (e.value !== undefined) out[e.name] = e.value;
    else {
      const path = (e.valueFrom?.fieldRef as { fieldPath?: string } | undefined)?.fieldPath;
      if (path === 'metadata.name') out[e.name] = podName;
      else if (path === 'metadata.namespace') out[e.name] = namespace;
    }
  }
  return out;
}

function desired(o: K8sObject): unknown {
  const { source: _s, metadata, ...rest } = o;
  const { creationTimestampNs: _c, generation: _g, ...meta } = metadata;
  return { ...rest, metadata: meta };
}

function specOf(o: K8sObject): string {
  const r = o as unknown as Record<string, unknown>;
  return canonicalJson(r.spec ?? { data: r.data, stringData: r.stringData });
}

/** Available (deployment/util IsPodAvailable): Ready, not Terminating, for at least minReadySeconds. */
function isAvailable(p: Pod, minReadyNs: SimTime, nowNs: SimTime): boolean {
  return p.ready && p.deletionTimestampNs === undefined && (p.readySinceNs ?? 0) + minReadyNs <= nowNs;
}

/** core/v1 defaults: terminationGracePeriodSeconds 30; Probe periodSeconds 10, initialDelaySeconds 0. */
const DEFAULT_TERMINATION_GRACE_S = 30;
const DEFAULT_PROBE_PERIOD_S = 10;

function lifecycleOf(t: ObjectOf<'Deployment'>['spec']['template']): PodLifecycle {
  const c = t.spec.containers[0];
  const probe = c.readinessProbe;
  return {
    terminationGracePeriodNs: (t.spec.terminationGracePeriodSeconds ?? DEFAULT_TERMINATION_GRACE_S) * NS_PER_S,
    preStopNs: preStopSeconds(c.lifecycle?.preStop) * NS_PER_S,
    readinessProbe:
      probe === undefined
        ? null
        : {
            initialDelayNs: (probe.initialDelaySeconds ?? 0) * NS_PER_S,
            periodNs: (probe.periodSeconds ?? DEFAULT_PROBE_PERIOD_S) * NS_PER_S,
          },
  };
}

/** A preStop hook's run time: `sleep: {seconds: N}`, or `exec` of `sleep N` (also through `sh -c "sleep N"`). */
function preStopSeconds(h: { sleep?: { seconds: number }; exec?: { command: string[] } } | undefined): number {
  if (h === undefined) return 0;
  if (h.sleep !== undefined) return h.sleep.seconds;
  const cmd = (h.exec?.command ?? []).join(' ');
  const m = /(?:^|[\s;&])sleep\s+(\d+(?:\.\d+)?)/.exec(cmd);
  return m === null ? 0 : Number(m[1]);
}
