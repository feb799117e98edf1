import { describe, it, expect } from 'vitest';
import { Engine } from '../../../src/sim/engine.js';
import { RngRoot } from '../../../src/sim/rng.js';
import { NS_PER_S } from '../../../src/sim/time.js';
import { L2Announcer } from '../../../src/models/l2/l2-announcer.js';
import type { L2AnnouncerConfig, L2Node } from '../../../src/models/l2/l2-announcer.js';
import { RecordingTimeline } from '../net/recording-timeline.js';

const S = NS_PER_S;
// The Cilium lab (seed 004): a kind cluster, LB-IPAM from 172.18.255.200, the Gateway's Service cilium-gateway-my-gateway.
const nodes: L2Node[] = [
  { name: 'kind-control-plane', labels: { 'node-role.kubernetes.io/control-plane': '' }, interfaces: ['eth0'] },
  { name: 'kind-worker', labels: {}, interfaces: ['eth0'] },
  { name: 'kind-worker2', labels: {}, interfaces: ['eth0', 'eth1'] },
  { name: 'kind-worker3', labels: {}, interfaces: ['ens5'] },
];
const policy = {
  name: 'l2policy',
  loadBalancerIPs: true,
  interfaces: ['^eth[0-9]+'],
  nodeSelector: {
    matchExpressions: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'DoesNotExist' as const }],
  },
};
const svc = {
  key: 'default/cilium-gateway-my-gateway',
  namespace: 'default',
  name: 'cilium-gateway-my-gateway',
  loadBalancerIPs: ['172.18.255.200'],
};

function make(over: Partial<L2AnnouncerConfig> = {}, seed = 1) {
  const engine = new Engine();
  const tl = new RecordingTimeline(engine);
  const owners: string[] = [];
  const l2 = new L2Announcer(
    engine,
    new RngRoot(seed).fork('l2'),
    { nodes, policies: [policy], jitterFactor: 0, startSpreadNs: 0, ...over },
    tl,
    { onOwnerChanged: (ip, n) => owners.push(`${engine.now} ${ip} ${n}`) },
  );
  return { engine, tl, l2, owners };
}

describe('Cilium L2 announcements', () => {
  it('candidates: nodeSelector and interface regexes', () => {
    const { l2 } = make();
    expect(l2.candidatesFor(svc)).toEqual(['kind-worker', 'kind-worker2']);
    expect(make({ policies: [{ ...policy, loadBalancerIPs: false }] }).l2.candidatesFor(svc)).toEqual([]);
  });

  it('first candidate takes the lease and answers ARP; the leader crash is taken over at observed renew + leaseDuration, on a retry tick', () => {
    const { engine, tl, l2, owners } = make();
    l2.addService(svc);
    engine.run({ until: 31 * S });
    expect(l2.ownerOf('172.18.255.200')).toBe('kind-worker');
    expect(l2.answeringNode('172.18.255.200')).toBe('kind-worker');
    l2.nodeDown('kind-worker'); // crash at 31 s; its last renew was at 30 s, which kind-worker2 observed at 30 s
    engine.run({ until: 60 * S });
    expect(tl.lines('service', 'node', 'reason')).toEqual([
      `0 l2.leaseAcquired service=default/cilium-gateway-my-gateway node=kind-worker`,
      `${31 * S} l2.leaseLost service=default/cilium-gateway-my-gateway node=kind-worker reason=node down`,
      // kind-worker2 retries every 2 s; 30 s + 15 s = 45 s; first retry at or after it: 46 s (failover 15 s, inside the 10-20 s of l2-announcements.rst)
      `${46 * S} l2.leaseAcquired service=default/cilium-gateway-my-gateway node=kind-worker2`,
    ]);
    expect(owners).toEqual([`0 172.18.255.200 kind-worker`, `${46 * S} 172.18.255.200 kind-worker2`]);
    expect(l2.leaseHolder(svc.key)).toBe('kind-worker2');
  });

  it('between the crash and the takeover clients still send to the dead node and nobody answers ARP', () => {
    const { engine, l2 } = make();
    l2.addService(svc);
    engine.run({ until: 31 * S });
    l2.nodeDown('kind-worker');
    engine.run({ until: 40 * S });
    expect(l2.ownerOf('172.18.255.200')).toBe('kind-worker');
    expect(l2.answeringNode('172.18.255.200')).toBeNull();
  });

  it('with client-go jitter (1.2) failover stays within 13-22 s of the crash over many seeds', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { engine, tl, l2 } = make({ jitterFactor: undefined, startSpreadNs: undefined }, seed);
      l2.addService(svc);
      engine.run({ until: 61 * S });
      const first = l2.leaseHolder(svc.key)!;
      l2.nodeDown(first);
      engine.run({ until: 120 * S });
      const take = tl.events.filter((e) => e.kind === 'l2.leaseAcquired');
      expect(take.length).toBe(2);
      const dt = (take[1].t - 61 * S) / S;
      expect(dt).toBeGreaterThanOrEqual(13);
      expect(dt).toBeLessThanOrEqual(22);
    }
  });

  it('a leader that comes back does not steal the lease', () => {
    const { engine, tl, l2 } = make();
    l2.addService(svc);
    engine.run({ until: 31 * S });
    l2.nodeDown('kind-worker');
    engine.run({ until: 50 * S });
    l2.nodeUp('kind-worker');
    engine.run({ until: 100 * S });
    expect(tl.events.filter((e) => e.kind === 'l2.leaseAcquired').map((e) => e.fields.node)).toEqual([
      'kind-worker',
      'kind-worker2',
    ]);
  });
});
