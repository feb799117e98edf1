// Which BGP sessions a Calico cluster runs: the node-to-node mesh and global BGPPeers (by nodeSelector), with the
// protocol names and timers calico-node's bird.cfg renders; plus the bastion side. Pure: config -> speaker/session configs.
import type { SimTime } from '../../sim/time.js';
import type { LabelSelector } from '../net/label-selector.js';
import { selectorMatches } from '../net/label-selector.js';
import { parseIpv4 } from '../net/address.js';
import type { BgpSessionConfig, BgpSpeakerConfig, ImportFilter } from './fabric.js';
import type { BgpConfiguration } from './calico-advertisement.js';
import type { BgpTimers } from './timers.js';
import { BIRD_DEFAULT_TIMERS, CALICO_DEFAULT_AS, CALICO_NODE_TIMERS } from './timers.js';

/** Resolved projectcalico.org/v3 BGPPeer (api/pkg/apis/projectcalico/v3/bgppeer.go). */
export interface BgpPeerConfig {
  readonly name: string;
  readonly peerIP: string;
  readonly asNumber: number;
  /** Only this node gets the peering. */
  readonly node?: string;
  /** Nodes selected by labels; absent (and no `node`) = every node. */
  readonly nodeSelector?: LabelSelector;
  readonly maxRestartTimeNs?: SimTime;
  /** v3.32+ keepaliveTime. */
  readonly keepaliveTimeNs?: SimTime;
}

export interface CalicoBgpNode {
  readonly name: string;
  readonly host: number;
  readonly address: string;
  readonly labels?: Readonly<Record<string, string>>;
  /** Node.spec.bgp.asNumber override. */
  readonly asNumber?: number;
}

/** An external BIRD router (the workshop's bastion) and how it is configured towards the nodes. */
export interface ExternalBirdRouter {
  readonly name: string;
  readonly host: number;
  readonly address: string;
  readonly asNumber: number;
  readonly importFilter?: ImportFilter;
  readonly mergePaths?: boolean;
  readonly timers?: BgpTimers;
  /** Protocol name per node on the router; default: the node name (as the workshop's bastion shows `control1`, `worker1`). */
  readonly protocolNames?: Readonly<Record<string, string>>;
}

export interface CalicoBgpPlan {
  readonly speakers: BgpSpeakerConfig[];
  readonly sessions: BgpSessionConfig[];
}

function underscored(ip: string): string {
  return ip.replace(/\./g, '_');
}

/**
 * Mesh: every pair of nodes, protocol `Mesh_<peer ip>`, the higher-IP side `passive on` (bird.cfg.template; reference 1.1).
 * Global peers: for each BGPPeer whose peerIP is a router in `routers`, a session from each selected node, protocol
 * `Global_<peer ip>`; BGPPeers naming an address gwsim does not model are ignored. O(nodes^2 + nodes x peers).
 */
export function calicoBgpPlan(
  cfg: BgpConfiguration,
  nodes: readonly CalicoBgpNode[],
  peers: readonly BgpPeerConfig[],
  routers: readonly ExternalBirdRouter[],
): CalicoBgpPlan {
  const as = cfg.asNumber ?? CALICO_DEFAULT_AS;
  const speakers: BgpSpeakerConfig[] = nodes.map((n) => ({
    name: n.name,
    host: n.host,
    address: n.address,
    asNumber: n.asNumber ?? as,
    importFilter: 'all',
    mergePaths: true,
    recordRoutes: false,
  }));
  for (const r of routers)
    speakers.push({
      name: r.name,
      host: r.host,
      address: r.address,
      asNumber: r.asNumber,
      importFilter: r.importFilter ?? 'all',
      mergePaths: r.mergePaths ?? false,
    });
  const sessions: BgpSessionConfig[] = [];
  const meshTimers: BgpTimers =
    cfg.nodeMeshMaxRestartTimeNs === undefined
      ? CALICO_NODE_TIMERS
      : { ...CALICO_NODE_TIMERS, restartTimeNs: cfg.nodeMeshMaxRestartTimeNs };
  if (cfg.nodeToNodeMeshEnabled ?? true) {
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++) {
        const a = nodes[i];
        const b = nodes[j];
        const aHigher = parseIpv4(a.address) > parseIpv4(b.address);
        sessions.push({
          ends: [
            { speaker: a.name, protocol: `Mesh_${underscored(b.address)}`, timers: meshTimers, passive: aHigher },
            { speaker: b.name, protocol: `Mesh_${underscored(a.address)}`, timers: meshTimers, passive: !aHigher },
          ],
        });
      }
  }
  for (const peer of peers) {
    const peerAddr = peer.peerIP.split(':')[0];
    const r = routers.find((x) => x.address === peerAddr);
    if (r === undefined) continue;
    const timers: BgpTimers = {
      ...CALICO_NODE_TIMERS,
      ...(peer.maxRestartTimeNs !== undefined ? { restartTimeNs: peer.maxRestartTimeNs } : {}),
      ...(peer.keepaliveTimeNs !== undefined ? { keepaliveNs: peer.keepaliveTimeNs } : {}),
    };
    for (const n of nodes) {
      if (peer.node !== undefined && peer.node !== n.name) continue;
      if (peer.node === undefined && !selectorMatches(peer.nodeSelector, n.labels ?? {})) continue;
      sessions.push({
        ends: [
          { speaker: n.name, protocol: `Global_${underscored(peerAddr)}`, timers },
          { speaker: r.name, protocol: r.protocolNames?.[n.name] ?? n.name, timers: r.timers ?? BIRD_DEFAULT_TIMERS },
        ],
      });
    }
  }
  return { speakers, sessions };
}
