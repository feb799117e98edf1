import { describe, it, expect } from 'vitest';
import { makeWorld } from './fixture.js';
import { NS_PER_S } from '../../../src/sim/time.js';
import { showProtocols, showRoute } from '../../../src/models/bgp/birdc.js';
import { parseCidr, formatIpv4 } from '../../../src/models/net/address.js';

const D = 125_000; // one-way LAN delay, SAME_CLUSTER_ONE_WAY_NS
const S = NS_PER_S;
const gateway = [
  {
    key: 'tigera-gateway/envoy-default-eg',
    ingressIPs: ['10.10.10.0'],
    externalTrafficPolicy: 'Local' as const,
    endpoints: [{ node: 'worker1', ready: true }],
  },
];

function started(opts: { mergePaths?: boolean } = {}) {
  const w = makeWorld(opts);
  w.advertiser.applyNow(gateway);
  w.fabric.start();
  return w;
}

describe('BGP FSM and timers (Calico node <-> BIRD 1.6 bastion)', () => {
  it('establishes after Calico connect delay 2 s + TCP handshake + OPEN/KEEPALIVE exchange, then the bastion learns the routes', () => {
    const w = started();
    w.engine.run({ until: 3 * S });
    // node connects at 2 s (Calico `connect delay time 2`), SYN-ACK at 2s+2d, OPEN exchange, KEEPALIVE: node up at 2s+4d, bastion at 2s+5d
    expect(w.timeline.lines('speaker', 'protocol', 'prefix')).toEqual([
      `${2 * S + 4 * D} bgp.established speaker=control1 protocol=Global_10_0_1_10`,
      `${2 * S + 4 * D} bgp.established speaker=worker1 protocol=Global_10_0_1_10`,
      `${2 * S + 4 * D} bgp.established speaker=worker2 protocol=Global_10_0_1_10`,
      `${2 * S + 5 * D} bgp.established speaker=bastion protocol=control1`,
      `${2 * S + 5 * D} bgp.advertised speaker=bastion protocol=control1 prefix=10.10.10.0/26`,
      `${2 * S + 5 * D} bgp.established speaker=bastion protocol=worker1`,
      `${2 * S + 5 * D} bgp.advertised speaker=bastion protocol=worker1 prefix=10.10.10.0/26`,
      `${2 * S + 5 * D} bgp.advertised speaker=bastion protocol=worker1 prefix=10.10.10.0/32`,
      `${2 * S + 5 * D} bgp.established speaker=bastion protocol=worker2`,
      `${2 * S + 5 * D} bgp.advertised speaker=bastion protocol=worker2 prefix=10.10.10.0/26`,
    ]);
    const st = w.fabric.status('bastion');
    expect(st.map((s) => [s.protocol, s.state, s.holdNs, s.keepaliveNs])).toEqual([
      ['control1', 'Established', 240 * S, 80 * S],
      ['worker1', 'Established', 240 * S, 80 * S],
      ['worker2', 'Established', 240 * S, 80 * S],
    ]);
  });

  it('hard failure: the bastion withdraws only at hold expiry = last keepalive received + 240 s (reference 1.9 rule 1)', () => {
    const w = started();
    w.engine.run({ until: 100 * S });
    w.timeline.events.length = 0;
    w.network.setHostUp('worker1', false);
    w.fabric.crash('worker1');
    w.engine.run({ until: 400 * S });
    // worker1's keepalives leave every 80 s after its last send at 2s+4d; the last one reaches the bastion at 82s+5d.
    const expiry = 82 * S + 5 * D + 240 * S;
    expect(expiry - 100 * S).toBe(222 * S + 5 * D); // inside [t0+160 s, t0+240 s]
    expect(w.timeline.lines('speaker', 'protocol', 'prefix', 'reason')).toEqual([
      `${100 * S} bgp.down speaker=worker1 protocol=Global_10_0_1_10 reason=speaker stopped`,
      `${expiry} bgp.down speaker=bastion protocol=worker1 reason=Error: Hold timer expired`,
      `${expiry} bgp.withdrawn speaker=bastion protocol=worker1 prefix=10.10.10.0/26 reason=Error: Hold timer expired`,
      `${expiry} bgp.withdrawn speaker=bastion protocol=worker1 prefix=10.10.10.0/32 reason=Error: Hold timer expired`,
    ]);
  });

  it('the node comes back: the bastion session re-establishes after its error wait and connect cycle', () => {
    const w = started();
    w.engine.run({ until: 100 * S });
    w.network.setHostUp('worker1', false);
    w.fabric.crash('worker1');
    w.engine.run({ until: 400 * S });
    w.timeline.events.length = 0;
    w.network.setHostUp('worker1', true);
    w.fabric.recover('worker1');
    w.engine.run({ until: 500 * S });
    // worker1 restarts: Active 2 s, connects at 402 s; the bastion is in its 60 s error wait (until 382s+5d) and then Active: accepts.
    expect(w.timeline.lines('speaker', 'protocol', 'prefix')).toEqual([
      `${402 * S + 4 * D} bgp.established speaker=worker1 protocol=Global_10_0_1_10`,
      `${402 * S + 5 * D} bgp.established speaker=bastion protocol=worker1`,
      `${402 * S + 5 * D} bgp.advertised speaker=bastion protocol=worker1 prefix=10.10.10.0/26`,
      `${402 * S + 5 * D} bgp.advertised speaker=bastion protocol=worker1 prefix=10.10.10.0/32`,
    ]);
  });

  it('orderly shutdown: NOTIFICATION Cease, the bastion withdraws one one-way delay later (rule 3)', () => {
    const w = started();
    w.engine.run({ until: 50 * S });
    w.timeline.events.length = 0;
    w.fabric.shutdown('worker1');
    w.engine.run({ until: 60 * S });
    expect(w.timeline.lines('speaker', 'protocol', 'prefix', 'reason')).toEqual([
      `${50 * S} bgp.down speaker=worker1 protocol=Global_10_0_1_10 reason=speaker stopped`,
      `${50 * S + D} bgp.down speaker=bastion protocol=worker1 reason=Received: Administrative shutdown`,
      `${50 * S + D} bgp.withdrawn speaker=bastion protocol=worker1 prefix=10.10.10.0/26 reason=Received: Administrative shutdown`,
      `${50 * S + D} bgp.withdrawn speaker=bastion protocol=worker1 prefix=10.10.10.0/32 reason=Received: Administrative shutdown`,
    ]);
  });

  it('BIRD killed on a live node: graceful restart keeps routes stale for 120 s, then flushes them (rule 2)', () => {
    const w = started();
    w.engine.run({ until: 50 * S });
    w.timeline.events.length = 0;
    w.fabric.killDaemon('worker1');
    w.engine.run({ until: 50 * S + 2 * D });
    const stale = w.fabric.rib('bastion').paths(parseCidr('10.10.10.0/32'));
    expect(stale.map((p) => [p.protocol, p.stale])).toEqual([['worker1', true]]);
    w.engine.run({ until: 200 * S });
    expect(w.timeline.lines('speaker', 'protocol', 'prefix', 'reason', 'gracefulRestart')).toEqual([
      `${50 * S} bgp.down speaker=worker1 protocol=Global_10_0_1_10 reason=speaker stopped gracefulRestart=false`,
      `${50 * S + D} bgp.down speaker=bastion protocol=worker1 reason=Socket: Connection closed gracefulRestart=true`,
      `${170 * S + D} bgp.withdrawn speaker=bastion protocol=worker1 prefix=10.10.10.0/26 reason=gracefulRestartTimeout`,
      `${170 * S + D} bgp.withdrawn speaker=bastion protocol=worker1 prefix=10.10.10.0/32 reason=gracefulRestartTimeout`,
    ]);
  });

  it('calico-node restarts within the restart time: routes stay (stale, then refreshed), End-of-RIB clears staleness; no withdrawal', () => {
    const w = started();
    w.engine.run({ until: 50 * S });
    w.timeline.events.length = 0;
    w.fabric.killDaemon('worker1');
    w.engine.run({ until: 60 * S });
    w.fabric.recover('worker1');
    w.engine.run({ until: 200 * S });
    expect(w.timeline.events.filter((e) => e.kind === 'bgp.withdrawn')).toEqual([]);
    expect(
      w.fabric
        .rib('bastion')
        .paths(parseCidr('10.10.10.0/32'))
        .map((p) => [p.protocol, p.stale]),
    ).toEqual([['worker1', false]]);
    // re-established after: bastion error wait 60 s from 50s+d, then Active (accepting); worker1 connects at 62 s but is refused,
    // refused (RST after 2d) and retries after each connect delay: attempts at 62 s + k x (2 s + 2d); k = 24 is the first after
    // the bastion leaves its error wait at 110s+d.
    const est = w.timeline.events.filter((e) => e.kind === 'bgp.established').map((e) => e.t);
    expect(est).toEqual([110 * S + 48 * D + 4 * D, 110 * S + 48 * D + 5 * D]);
  });

  it('session reset with NOTIFICATION from the bastion side withdraws at once and re-establishes', () => {
    const w = started();
    w.engine.run({ until: 50 * S });
    w.timeline.events.length = 0;
    w.fabric.resetSession('bastion', 'worker2', 'notification');
    w.engine.run({ until: 51 * S });
    expect(w.timeline.lines('speaker', 'protocol', 'prefix')).toEqual([
      `${50 * S} bgp.down speaker=bastion protocol=worker2`,
      `${50 * S} bgp.withdrawn speaker=bastion protocol=worker2 prefix=10.10.10.0/26`,
      `${50 * S + D} bgp.down speaker=worker2 protocol=Global_10_0_1_10`,
    ]);
  });

  it('keepalive exchange keeps the session up for hours; the trace is deterministic', () => {
    const a = started();
    a.engine.run({ until: 3600 * S });
    const b = started();
    b.engine.run({ until: 3600 * S });
    expect(a.fabric.status('bastion').every((s) => s.state === 'Established')).toBe(true);
    expect(a.engine.traceHash).toBe(b.engine.traceHash);
  });
});

describe('birdc printouts', () => {
  it('show protocols matches BIRD 1.6 column layout', () => {
    const w = started();
    w.engine.run({ until: 10 * S });
    const lines = showProtocols(w.fabric.status('bastion'), 0, { clockAtZeroNs: (23 * 3600 + 42 * 60 + 33) * S });
    expect(lines).toEqual([
      'BIRD 1.6.8 ready.',
      'name     proto    table    state  since       info',
      'direct1  Direct   master   up     23:42:33    ',
      'kernel1  Kernel   master   up     23:42:33    ',
      'device1  Device   master   up     23:42:33    ',
      'control1 BGP      master   up     23:42:35    Established   ',
      'worker1  BGP      master   up     23:42:35    Established   ',
      'worker2  BGP      master   up     23:42:35    Established   ',
    ]);
  });

  it('show protocols shows start/Active with the last error after a hold expiry', () => {
    const w = started();
    w.engine.run({ until: 100 * S });
    w.network.setHostUp('worker1', false);
    w.fabric.crash('worker1');
    w.engine.run({ until: 330 * S });
    const lines = showProtocols(w.fabric.status('bastion'), 0);
    expect(lines[6]).toBe('worker1  BGP      master   start  00:05:22    Idle          Error: Hold timer expired');
  });

  it('show route lists the /26 from every node (best = lowest router ID) and the /32 from the Envoy node', () => {
    const w = started();
    w.engine.run({ until: 10 * S });
    expect(showRoute(w.fabric.rib('bastion').entries())).toEqual([
      '10.10.10.0/26      via 10.0.1.20 on eth0 [control1 00:00:02] * (100/0) [i]',
      '                   via 10.0.1.21 on eth0 [worker1 00:00:02] (100/0) [i]',
      '                   via 10.0.1.22 on eth0 [worker2 00:00:02] (100/0) [i]',
      '10.10.10.0/32      via 10.0.1.21 on eth0 [worker1 00:00:02] * (100/0) [i]',
    ]);
    const fib = w.fabric.rib('bastion');
    expect(formatIpv4(fib.lookup(0x0a0a0a00)!.nextHops[0].nextHop)).toBe('10.0.1.21');
    expect(formatIpv4(fib.lookup(0x0a0a0a05)!.nextHops[0].nextHop)).toBe('10.0.1.20');
  });
});
