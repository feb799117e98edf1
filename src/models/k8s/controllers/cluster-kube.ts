// Kubernetes' reaction to failures inside one cluster of the world, on KubeReaction's timers (kube-reaction.ts):
// kubelet heartbeats and NotReady, container crashes, taint-based eviction and the ReplicaSet's replacements (through
// the ObjectStore, NotReady nodes excluded), and the Envoy Gateway proxy pods behind each Calico gateway
// (`spec.gateway.replicas` of them, spread over the nodes), whose Ready endpoints decide which nodes take the gateway's
// packets and advertise its /32. It does not decide routes (scenarios/wiring/bgp-plane.ts) nor run pods' servers
// (cluster-runtime.ts).
import { KubeReaction } from './kube-reaction.js';
import type { EndpointView, KubePodSpec } from './kube-reaction.js';
import { generateName } from '../pod-names.js';
import { pickNode } from '../scheduler.js';
import type { NodeInfo, Pod } from '../pod.js';
import type { Rng } from '../../../sim/rng.js';
import type { ObjectStore } from '../object-store.js';
import type { Engine } from '../../../sim/engine.js';
import type { TimelineSink } from '../../metrics/timeline.js';
import { ENVOY_GATEWAY_NAMESPACE } from '../../gatewayapi/envoy-gateway-infra.js';
import type { GatewayReplica, GatewayRuntime } from '../../path/gateway-runtime.js';
import type { PodRuntime } from '../../path/pod-runtime.js';
import { ENDPOINTSLICE_PROPAGATION_NS, POD_STARTUP_NS } from './kube-timings.js';
import type { SimTime } from '../../../sim/time.js';

/** Kubernetes minor version whose defaults apply (1.32: node-monitor-grace-period 50 s; reference 3). */
export const KUBE_MINOR = 32;

/** Hears the Envoy proxy endpoints of a gateway change (after EndpointSlice propagation). */
export type EnvoyEndpointsListener = (gw: GatewayRuntime, endpoints: readonly EndpointView[]) => void;

/** What ClusterKube needs of the world around its cluster (part of ClusterHost). */
export interface KubeHost {
  readonly engine: Engine;
  readonly timeline: TimelineSink;
  /** Envoy Gateway proxy pods per Gateway. */
  readonly gatewayReplicas: number;
  rng(name: string): Rng;
  later(delayNs: number, f: () => void): void;
}

/** What ClusterKube needs of its cluster (ClusterRuntime). */
export interface KubeCluster {
  readonly name: string;
  readonly platform: 'calico' | 'cilium';
  readonly world: KubeHost;
  readonly nodes: NodeInfo[];
  readonly store: ObjectStore;
  readonly pods: ReadonlyMap<string, PodRuntime>;
  readonly gateways: ReadonlyMap<string, GatewayRuntime>;
  reconcile(): void;
  startReplica(gw: GatewayRuntime, node: string, name: string, pod: string | null): GatewayReplica;
  stopReplica(gw: GatewayRuntime, r: GatewayReplica): void;
  setServingPods(gw: GatewayRuntime, readyPods: ReadonlySet<string>): void;
}

export class ClusterKube {
  readonly kube: KubeReaction;
  /** Envoy pod name -> its gateway; Service key -> gateway. */
  private readonly envoyPodGateway = new Map<string, GatewayRuntime>();
  private readonly envoyByService = new Map<string, GatewayRuntime>();
  private readonly envoyListeners: EnvoyEndpointsListener[] = [];
  /** Workload pods (`ns/name`) registered with KubeReaction when their node failed. */
  private readonly registered = new Set<string>();
  private readonly names: Rng;

  constructor(readonly cluster: KubeCluster) {
    const world = cluster.world;
    this.names = world.rng(`k8s/${cluster.name}/envoy-pod-names`);
    this.kube = new KubeReaction(
      world.engine,
      world.rng(`k8s/${cluster.name}`),
      { nodes: cluster.nodes.map((n) => n.name), kubeMinor: KUBE_MINOR },
      world.timeline,
      {
        onNodeReadyChanged: (node, ready) => this.nodeReadyChanged(node, ready),
        onPodReadyChanged: (pod, ready) => this.podReadyChanged(pod, ready),
        onPodEvicted: (pod) => this.podEvicted(pod),
        onEndpointsChanged: (service, eps) => this.endpointsChanged(service, eps),
        onContainerChanged: (pod, running) => this.containerChanged(pod, running),
      },
    );
  }

  onEnvoyEndpoints(listener: EnvoyEndpointsListener): void {
    this.envoyListeners.push(listener);
  }

  /**
   * Envoy Gateway creates one proxy Deployment per Gateway (reference 1.10: replicas 1 by default, Service eTP Local). Its
   * first pod starts where the world started the gateway's first Envoy; the others are spread by the scheduler, each
   * pod an Envoy of its own; each is Ready after start-up and its first passing probe.
   */
  syncGateways(): void {
    if (this.cluster.platform !== 'calico') return;
    // A Gateway that is gone takes its proxy Deployment with it: its Envoy pods leave the cluster.
    const live = new Set(this.cluster.gateways.values());
    for (const [service, gw] of this.envoyByService) {
      if (live.has(gw)) continue;
      this.envoyByService.delete(service);
      for (const [pod, owner] of this.envoyPodGateway) {
        if (owner !== gw) continue;
        this.envoyPodGateway.delete(pod);
        this.kube.deletePod(pod);
      }
    }
    for (const gw of this.cluster.gateways.values()) {
      if (this.envoyByService.has(gw.serviceKey)) continue;
      this.envoyByService.set(gw.serviceKey, gw);
      const first = gw.replicas[0];
      if (first !== undefined) first.pod = this.startEnvoyPod(gw, first.nodeName);
      for (let k = gw.replicas.length; k < this.cluster.world.gatewayReplicas; k++) this.startReplica(gw);
    }
  }

  /** The Envoy proxy endpoints of a gateway as last published (node, ready). */
  envoyEndpoints(gw: GatewayRuntime): EndpointView[] {
    return this.kube.endpoints(gw.serviceKey);
  }

  /** A node fails hard (heartbeats stop) or shuts down in order (drain: its pods are evicted at once). */
  nodeDown(node: string, graceful: boolean): void {
    for (const rt of this.cluster.pods.values()) if (rt.alive && rt.pod.nodeName === node) this.register(rt);
    if (graceful) this.kube.nodeGracefulDown(node);
    else this.kube.nodeDown(node);
  }

  /**
   * A workload pod's container exits now (the scenario's pod crash): the kubelet's PLEG, Ready condition and
   * CrashLoopBackOff run in KubeReaction. Returns when the container starts again (null: not restarted), or
   * 'notRunning' when it was not running.
   */
  podCrash(rt: PodRuntime, restart: boolean): SimTime | null | 'notRunning' {
    const key = this.register(rt);
    if (!this.kube.isContainerRunning(key)) return 'notRunning';
    return this.kube.podCrash(key, restart);
  }

  /** Hands a workload pod to KubeReaction (once): running and Ready, its probes ticking from its container's start. */
  private register(rt: PodRuntime): string {
    const key = `${rt.pod.namespace}/${rt.pod.name}`;
    if (this.registered.has(key)) return key;
    this.registered.add(key);
    this.kube.addPod(
      { name: key, node: rt.pod.nodeName ?? '', services: [] },
      rt.pod.creationTimestampNs + POD_STARTUP_NS,
    );
    return key;
  }

  nodeUp(node: string): void {
    this.kube.nodeUp(node);
  }

  // ---- KubeReaction callbacks ----

  /** NotReady nodes get no new pods (scheduler NodeReady filter); the world re-derives endpoints. */
  private nodeReadyChanged(node: string, ready: boolean): void {
    const info = this.cluster.nodes.find((n) => n.name === node);
    if (info !== undefined) info.ready = ready;
    this.cluster.store.setNodes(this.cluster.nodes);
    this.cluster.reconcile();
  }

  /** The EndpointSlice controller writes the change after its propagation delay; the proxies hear of it at the next
   *  push. */
  private podReadyChanged(spec: KubePodSpec, ready: boolean): void {
    if (this.envoyPodGateway.has(spec.name)) return; // Envoy pods reach the world through their endpoints
    this.cluster.world.later(ENDPOINTSLICE_PROPAGATION_NS, () => {
      const rt = this.cluster.pods.get(spec.name);
      if (rt === undefined) return;
      this.cluster.store.setPodReady(rt.pod.namespace, rt.pod.name, ready, this.cluster.world.engine.now);
      this.cluster.reconcile();
    });
  }

  /** A workload pod's process is gone (connections refused) or its container started (listening after start-up). */
  private containerChanged(spec: KubePodSpec, running: boolean): void {
    const rt = this.cluster.pods.get(spec.name);
    if (rt === undefined) return;
    if (running) rt.server.containerStarted(this.kube.timings.appStartupNs);
    else rt.server.running = false;
  }

  /** The ReplicaSet replaces an evicted pod right away, on a Ready node. */
  private podEvicted(spec: KubePodSpec): void {
    const gw = this.envoyPodGateway.get(spec.name);
    if (gw !== undefined) {
      this.envoyPodGateway.delete(spec.name);
      const r = gw.replicas.find((x) => x.pod === spec.name);
      if (r !== undefined) this.cluster.stopReplica(gw, r);
      this.startReplica(gw);
      return;
    }
    this.registered.delete(spec.name);
    const slash = spec.name.indexOf('/');
    this.cluster.store.evictPod(spec.name.slice(0, slash), spec.name.slice(slash + 1), this.cluster.world.engine.now);
    this.cluster.reconcile();
  }

  /** The gateway's Envoys whose endpoints are Ready now take its packets; then the advertisers hear of it. */
  private endpointsChanged(service: string, eps: readonly EndpointView[]): void {
    const gw = this.envoyByService.get(service);
    if (gw === undefined) return;
    this.cluster.setServingPods(gw, new Set(eps.filter((e) => e.ready).map((e) => e.pod)));
    for (const l of this.envoyListeners) l(gw, eps);
  }

  /** A new proxy pod of the gateway's Deployment on the node the scheduler picks (none Ready: it stays Pending, not modelled). */
  private startReplica(gw: GatewayRuntime): void {
    const node = pickNode(this.cluster.nodes, [...this.cluster.store.pods(), ...this.envoyPods()], {
      namespace: ENVOY_GATEWAY_NAMESPACE,
      deployment: envoyDeployment(gw),
    });
    if (node === undefined) return;
    const pod = this.startEnvoyPod(gw, node);
    this.cluster.startReplica(gw, node, pod, pod);
  }

  private startEnvoyPod(gw: GatewayRuntime, node: string): string {
    const name = `${ENVOY_GATEWAY_NAMESPACE}/${generateName(`${envoyDeployment(gw)}-`, this.names)}`;
    this.envoyPodGateway.set(name, gw);
    this.kube.startPod({ name, node, services: [gw.serviceKey] });
    return name;
  }

  /** The running Envoy proxy pods as the scheduler's spread counts them (they live in KubeReaction, not the ObjectStore). */
  private envoyPods(): Pod[] {
    const out: Pod[] = [];
    for (const gw of this.envoyByService.values())
      for (const r of gw.replicas) {
        if (r.pod === null) continue;
        const slash = r.pod.indexOf('/');
        out.push({
          namespace: r.pod.slice(0, slash),
          name: r.pod.slice(slash + 1),
          deployment: envoyDeployment(gw),
          podTemplateHash: '',
          labels: {},
          nodeName: r.nodeName,
          ready: true,
          terminating: false,
          creationTimestampNs: 0,
          containers: [],
        });
      }
    return out;
  }
}

/** Envoy Gateway's proxy Deployment for a gateway (the hash suffix of its real name is left out). */
function envoyDeployment(gw: GatewayRuntime): string {
  return `envoy-${gw.namespace}-${gw.name}`;
}
