// A request's way through the world, one event per hop: client --(router->node)--> gateway Envoy --(node->node)--> pod
// (queue, service) --(node->node)--> Envoy --(node->router)--> client. The Envoy is the one on the node where the
// packet entered (each gateway replica, or each Cilium node's Envoy, is an Envoy of its own). A packet the network drops
// on a lossy link is sent again by TCP (tcp.ts: the SYN after 1 s doubling, data after the RTO), so it arrives late; a
// packet on a path that is down is noticed by whoever waits for it: the client after its timeout, Envoy by its timers.
import { echoBody } from '../backend/echo-answer.js';
import type { Engine, EventKind } from '../../sim/engine.js';
import type { Rng } from '../../sim/rng.js';
import type { GatewayProxy, UpstreamTransport } from '../envoy/proxy/gateway-proxy.js';
import type { Host } from '../envoy/lb/host.js';
import type { ProbeResult } from '../envoy/health/active-health-checker.js';
import type { ActiveHealthCheckConfig } from '../envoy/health/health-check-config.js';
import { ACCEPTED, OVERLOADED } from '../backend/pod-server.js';
import { NO_RESPONSE, type HttpRequest } from '../http/request.js';
import type { Network } from '../net/network.js';
import type { Ingress } from '../clients/client-context.js';
import { RecordingTracer } from '../trace/request-trace.js';
import type { GatewayReplica, GatewayRuntime } from './gateway-runtime.js';
import type { PodRuntime } from './pod-runtime.js';
import { NO_ENTRY, type EntryPlane } from './entry-plane.js';
import { isImmediate } from '../http/connection-errors.js';
import { connectionChoice } from '../net/connection-hash.js';
import { handshakeNs, segmentNs, TCP_TIMEOUT_INIT_NS } from '../net/tcp.js';
import { REQUEST_BYTES, RESPONSE_BYTES } from '../http/message-sizes.js';

/** How long a client waits on a lost packet when it set no timeout: Linux's SYN retries give up after about 127 s (tcp_syn_retries 6). */
export const OS_CONNECT_TIMEOUT_NS = 127_000_000_000;

/** What the path needs from the world around it. */
export interface RequestPathWorld {
  /** Where clients run when their template names no router (the scenario's first router). */
  readonly defaultRouter: number;
  /** Cilium: the Envoy of a node, started on first use (the cilium-envoy DaemonSet's pod there). */
  nodeEnvoy(gw: GatewayRuntime, node: number): GatewayReplica;
}

export class RequestPath implements Ingress, UpstreamTransport {
  /** Gateways by LB IP. */
  readonly gatewaysByAddress = new Map<string, GatewayRuntime>();
  /** Pods by recorder index, and by pod IP. */
  readonly podByIndex: PodRuntime[] = [];
  private readonly podByIp = new Map<string, PodRuntime>();
  /** Every Envoy ever started -> its gateway and node (kept after it stops, for the requests still in flight). */
  private readonly replicaByProxy = new Map<GatewayProxy, GatewayReplica>();
  /** Per-client timeout waiting on a lost packet, and the router it runs on, by template (set by the runner). */
  readonly clientTimeoutNs = new WeakMap<object, number>();
  readonly clientRouter = new WeakMap<object, number>();
  /** How client packets reach gateways (set by the wiring once the clusters exist). */
  plane: EntryPlane;
  /** --explain STEP:N: the request to follow; its tracer once it has been sent. */
  explainTarget: { step: number; n: number } | null = null;
  tracer: RecordingTracer | null = null;

  private readonly conntrackSeed: number;
  private readonly atProxy: EventKind<HttpRequest>;
  private readonly atPod: EventKind<HttpRequest>;
  private readonly podReplyAtProxy: EventKind<HttpRequest>;
  private readonly upstreamFailedAtProxy: EventKind<HttpRequest>;
  private readonly atClient: EventKind<HttpRequest>;

  constructor(
    private readonly engine: Engine,
    private readonly network: Network,
    private readonly world: RequestPathWorld,
    plane: EntryPlane,
    rng: Rng,
  ) {
    this.plane = plane;
    this.conntrackSeed = rng.u32();
    this.atProxy = engine.kind<HttpRequest>('net.atProxy', (req) => req.proxy!.handle(req, req.sourceIp));
    this.atPod = engine.kind<HttpRequest>('net.atPod', (req) => this.arriveAtPod(req));
    this.podReplyAtProxy = engine.kind<HttpRequest>('net.podReplyAtProxy', (req) => req.proxy!.onUpstreamResponse(req));
    this.upstreamFailedAtProxy = engine.kind<HttpRequest>('net.upstreamFailedAtProxy', (req) =>
      req.proxy!.onUpstreamFailure(req, 'connect'),
    );
    this.atClient = engine.kind<HttpRequest>('net.atClient', (req) => req.client.onResponse(req));
  }

  // ---- the directory ----

  addPod(pod: PodRuntime): void {
    this.podByIndex[pod.index] = pod;
    if (pod.pod.ip !== undefined) this.podByIp.set(pod.pod.ip, pod);
  }

  removePod(rt: PodRuntime): void {
    rt.alive = false;
    rt.server.running = false;
    if (rt.pod.ip !== undefined && this.podByIp.get(rt.pod.ip) === rt) this.podByIp.delete(rt.pod.ip);
  }

  registerReplica(r: GatewayReplica): void {
    this.replicaByProxy.set(r.proxy, r);
  }

  /** The gateway replica behind a proxy: its node is where the proxy's packets leave from and return to. */
  replicaOf(proxy: GatewayProxy): GatewayReplica {
    return this.replicaByProxy.get(proxy)!;
  }

  /**
   * The Envoy that takes a packet entering at node `entry`: Envoy Gateway: a local proxy pod with a Ready endpoint, the
   * connection's choice when there are several (kube-proxy's iptables rules pick at random, `statistic --mode random` in
   * pkg/proxy/iptables/proxier.go, and conntrack keeps the connection there), null when none
   * (eTP Local drops); Cilium: that node's Envoy, started on first use. Allocation-free once the node's Envoy exists.
   */
  replicaAt(gw: GatewayRuntime, entry: number, req: HttpRequest): GatewayReplica | null {
    const here = gw.servingByNode[entry];
    if (here !== undefined && here.length > 0)
      return here.length === 1 ? here[0] : here[connectionChoice(req.connection, this.conntrackSeed, here.length)];
    if (gw.platform === 'cilium' && here !== undefined) return this.world.nodeEnvoy(gw, entry);
    return null;
  }

  // ---- client -> Envoy ----

  /** Ingress: a client sends a request at engine.now. */
  send(req: HttpRequest): void {
    const gw = this.gatewaysByAddress.get(req.template.address);
    const from = this.clientRouter.get(req.template) ?? this.world.defaultRouter;
    const target = this.explainTarget;
    if (target !== null && req.step === target.step && req.ordinal === target.n) this.startTrace(req, from, gw);
    if (gw === undefined) return this.lose(req, `No route to host`);
    const entry = this.plane.entryNode(from, req, gw);
    if (entry === NO_ENTRY) return this.lose(req, 'Connection timed out');
    const replica = this.replicaAt(gw, entry, req);
    // Envoy Gateway (externalTrafficPolicy Local): a node without a Ready local Envoy drops the packet (kube-proxy).
    if (replica === null) {
      if (req.tracer !== null) req.tracer.record({ kind: 'noLocalEnvoy', node: this.hostName(entry) });
      return this.lose(req, 'Connection timed out');
    }
    // A new TCP connection costs a handshake round trip before the request (curl: every request; hey: each worker's
    // first), plus the SYN back-off for each SYN or SYN-ACK the link drops; the client stops waiting at its timeout.
    const handshake = req.newConnection ? handshakeNs(this.network, from, entry) : 0;
    if (handshake < 0) return this.lose(req, 'Connection timed out'); // path down, or every SYN lost
    if (handshake >= TCP_TIMEOUT_INIT_NS && handshake > this.clientTimeoutOf(req))
      return this.lose(req, 'Connection timed out');
    const d = segmentNs(this.network, from, entry, REQUEST_BYTES);
    if (d < 0) return this.lose(req, 'Connection timed out'); // unreachable: silence until the client gives up
    req.proxy = replica.proxy;
    if (req.tracer !== null)
      req.tracer.record({
        kind: 'entered',
        from: this.hostName(from),
        node: this.hostName(entry),
        via: gw.platform === 'calico' ? 'bgp' : 'arp',
        wireNs: d,
        handshakeNs: handshake,
      });
    this.engine.schedule(d + handshake, this.atProxy, req);
  }

  private startTrace(req: HttpRequest, from: number, gw: GatewayRuntime | undefined): void {
    const engine = this.engine;
    const tracer = new RecordingTracer(() => engine.now);
    this.tracer = tracer;
    req.tracer = tracer;
    const t = req.template;
    tracer.record({
      kind: 'sent',
      step: req.step,
      ordinal: req.ordinal,
      method: t.method,
      scheme: t.scheme,
      address: t.address,
      port: t.port,
      pathAndQuery: t.pathAndQuery,
      host: t.host,
      cookie: req.cookie,
      from: this.hostName(from),
      sourceIp: req.sourceIp,
      sourcePort: req.sourcePort,
    });
    if (gw === undefined) tracer.record({ kind: 'noGateway', address: t.address });
  }

  private hostName(index: number): string {
    return this.network.topology.hosts[index].name;
  }

  // ---- Envoy -> pod -> Envoy (UpstreamTransport) ----

  /** Envoy forwards to an upstream host (a pod IP:port). */
  forward(proxy: GatewayProxy, host: Host, req: HttpRequest): void {
    const envoy = this.replicaOf(proxy);
    const pod = this.podByIp.get(host.address);
    // The request leaves Envoy once its worker has done its part (models/envoy/cpu/worker-cpu.ts).
    const cpu = req.cpuDelayNs;
    req.cpuDelayNs = 0;
    if (pod === undefined || !pod.alive) {
      // No such pod any more: the SYN is refused one round trip later.
      this.engine.schedule(
        cpu + 2 * this.network.baseDelay(envoy.nodeIndex, envoy.nodeIndex),
        this.upstreamFailedAtProxy,
        req,
      );
      return;
    }
    // On the upstream pool's open connection: only data retransmission applies (tcp.ts).
    const d = segmentNs(this.network, envoy.nodeIndex, pod.nodeIndex, REQUEST_BYTES);
    if (d < 0) return proxy.onUpstreamSilent(req, 'connect'); // path down: nothing answers
    req.pod = pod.index;
    if (req.tracer !== null)
      req.tracer.record({
        kind: 'toPod',
        namespace: pod.pod.namespace,
        pod: pod.pod.name,
        node: pod.pod.nodeName ?? '',
        address: host.address,
        port: host.port,
        wireNs: d,
      });
    this.engine.schedule(cpu + d, this.atPod, req);
  }

  private arriveAtPod(req: HttpRequest): void {
    const pod = this.podByIndex[req.pod];
    const port = req.upstream!.port;
    const r = pod.alive ? pod.server.accept(req, port) : 1;
    req.podArrivedAt = this.engine.now;
    if (req.tracer !== null) this.traceAtPod(req, pod, r, port);
    if (r === ACCEPTED) return;
    const envoy = this.replicaOf(req.proxy!);
    const back = this.network.baseDelay(pod.nodeIndex, envoy.nodeIndex);
    // The way back went down while the SYN was on its way (the pod's node failed): nothing comes back.
    if (back < 0) return req.proxy!.onUpstreamSilent(req, 'connect');
    if (r === OVERLOADED) {
      req.status = 503;
      this.engine.schedule(back, this.podReplyAtProxy, req);
      return;
    }
    // Refused: the kernel answers the SYN with RST; Envoy sees a connect failure one hop later.
    req.pod = -1;
    this.engine.schedule(back, this.upstreamFailedAtProxy, req);
  }

  private traceAtPod(req: HttpRequest, pod: PodRuntime, r: number, port: number): void {
    const t = req.tracer!;
    const name = pod.pod.name;
    const server = pod.server;
    if (r === ACCEPTED)
      t.record({
        kind: 'podAccepted',
        pod: name,
        inFlight: server.inFlight,
        concurrency: server.behaviour.concurrency === Infinity ? null : server.behaviour.concurrency,
      });
    else if (r === OVERLOADED) t.record({ kind: 'podQueueFull', pod: name });
    else
      t.record({
        kind: 'podRefused',
        pod: name,
        running: pod.alive && server.running,
        port,
        listenPorts: server.listenPorts,
      });
  }

  /** A pod's server finished a request (any status): the answer goes back to the Envoy that sent it. */
  podAnswered(req: HttpRequest): void {
    const pod = this.podByIndex[req.pod];
    if (req.readsResponse && req.forwarded !== null) req.responseBody = echoBody(req.forwarded, pod.pod.name);
    const envoy = this.replicaOf(req.proxy!);
    const d = segmentNs(this.network, pod.nodeIndex, envoy.nodeIndex, RESPONSE_BYTES);
    if (req.tracer !== null)
      req.tracer.record({
        kind: 'podAnswered',
        pod: pod.pod.name,
        status: req.status,
        busyNs: this.engine.now - req.podArrivedAt,
        backNs: d,
      });
    if (d < 0) return req.proxy!.onUpstreamSilent(req, 'response');
    this.engine.schedule(d, this.podReplyAtProxy, req);
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

  // ---- Envoy -> client ----

  /** Envoy sends the response (req.status set) back to the client. */
  reply(proxy: GatewayProxy, req: HttpRequest): void {
    const envoy = this.replicaOf(proxy);
    const to = this.clientRouter.get(req.template) ?? this.world.defaultRouter;
    if (req.status === NO_RESPONSE) return this.lose(req, req.message || 'Connection refused');
    const wire = segmentNs(this.network, envoy.nodeIndex, to, RESPONSE_BYTES);
    const d = wire < 0 ? wire : wire + req.cpuDelayNs; // the answer leaves once the worker has written it
    req.cpuDelayNs = 0;
    if (d < 0) return this.lose(req, 'Connection timed out');
    const t = req.tracer;
    if (t !== null) {
      t.record({
        kind: 'answered',
        status: req.status,
        message: req.pod < 0 && req.message ? req.message : null,
        backNs: wire,
      });
      t.record({ kind: 'total', latencyNs: this.engine.now + d - req.sentAt });
      req.tracer = null;
    }
    const client = req.client;
    if (client.receiveIn !== undefined) client.receiveIn(req, d);
    else this.engine.schedule(d, this.atClient, req);
  }

  /** The request or its answer is lost: the client hears nothing until its own timeout. */
  private lose(req: HttpRequest, message: string): void {
    // A refused, reset or unroutable connection is reported at once (RST / ICMP); a silent drop only after the timeout.
    const refused = isImmediate(message);
    if (req.tracer !== null) {
      req.tracer.record({ kind: 'lost', message, refused });
      req.tracer = null;
    }
    req.status = NO_RESPONSE;
    req.pod = -1;
    req.message = message;
    this.engine.schedule(refused ? 0 : this.clientTimeoutOf(req), this.atClient, req);
  }

  /** How long the request's client waits on silence (its -m / -t / --connect-timeout, else the OS's SYN retries). */
  private clientTimeoutOf(req: HttpRequest): number {
    return this.clientTimeoutNs.get(req.template) ?? OS_CONNECT_TIMEOUT_NS;
  }
}
