// The blackhole window after a hard failure of the node hosting Calico Ingress Gateway's Envoy (reference 1.9, 1.10, 3):
// bastion hold-timer expiry, then the /26 fallback onto eTP=Local nodes with no Envoy, until the evicted Envoy's replacement
// is Ready and its node advertises the /32. Computed end to end from the models, and checked against the timer arithmetic.
import { describe, it, expect } from 'vitest';
import { NS_PER_S } from '../../../src/sim/time.js';
import { RngRoot } from '../../../src/sim/rng.js';
import { makeWorld, NODES } from './fixture.js';
import { KubeReaction } from '../../../src/models/k8s/controllers/kube-reaction.js';
import type { EndpointView } from '../../../src/models/k8s/controllers/kube-reaction.js';
import { selectNextHop } from '../../../src/models/bgp/rib.js';
import { parseIpv4 } from '../../../src/models/net/address.js';
import { CALICO_CONFD_DELAY_NS } from '../../../src/models/bgp/calico-advertisement.js';
import { BIRD_HOLD_TIME_NS } from '../../../src/models/bgp/timers.js';
import {
  DEFAULT_TOLERATION_SECONDS_NS,
  ENDPOINTSLICE_PROPAGATION_NS,
  POD_STARTUP_NS,
  PROBE_PERIOD_NS,
} from '../../../src/models/k8s/controllers/kube-timings.js';

const S = NS_PER_S;
const D = 125_000;
const SVC = 'tigera-gateway/envoy-default-eg-e41e7b31';
const VIP = parseIpv4('10.10.10.0');
const CLIENTS = Array.from({ length: 1000 }, (_, i) => (parseIpv4('192.168.0.0') + i * 7919) >>> 0);

function run(opts: { mergePaths: boolean; replicas: 1 | 2 }) {
  const w = makeWorld({ mergePaths: opts.mergePaths });
  let endpoints: EndpointView[] = [];
  const services = () => [
    {
      key: SVC,
      ingressIPs: ['10.10.10.0'],
      externalTrafficPolicy: 'Local' as const,
      endpoints: endpoints.map((e) => ({ node: e.node, ready: e.ready })),
    },
  ];
  const kube: KubeReaction = new KubeReaction(
    w.engine,
    new RngRoot(1).fork('k8s'),
    { nodes: NODES.map((n) => n.name), kubeletPhaseNs: { control1: 0, worker1: 0, worker2: 0 }, monitorPhaseNs: 0 },
    w.timeline,
    {
      onEndpointsChanged: (_svc, eps) => {
        endpoints = [...eps];
        w.advertiser.update(services());
      },
      // The ReplicaSet replaces the evicted Envoy; the scheduler puts it on a Ready node (worker2 here).
      onPodEvicted: (p) => kube.startPod({ name: `${p.name}-replacement`, node: 'worker2', services: p.services }),
    },
  );
  kube.addPod({ name: 'envoy-1', node: 'worker1', services: [SVC] });
  if (opts.replicas === 2) kube.addPod({ name: 'envoy-2', node: 'worker2', services: [SVC] });
  endpoints = kube.endpoints(SVC);
  w.advertiser.applyNow(services());
  w.fabric.start();

  /** Fraction of client sources whose packets to the VIP reach a Ready Envoy now. */
  const delivered = (): number => {
    const route = w.fabric.rib('bastion').lookup(VIP);
    if (route === null) return 0;
    const eps = endpoints.map((e) => ({ node: w.network.index(e.node), ready: e.ready }));
    let ok = 0;
    for (const src of CLIENTS) {
      const hop = selectNextHop(route, src, VIP);
      const node = w.network.topology.hostByAddress(hop.nextHop)!;
      if (!w.network.isHostUp(node.index)) continue;
      // externalTrafficPolicy Local: only a Ready endpoint on the receiving node takes the packet (else kube-proxy drops it).
      if (eps.some((e) => e.node === node.index && e.ready)) ok++;
    }
    return ok / CLIENTS.length;
  };

  w.engine.run({ until: 100 * S });
  expect(delivered()).toBe(1);
  const t0 = 100 * S;
  w.network.setHostUp('worker1', false);
  w.fabric.crash('worker1');
  kube.nodeDown('worker1');
  const changes: [number, number][] = [[t0, delivered()]];
  while (w.engine.nextTime() <= 900 * S) {
    w.engine.step();
    const f = delivered();
    if (f !== changes[changes.length - 1][1]) changes.push([w.engine.now, f]);
  }
  return changes;
}

describe('blackhole window after a hard failure of the Envoy node (Calico Ingress Gateway, eTP Local, BIRD bastion)', () => {
  // Timer arithmetic (reference 1.9 and 3), t0 = 100 s, kubelet/monitor phases 0, Kubernetes 1.32:
  const holdExpiry = 2 * S + 5 * D + 80 * S + BIRD_HOLD_TIME_NS; // last keepalive from worker1 reached the bastion at 82s+5d
  const notReady = 100 * S + 50 * S; // last lease renew at 100 s, seen by the monitor tick at 100 s, + 50 s grace
  const evicted = notReady + DEFAULT_TOLERATION_SECONDS_NS;
  const replacementReady = evicted + POD_STARTUP_NS + PROBE_PERIOD_NS; // app listens 1 s after start; first probe tick after that
  const endpointSeen = replacementReady + ENDPOINTSLICE_PROPAGATION_NS;
  const slash32AtBastion = endpointSeen + CALICO_CONFD_DELAY_NS + D;

  it('the arithmetic: hold expiry inside [t0+160 s, t0+240 s]; the outage lasts ~6.2 min', () => {
    expect((holdExpiry - 100 * S) / S).toBeCloseTo(222.000625, 9);
    expect(notReady).toBe(150 * S);
    expect(evicted).toBe(450 * S);
    expect(replacementReady).toBe(470 * S);
    expect((slash32AtBastion - 100 * S) / S).toBeCloseTo(370.210125, 9);
  });

  it("one Envoy replica, no ECMP: every flow blackholed from t0 until the replacement's /32 reaches the bastion", () => {
    // [t0, hold expiry): /32 -> dead worker1; [expiry, /32 back): /26 -> control1 (lowest router ID), which has no local Envoy.
    expect(run({ mergePaths: false, replicas: 1 })).toEqual([
      [100 * S, 0],
      [slash32AtBastion, 1],
    ]);
  });

  it('one Envoy replica, with ECMP (merge paths): same start; flows hashed onto worker2 via the /26 recover when its Envoy endpoint is seen', () => {
    const changes = run({ mergePaths: true, replicas: 1 });
    expect(changes.map(([t]) => t)).toEqual([100 * S, endpointSeen, slash32AtBastion]);
    expect(changes[0][1]).toBe(0);
    expect(changes[1][1]).toBeGreaterThan(0.45); // share of the /26 hashed to worker2 (of control1, worker2)
    expect(changes[1][1]).toBeLessThan(0.55);
    expect(changes[2][1]).toBe(1);
  });

  it('two replicas, no ECMP: worker1 (lowest router ID among the /32 advertisers) carried everything: 100 % lost until hold expiry', () => {
    expect(run({ mergePaths: false, replicas: 2 })).toEqual([
      [100 * S, 0],
      [holdExpiry, 1],
    ]);
  });

  it('two replicas, with ECMP: only the flows hashed to worker1 (~1/2) are lost until hold expiry', () => {
    const changes = run({ mergePaths: true, replicas: 2 });
    expect(changes.map(([t]) => t)).toEqual([100 * S, holdExpiry]);
    expect(changes[0][1]).toBeGreaterThan(0.45);
    expect(changes[0][1]).toBeLessThan(0.55);
    expect(changes[1][1]).toBe(1);
  });
});
