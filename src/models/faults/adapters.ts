// Adapters from the network models to the fault interfaces, so the integrator registers models without glue code.
// Owns the mapping of "node down, hard or graceful" onto each model's own verbs.
import type { Network } from '../net/network.js';
import type { BgpFabric } from '../bgp/fabric.js';
import type { KubeReaction } from '../k8s/controllers/kube-reaction.js';
import type { ClusterDirectory, NodeFaultTarget, PodFaultTarget } from './fault.js';

/** A down host is unreachable either way (a graceful shutdown also ends with the host off the network). */
export function networkNodeTarget(net: Network): NodeFaultTarget {
  return { networkLayer: true, nodeDown: (n) => net.setHostUp(n, false), nodeUp: (n) => net.setHostUp(n, true) };
}

/** hard -> silence (peers wait for hold expiry); graceful -> NOTIFICATION Cease to every peer (reference 1.9 rules 1 and 3). */
export function bgpNodeTarget(fabric: BgpFabric): NodeFaultTarget {
  const has = (n: string): boolean => fabric.speakerNames().includes(n);
  return {
    nodeDown: (n, mode) => {
      if (!has(n)) return;
      if (mode === 'hard') fabric.crash(n);
      else fabric.shutdown(n);
    },
    nodeUp: (n) => {
      if (has(n)) fabric.recover(n);
    },
  };
}

export function kubeNodeTarget(k: KubeReaction): NodeFaultTarget {
  return {
    nodeDown: (n, mode) => (mode === 'hard' ? k.nodeDown(n) : k.nodeGracefulDown(n)),
    nodeUp: (n) => k.nodeUp(n),
  };
}

export function kubePodTarget(k: KubeReaction): PodFaultTarget {
  return { podCrash: (p) => k.podCrash(p), podHang: (p) => k.podHang(p), podRecover: (p) => k.podRecover(p) };
}

export function networkClusters(net: Network): ClusterDirectory {
  return { nodesOf: (c) => net.topology.nodesOf(c).map((h) => h.name) };
}
