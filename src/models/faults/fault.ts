// Fault descriptors (what a scenario's `fault:` step can do) and the small interfaces models implement to receive them.
// Owns the vocabulary; applying faults at times is fault-scheduler.ts's job.
import type { SimTime } from '../../sim/time.js';

export type Fault =
  /** hard: power off / kernel panic (silence); graceful: drain + shutdown (NOTIFICATION, prompt withdrawals). */
  | { readonly kind: 'nodeDown'; readonly node: string; readonly mode: 'hard' | 'graceful' }
  | { readonly kind: 'nodeUp'; readonly node: string }
  /** The container exits; kubelet restarts it after its back-off. */
  | { readonly kind: 'podCrash'; readonly pod: string }
  /** The app stops answering (readiness probes fail) until podRecover. */
  | { readonly kind: 'podHang'; readonly pod: string }
  | { readonly kind: 'podRecover'; readonly pod: string }
  /** `between`: two clusters, a router and a cluster, or two hosts (see Network.resolveLink). */
  | { readonly kind: 'linkDown'; readonly between: readonly [string, string] }
  | { readonly kind: 'linkUp'; readonly between: readonly [string, string] }
  | {
      readonly kind: 'linkDegraded';
      readonly between: readonly [string, string];
      readonly latencyNs?: SimTime;
      readonly jitterNs?: SimTime;
      readonly loss?: number;
      readonly bandwidthBps?: number;
    }
  | { readonly kind: 'linkRestored'; readonly between: readonly [string, string] }
  /** Cuts every link between two clusters (and nothing else). */
  | { readonly kind: 'partition'; readonly clusters: readonly [string, string] }
  | { readonly kind: 'heal'; readonly clusters: readonly [string, string] }
  /** Every node of the cluster fails hard. */
  | { readonly kind: 'clusterDown'; readonly cluster: string }
  | { readonly kind: 'clusterUp'; readonly cluster: string }
  /** notification: Cease, peers withdraw at once; tcpDrop: connection reset, GR peers keep routes stale. */
  | {
      readonly kind: 'bgpSessionReset';
      readonly speaker: string;
      readonly protocol: string;
      readonly mode: 'notification' | 'tcpDrop';
    }
  /** BIRD (calico-node) restarts on a live node: TCP reset without NOTIFICATION, back after `downNs`. */
  | { readonly kind: 'bgpDaemonRestart'; readonly speaker: string; readonly downNs: SimTime };

/** Models that care about nodes (network reachability, BGP speakers, L2 agents, Kubernetes). */
export interface NodeFaultTarget {
  /** Applied after every other target on nodeDown (and first on nodeUp): the host leaving the network must come after the
   * goodbyes the other models send (BGP NOTIFICATION on a graceful shutdown). */
  readonly networkLayer?: boolean;
  nodeDown(node: string, mode: 'hard' | 'graceful'): void;
  nodeUp(node: string): void;
}

export interface PodFaultTarget {
  podCrash(pod: string): void;
  podHang(pod: string): void;
  podRecover(pod: string): void;
}

export interface LinkFaultTarget {
  setLinkUp(a: string, b: string, up: boolean): void;
  degradeLink(
    a: string,
    b: string,
    params: { latencyNs?: SimTime; jitterNs?: SimTime; loss?: number; bandwidthBps?: number },
  ): void;
  restoreLink(a: string, b: string): void;
}

export interface BgpFaultTarget {
  resetSession(speaker: string, protocol: string, mode: 'notification' | 'tcpDrop'): void;
  killDaemon(speaker: string): void;
  recover(speaker: string): void;
}

/** Which nodes a cluster has (for clusterDown/Up). */
export interface ClusterDirectory {
  nodesOf(cluster: string): readonly string[];
}

export interface FaultTargets {
  readonly nodes?: readonly NodeFaultTarget[];
  readonly pods?: readonly PodFaultTarget[];
  readonly links?: LinkFaultTarget;
  readonly bgp?: BgpFaultTarget;
  readonly clusters?: ClusterDirectory;
}
