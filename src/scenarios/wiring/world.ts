// The world of one scenario run: engine, random streams, network, clusters (object stores, pods, gateways), the
// request path between them (models/path/request-path.ts), and the recorder. The only place that wires models
// together (DESIGN §2: scenarios/wiring).
import { Engine } from '../../sim/engine.js';
import { RngRoot, type Rng } from '../../sim/rng.js';
import { GatewayProxy } from '../../models/envoy/proxy/gateway-proxy.js';
import type { PodServer } from '../../models/backend/pod-server.js';
import { RequestPool, type HttpRequest } from '../../models/http/request.js';
import { MetricsRecorder } from '../../models/metrics/recorder.js';
import { Timeline } from '../../models/metrics/timeline.js';
import { Network } from '../../models/net/network.js';
import { RequestPath } from '../../models/path/request-path.js';
import type { ResolvedScenario } from '../schema/resolved.js';
import { ClusterRuntime, type ClusterHost } from '../../models/k8s/controllers/cluster-runtime.js';
import type { BackendBehaviour } from '../../models/backend/behaviour.js';
import type { Pod } from '../../models/k8s/pod.js';
import { behaviourFor } from './pod-behaviour.js';
import type { GatewayReplica, GatewayRuntime } from '../../models/path/gateway-runtime.js';
import type { PodRuntime } from '../../models/path/pod-runtime.js';
import { DirectPlane, type NetworkPlane } from './network-plane.js';
import { createPlane } from './plane-factory.js';
import { FREE_GATEWAY } from '../../models/envoy/cpu/cpu-costs.js';

export interface WorldOptions {
  /** Keep the per-second series (off for benchmarks). */
  series?: boolean;
}

export class World implements ClusterHost {
  readonly engine = new Engine();
  readonly root: RngRoot;
  readonly timeline: Timeline;
  readonly recorder: MetricsRecorder;
  readonly pool = new RequestPool();
  readonly network: Network;
  readonly clusters = new Map<string, ClusterRuntime>();
  /** The request path and its directory (gateways by LB IP, pods by recorder index, Envoys by proxy). */
  readonly path: RequestPath;
  readonly gatewaysByAddress: Map<string, GatewayRuntime>;
  readonly podByIndex: PodRuntime[];
  private connectionCount = 0;
  private readonly netRng: Rng;
  /** How client packets reach gateways (BGP/ECMP, L2, or direct). */
  plane: NetworkPlane = new DirectPlane();
  readonly routerIndex = new Map<string, number>();
  readonly connections = { next: () => ++this.connectionCount };
  readonly gatewayReplicas: number;

  constructor(
    readonly scenario: ResolvedScenario,
    seed: number,
    opts: WorldOptions = {},
  ) {
    this.root = new RngRoot(seed);
    this.gatewayReplicas = scenario.gateway.replicas;
    this.timeline = new Timeline(this.engine);
    this.recorder = new MetricsRecorder(this.engine, undefined, opts.series ?? true);
    this.netRng = this.root.fork('network');
    const topo = scenario.topology;
    this.network = new Network(
      this.engine,
      this.netRng,
      {
        topology: {
          clusters: topo.clusters.map((c) => ({ name: c.name, platform: c.platform })),
          nodes: topo.clusters.flatMap((c) =>
            c.nodes.map((n) => ({ name: n.name, cluster: c.name, address: n.address })),
          ),
          routers: topo.routers.map((r) => ({ name: r.name, address: r.address })),
        },
        links: topo.links.map((l) => ({
          between: l.between,
          latencyNs: l.latencyNs,
          jitterNs: l.jitterNs,
          loss: l.loss,
          ...(l.bandwidthBps !== null ? { bandwidthBps: l.bandwidthBps } : {}),
        })),
        hops: {
          sameClusterNs: topo.linkDefaults.node.latencyNs,
          bastionNs: topo.linkDefaults.router.latencyNs,
          crossClusterNs: topo.linkDefaults.cluster.latencyNs,
        },
      },
      this.timeline,
    );
    for (const r of topo.routers) this.routerIndex.set(r.name, this.network.index(r.name));
    const clusters = this.clusters;
    this.path = new RequestPath(
      this.engine,
      this.network,
      {
        defaultRouter: this.network.index(topo.routers[0].name),
        nodeEnvoy: (gw, node) => clusters.get(gw.cluster)!.nodeEnvoy(gw, node),
      },
      this.plane,
      this.root.fork('kube-proxy'),
    );
    this.gatewaysByAddress = this.path.gatewaysByAddress;
    this.podByIndex = this.path.podByIndex;
    for (const c of topo.clusters) this.clusters.set(c.name, new ClusterRuntime(this, c));
    this.plane = createPlane(this.clusters.values(), this.scenario.topology.routers);
    this.path.plane = this.plane;
  }

  // ---- pods ----

  /** Registers a pod the Deployment controller created. */
  addPod(
    rt: Omit<PodRuntime, 'index' | 'server' | 'alive'>,
    server: (onResponse: (req: HttpRequest) => void, index: number) => PodServer<HttpRequest>,
  ): PodRuntime {
    const p = rt.pod;
    const index = this.recorder.pod({
      name: p.name,
      namespace: p.namespace,
      service: '',
      node: p.nodeName ?? '',
      cluster: rt.cluster,
    });
    const path = this.path;
    const full: PodRuntime = { ...rt, index, alive: true, server: server((req) => path.podAnswered(req), index) };
    path.addPod(full);
    return full;
  }

  removePod(rt: PodRuntime): void {
    this.path.removePod(rt);
  }

  registerReplica(r: GatewayReplica): void {
    this.path.registerReplica(r);
  }

  private readonly laterKind = this.engine.kind<() => void>('world.later', (f) => f());

  /** Runs `f` after `delayNs` (control-plane reactions; rare, so a closure per call is fine). */
  later(delayNs: number, f: () => void): void {
    this.engine.schedule(delayNs, this.laterKind, f);
  }

  podBehaviour(pod: Pod, cluster: string): BackendBehaviour {
    return behaviourFor(this.scenario, pod, cluster);
  }

  gatewaysChanged(cluster: ClusterRuntime): void {
    this.plane.gatewaysChanged(cluster);
  }

  /** BGP and L2 react to a node going down or up. */
  onNodeDown(node: string, graceful: boolean): void {
    this.plane.nodeDown(node, graceful);
  }

  onNodeUp(node: string): void {
    this.plane.nodeUp(node);
  }

  resetBgp(router: string, peer: string | null): void {
    this.plane.resetBgp(router, peer);
  }

  /** `birdc show route` / `birdc show protocols` on a router. */
  printRouter(what: 'routes' | 'bgp', router: string): string[] {
    return this.plane.print(what, router);
  }

  /** A fresh stream for a named component. */
  rng(name: string): Rng {
    return this.root.fork(name);
  }

  /** Finds the gateway runtime by namespace/name in any cluster. */
  gateway(namespace: string, name: string, cluster?: string): GatewayRuntime | undefined {
    for (const c of this.clusters.values()) {
      if (cluster !== undefined && c.name !== cluster) continue;
      const g = c.gateways.get(`${namespace}/${name}`);
      if (g !== undefined) return g;
    }
    return undefined;
  }

  newProxy(name: string, platform: 'calico' | 'cilium', node: string): GatewayProxy {
    return new GatewayProxy(
      this.engine,
      this.rng(`gateway/${name}`),
      {
        name,
        implementation: platform === 'calico' ? 'envoy-gateway' : 'cilium',
        workers: this.scenario.gateway.workers,
        node,
        cpu: this.scenario.gateway.cpu ?? FREE_GATEWAY,
      },
      this.timeline,
      this.path,
      this.recorder,
    );
  }
}
