// Test fixture: the round-robin workshop's cluster (seed 001): control1/worker1/worker2 on 10.0.1.0/24, the bastion at
// 10.0.1.10 (BIRD 1.6, import filter 10.10.10.0/26), BGPConfiguration with serviceLoadBalancerIPs 10.10.10.0/26, one global BGPPeer.
import { Engine } from '../../../src/sim/engine.js';
import { RngRoot } from '../../../src/sim/rng.js';
import { Network } from '../../../src/models/net/network.js';
import { BgpFabric } from '../../../src/models/bgp/fabric.js';
import { calicoBgpPlan } from '../../../src/models/bgp/calico-peerings.js';
import type { BgpConfiguration } from '../../../src/models/bgp/calico-advertisement.js';
import { CalicoAdvertiser } from '../../../src/models/bgp/calico-advertisement.js';
import { parseCidr } from '../../../src/models/net/address.js';
import { RecordingTimeline } from '../net/recording-timeline.js';

export const NODES = [
  { name: 'control1', address: '10.0.1.20' },
  { name: 'worker1', address: '10.0.1.21' },
  { name: 'worker2', address: '10.0.1.22' },
];

export const BGP_CONFIGURATION: BgpConfiguration = {
  asNumber: 64512,
  nodeToNodeMeshEnabled: true,
  serviceLoadBalancerIPs: ['10.10.10.0/26'],
};

export function makeWorld(opts: { mergePaths?: boolean; mesh?: boolean } = {}) {
  const engine = new Engine();
  const timeline = new RecordingTimeline(engine);
  const rng = new RngRoot(1);
  const network = new Network(
    engine,
    rng.fork('net'),
    {
      topology: {
        clusters: [{ name: 'us-east', platform: 'calico' }],
        nodes: NODES.map((n) => ({ ...n, cluster: 'us-east' })),
        routers: [{ name: 'bastion', address: '10.0.1.10' }],
      },
    },
    timeline,
  );
  const fabric = new BgpFabric(engine, rng.fork('bgp'), { oneWayNs: (a, b) => network.baseDelay(a, b) }, timeline);
  const plan = calicoBgpPlan(
    { ...BGP_CONFIGURATION, nodeToNodeMeshEnabled: opts.mesh ?? false },
    NODES.map((n) => ({ ...n, host: network.index(n.name) })),
    [{ name: 'my-global-peer', peerIP: '10.0.1.10', asNumber: 64512 }],
    [
      {
        name: 'bastion',
        host: network.index('bastion'),
        address: '10.0.1.10',
        asNumber: 64512,
        importFilter: [parseCidr('10.10.10.0/26')],
        mergePaths: opts.mergePaths ?? false,
      },
    ],
  );
  for (const s of plan.speakers) fabric.addSpeaker(s);
  for (const s of plan.sessions) fabric.addSession(s);
  const advertiser = new CalicoAdvertiser(
    engine,
    rng.fork('confd'),
    { bgpConfiguration: BGP_CONFIGURATION, nodes: NODES },
    timeline,
    fabric,
  );
  return { engine, timeline, network, fabric, advertiser, plan };
}
