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
import { generateName, podTemplateHash } from './pod-names.js';
import type { NodeInfo, Pod, PodContainer } from './pod.js';
import { pickNode } from './scheduler.js';
import { compareText } from '../../sim/compare-text.js';

export interface ObjectStoreOptions {
  nodes: readonly NodeInfo[];
  /** Which CNI allocates pod IPs. */
  podNetwork: PodNetwork;
  /** Parent stream; the store forks `pod-names/<ns>/<deployment>` and `ipam` from it. */
  rng: Rng;
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
    if (old.kind === 'Deployment') this.removePods((p) => p.namespace === namespace && p.deployment === name);
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
  setPodReady(namespace: string, name: string, ready: boolean): void {
    const p = this.podList.find((x) => x.namespace === namespace && x.name === name);
    if (p === undefined || p.ready === ready) return;
    p.ready = ready;
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
   * Deployment controller + ReplicaSet controller, settled: pods of the current template hash number `replicas`.
   * A template change replaces every old pod at once (the rollout's pacing, maxSurge/maxUnavailable 25%, is the world's to
   * model); scaling down removes the newest pods first (controller.ActivePods ranking among equally ready pods).
   */
  private reconcileDeployment(d: ObjectOf<'Deployment'>, nowNs: SimTime): void {
    const ns = d.metadata.namespace ?? 'default';
    const name = d.metadata.name;
    const hash = podTemplateHash(d.spec.template);
    this.removePods((p) => p.namespace === ns && p.deployment === name && p.podTemplateHash !== hash);
    const mine = this.podList.filter((p) => p.namespace === ns && p.deployment === name);
    if (mine.length > d.spec.replicas) {
      const doomed = new Set(
        [...mine]
          .sort((a, b) => b.creationTimestampNs - a.creationTimestampNs || compareText(b.name, a.name))
          .slice(0, mine.length - d.spec.replicas)
          .map((p) => p.name),
      );
      this.removePods((p) => p.namespace === ns && doomed.has(p.name));
      return;
    }
    const rng = this.nameStream(ns, name);
    for (let i = mine.length; i < d.spec.replicas; i++) {
      // A name a live pod holds: the apiserver retries the create with a fresh draw (RetryGenerateName, v1.30+).
      let podName = generateName(`${name}-${hash}-`, rng);
      while (this.podList.some((p) => p.namespace === ns && p.name === podName))
        podName = generateName(`${name}-${hash}-`, rng);
      const nodeName = pickNode(
        this.nodes,
        this.podList,
        { namespace: ns, deployment: name },
        d.spec.template.spec.nodeSelector,
      );
      const ip = nodeName === undefined ? undefined : this.ipam.allocate(nodeName);
      const containers: PodContainer[] = d.spec.template.spec.containers.map((c) => ({
        name: c.name,
        ports: c.ports.map((p) => ({ name: p.name, containerPort: p.containerPort, protocol: p.protocol })),
        env: envOf(c.env, podName, ns),
      }));
      this.podList.push({
        namespace: ns,
        name: podName,
        deployment: name,
        podTemplateHash: hash,
        labels: { ...d.spec.template.metadata.labels, 'pod-template-hash': hash },
        nodeName,
        ip,
        ready: ip !== undefined,
        terminating: false,
        creationTimestampNs: nowNs,
        containers,
      });
    }
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
