// Gateway Envoys through the world, request by request: Envoy Gateway's proxy replicas behind ECMP (each flow hashed to one
// replica's node and served by that node's own Envoy; a dead replica's flows blackholed until hold expiry), and Cilium's
// per-node Envoys across an L2 takeover (the new lease holder's own Envoy, whose LB state owes nothing to the old one's).
import { describe, expect, it } from 'vitest';
import { NS_PER_S } from '../../../src/sim/time.js';
import { loadCatalogScenario } from '../../../src/scenarios/catalog/index.js';
import { World } from '../../../src/scenarios/wiring/world.js';
import { applyFault } from '../../../src/scenarios/wiring/fault-actions.js';
import type { GatewayRuntime } from '../../../src/models/path/gateway-runtime.js';
import { loadManifests } from '../../../src/models/k8s/load-manifests.js';
import { HttpRequest, NO_RESPONSE, type RequestTemplate, type ResponseSink } from '../../../src/models/http/request.js';
import type { GatewayProxy } from '../../../src/models/envoy/proxy/gateway-proxy.js';
import { BIRD_HOLD_TIME_NS } from '../../../src/models/bgp/timers.js';

const S = NS_PER_S;

/** A catalog scenario's world with its manifests applied, run to `untilS`; `edit` adjusts the resolved scenario first. */
function catalogWorld(
  name: string,
  untilS: number,
  edit: (s: ReturnType<typeof loadCatalogScenario>) => void = () => undefined,
): World {
  const scenario = loadCatalogScenario(name);
  edit(scenario);
  const world = new World(scenario, scenario.seed);
  world.plane.start();
  const cluster = [...world.clusters.values()][0];
  for (const s of scenario.steps)
    if (s.kind === 'apply') cluster.apply(loadManifests(s.manifests.text, s.manifests.file));
  world.engine.run({ until: untilS * S });
  return world;
}

/** Collects answers; records nothing else. */
class Sink implements ResponseSink {
  readonly answered = new Set<HttpRequest>();
  onResponse(req: HttpRequest): void {
    this.answered.add(req);
  }
}

interface Outcome {
  status: number;
  /** Name of the Envoy that handled it, or null when the packet never reached one. */
  proxy: string | null;
  /** The backend pod that answered, or null. */
  pod: string | null;
}

class Client {
  readonly sink = new Sink();
  readonly template: RequestTemplate;

  constructor(
    readonly world: World,
    gw: GatewayRuntime,
    router: string,
    host: string,
    path: string,
  ) {
    this.template = {
      method: 'GET',
      scheme: 'http',
      host,
      address: gw.address as string,
      port: 80,
      path,
      query: '',
      pathAndQuery: path,
      headers: [],
      sni: host,
    };
    world.path.clientRouter.set(this.template, world.routerIndex.get(router)!);
    world.path.clientTimeoutNs.set(this.template, 5 * S);
  }

  /** Sends one request per source address at once, each on a new connection; waits for every answer (or timeout). */
  burst(sources: readonly string[]): Outcome[] {
    const reqs = sources.map((src) => {
      const req = new HttpRequest();
      req.template = this.template;
      req.client = this.sink;
      req.sourceIp = src;
      req.connection = this.world.connections.next();
      req.sourcePort = 40000;
      req.newConnection = true;
      req.sentAt = this.world.engine.now;
      this.world.path.send(req);
      return req;
    });
    while (reqs.some((r) => !this.sink.answered.has(r))) this.world.engine.step();
    return reqs.map((r) => ({
      status: r.status,
      proxy: r.proxy === null ? null : (r.proxy as GatewayProxy).options.name,
      pod: r.pod >= 0 ? this.world.podByIndex[r.pod].pod.name : null,
    }));
  }

  /** Sends one request at a time, each after the previous answer. */
  sequence(sources: readonly string[]): Outcome[] {
    return sources.flatMap((src) => this.burst([src]));
  }
}

const SOURCES = Array.from({ length: 16 }, (_, i) => `10.0.1.${10 + i}`);
/** Where Linux's multipath hash (gwsim's fixed mix of source and destination) sends each of the 16 flows to 10.10.10.0. */
const ECMP_NODES = [
  'worker1',
  'worker2',
  'worker1',
  'worker1',
  'worker1',
  'worker2',
  'worker1',
  'worker1',
  'worker2',
  'worker1',
  'worker2',
  'worker2',
  'worker2',
  'worker1',
  'worker2',
  'worker2',
];
const BASE = 'lab/envoy-gateway-system/envoy-default-load-balancing-gateway';

describe('Envoy Gateway with 2 proxy replicas behind the bastion ECMP (bgp-node-failure-ecmp)', () => {
  const world = catalogWorld('bgp-node-failure-ecmp', 60);
  const gw = world.gateway('default', 'load-balancing-gateway')!;
  const client = new Client(world, gw, 'bastion', 'www.example.com', '/round');
  const bastion = world.routerIndex.get('bastion')!;
  const [r1, r2] = gw.replicas;

  it('runs two Envoy pods spread over worker1 and worker2, each its own proxy, both taking the packets entering their node', () => {
    expect(gw.replicas).toHaveLength(2);
    expect(gw.replicas.map((r) => r.nodeName)).toEqual(['worker1', 'worker2']);
    expect(r1.proxy).not.toBe(r2.proxy);
    expect(r1.pod).toMatch(/^envoy-gateway-system\/envoy-default-load-balancing-gateway-[a-z0-9]{5}$/);
    expect(r2.pod).toMatch(/^envoy-gateway-system\/envoy-default-load-balancing-gateway-[a-z0-9]{5}$/);
    expect(r1.proxy.options.name).toBe(BASE);
    expect(r2.proxy.options.name).toBe(`lab/${r2.pod}`);
    expect(gw.servingByNode[world.network.index('worker1')]).toEqual([r1]);
    expect(gw.servingByNode[world.network.index('worker2')]).toEqual([r2]);
    expect(gw.servingByNode[world.network.index('control1')]).toEqual([]);
  });

  it('hashes each flow to one /32 next hop and hands it to the Envoy on that node', () => {
    const fake = (src: string) =>
      ({ template: { address: gw.address }, sourceIp: src, connection: 7 }) as unknown as HttpRequest;
    const entries = SOURCES.map(
      (src) => world.network.topology.hosts[world.plane.entryNode(bastion, fake(src), gw)].name,
    );
    expect(entries).toEqual(ECMP_NODES);
    for (const src of SOURCES) {
      const entry = world.plane.entryNode(bastion, fake(src), gw);
      expect(world.path.replicaAt(gw, entry, fake(src))?.nodeName).toBe(world.network.topology.hosts[entry].name);
    }
    const out = client.burst(SOURCES);
    expect(out.map((o) => o.status)).toEqual(SOURCES.map(() => 200));
    expect(out.map((o) => o.proxy)).toEqual(ECMP_NODES.map((n) => (n === 'worker1' ? r1 : r2).proxy.options.name));
  });

  it('keeps one round-robin cursor per Envoy: alternating flows, each Envoy still walks all four pods in turn', () => {
    const w1 = SOURCES.filter((_, i) => ECMP_NODES[i] === 'worker1');
    const w2 = SOURCES.filter((_, i) => ECMP_NODES[i] === 'worker2');
    const alternating = [0, 1, 2, 3, 4, 5, 6, 7].flatMap((i) => [w1[i], w2[i]]);
    const out = client.sequence(alternating);
    for (const proxy of [r1, r2].map((r) => r.proxy.options.name)) {
      const pods = out.filter((o) => o.proxy === proxy).map((o) => o.pod);
      expect(pods).toHaveLength(8);
      // A shared cursor would give each Envoy every other pod (2 distinct); independent cursors give 4 distinct per cycle.
      expect(new Set(pods.slice(0, 4)).size).toBe(4);
      expect(pods.slice(4)).toEqual(pods.slice(0, 4));
    }
  });

  it("after worker1 fails: its flows are blackholed until the bastion's hold timer expires, worker2's Envoy serves its own; then worker2 serves all", () => {
    const t0 = 90 * S;
    world.engine.run({ until: t0 });
    applyFault(world, { type: 'node', node: 'worker1', down: true, graceful: false }, () => undefined);
    world.engine.run({ until: t0 + 10 * S });
    const during = client.burst(SOURCES);
    for (let i = 0; i < SOURCES.length; i++) {
      if (ECMP_NODES[i] === 'worker1')
        expect(during[i], SOURCES[i]).toEqual({ status: NO_RESPONSE, proxy: null, pod: null });
      else expect(during[i].proxy, SOURCES[i]).toBe(r2.proxy.options.name);
    }
    // worker2's Envoy still has worker1's two pods in its round robin (NotReady comes 40-55 s after the failure): their
    // connects time out (10 s) and Envoy answers 503; exactly half of its 8 picks.
    const served = during.filter((o) => o.proxy !== null);
    expect(served.filter((o) => o.status === 200)).toHaveLength(4);
    expect(served.filter((o) => o.status === 503)).toHaveLength(4);
    // The bastion flushes worker1's routes at hold expiry: 240 s after the last message it got from worker1 (its /32 UPDATE).
    const down = world.timeline.events.find(
      (e) => e.kind === 'bgp.down' && e.speaker === 'bastion' && e.peer === 'worker1',
    );
    expect(down).toBeUndefined();
    const lastFromWorker1 = world.timeline.events
      .filter((e) => e.kind === 'bgp.advertised' && e.speaker === 'bastion' && e.peer === 'worker1')
      .at(-1)!.t;
    const expiry = lastFromWorker1 * S + BIRD_HOLD_TIME_NS;
    // 6 s before expiry a worker1 flow is still lost (its answer never comes: the client gives up after 5 s).
    world.engine.run({ until: Math.round(expiry) - 6 * S });
    expect(client.burst([SOURCES[0]])[0].status).toBe(NO_RESPONSE);
    world.engine.run({ until: Math.round(expiry) + S });
    expect(
      world.timeline.events.find((e) => e.kind === 'bgp.down' && e.speaker === 'bastion' && e.peer === 'worker1')?.t,
    ).toBeCloseTo(expiry / S, 6);
    const after = client.burst(SOURCES);
    expect(after.map((o) => o.status)).toEqual(SOURCES.map(() => 200));
    expect(new Set(after.map((o) => o.proxy))).toEqual(new Set([r2.proxy.options.name]));
  });

  it('replaces the evicted Envoy pod with a new Envoy of its own on worker2 (the only Ready worker), which then serves too', () => {
    world.engine.run({ until: 500 * S });
    expect(gw.replicas.map((r) => r.nodeName)).toEqual(['worker2', 'worker2']);
    const [, fresh] = gw.replicas;
    expect(gw.replicas[0]).toBe(r2);
    expect(fresh.proxy).not.toBe(r1.proxy);
    expect(fresh.proxy.options.name).toBe(`lab/${fresh.pod}`);
    expect(gw.servingByNode[world.network.index('worker2')]).toEqual([r2, fresh]);
    expect(gw.servingByNode[world.network.index('worker1')]).toEqual([]);
    // kube-proxy picks one of the two local endpoints per connection: 64 connections reach both.
    const out = client.burst(Array.from({ length: 64 }, () => SOURCES[1]));
    expect(out.every((o) => o.status === 200)).toBe(true);
    expect(new Set(out.map((o) => o.proxy))).toEqual(new Set([r2.proxy.options.name, fresh.proxy.options.name]));
  });
});

describe("Cilium: the L2 lease holder's own Envoy serves (cilium-l2-failover)", () => {
  /** The world at 30 s, `before` requests through kind-worker's Envoy, kind-worker failed at 60 s, run to 90 s (after takeover). */
  function failover(before: number): { world: World; client: Client; gw: GatewayRuntime; beforeOut: Outcome[] } {
    const world = catalogWorld('cilium-l2-failover', 30);
    const gw = world.gateway('default', 'my-gateway')!;
    const client = new Client(world, gw, 'client', gw.address as string, '/echo');
    const beforeOut = client.sequence(Array.from({ length: before }, () => '172.18.0.1'));
    world.engine.run({ until: 60 * S });
    applyFault(world, { type: 'node', node: 'kind-worker', down: true, graceful: false }, () => undefined);
    world.engine.run({ until: 90 * S });
    return { world, client, gw, beforeOut };
  }

  it("before the failure kind-worker's Envoy serves; after the takeover kind-worker2's, started on its first packet", () => {
    const { world, client, gw, beforeOut } = failover(20);
    expect(beforeOut.map((o) => o.proxy)).toEqual(beforeOut.map(() => 'kind/kube-system/cilium-envoy/kind-worker'));
    expect(beforeOut.every((o) => o.status === 200)).toBe(true);
    expect(gw.replicas.map((r) => r.nodeName)).toEqual(['kind-worker']);
    expect(gw.nodeName).toBe('kind-worker2');
    const after = client.sequence(Array.from({ length: 20 }, () => '172.18.0.1'));
    expect(after.map((o) => o.proxy)).toEqual(after.map(() => 'kind/kube-system/cilium-envoy/kind-worker2'));
    expect(gw.replicas.map((r) => r.nodeName)).toEqual(['kind-worker', 'kind-worker2']);
    const [old, now] = gw.replicas;
    expect(now.proxy).not.toBe(old.proxy);
    expect(now.proxy.config).toBe(old.proxy.config);
    // The weighted 50/50 split: echo-2 answers, echo-1 (on the dead node, still in the EndpointSlice) times out: 503.
    expect(
      new Set(after.map((o) => (o.status === 200 ? o.pod?.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, '') : o.status))),
    ).toEqual(new Set(['echo-2', 503]));
    expect(world.network.topology.hosts[gw.nodeIndex].name).toBe('kind-worker2');
  });

  it("kind-worker2's Envoy has LB state of its own: its picks after the takeover do not depend on how much kind-worker's Envoy served", () => {
    const picks = (before: number): (string | number)[] => {
      const { client } = failover(before);
      return client
        .sequence(Array.from({ length: 30 }, () => '172.18.0.1'))
        .map((o) => (o.status === 200 ? (o.pod as string) : o.status));
    };
    const a = picks(5);
    const b = picks(17);
    expect(a).toEqual(b);
    // Both backends are drawn (the picks are random, not a constant).
    expect(a.filter((p) => p === 503).length).toBeGreaterThan(0);
    expect(a.filter((p) => p !== 503).length).toBeGreaterThan(0);
  });
});
