// The network planes through the world: BGP sessions and advertisements in the round-robin workshop, the FIB's best path
// and ECMP hash choosing entry nodes, the blackhole window after the Envoy node fails hard, and the Cilium L2 lease takeover.
import { describe, expect, it } from 'vitest';
import { NS_PER_S } from '../../../src/sim/time.js';
import { CATALOG_PREFIX, loadCatalogScenario, readCatalogFile } from '../../../src/scenarios/catalog/index.js';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { World } from '../../../src/scenarios/wiring/world.js';
import type { WorldPlane } from '../../../src/scenarios/wiring/plane-factory.js';
import { BgpPlane } from '../../../src/scenarios/wiring/bgp-plane.js';
import { NO_ENTRY } from '../../../src/models/path/entry-plane.js';
import { loadManifests } from '../../../src/models/k8s/load-manifests.js';
import type { HttpRequest } from '../../../src/models/http/request.js';
import type { TimelineEvent } from '../../../src/models/metrics/timeline.js';
import { CALICO_CONNECT_DELAY_NS, BIRD_HOLD_TIME_NS } from '../../../src/models/bgp/timers.js';
import { CALICO_CONFD_DELAY_NS } from '../../../src/models/bgp/calico-advertisement.js';
import {
  DEFAULT_TOLERATION_SECONDS_NS,
  ENDPOINTSLICE_PROPAGATION_NS,
  POD_STARTUP_NS,
  PROBE_PERIOD_NS,
  XDS_PUSH_DELAY_NS,
} from '../../../src/models/k8s/controllers/kube-timings.js';

const S = NS_PER_S;
/** One-way bastion <-> node latency (the scenario format's router link default, 250 us). */
const D = 250_000;
const sec = (ns: number): number => ns / S;

function events(tl: readonly TimelineEvent[], pred: (e: TimelineEvent) => boolean): [number, string, string][] {
  return tl.filter(pred).map((e) => [e.t, e.kind, String(e.prefix ?? e.node ?? e.peer ?? e.pod ?? '')]);
}

/** Builds the round-robin world and runs its steps up to (not including) the hey, by hand. */
function roundRobinWorld(mergePaths: boolean): World {
  const scenario = loadCatalogScenario('round-robin');
  scenario.topology.routers[0].mergePaths = mergePaths;
  const world = new World(scenario, 1);
  world.plane.start();
  const cluster = world.clusters.get('lab')!;
  for (const s of scenario.steps)
    if (s.kind === 'apply') cluster.apply(loadManifests(s.manifests.text, s.manifests.file));
  world.engine.run({ until: 60 * S });
  return world;
}

function fakeRequest(address: string, sourceIp: string): HttpRequest {
  return { template: { address }, sourceIp } as unknown as HttpRequest;
}

describe('BGP plane in the round-robin workshop', () => {
  const r = runScenario(loadCatalogScenario('round-robin'), { version: 'test' });
  // The BGPPeer is rendered at the first push (0.5 s); calico-node connects after its connect delay (2 s); SYN, SYN-ACK,
  // ACK+OPEN, OPEN, KEEPALIVE, KEEPALIVE: Established on the node after 4 one-way delays, on the bastion after 5.
  const push = XDS_PUSH_DELAY_NS;
  const nodeUp = push + CALICO_CONNECT_DELAY_NS + 4 * D;
  const bastionUp = push + CALICO_CONNECT_DELAY_NS + 5 * D;
  // Envoy's pod starts at the first push, runs after POD_STARTUP, is Ready at the first probe tick after the app listens;
  // its endpoint is published, confd re-renders, worker1 sends the UPDATE.
  const envoyReady = push + POD_STARTUP_NS + PROBE_PERIOD_NS;
  const slash32 = envoyReady + ENDPOINTSLICE_PROPAGATION_NS + CALICO_CONFD_DELAY_NS + D;

  it('establishes the bastion sessions and advertises the /26 from every node, then the /32 from the Envoy node once its pod is Ready', () => {
    const bastion = events(
      r.timeline,
      (e) =>
        (e.kind.startsWith('bgp.') && e.speaker === 'bastion') ||
        (e.kind === 'pod.ready' && String(e.pod).startsWith('envoy-gateway-system/')),
    );
    expect(bastion).toEqual([
      [sec(bastionUp), 'bgp.established', 'control1'],
      [sec(bastionUp), 'bgp.advertised', '10.10.10.0/26'],
      [sec(bastionUp), 'bgp.established', 'worker1'],
      [sec(bastionUp), 'bgp.advertised', '10.10.10.0/26'],
      [sec(bastionUp), 'bgp.established', 'worker2'],
      [sec(bastionUp), 'bgp.advertised', '10.10.10.0/26'],
      [sec(envoyReady), 'pod.ready', 'worker1'],
      [sec(slash32), 'bgp.advertised', '10.10.10.0/32'],
    ]);
    expect(
      r.timeline
        .filter(
          (e) => e.kind === 'bgp.established' && e.speaker !== 'bastion' && String(e.protocol).startsWith('Global_'),
        )
        .map((e) => e.t),
    ).toEqual([sec(nodeUp), sec(nodeUp), sec(nodeUp)]);
  });

  it('prints birdc show protocols with the three sessions Established, as the workshop bastion shows', () => {
    const bgp = r.steps.find((s) => s.name === 'bgp')!;
    expect(bgp.lines.slice(5)).toEqual([
      'control1 BGP      master   up     00:00:02    Established   ',
      'worker1  BGP      master   up     00:00:02    Established   ',
      'worker2  BGP      master   up     00:00:02    Established   ',
    ]);
  });

  it('sends every packet for the gateway to the /32 next hop (the Envoy node); an address only in the /26 goes to control1 (lowest router ID) without ECMP', () => {
    const world = roundRobinWorld(false);
    const gw = world.gateway('default', 'load-balancing-gateway')!;
    const plane = world.plane as WorldPlane;
    const from = world.routerIndex.get('bastion')!;
    expect(gw.address).toBe('10.10.10.0');
    expect(plane.entryNode(from, fakeRequest('10.10.10.0', '10.0.1.10'), gw)).toBe(gw.nodeIndex);
    expect(world.network.topology.hosts[gw.nodeIndex].name).toBe('worker1');
    const control1 = world.network.index('control1');
    for (let i = 0; i < 50; i++)
      expect(plane.entryNode(from, fakeRequest('10.10.10.5', `192.168.${i}.7`), gw)).toBe(control1);
    expect(plane.entryNode(from, fakeRequest('10.20.0.1', '10.0.1.10'), gw)).toBe(NO_ENTRY);
    expect(plane.plane('lab')).toBeInstanceOf(BgpPlane);
  });

  it('with merge paths, ECMP spreads flows over the three /26 next hops by (source, destination) hash, each flow always on one node', () => {
    const world = roundRobinWorld(true);
    const gw = world.gateway('default', 'load-balancing-gateway')!;
    const plane = world.plane as WorldPlane;
    const from = world.routerIndex.get('bastion')!;
    const counts = new Map<number, number>();
    const n = 3000;
    for (let i = 0; i < n; i++) {
      const src = `172.16.${i >> 8}.${i & 255}`;
      const a = plane.entryNode(from, fakeRequest('10.10.10.5', src), gw);
      expect(plane.entryNode(from, fakeRequest('10.10.10.5', src), gw)).toBe(a);
      counts.set(a, (counts.get(a) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(
      ['control1', 'worker1', 'worker2'].map((x) => world.network.index(x)).sort(),
    );
    // Uniform thirds: Binomial(3000, 1/3) sd ~26; +-5 sd.
    for (const c of counts.values()) expect(Math.abs(c - n / 3)).toBeLessThan(130);
    // The /32 has one next hop (one Envoy replica): ECMP changes nothing for the gateway's own address.
    for (let i = 0; i < 50; i++)
      expect(plane.entryNode(from, fakeRequest('10.10.10.0', `172.17.0.${i}`), gw)).toBe(gw.nodeIndex);
  });
});

describe('bgp-node-failure through the world', () => {
  const r = runScenario(loadCatalogScenario('bgp-node-failure'), { version: 'test' });
  const tl = r.timeline;
  const t0 = 90;
  const at = (kind: string, pred: (e: TimelineEvent) => boolean = () => true): number[] =>
    tl.filter((e) => e.kind === kind && pred(e)).map((e) => e.t);

  it('follows the timer arithmetic: hold expiry 240 s after the last UPDATE from worker1, NotReady, eviction 300 s later, the replacement Envoy Ready and its /32 advertised', () => {
    const lastFromWorker1 = at('bgp.advertised', (e) => e.speaker === 'bastion' && e.peer === 'worker1').at(-1)!;
    expect(lastFromWorker1).toBeCloseTo(
      sec(
        XDS_PUSH_DELAY_NS + POD_STARTUP_NS + PROBE_PERIOD_NS + ENDPOINTSLICE_PROPAGATION_NS + CALICO_CONFD_DELAY_NS + D,
      ),
      9,
    );
    const holdExpiry = at('bgp.down', (e) => e.speaker === 'bastion')[0];
    expect(holdExpiry).toBeCloseTo(lastFromWorker1 + sec(BIRD_HOLD_TIME_NS), 9);
    expect(holdExpiry - t0).toBeGreaterThanOrEqual(160);
    expect(holdExpiry - t0).toBeLessThanOrEqual(240);
    const [notReady] = at('node.notReady');
    expect(notReady - t0).toBeGreaterThanOrEqual(40);
    expect(notReady - t0).toBeLessThanOrEqual(55);
    const evicted = at('pod.evicted');
    expect(evicted).toHaveLength(3); // the Envoy pod and worker1's two backend pods
    for (const t of evicted) expect(t).toBeCloseTo(notReady + sec(DEFAULT_TOLERATION_SECONDS_NS), 9);
    const envoyReady = at(
      'pod.ready',
      (e) => String(e.pod).startsWith('envoy-gateway-system/') && e.node === 'worker2',
    );
    expect(envoyReady).toHaveLength(1);
    expect(envoyReady[0] - evicted[0]).toBeGreaterThan(sec(POD_STARTUP_NS));
    expect(envoyReady[0] - evicted[0]).toBeLessThanOrEqual(sec(POD_STARTUP_NS + PROBE_PERIOD_NS));
    const back = at(
      'bgp.advertised',
      (e) => e.speaker === 'bastion' && e.peer === 'worker2' && e.prefix === '10.10.10.0/32',
    );
    expect(back).toHaveLength(1);
    expect(back[0]).toBeCloseTo(envoyReady[0] + sec(ENDPOINTSLICE_PROPAGATION_NS + CALICO_CONFD_DELAY_NS + D), 9);
    // The replacement is a new Envoy (its own proxy): it takes packets once its endpoint is published, not before.
    const envoyEndpoint = at(
      'endpoint.added',
      (e) => String(e.service).startsWith('envoy-gateway-system/') && e.t > t0,
    );
    expect(envoyEndpoint).toEqual([envoyReady[0] + sec(ENDPOINTSLICE_PROPAGATION_NS)].map((x) => expect.closeTo(x, 9)));
    expect(at('gateway.moved')).toEqual([]);
    // The order of the control-plane story.
    const story = tl
      .filter((e) => e.t >= t0)
      .filter(
        (e) =>
          ['node.down', 'node.notReady', 'bgp.withdrawn', 'pod.evicted', 'endpoint.added'].includes(e.kind) ||
          (e.kind === 'bgp.advertised' && e.t > t0),
      )
      .map((e) => e.kind);
    expect(story).toEqual([
      'node.down',
      'node.notReady',
      'bgp.withdrawn',
      'bgp.withdrawn',
      'pod.evicted',
      'pod.evicted',
      'pod.evicted',
      'endpoint.added',
      'endpoint.added',
      'endpoint.added',
      'bgp.advertised',
    ]);
  });

  it('loses every request from the failure until the /32 is back (rate x window, Poisson)', () => {
    const back = at(
      'bgp.advertised',
      (e) => e.speaker === 'bastion' && e.peer === 'worker2' && e.prefix === '10.10.10.0/32',
    )[0];
    const window = back - t0;
    const load = r.steps.find((s) => s.name === 'load')!;
    const lost = load.statusCounts['0'] ?? 0;
    expect(Math.abs(lost - 100 * window)).toBeLessThan(4 * Math.sqrt(100 * window));
    expect(load.statusCounts['503'] ?? 0).toBe(0);
  });
});

describe('bgp-node-failure-ecmp through the world (2 Envoy replicas, ECMP, 16 client addresses)', () => {
  const r = runScenario(loadCatalogScenario('bgp-node-failure-ecmp'), { version: 'test' });
  const tl = r.timeline;
  const t0 = 90;
  const holdExpiry = tl.find((e) => e.kind === 'bgp.down' && e.speaker === 'bastion' && e.peer === 'worker1')!.t;
  const load = r.steps.find((s) => s.name === 'load')!;

  it('advertises the /32 from both Envoy nodes, and only worker1 loses it, at hold expiry', () => {
    const slash32 = tl
      .filter((e) => e.kind.startsWith('bgp.') && e.speaker === 'bastion' && e.prefix === '10.10.10.0/32')
      .map((e) => [e.kind, e.peer]);
    expect(slash32).toEqual([
      ['bgp.advertised', 'worker1'],
      ['bgp.advertised', 'worker2'],
      ['bgp.withdrawn', 'worker1'],
    ]);
    expect(
      tl.find((e) => e.kind === 'bgp.withdrawn' && e.speaker === 'bastion' && e.prefix === '10.10.10.0/32')!.t,
    ).toBe(holdExpiry);
    expect(holdExpiry - t0).toBeGreaterThanOrEqual(160);
    expect(holdExpiry - t0).toBeLessThanOrEqual(240);
  });

  it('loses exactly the flows hashed to worker1 (half the connections) from the failure to hold expiry, nothing after', () => {
    const window = holdExpiry - t0;
    const lost = load.statusCounts['0'] ?? 0;
    // Requests go round robin over 64 connections, 32 of them from the 8 addresses hashed to worker1: lost = N/2, N ~ Poisson(100 x window).
    expect(Math.abs(lost - 50 * window)).toBeLessThan((4 * Math.sqrt(100 * window)) / 2);
    // A lost request is recorded when the client gives up (5 s): errors sit in [t0 + 5, expiry + 5] and nowhere else.
    const bin = r.seriesBinSeconds;
    for (const p of r.series) {
      const errors = p.byClass.error ?? 0;
      if (p.t + bin <= t0 + 5 || p.t >= holdExpiry + 5 + bin) expect(errors, `bin at ${p.t} s`).toBe(0);
    }
    const inWindow = r.series
      .filter((p) => p.t >= t0 + 5 + bin && p.t + bin <= holdExpiry + 5)
      .map((p) => p.byClass.error ?? 0);
    expect(Math.min(...inWindow)).toBeGreaterThan(0);
  });

  it('loses far less than one replica does: bgp-node-failure loses everything for the whole eviction window', () => {
    const single = runScenario(loadCatalogScenario('bgp-node-failure'), { version: 'test' }).steps.find(
      (s) => s.name === 'load',
    )!;
    const lostEcmp = load.statusCounts['0'] ?? 0;
    const lostSingle = single.statusCounts['0'] ?? 0;
    expect(lostSingle).toBeGreaterThan(3.5 * lostEcmp);
    expect(single.statusCounts['503'] ?? 0).toBe(0);
    // With a surviving Envoy, worker2's Envoy round-robins onto worker1's two dead pods until NotReady: 503 after the connect timeout.
    const notReady = tl.find((e) => e.kind === 'node.notReady')!.t;
    const e503 = load.statusCounts['503'] ?? 0;
    const expected503 = 25 * (notReady - t0 + sec(ENDPOINTSLICE_PROPAGATION_NS + XDS_PUSH_DELAY_NS));
    expect(Math.abs(e503 - expected503)).toBeLessThan(4 * Math.sqrt(expected503) + 25);
  });
});

describe('Cilium L2 plane', () => {
  const r = runScenario(loadCatalogScenario('cilium-l2-failover'), { version: 'test' });
  it('one lease per gateway Service; after the holder fails the lease is taken over 15 s (duration) plus retry jitter after its last renew', () => {
    const l2 = r.timeline
      .filter((e) => e.kind.startsWith('l2.') || e.kind === 'node.down')
      .map((e) => [e.kind, e.node]);
    expect(l2).toEqual([
      ['l2.leaseAcquired', 'kind-worker'],
      ['node.down', 'kind-worker'],
      ['l2.leaseLost', 'kind-worker'],
      ['l2.leaseAcquired', 'kind-worker2'],
    ]);
    const takeover = r.timeline.filter((e) => e.kind === 'l2.leaseAcquired')[1].t - 60;
    // client-go: the holder renewed <= 2 s (retryPeriod) before failing; a follower sees the lease expired at its first
    // retry >= its observation + 15 s, retrying every 2 s x (1 + U[0, 1.2)) (reference 2.2: 10-20 s).
    expect(takeover).toBeGreaterThanOrEqual(13);
    expect(takeover).toBeLessThanOrEqual(15 + 2 * 2.2);
    expect(r.timeline.find((e) => e.kind === 'gateway.moved')?.node).toBe('kind-worker2');
    const load = r.steps.find((s) => s.name === 'load')!;
    const lost = load.statusCounts['0'] ?? 0;
    expect(Math.abs(lost - 100 * takeover)).toBeLessThan(4 * Math.sqrt(100 * takeover) + 5);
  });
});

describe('the run timeline carries the issue-5 event kinds', () => {
  it('over the failure scenarios plus a node coming back, a healed partition and ha-failover run until its ejected host returns', () => {
    const text = readCatalogFile('round-robin/bgp-node-failure.yaml')
      .replace(/    - load: .*\n/, '')
      .replace(
        '    - wait: {for: load}\n',
        '    - fault: {node: worker1, down: false}\n    - wait: 30s\n    - fault: {partition: [[lab], [bastion]]}\n    - wait: 1s\n    - fault: {partition: [[lab], [bastion]], heal: true}\n',
      )
      .replace(/  expect:[\s\S]*$/, '  expect:\n    - step: recovered\n      status: {200: 10}\n');
    const back = runScenario(
      loadScenario(text, {
        file: `${CATALOG_PREFIX}round-robin/x.yaml`,
        readFile: readCatalogFile,
        root: `${CATALOG_PREFIX}round-robin`,
      }),
      { version: 'test' },
    );
    expect(back.expectations.every((e) => e.ok)).toBe(true);
    const kinds = new Set(
      [
        ...back.timeline,
        ...runScenario(loadCatalogScenario('bgp-node-failure')).timeline,
        ...runScenario(
          loadScenario(
            readCatalogFile('ha-failover/scenario.yaml').replace('\n  expect:', '\n    - wait: 120s\n  expect:'),
            {
              file: `${CATALOG_PREFIX}ha-failover/x.yaml`,
              readFile: readCatalogFile,
              root: `${CATALOG_PREFIX}ha-failover`,
            },
          ),
        ).timeline,
        ...runScenario(loadCatalogScenario('cilium-l2-failover')).timeline,
      ].map((e) => e.kind),
    );
    for (const k of [
      'node.down',
      'node.up',
      'node.notReady',
      'pod.evicted',
      'pod.ready',
      'endpoint.added',
      'endpoint.removed',
      'bgp.established',
      'bgp.down',
      'bgp.advertised',
      'bgp.withdrawn',
      'l2.leaseAcquired',
      'config.pushed',
      'outlier.ejected',
      'outlier.unejected',
      'link.down',
      'link.up',
    ])
      expect(kinds, k).toContain(k);
    // worker1 back: its BGP sessions re-establish.
    expect(
      back.timeline
        .filter((e) => e.kind === 'bgp.established' && e.speaker === 'bastion' && e.t > 340)
        .map((e) => e.peer),
    ).toEqual(['worker1']);
  });
});
