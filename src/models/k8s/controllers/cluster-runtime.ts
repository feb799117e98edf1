// One Kubernetes cluster in the world: its object store (the API server), the pods its Deployments run (with their
// server models), LB IP allocation, the Gateway API controller's translation, and the configuration pushes to the
// gateway proxies after the modelled propagation delay. Controllers stay pure; this file applies their output. What it
// needs of the world around it (engine, network, request path, the entry plane, the scenario's choices) comes in
// through ClusterHost, which scenarios/wiring/world.ts implements.
import { BUILT_IN_GATEWAY_CLASSES } from '../../gatewayapi/gateway-classes.js';
import type { ObjectOf, K8sObject } from '../k8s-object.js';
import { ObjectStore } from '../object-store.js';
import type { NodeInfo, Pod } from '../pod.js';
import { ECHO_DEFAULT_HTTP_PORT, echoListenPort } from '../pod.js';
import { pickNode } from '../scheduler.js';
import { PodServer } from '../../backend/pod-server.js';
import type { HttpRequest } from '../../http/request.js';
import { translate, type Translation } from '../../gatewayapi/translate.js';
import type { BackendTarget, GatewayConfig } from '../../gatewayapi/gateway-config.js';
import type { UpstreamEndpoint } from '../../envoy/proxy/upstream-cluster.js';
import { CalicoLbIpam } from '../../ipam/calico-lb-ipam.js';
import { CiliumLbIpam } from '../../ipam/cilium-lb-ipam.js';
import { APP_STARTUP_NS, POD_STARTUP_NS, XDS_PUSH_DELAY_NS } from './kube-timings.js';
import type { BackendBehaviour } from '../../backend/behaviour.js';
import type { Network } from '../../net/network.js';
import type { GatewayProxy } from '../../envoy/proxy/gateway-proxy.js';
import { syncFederatedServices } from './federation.js';
import { NO_REPLICAS, type GatewayReplica, type GatewayRuntime } from '../../path/gateway-runtime.js';
import type { PodRuntime } from '../../path/pod-runtime.js';
import { ClusterKube, type KubeHost } from './cluster-kube.js';
import { compareText } from '../../../sim/compare-text.js';
import { NS_PER_S } from '../../../sim/time.js';
import type { EventKind } from '../../../sim/engine.js';
import { ENVOY_GATEWAY_NAMESPACE } from '../../gatewayapi/envoy-gateway-infra.js';

/** A cluster as the scenario declares it: its name, platform and nodes. */
export interface ClusterSpec {
  readonly name: string;
  readonly platform: 'calico' | 'cilium';
  readonly nodes: readonly { readonly name: string; readonly address: string }[];
}

/** What a cluster needs of the world it runs in. */
export interface ClusterHost extends KubeHost {
  readonly network: Network;
  /** Every cluster of the world, this one included (federation and cross-cluster pushes). */
  readonly clusters: ReadonlyMap<string, ClusterRuntime>;
  /** The request path's directory of gateways by LB IP. */
  readonly gatewaysByAddress: Map<string, GatewayRuntime>;
  /** Registers a pod the Deployment controller created, with its server (built once its recorder index is known). */
  addPod(
    rt: Omit<PodRuntime, 'index' | 'server' | 'alive'>,
    server: (onResponse: (req: HttpRequest) => void, index: number) => PodServer<HttpRequest>,
  ): PodRuntime;
  removePod(rt: PodRuntime): void;
  registerReplica(r: GatewayReplica): void;
  newProxy(name: string, platform: 'calico' | 'cilium', node: string): GatewayProxy;
  /** How a new pod's server behaves (the scenario's backend rules). */
  podBehaviour(pod: Pod, cluster: string): BackendBehaviour;
  /** The cluster's gateways changed (pushed, moved, removed): the entry plane (BGP, L2) updates what it announces. */
  gatewaysChanged(cluster: ClusterRuntime): void;
}

export class ClusterRuntime {
  readonly name: string;
  readonly platform: 'calico' | 'cilium';
  readonly store: ObjectStore;
  readonly nodes: NodeInfo[];
  readonly pods = new Map<string, PodRuntime>();
  readonly gateways = new Map<string, GatewayRuntime>();
  /** The last translation (routes, status) and when it was computed. */
  translation: Translation | null = null;
  /** Why LB IPAM gave a Gateway's Service no address at the last push (no pool allows it, pools exhausted). */
  private readonly addressProblems = new Map<string, string>();
  private pushPending = false;
  /** Pods (`ns/name`) whose termination the kubelet has begun. */
  private readonly terminating = new Set<string>();
  /** When the Deployment controllers next wake on their own (a pod reaching minReadySeconds), if scheduled. */
  private syncAt: number | null = null;
  /** Registered on first use (a Deployment with minReadySeconds), so runs without one keep their event kinds. */
  private syncKind: EventKind<null> | null = null;
  /** Ready endpoints (`pod ip:port`) of each Service at the last push, to report endpoint.added / endpoint.removed. */
  private readonly pushedEndpoints = new Map<string, Set<string>>();
  /** Last endpoint set written to each federated Service (to notice changes). */
  readonly federatedCache = new Map<string, string>();
  private readonly pushKind;
  private readonly readyKind;
  /** The platform's LB IP allocator, one for the cluster's life (kube-controllers' LoadBalancer controller; Cilium's
   *  operator LB-IPAM): a Gateway's Service keeps its address until the Service goes. */
  private readonly calicoLb: CalicoLbIpam | null;
  private readonly ciliumLb: CiliumLbIpam | null;

  /** Kubernetes' reaction to node and pod failures in this cluster (kubelet, node lifecycle, EndpointSlices). */
  readonly kube: ClusterKube;

  constructor(
    readonly world: ClusterHost,
    readonly config: ClusterSpec,
  ) {
    this.name = config.name;
    this.platform = config.platform;
    // kubeadm and kind taint control-plane nodes NoSchedule: workloads land on the workers (names as the labs use them).
    // kubeadm (and kind through it) labels them node-role.kubernetes.io/control-plane="" (kubeadm markcontrolplane).
    this.nodes = config.nodes.map((n) => {
      const control = /control/.test(n.name) && config.nodes.length > 1;
      return {
        name: n.name,
        ready: true,
        unschedulable: control,
        labels: {
          'kubernetes.io/hostname': n.name,
          ...(control ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
        },
      };
    });
    this.store = new ObjectStore({
      nodes: this.nodes,
      podNetwork: config.platform,
      rng: world.rng(`cluster/${config.name}/store`),
      settled: false,
    });
    this.calicoLb = config.platform === 'calico' ? new CalicoLbIpam({ pools: [] }) : null;
    this.ciliumLb = config.platform === 'cilium' ? new CiliumLbIpam({ pools: [] }) : null;
    this.pushKind = world.engine.kind<null>(`controlplane.push/${config.name}`, () => this.push());
    this.readyKind = world.engine.kind<Pod>(`pod.ready/${config.name}`, (p) => this.podBecameReady(p));
    this.kube = new ClusterKube(this);
  }

  /** `kubectl apply` of a set of objects at engine.now, then the controllers react. */
  apply(objects: readonly K8sObject[]): string[] {
    const out: string[] = [];
    for (const o of objects) {
      if (o.kind === 'ServiceAccount') {
        out.push(`serviceaccount/${o.metadata.name} ${this.store.apply(o, this.world.engine.now)}`);
        continue;
      }
      const r = this.store.apply(o, this.world.engine.now);
      const group = groupOf(o);
      out.push(`${o.kind.toLowerCase()}${group ? `.${group}` : ''}/${o.metadata.name} ${r}`);
    }
    this.reconcile();
    return out;
  }

  /** `kubectl delete`. */
  delete(objects: readonly K8sObject[]): string[] {
    const out: string[] = [];
    for (const o of objects)
      if (this.store.delete(o.kind, o.metadata.namespace, o.metadata.name))
        out.push(`${o.kind.toLowerCase()} "${o.metadata.name}" deleted`);
    this.reconcile();
    return out;
  }

  /** Re-runs the built-in controllers after any change: pods, then a (coalesced) configuration push here and in every
   *  cluster that federates this one's Services. */
  reconcile(): void {
    const wake = this.store.syncDeployments(this.world.engine.now);
    if (wake !== undefined && (this.syncAt === null || wake < this.syncAt)) {
      this.syncAt = wake;
      this.syncKind ??= this.world.engine.kind<null>(`deployment.sync/${this.name}`, () => {
        this.syncAt = null;
        this.reconcile();
      });
      this.world.engine.scheduleAt(wake, this.syncKind, null);
    }
    this.syncPods();
    this.schedulePush();
    if (this.world.clusters.size > 1) for (const c of this.world.clusters.values()) if (c !== this) c.schedulePush();
  }

  private syncPods(): void {
    const seen = new Set<string>();
    for (const p of this.store.pods()) {
      const key = `${p.namespace}/${p.name}`;
      seen.add(key);
      const known = this.pods.get(key);
      if (known !== undefined && p.deletionTimestampNs !== undefined && !this.terminating.has(key))
        this.startTermination(known, p);
      if (known !== undefined || p.nodeName === undefined) continue;
      // A new pod is not Ready until its container started, its app listens and its readiness probe passes.
      const world = this.world;
      const rt = world.addPod(
        { pod: p, cluster: this.name, nodeIndex: world.network.index(p.nodeName) },
        (onResponse, index) =>
          new PodServer<HttpRequest>(
            world.engine,
            world.rng(`pod/${this.name}/${key}`),
            world.podBehaviour(p, this.name),
            listenPorts(p),
            (req) => {
              req.pod = index;
              onResponse(req);
            },
            `${this.name}/${key}`,
          ),
      );
      this.pods.set(key, rt);
      world.engine.schedule(readyDelayNs(p), this.readyKind, p);
      if (p.deletionTimestampNs !== undefined) this.startTermination(rt, p);
    }
    for (const [key, rt] of this.pods) {
      if (seen.has(key)) continue;
      this.world.removePod(rt);
      this.pods.delete(key);
      this.terminating.delete(key);
    }
  }

  /**
   * The kubelet stops a deleted pod (pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer): the preStop hook
   * runs first, then the container gets SIGTERM, and SIGKILL once terminationGracePeriodSeconds (from the deletion)
   * has passed; a preStop hook still running at the end of the grace period is cut short (the 2 s extension aside).
   * The pod stays Ready meanwhile (its readiness probe keeps running), so its endpoint is serving and terminating but
   * not ready (discovery/v1 EndpointConditions) from the deletion on: Envoy Gateway stops sending it new requests at
   * the next push. echo-basic, a Go server with no SIGTERM handler running as PID 1, exits at SIGTERM (the Go runtime
   * exits on SIGTERM, os/signal "Default behavior"): its listener is gone, new connections are refused, and the pod
   * object goes with its IP. Requests it is serving then still finish (a reset is not modelled).
   */
  private startTermination(rt: PodRuntime, p: Pod): void {
    const key = `${p.namespace}/${p.name}`;
    this.terminating.add(key);
    const grace = p.lifecycle?.terminationGracePeriodNs ?? 30 * NS_PER_S;
    const preStop = p.lifecycle?.preStopNs ?? 0;
    this.world.timeline.emit('pod.terminating', {
      cluster: this.name,
      pod: key,
      node: p.nodeName,
      gracePeriodS: grace / NS_PER_S,
      ...(preStop > 0 ? { preStopS: preStop / NS_PER_S } : {}),
    });
    this.world.later(Math.min(preStop, grace), () => {
      rt.server.running = false;
      this.world.timeline.emit('pod.stopped', {
        cluster: this.name,
        pod: key,
        node: p.nodeName,
        signal: preStop > grace ? 'SIGTERM at the grace period' : 'SIGTERM',
      });
      this.store.removePod(p.namespace, p.name);
      this.reconcile();
    });
  }

  private podBecameReady(p: Pod): void {
    if (!this.pods.has(`${p.namespace}/${p.name}`) || p.deletionTimestampNs !== undefined) return;
    this.store.setPodReady(p.namespace, p.name, true, this.world.engine.now);
    this.world.timeline.emit('pod.ready', { cluster: this.name, pod: `${p.namespace}/${p.name}`, node: p.nodeName });
    this.reconcile();
  }

  schedulePush(): void {
    if (this.pushPending) return;
    this.pushPending = true;
    this.world.engine.schedule(XDS_PUSH_DELAY_NS, this.pushKind, null);
  }

  /** Translate the current objects and push to every gateway proxy (the state at push time: pushes coalesce). */
  private push(): void {
    this.pushPending = false;
    if (this.world.clusters.size > 1) syncFederatedServices(this, [...this.world.clusters.values()]);
    const addresses = this.allocateAddresses();
    const t = translate({
      objects: this.store.all(),
      endpointSlices: this.store.endpointSlices(),
      addresses,
      addressProblems: this.addressProblems,
      // The platform installs its own class only: the Tigera operator creates tigera-gateway-class (Calico Ingress
      // Gateway docs, v3.30), Cilium's operator creates `cilium` when gatewayAPI.enabled (Cilium docs, v1.18).
      builtInGatewayClasses: BUILT_IN_GATEWAY_CLASSES.filter(
        (c) => c.name === (this.platform === 'calico' ? 'tigera-gateway-class' : 'cilium'),
      ),
    });
    this.translation = t;
    this.diffEndpoints();
    for (const cfg of t.gateways) {
      const gw = this.ensureGateway(cfg, addresses.get(`${cfg.namespace}/${cfg.name}`)?.[0] ?? null);
      // xDS goes to every Envoy of the gateway: each proxy pod (Envoy Gateway), each node's Envoy (Cilium's CiliumEnvoyConfig).
      gw.config = cfg;
      for (const r of gw.replicas) r.proxy.applyConfig(cfg, this.endpointsOfFn);
      this.world.timeline.emit('config.pushed', {
        cluster: this.name,
        gateway: `${cfg.namespace}/${cfg.name}`,
        routes: countRoutes(cfg),
      });
    }
    this.retireGatewaysNotIn(t.gateways);
    this.world.gatewaysChanged(this);
  }

  /**
   * A Gateway that is gone (deleted, or no longer programmed) loses its Envoys and its LB IP, as Envoy Gateway deletes
   * the proxy Deployment and its LoadBalancer Service: new connections to the address find nothing.
   */
  private retireGatewaysNotIn(live: readonly GatewayConfig[]): void {
    const keep = new Set(live.map((g) => `${g.namespace}/${g.name}`));
    for (const [key, gw] of this.gateways) {
      if (keep.has(key)) continue;
      for (const r of [...gw.replicas]) this.stopReplica(gw, r);
      if (gw.address !== null && this.world.gatewaysByAddress.get(gw.address) === gw)
        this.world.gatewaysByAddress.delete(gw.address);
      gw.address = null;
      this.gateways.delete(key);
      this.world.timeline.emit('gateway.removed', { cluster: this.name, gateway: key });
    }
  }

  /**
   * Starts an Envoy for `gw` on `node` (a new proxy pod, or Cilium's per-node Envoy on first use) with the configuration
   * last pushed. `name` names its random streams; `pod` is its proxy pod (Envoy Gateway) or null (Cilium).
   */
  startReplica(gw: GatewayRuntime, node: string, name: string, pod: string | null): GatewayReplica {
    const proxy = this.world.newProxy(`${this.name}/${name}`, this.platform, node);
    if (gw.config !== null) proxy.applyConfig(gw.config, this.endpointsOfFn);
    const r: GatewayReplica = { proxy, gateway: gw, nodeIndex: this.world.network.index(node), nodeName: node, pod };
    gw.replicas.push(r);
    this.world.registerReplica(r);
    return r;
  }

  /** An Envoy stops (its pod was evicted or deleted): no more config, no more packets; requests in flight still finish. */
  stopReplica(gw: GatewayRuntime, r: GatewayReplica): void {
    const i = gw.replicas.indexOf(r);
    if (i >= 0) gw.replicas.splice(i, 1);
    for (let n = 0; n < gw.servingByNode.length; n++)
      if (gw.servingByNode[n].includes(r)) gw.servingByNode[n] = gw.servingByNode[n].filter((x) => x !== r);
  }

  /**
   * Envoy Gateway: the proxy pods whose endpoints are Ready in the published EndpointSlice take the packets entering their
   * nodes (Service eTP Local: kube-proxy forwards only to local Ready endpoints; kubernetes.io "Traffic policies").
   */
  setServingPods(gw: GatewayRuntime, readyPods: ReadonlySet<string>): void {
    const serving: GatewayReplica[][] = gw.servingByNode.map(() => []);
    for (const r of gw.replicas) if (r.pod !== null && readyPods.has(r.pod)) serving[r.nodeIndex].push(r);
    gw.servingByNode = serving.map((l) => (l.length === 0 ? NO_REPLICAS : l));
    const first = gw.replicas.find((r) => gw.servingByNode[r.nodeIndex].includes(r)) ?? gw.replicas[0];
    if (first !== undefined) {
      gw.nodeIndex = first.nodeIndex;
      gw.nodeName = first.nodeName;
    }
  }

  /**
   * Cilium: packets for the LB IP now enter at `node` (its gratuitous ARP) and that node's Envoy serves them (reference
   * 2.3: the receiving node's Envoy, through TPROXY); the Envoy that served before keeps its own state for later.
   */
  setArpOwner(gw: GatewayRuntime, node: string): void {
    if (gw.nodeName === node) return;
    gw.nodeName = node;
    gw.nodeIndex = this.world.network.index(node);
    this.world.timeline.emit('gateway.moved', { cluster: this.name, gateway: `${gw.namespace}/${gw.name}`, node });
  }

  /** Cilium: the Envoy of the node at host index `nodeIndex` for `gw`, started on first use (cilium-envoy runs on every node). */
  nodeEnvoy(gw: GatewayRuntime, nodeIndex: number): GatewayReplica {
    const here = gw.servingByNode[nodeIndex];
    if (here.length > 0) return here[0];
    const node = this.world.network.topology.hosts[nodeIndex].name;
    const r = this.startReplica(gw, node, `kube-system/cilium-envoy/${node}`, null);
    gw.servingByNode[nodeIndex] = [r];
    return r;
  }

  /** endpoint.added / endpoint.removed for ready endpoints that changed since the last push (what EDS consumers saw change). */
  private diffEndpoints(): void {
    for (const slice of this.store.endpointSlices()) {
      const service = `${slice.namespace}/${slice.serviceName}`;
      const now = new Set<string>();
      for (const p of slice.ports)
        for (const e of p.endpoints) if (e.ready) now.add(`${e.podName ?? e.ip} ${e.ip}:${e.port}`);
      const before = this.pushedEndpoints.get(service) ?? new Set<string>();
      for (const k of now)
        if (!before.has(k)) this.world.timeline.emit('endpoint.added', { cluster: this.name, service, endpoint: k });
      for (const k of before)
        if (!now.has(k)) this.world.timeline.emit('endpoint.removed', { cluster: this.name, service, endpoint: k });
      this.pushedEndpoints.set(service, now);
    }
  }

  /**
   * LB IPs per Gateway from the platform's LB IPAM (Calico IPPools with allowedUses LoadBalancer; Cilium LB-IPAM
   * pools), brought up to date with the objects at push time: the pools as they are now, the Services of deleted
   * Gateways released (Envoy Gateway / Cilium delete the Service with its Gateway), then every live Gateway's Service
   * confirmed or given an address in creation order. An address never moves because another object came or went.
   */
  private allocateAddresses(): Map<string, string[]> {
    const out = new Map<string, string[]>();
    this.addressProblems.clear();
    const gws = sortedByCreation(this.store.list('Gateway'));
    if (this.calicoLb !== null) {
      const ipam = this.calicoLb;
      ipam.setPools(
        this.store.list('IPPool').map((p) => ({
          name: p.metadata.name,
          cidr: p.spec.cidr,
          blockSize: p.spec.blockSize,
          allowedUses: p.spec.allowedUses,
          disabled: p.spec.disabled,
        })),
      );
      releaseAllBut(ipam, new Set(gws.map(envoyServiceKey)));
      for (const g of gws) {
        const a = ipam.allocate({ key: envoyServiceKey(g) });
        if (a.ip !== null) out.set(`${nsOf(g)}/${g.metadata.name}`, [a.ip]);
        else if (a.reason !== undefined) this.addressProblems.set(`${nsOf(g)}/${g.metadata.name}`, a.reason);
      }
    } else if (this.ciliumLb !== null) {
      const ipam = this.ciliumLb;
      ipam.setPools(
        sortedByCreation(this.store.list('CiliumLoadBalancerIPPool')).map((p) => ({
          name: p.metadata.name,
          blocks: [...p.spec.blocks, ...(p.spec.cidrs ?? [])],
          serviceSelector: p.spec.serviceSelector as never,
          disabled: p.spec.disabled,
        })),
      );
      releaseAllBut(ipam, new Set(gws.map(ciliumServiceKey)));
      for (const g of gws) {
        const ns = nsOf(g);
        const a = ipam.allocate({
          key: ciliumServiceKey(g),
          namespace: ns,
          name: `cilium-gateway-${g.metadata.name}`,
          labels: {},
          requestedIPs: ciliumRequestedIPs(g),
        });
        const ip = a.ip;
        if (ip === null && a.reason !== undefined) this.addressProblems.set(`${ns}/${g.metadata.name}`, a.reason);
        // Cilium's Gateway status shows the Service's ingress IPs only: none yet means none, whatever spec.addresses
        // says.
        out.set(`${ns}/${g.metadata.name}`, ip === null ? [] : [ip]);
      }
    }
    return out;
  }

  private ensureGateway(cfg: GatewayConfig, address: string | null): GatewayRuntime {
    const key = `${cfg.namespace}/${cfg.name}`;
    let gw = this.gateways.get(key);
    if (gw === undefined) {
      // Envoy Gateway's proxy Deployment is scheduled like any pod: its first Envoy starts here (ClusterKube adds the
      // other replicas and the pods); Cilium's Envoy runs on every node, started when a node first receives traffic.
      const node =
        pickNode(this.nodes, this.store.pods(), {
          namespace: ENVOY_GATEWAY_NAMESPACE,
          deployment: `envoy-${cfg.namespace}-${cfg.name}`,
        }) ?? this.nodes[0].name;
      gw = {
        cluster: this.name,
        namespace: cfg.namespace,
        name: cfg.name,
        platform: this.platform,
        address: null,
        serviceKey:
          this.platform === 'calico'
            ? `${ENVOY_GATEWAY_NAMESPACE}/envoy-${cfg.namespace}-${cfg.name}`
            : `${cfg.namespace}/cilium-gateway-${cfg.name}`,
        config: null,
        replicas: [],
        servingByNode: this.world.network.topology.hosts.map(() => NO_REPLICAS),
        nodeIndex: this.world.network.index(node),
        nodeName: node,
      };
      this.gateways.set(key, gw);
      if (this.platform === 'calico')
        this.startReplica(gw, node, `${ENVOY_GATEWAY_NAMESPACE}/envoy-${cfg.namespace}-${cfg.name}`, null);
    }
    if (gw.address !== address) {
      if (gw.address !== null) this.world.gatewaysByAddress.delete(gw.address);
      gw.address = address;
      if (address !== null) this.world.gatewaysByAddress.set(address, gw);
    }
    return gw;
  }

  /** What Envoy's EDS gets for a backendRef: ready endpoints (Envoy Gateway sends only ready ones). */
  private readonly endpointsOfFn = (b: BackendTarget): UpstreamEndpoint[] => this.endpointsOf(b);

  private endpointsOf(b: BackendTarget): UpstreamEndpoint[] {
    return b.endpoints.filter((e) => e.ready).map((e) => ({ address: e.ip, port: e.port, ready: true }));
  }

  /** The Service selecting a pod (first by name in its namespace), for reports. */
  serviceOf(pod: Pod): string {
    for (const s of this.store.list('Service')) {
      if ((s.metadata.namespace ?? 'default') !== pod.namespace) continue;
      const sel = s.spec.selector;
      if (sel && Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => pod.labels[k] === v))
        return s.metadata.name;
    }
    return '';
  }
}

/**
 * When a new pod is Ready, from its creation. Its container runs after POD_STARTUP_NS and its app listens
 * APP_STARTUP_NS later. Without a readinessProbe the kubelet reports the container ready once it runs
 * (pkg/kubelet/prober/prober_manager.go UpdatePodStatus: no probe worker, ready); gwsim counts that from when the app
 * listens, as before. With one, the prober worker (pkg/kubelet/prober/worker.go run) probes when the pod is added and
 * every periodSeconds after (plus one probe triggered at the container's start, which finds the app not listening
 * yet); a probe before initialDelaySeconds of running is skipped (doProbe); the first passing one (successThreshold
 * 1) makes it Ready: the first multiple of the period at or after both the app listening and the initial delay.
 */
export function readyDelayNs(p: Pick<Pod, 'lifecycle'>): number {
  const listens = POD_STARTUP_NS + APP_STARTUP_NS;
  const probe = p.lifecycle?.readinessProbe ?? null;
  if (probe === null) return listens;
  const earliest = Math.max(listens, POD_STARTUP_NS + probe.initialDelayNs);
  return Math.ceil(earliest / probe.periodNs) * probe.periodNs;
}

/**
 * The ports a pod's server listens on. echo-basic (the Calico workshops' image) listens on $HTTP_PORT, default 3000,
 * whatever containerPort says (the failover workshop relies on it); other apps listen on the ports they declare.
 */
function listenPorts(p: Pod): number[] {
  if (p.containers.some((c) => c.env.HTTP_PORT !== undefined)) return [echoListenPort(p)];
  const declared = p.containers.flatMap((c) => c.ports.map((x) => x.containerPort));
  return declared.length > 0 ? declared : [ECHO_DEFAULT_HTTP_PORT];
}

function nsOf(o: { metadata: { namespace?: string } }): string {
  return o.metadata.namespace ?? 'default';
}

function sortedByCreation<T extends { metadata: { name: string; namespace?: string; creationTimestampNs?: number } }>(
  gws: readonly T[],
): T[] {
  return [...gws].sort(
    (a, b) =>
      (a.metadata.creationTimestampNs ?? 0) - (b.metadata.creationTimestampNs ?? 0) ||
      compareText(`${nsOf(a)}/${a.metadata.name}`, `${nsOf(b)}/${b.metadata.name}`),
  );
}

function envoyServiceKey(g: ObjectOf<'Gateway'>): string {
  return `${ENVOY_GATEWAY_NAMESPACE}/envoy-${nsOf(g)}-${g.metadata.name}`;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

function ciliumServiceKey(g: ObjectOf<'Gateway'>): string {
  return `${nsOf(g)}/cilium-gateway-${g.metadata.name}`;
}

/** Releases every Service's address whose key is not in `live` (its Gateway, and so the Service, was deleted). */
function releaseAllBut(ipam: CalicoLbIpam | CiliumLbIpam, live: ReadonlySet<string>): void {
  for (const key of [...ipam.allocatedKeys()]) if (!live.has(key)) ipam.release(key);
}

/**
 * The addresses a Cilium Gateway asks LB-IPAM for: the `lbipam.cilium.io/ips` (older `io.cilium/lb-ipam-ips`)
 * annotation in spec.infrastructure.annotations, which Cilium copies to the Service, else spec.addresses of type
 * IPAddress (cilium:Documentation/network/servicemesh/gateway-api/addresses.rst: the annotation wins, spec.addresses is
 * then ignored).
 */
function ciliumRequestedIPs(g: ObjectOf<'Gateway'>): string[] | undefined {
  const ann = g.spec.infrastructure?.annotations;
  const v = ann?.['lbipam.cilium.io/ips'] ?? ann?.['io.cilium/lb-ipam-ips'];
  // An entry that does not parse is skipped (lbipam.go getSVCRequestedIPs logs it and goes on).
  const ips =
    v !== undefined && v.trim() !== ''
      ? v.split(',').map((x) => x.trim())
      : g.spec.addresses.filter((a) => a.type === 'IPAddress').map((a) => a.value);
  const valid = ips.filter((ip) => IPV4.test(ip));
  return valid.length > 0 ? valid : undefined;
}

/** The API group as kubectl prints it (`deployment.apps/x`, `service/x`). */
function groupOf(o: K8sObject): string {
  return o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : '';
}

function countRoutes(cfg: GatewayConfig): number {
  let n = 0;
  for (const p of cfg.ports) for (const l of p.listeners) for (const v of l.virtualHosts) n += v.routes.length;
  return n;
}
