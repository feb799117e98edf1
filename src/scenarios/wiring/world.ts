// The world of one scenario run: engine, random streams, network, clusters (object stores, pods, gateways), the
// request path between them, and the recorder. The only place that wires models together (DESIGN §2: scenarios/wiring).
//
// A request's path, one event per hop: client --(router->node)--> gateway proxy --(node->node)--> pod (queue, service)
// --(node->node)--> proxy --(node->router)--> client. The proxy is the Envoy on the node where the packet entered (each
// gateway replica, or each Cilium node's Envoy, is an Envoy of its own). A packet the network drops is noticed by whoever waits for it:
// the client after its timeout, Envoy after its connect timeout (then a 503, as Envoy answers).
import { Engine } from '../../sim/engine.js';
import { RngRoot, type Rng } from '../../sim/rng.js';
import { GatewayProxy, type UpstreamFailure, type UpstreamTransport } from '../../models/envoy/proxy/gateway-proxy.js';
import type { Host } from '../../models/envoy/lb/host.js';
import type { ProbeResult } from '../../models/envoy/health/active-health-checker.js';
import type { ActiveHealthCheckConfig } from '../../models/envoy/health/health-check-config.js';
import { ACCEPTED, OVERLOADED, type PodServer } from '../../models/backend/pod-server.js';
import { NO_RESPONSE, RequestPool, type HttpRequest } from '../../models/http/request.js';
import { MetricsRecorder } from '../../models/metrics/recorder.js';
import { Timeline } from '../../models/metrics/timeline.js';
import { Network } from '../../models/net/network.js';
import type { Ingress } from '../../models/clients/client-context.js';
import type { ResolvedScenario } from '../schema/resolved.js';
import { ClusterRuntime } from './cluster-runtime.js';
import type { GatewayReplica, GatewayRuntime } from './gateway-runtime.js';
import type { PodRuntime } from './pod-runtime.js';
import { DirectPlane, NO_ENTRY, type NetworkPlane } from './network-plane.js';
import { createPlane } from './plane-factory.js';

/** How long a client waits on a lost packet when it set no timeout: Linux's SYN retries give up after about 127 s (tcp_syn_retries 6). */
export const OS_CONNECT_TIMEOUT_NS = 127_000_000_000;
function ms(ns: number): string {
  return `${(ns / 1e6).toFixed(3)} ms`;
}

/** Response size used for serialisation delay (echo-basic's JSON reply is about 500 bytes; requests about 100). */
const REQUEST_BYTES = 100;
const RESPONSE_BYTES = 500;

export interface WorldOptions {
  /** Keep the per-second series (off for benchmarks). */
  series?: boolean;
}

export class World implements Ingress, UpstreamTransport {
  readonly engine = new Engine();
  readonly root: RngRoot;
  readonly timeline: Timeline;
  readonly recorder: MetricsRecorder;
  readonly pool = new RequestPool();
  readonly network: Network;
  readonly clusters = new Map<string, ClusterRuntime>();
  /** Gateways by LB IP. */
  readonly gatewaysByAddress = new Map<string, GatewayRuntime>();
  /** Pods by recorder index, and by pod IP. */
  readonly podByIndex: PodRuntime[] = [];
  private readonly podByIp = new Map<string, PodRuntime>();
  private connectionCount = 0;
  private readonly netRng: Rng;
  /** Per-client timeout waiting on a lost packet, and the router it runs on, by template (set by the runner). */
  readonly clientTimeoutNs = new WeakMap<object, number>();
  readonly clientRouter = new WeakMap<object, number>();
  /** How client packets reach gateways (BGP/ECMP, L2, or direct). */
  plane: NetworkPlane = new DirectPlane();
  /** --explain STEP:N: the request to follow, its story, and the request object while it is in flight. */
  explainTarget: { step: number; n: number } | null = null;
  readonly explainLines: string[] = [];
  private explained: HttpRequest | null = null;
  readonly routerIndex = new Map<string, number>();
  readonly connections = { next: () => ++this.connectionCount };

  private readonly atProxy;
  private readonly atPod;
  private readonly podReplyAtProxy;
  private readonly upstreamFailedAtProxy;
  private readonly atClient;

  constructor(
    readonly scenario: ResolvedScenario,
    seed: number,
    opts: WorldOptions = {},
  ) {
    this.root = new RngRoot(seed);
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
    this.atProxy = this.engine.kind<HttpRequest>('net.atProxy', (req) => this.arriveAtProxy(req));
    this.atPod = this.engine.kind<HttpRequest>('net.atPod', (req) => this.arriveAtPod(req));
    this.podReplyAtProxy = this.engine.kind<HttpRequest>('net.podReplyAtProxy', (req) =>
      (req.proxy as GatewayProxy).onUpstreamResponse(req),
    );
    this.upstreamFailedAtProxy = this.engine.kind<HttpRequest>('net.upstreamFailedAtProxy', (req) =>
      (req.proxy as GatewayProxy).onUpstreamFailure(req, req.detail as UpstreamFailure),
    );
    this.atClient = this.engine.kind<HttpRequest>('net.atClient', (req) => req.client.onResponse(req));
    for (const c of topo.clusters) this.clusters.set(c.name, new ClusterRuntime(this, c));
    this.plane = createPlane(this);
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
    const full: PodRuntime = { ...rt, index, alive: true, server: server((req) => this.podAnswered(req), index) };
    this.podByIndex[index] = full;
    if (p.ip !== undefined) this.podByIp.set(p.ip, full);
    return full;
  }

  removePod(rt: PodRuntime): void {
    rt.alive = false;
    rt.server.running = false;
    if (rt.pod.ip !== undefined && this.podByIp.get(rt.pod.ip) === rt) this.podByIp.delete(rt.pod.ip);
  }

  // ---- the request path ----

  /** Ingress: a client sends a request at engine.now. */
  send(req: HttpRequest): void {
    const gw = this.gatewaysByAddress.get(req.template.address);
    const from = this.clientRouter.get(req.template) ?? this.firstRouter;
    if (this.explainTarget !== null && req.step === this.explainTarget.step && req.ordinal === this.explainTarget.n)
      this.startExplaining(req, from, gw);
    if (gw === undefined) return this.lose(req, from, `No route to host`);
    const entry = this.plane.entryNode(from, req, gw);
    if (entry === NO_ENTRY) return this.lose(req, from, 'Connection timed out');
    const replica = this.replicaAt(gw, entry, req);
    // Envoy Gateway (externalTrafficPolicy Local): a node without a Ready local Envoy drops the packet (kube-proxy).
    if (replica === null) {
      if (req === this.explained)
        this.note(
          `enters the cluster at ${this.network.topology.hosts[entry].name}, which runs no Ready Envoy of the gateway: externalTrafficPolicy Local drops it`,
        );
      return this.lose(req, from, 'Connection timed out');
    }
    const d = this.network.delay(from, entry, REQUEST_BYTES);
    if (d < 0) return this.lose(req, from, 'Connection timed out'); // unreachable or lost: silence until the client gives up
    // A new TCP connection costs a handshake round trip before the request (curl: every request; hey: each worker's first).
    const handshake = req.newConnection ? 2 * this.network.baseDelay(from, entry) : 0;
    req.proxy = replica.proxy;
    if (req === this.explained) {
      replica.proxy.traceReq = req;
      replica.proxy.traceOut = this.explainLines;
      this.note(
        `${this.network.topology.hosts[from].name} -> ${this.network.topology.hosts[entry].name}: enters the cluster at ${this.network.topology.hosts[entry].name} (${gw.platform === 'calico' ? "the router's route to the LB IP" : 'the node answering ARP for the LB IP'}), ${ms(d)} on the wire${handshake > 0 ? ` after a ${ms(handshake)} TCP handshake (new connection)` : ' (connection reused)'}`,
      );
    }
    this.engine.schedule(d + handshake, this.atProxy, req);
  }

  /**
   * The Envoy that takes a packet entering at node `entry`: Envoy Gateway: a local proxy pod with a Ready endpoint, the
   * connection's choice when there are several (kube-proxy picks one per connection, conntrack keeps it), null when none
   * (eTP Local drops); Cilium: that node's Envoy, started on first use. Allocation-free once the node's Envoy exists.
   */
  replicaAt(gw: GatewayRuntime, entry: number, req: HttpRequest): GatewayReplica | null {
    const here = gw.servingByNode[entry];
    if (here !== undefined && here.length > 0)
      return here.length === 1 ? here[0] : here[(req.connection >>> 0) % here.length];
    if (gw.platform === 'cilium' && here !== undefined)
      return (this.clusters.get(gw.cluster) as ClusterRuntime).nodeEnvoy(gw, entry);
    return null;
  }

  private startExplaining(req: HttpRequest, from: number, gw: GatewayRuntime | undefined): void {
    this.explained = req;
    const t = req.template;
    this.note(
      `request ${req.ordinal} of step ${req.step}: ${t.method} ${t.scheme}://${t.address}${t.port === (t.scheme === 'http' ? 80 : 443) ? '' : `:${t.port}`}${t.pathAndQuery} Host: ${t.host}${req.cookie ? ` Cookie: ${req.cookie}` : ''} from ${this.network.topology.hosts[from].name} (${req.sourceIp}:${req.sourcePort})`,
    );
    if (gw === undefined) this.note(`no Gateway has address ${JSON.stringify(t.address)}: the connection goes nowhere`);
  }

  /** One line of the explained request's story, stamped with the simulated time. */
  private note(line: string): void {
    this.stampProxyLines();
    this.explainLines.push(`t=${(this.engine.now / 1e9).toFixed(6)}s  ${line}`);
  }

  /** The first router: where clients run when a template names none. */
  private get firstRouter(): number {
    return this.network.index(this.scenario.topology.routers[0].name);
  }

  private arriveAtProxy(req: HttpRequest): void {
    if (req === this.explained) {
      (req.proxy as GatewayProxy).handle(req, req.sourceIp);
      this.stampProxyLines();
      return;
    }
    (req.proxy as GatewayProxy).handle(req, req.sourceIp);
  }

  /** The proxy appends its own lines untimed (at the moment it acts): stamp them with now. */
  private stampProxyLines(): void {
    const lines = this.explainLines;
    for (let i = lines.length - 1; i >= 0 && !lines[i].startsWith('t='); i--)
      lines[i] = `t=${(this.engine.now / 1e9).toFixed(6)}s  ${lines[i]}`;
  }

  /** Envoy forwards to an upstream host (a pod IP:port). */
  forward(proxy: GatewayProxy, host: Host, req: HttpRequest): void {
    const envoy = this.replicaOf(proxy);
    const pod = this.podByIp.get(host.address);
    if (pod === undefined || !pod.alive) {
      req.detail = 'connect';
      this.engine.schedule(
        2 * this.network.baseDelay(envoy.nodeIndex, envoy.nodeIndex),
        this.upstreamFailedAtProxy,
        req,
      );
      return;
    }
    const d = this.network.delay(envoy.nodeIndex, pod.nodeIndex, REQUEST_BYTES);
    if (d < 0) {
      // Nothing answers the SYN: Envoy gives up after the cluster's connect timeout (Envoy Gateway: 10 s), or the
      // route timeout if that is shorter.
      const connect = proxy.connectTimeoutNs(req);
      const route = proxy.routeTimeoutNs(req);
      req.detail = connect <= route ? 'connectTimeout' : 'timeout';
      this.engine.schedule(Math.min(connect, route), this.upstreamFailedAtProxy, req);
      return;
    }
    req.pod = pod.index;
    if (req === this.explained)
      this.note(
        `Envoy -> pod ${pod.pod.namespace}/${pod.pod.name} on ${pod.pod.nodeName} (${host.address}:${host.port}): ${ms(d)} on the wire`,
      );
    this.engine.schedule(d, this.atPod, req);
  }

  private arriveAtPod(req: HttpRequest): void {
    const pod = this.podByIndex[req.pod];
    const host = req.upstream as Host;
    const r = pod.alive ? pod.server.accept(req, host.port) : 1;
    req.podArrivedAt = this.engine.now;
    if (req === this.explained)
      this.note(
        r === ACCEPTED
          ? `pod ${pod.pod.name} accepts it (${pod.server.inFlight} in flight there now, concurrency ${pod.server.behaviour.concurrency === Infinity ? 'unlimited' : pod.server.behaviour.concurrency})`
          : r === OVERLOADED
            ? `pod ${pod.pod.name}'s queue is full: 503`
            : `pod ${pod.pod.name} refuses the connection: ${pod.alive && pod.server.running ? `nothing listens on port ${host.port} (the server listens on ${pod.server.listenPorts.join(', ')})` : 'the container is not running'}`,
      );
    if (r === ACCEPTED) return;
    const envoy = this.replicaOf(req.proxy as GatewayProxy);
    const back = this.network.baseDelay(pod.nodeIndex, envoy.nodeIndex);
    if (r === OVERLOADED) {
      req.status = 503;
      this.engine.schedule(back, this.podReplyAtProxy, req);
      return;
    }
    // Refused: the kernel answers the SYN with RST; Envoy sees a connect failure one hop later.
    req.detail = 'connect';
    req.pod = -1;
    this.engine.schedule(back, this.upstreamFailedAtProxy, req);
  }

  private podAnswered(req: HttpRequest): void {
    const pod = this.podByIndex[req.pod];
    const envoy = this.replicaOf(req.proxy as GatewayProxy);
    const d = this.network.delay(pod.nodeIndex, envoy.nodeIndex, RESPONSE_BYTES);
    if (req === this.explained)
      this.note(
        `pod ${pod.pod.name} answers ${req.status} after ${ms(this.engine.now - req.podArrivedAt)} (queueing + service); ${d >= 0 ? `${ms(d)} back to Envoy` : 'the answer is lost on the way back'}`,
      );
    if (d < 0) {
      req.detail = 'timeout';
      // Envoy waits for the answer until its route timeout (the proxy's deadline answers the client then; this event
      // releases the record). With the timeout disabled it waits for ever, as a real Envoy would.
      const timeout = (req.proxy as GatewayProxy).routeTimeoutNs(req);
      if (timeout < Infinity) this.engine.schedule(timeout, this.upstreamFailedAtProxy, req);
      return;
    }
    this.engine.schedule(d, this.podReplyAtProxy, req);
  }

  /** Envoy sends the response back to the client. */
  reply(proxy: GatewayProxy, req: HttpRequest): void {
    const envoy = this.replicaOf(proxy);
    const to = this.clientRouter.get(req.template) ?? this.firstRouter;
    if (req.status === NO_RESPONSE) return this.lose(req, to, req.detail || 'Connection refused');
    const d = this.network.delay(envoy.nodeIndex, to, RESPONSE_BYTES);
    if (d < 0) return this.lose(req, to, 'Connection timed out');
    // The proxy may answer an explained request with a copy (its route timeout does): it hands its trace to the copy.
    if (req === this.explained || (this.explained !== null && req === proxy.traceReq)) this.finishExplaining(req, d);
    const client = req.client;
    if (client.receiveIn !== undefined) client.receiveIn(req, d);
    else this.engine.schedule(d, this.atClient, req);
  }

  private finishExplaining(req: HttpRequest, backNs: number): void {
    this.stampProxyLines();
    this.note(
      `Envoy answers ${req.status}${req.pod < 0 && req.detail ? ` (${req.detail})` : ''}; ${ms(backNs)} back to the client`,
    );
    this.note(`total latency ${ms(this.engine.now + backNs - req.sentAt)}`);
    (req.proxy as GatewayProxy).traceReq = null;
    this.explained = null;
  }

  /**
   * An active health check from Envoy to a host: connect fails (RST after one round trip) when nothing listens, the
   * probe gets no answer when the path is down, else the echo server answers 200 after a round trip plus its service
   * time (HTTP checks) or the TCP connect succeeds (TCP checks).
   */
  probe(proxy: GatewayProxy, host: Host, config: ActiveHealthCheckConfig): ProbeResult {
    const envoy = this.replicaOf(proxy);
    const pod = this.podByIp.get(host.address);
    if (pod === undefined || !pod.alive)
      return {
        kind: 'connectFailed',
        latencyNs: 2 * Math.max(0, this.network.baseDelay(envoy.nodeIndex, envoy.nodeIndex)),
      };
    const there = this.network.baseDelay(envoy.nodeIndex, pod.nodeIndex);
    if (there < 0) return { kind: 'noResponse' };
    const rtt = 2 * there;
    if (!pod.server.running || !pod.server.listensOn(host.port)) return { kind: 'connectFailed', latencyNs: rtt };
    if (config.type === 'tcp') return { kind: 'response', latencyNs: rtt };
    return { kind: 'response', latencyNs: rtt + pod.server.sampler.meanNs, status: 200 };
  }

  /** The request or its answer is lost: the client hears nothing until its own timeout. */
  private lose(req: HttpRequest, _at: number, detail: string): void {
    if (req === this.explained) {
      this.note(`lost: ${detail}; the client hears nothing until its own timeout`);
      if (req.proxy !== null) (req.proxy as GatewayProxy).traceReq = null;
      this.explained = null;
    }
    req.status = NO_RESPONSE;
    req.pod = -1;
    req.detail = detail;
    const timeout = this.clientTimeoutNs.get(req.template) ?? OS_CONNECT_TIMEOUT_NS;
    // A refused or unroutable connection is reported at once (RST / ICMP); a silent drop only after the timeout.
    const wait = detail === 'No route to host' || detail === 'Connection refused' ? 0 : timeout;
    this.engine.schedule(wait, this.atClient, req);
  }

  /** Every Envoy ever started -> its gateway and node (kept after it stops, for the requests still in flight). */
  private readonly replicaByProxy = new Map<GatewayProxy, GatewayReplica>();

  registerReplica(r: GatewayReplica): void {
    this.replicaByProxy.set(r.proxy, r);
  }

  /** The gateway replica behind a proxy: its node is where the proxy's packets leave from and return to. */
  replicaOf(proxy: GatewayProxy): GatewayReplica {
    return this.replicaByProxy.get(proxy)!;
  }

  private readonly laterKind = this.engine.kind<() => void>('world.later', (f) => f());

  /** Runs `f` after `delayNs` (control-plane reactions; rare, so a closure per call is fine). */
  later(delayNs: number, f: () => void): void {
    this.engine.schedule(delayNs, this.laterKind, f);
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
      },
      this.timeline,
      this,
    );
  }
}
