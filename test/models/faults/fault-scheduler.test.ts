import { describe, it, expect } from 'vitest';
import { Engine } from '../../../src/sim/engine.js';
import { RngRoot } from '../../../src/sim/rng.js';
import { NS_PER_S, NS_PER_MS } from '../../../src/sim/time.js';
import { Network, UNREACHABLE } from '../../../src/models/net/network.js';
import { BgpFabric } from '../../../src/models/bgp/fabric.js';
import { KubeReaction } from '../../../src/models/k8s/controllers/kube-reaction.js';
import { FaultScheduler } from '../../../src/models/faults/fault-scheduler.js';
import {
  bgpNodeTarget,
  kubeNodeTarget,
  kubePodTarget,
  networkClusters,
  networkNodeTarget,
} from '../../../src/models/faults/adapters.js';
import { BIRD_DEFAULT_TIMERS, CALICO_NODE_TIMERS } from '../../../src/models/bgp/timers.js';
import { parseCidr } from '../../../src/models/net/address.js';
import { RecordingTimeline } from '../net/recording-timeline.js';

const S = NS_PER_S;

function world() {
  const engine = new Engine();
  const tl = new RecordingTimeline(engine);
  const root = new RngRoot(7);
  const net = new Network(
    engine,
    root.fork('net'),
    {
      topology: {
        clusters: [
          { name: 'us-east', platform: 'calico' },
          { name: 'us-west', platform: 'calico' },
        ],
        nodes: [
          { name: 'east1', cluster: 'us-east', address: '10.0.1.21' },
          { name: 'east2', cluster: 'us-east', address: '10.0.1.22' },
          { name: 'west1', cluster: 'us-west', address: '10.0.2.21' },
        ],
        routers: [{ name: 'bastion', address: '10.0.1.10' }],
      },
      links: [{ between: ['us-east', 'us-west'], rttNs: 70 * NS_PER_MS }],
    },
    tl,
  );
  const fabric = new BgpFabric(engine, root.fork('bgp'), { oneWayNs: (a, b) => net.baseDelay(a, b) }, tl);
  fabric.addSpeaker({
    name: 'east1',
    host: net.index('east1'),
    address: '10.0.1.21',
    asNumber: 64512,
    recordRoutes: false,
  });
  fabric.addSpeaker({
    name: 'bastion',
    host: net.index('bastion'),
    address: '10.0.1.10',
    asNumber: 64512,
    importFilter: [parseCidr('10.10.10.0/26')],
  });
  fabric.addSession({
    ends: [
      { speaker: 'east1', protocol: 'Global_10_0_1_10', timers: CALICO_NODE_TIMERS },
      { speaker: 'bastion', protocol: 'east1', timers: BIRD_DEFAULT_TIMERS },
    ],
  });
  fabric.originate('east1', parseCidr('10.10.10.0/26'));
  const kube = new KubeReaction(
    engine,
    root.fork('k8s'),
    { nodes: ['east1', 'east2', 'west1'], kubeletPhaseNs: { east1: 0, east2: 0, west1: 0 }, monitorPhaseNs: 0 },
    tl,
  );
  kube.addPod({ name: 'web-1', node: 'east2', services: ['default/web'] });
  const faults = new FaultScheduler(
    engine,
    root.fork('faults'),
    {
      nodes: [networkNodeTarget(net), bgpNodeTarget(fabric), kubeNodeTarget(kube)],
      pods: [kubePodTarget(kube)],
      links: net,
      bgp: fabric,
      clusters: networkClusters(net),
    },
    tl,
  );
  fabric.start();
  engine.run({ until: 10 * S });
  tl.events.length = 0;
  const i = (n: string) => net.index(n);
  return { engine, tl, net, fabric, kube, faults, i };
}

describe('fault scheduler', () => {
  it('linkDown / linkUp between two hosts', () => {
    const w = world();
    w.faults.scheduleAt(20 * S, { kind: 'linkDown', between: ['east1', 'east2'] });
    w.faults.scheduleAt(30 * S, { kind: 'linkUp', between: ['east1', 'east2'] });
    w.engine.run({ until: 25 * S });
    expect(w.net.delay(w.i('east1'), w.i('east2'), 100)).toBe(UNREACHABLE);
    expect(w.net.delay(w.i('east1'), w.i('bastion'), 0)).toBe(125_000);
    w.engine.run({ until: 35 * S });
    expect(w.net.delay(w.i('east1'), w.i('east2'), 0)).toBe(125_000);
    expect(w.tl.lines('fault', 'link')).toEqual([
      `${20 * S} fault fault=linkDown`,
      `${20 * S} link.down link=hosts:east1|east2`,
      `${30 * S} fault fault=linkUp`,
      `${30 * S} link.up link=hosts:east1|east2`,
    ]);
  });

  it('linkDegraded changes latency and loss; linkRestored puts them back', () => {
    const w = world();
    w.faults.apply({ kind: 'linkDegraded', between: ['us-east', 'us-west'], latencyNs: 100 * NS_PER_MS });
    expect(w.net.delay(w.i('east1'), w.i('west1'), 0)).toBe(100 * NS_PER_MS);
    w.faults.apply({ kind: 'linkDegraded', between: ['us-east', 'us-west'], loss: 1 });
    expect(w.net.delay(w.i('east1'), w.i('west1'), 0)).toBe(-2);
    w.faults.apply({ kind: 'linkRestored', between: ['us-east', 'us-west'] });
    expect(w.net.delay(w.i('east1'), w.i('west1'), 0)).toBe(35 * NS_PER_MS);
    expect(w.tl.events.map((e) => e.kind)).toEqual([
      'fault',
      'link.degraded',
      'fault',
      'link.degraded',
      'fault',
      'link.up',
    ]);
  });

  it('partition cuts only cross-cluster paths; heal restores them', () => {
    const w = world();
    w.faults.apply({ kind: 'partition', clusters: ['us-east', 'us-west'] });
    expect(w.net.delay(w.i('east1'), w.i('west1'), 0)).toBe(UNREACHABLE);
    expect(w.net.delay(w.i('east1'), w.i('east2'), 0)).toBe(125_000);
    w.faults.apply({ kind: 'heal', clusters: ['us-east', 'us-west'] });
    expect(w.net.delay(w.i('west1'), w.i('east1'), 1500)).toBe(35 * NS_PER_MS + 1200);
    expect(w.tl.lines('link')).toEqual([
      '10000000000 fault',
      '10000000000 link.down link=clusters:us-east|us-west',
      '10000000000 fault',
      '10000000000 link.up link=clusters:us-east|us-west',
    ]);
  });

  it('hard node down: node.down, BGP silence, bastion withdraws at hold expiry, Kubernetes NotReady', () => {
    const w = world();
    w.faults.scheduleAt(20 * S, { kind: 'nodeDown', node: 'east1', mode: 'hard' });
    w.engine.run({ until: 400 * S });
    // east1's keepalives go every 80 s from 2s+4d; the last before 20 s is its first message burst, received at 2s+5d; expiry 240 s later
    expect(w.tl.lines('node', 'speaker', 'prefix')).toEqual([
      `${20 * S} fault node=east1`,
      `${20 * S} node.down node=east1`,
      `${20 * S} bgp.down speaker=east1`,
      // last lease renew at 20 s (phase 0), seen by the monitor tick at 20 s; 20 + 50 s grace = 70 s
      `${70 * S} node.notReady node=east1`,
      `${2 * S + 5 * 125_000 + 240 * S} bgp.down speaker=bastion`,
      `${2 * S + 5 * 125_000 + 240 * S} bgp.withdrawn speaker=bastion prefix=10.10.10.0/26`,
    ]);
  });

  it('graceful node down withdraws at once; node up re-establishes', () => {
    const w = world();
    w.faults.apply({ kind: 'nodeDown', node: 'east1', mode: 'graceful' });
    w.engine.run({ until: 11 * S });
    expect(w.tl.events.map((e) => e.kind)).toEqual([
      'fault',
      'node.down',
      'bgp.down',
      'node.notReady',
      'bgp.down',
      'bgp.withdrawn',
    ]);
    expect(w.tl.events[5].t).toBe(10 * S + 125_000);
    w.tl.events.length = 0;
    w.faults.apply({ kind: 'nodeUp', node: 'east1' });
    w.engine.run({ until: 200 * S });
    expect(w.tl.events.map((e) => e.kind)).toEqual([
      'fault',
      'node.up',
      'node.ready',
      'bgp.established',
      'bgp.established',
      'bgp.advertised',
    ]);
  });

  it('clusterDown takes every node of the cluster down; clusterUp brings them back', () => {
    const w = world();
    w.faults.apply({ kind: 'clusterDown', cluster: 'us-east' });
    expect(w.tl.events.filter((e) => e.kind === 'node.down').map((e) => e.fields.node)).toEqual(['east1', 'east2']);
    expect(w.net.delay(w.i('bastion'), w.i('east2'), 0)).toBe(UNREACHABLE);
    expect(w.net.delay(w.i('bastion'), w.i('west1'), 0)).toBe(125_000);
    w.faults.apply({ kind: 'clusterUp', cluster: 'us-east' });
    expect(w.net.delay(w.i('bastion'), w.i('east2'), 0)).toBe(125_000);
  });

  it('pod crash, hang and recover reach the Kubernetes model', () => {
    const w = world();
    w.faults.apply({ kind: 'podCrash', pod: 'web-1' });
    w.engine.run({ until: 40 * S });
    w.faults.apply({ kind: 'podHang', pod: 'web-1' });
    w.engine.run({ until: 80 * S });
    w.faults.apply({ kind: 'podRecover', pod: 'web-1' });
    w.engine.run({ until: 100 * S });
    expect(w.tl.lines('pod', 'reason').filter((l) => /pod\./.test(l))).toEqual([
      `${10 * S} pod.crashed pod=web-1`,
      `${10 * S} pod.notReady pod=web-1 reason=containerExited`,
      `${20 * S} pod.started pod=web-1`,
      `${30 * S} pod.ready pod=web-1 reason=readinessProbe`,
      // probe ticks at 20 s + 10k: first failing tick 40 s -> NotReady at 40 + 20 + 1
      `${61 * S} pod.notReady pod=web-1 reason=readinessProbe`,
      `${80 * S} pod.ready pod=web-1 reason=readinessProbe`,
    ]);
  });

  it('BGP session reset (tcpDrop) keeps routes stale; daemon restart re-establishes', () => {
    const w = world();
    w.faults.apply({ kind: 'bgpSessionReset', speaker: 'east1', protocol: 'Global_10_0_1_10', mode: 'tcpDrop' });
    w.engine.run({ until: 11 * S });
    expect(
      w.fabric
        .rib('bastion')
        .paths(parseCidr('10.10.10.0/26'))
        .map((p) => p.stale),
    ).toEqual([true]);
    w.faults.apply({ kind: 'bgpDaemonRestart', speaker: 'east1', downNs: 5 * S });
    w.engine.run({ until: 300 * S });
    expect(w.fabric.status('bastion')[0].state).toBe('Established');
    expect(
      w.fabric
        .rib('bastion')
        .paths(parseCidr('10.10.10.0/26'))
        .map((p) => p.stale),
    ).toEqual([false]);
    expect(w.tl.events.filter((e) => e.kind === 'bgp.withdrawn')).toEqual([]);
  });
});
