// Every default a scenario gets when a field is not written, declared once with where it comes from.
// Changing one changes what every scenario that omits the field means, so each says why it is what it is.
import { NS_PER_MS, NS_PER_S, NS_PER_US } from '../../sim/time.js';
import type { ResolvedBackendBehaviour, ResolvedCluster, ResolvedLinkProps, ResolvedRouter } from './resolved.js';

/** Root seed when `spec.seed` is absent. */
export const DEFAULT_SEED = 1;

/** Namespace of objects named without one (kubectl's default context namespace). */
export const DEFAULT_NAMESPACE = 'default';

/** The Calico workshops' lab: control1, worker1, worker2 peered with the bastion (seed 001, `birdc show protocols`). */
export const DEFAULT_CLUSTER: Omit<ResolvedCluster, 'nodes'> & { nodes: string[] } = {
  name: 'cluster-1',
  platform: 'calico',
  region: 'cluster-1',
  nodes: ['control1', 'worker1', 'worker2'],
};

/** The Calico labs' bastion: BGPPeer peerIP 10.0.1.10, AS 64512 (seed 001); BIRD 1.6 has `merge paths` off by default. */
export const DEFAULT_CALICO_ROUTER: ResolvedRouter = { name: 'bastion', address: '10.0.1.10', asNumber: 64512, mergePaths: false };

/**
 * The host running kind in the Cilium lab, on the kind docker bridge (the lab's echo reply shows
 * x-forwarded-for=172.18.0.1, seed 004); it reaches LoadBalancer IPs by ARP (Cilium L2 announcements), no BGP.
 */
export const DEFAULT_CILIUM_ROUTER: ResolvedRouter = { name: 'client', address: '172.18.0.1', asNumber: null, mergePaths: false };

/** Node IPs when not written: 10.<cluster index>.1.<20 + node index> (the Calico labs number nodes from 10.0.1.20). */
export function defaultNodeAddress(clusterIndex: number, nodeIndex: number): string {
  return `10.${clusterIndex}.1.${20 + nodeIndex}`;
}

const noLimits = { jitterNs: 0, bandwidthBps: null, loss: 0 } as const;

/**
 * Hop defaults. Node-to-node in one LAN: 200 µs RTT (a switched LAN hop); router-to-node: 500 µs RTT (one more L3
 * hop through the bastion/firewall); cluster-to-cluster: 70 ms RTT, the us-east <-> us-west figure in
 * reference/network-facts.md §4.3 (AWS inter-region table, 65-90 ms).
 */
export const DEFAULT_LINKS: { node: ResolvedLinkProps; router: ResolvedLinkProps; cluster: ResolvedLinkProps } = {
  node: { latencyNs: 100 * NS_PER_US, ...noLimits },
  router: { latencyNs: 250 * NS_PER_US, ...noLimits },
  cluster: { latencyNs: 35 * NS_PER_MS, ...noLimits },
};

/**
 * One Envoy worker per gateway proxy. Envoy's own default (`--concurrency`) is the number of hardware threads, which
 * a simulator cannot know; one worker is the setting in which the round-robin workshop's 25/25/25/25 is the only
 * possible outcome (reference/theory/weighted_split.json, round_robin_4_pods). Set `spec.gateway.workers` to vary it.
 */
export const DEFAULT_GATEWAY_WORKERS = 1;

/** Envoy Gateway deploys one proxy replica per Gateway by default (reference/network-facts.md §6). */
export const DEFAULT_GATEWAY_REPLICAS = 1;

/**
 * The workshops' echo server (gcr.io/k8s-staging-gateway-api/echo-basic): a Go net/http server answering from memory,
 * so no concurrency limit and a sub-millisecond constant service time.
 */
export const DEFAULT_BACKEND: ResolvedBackendBehaviour = {
  serviceTime: { distribution: 'constant', meanNs: 200 * NS_PER_US, sigma: 0, valuesNs: [], weights: [] },
  concurrency: null,
  queueLimit: null,
  errorRate: 0,
  errorStatus: 500,
};

/** curl: one request; `--connect-timeout` defaults to 300 s (curl's DEFAULT_CONNECT_TIMEOUT, lib/connect.h). */
export const CURL_DEFAULTS = { count: 1, intervalNs: 0, output: 'none', connectTimeoutNs: 300 * NS_PER_S } as const;

/** hey: -n 200, -c 50, -t 20 s, GET, keep-alive on (hey.go flag defaults; reference/network-facts.md §5.1). */
export const HEY_DEFAULTS = { n: 200, c: 50, qps: 0, durationNs: 0, timeoutNs: 20 * NS_PER_S, disableKeepAlive: false, output: 'summary' } as const;

/** Open-loop load: Poisson arrivals (independent users), no client timeout. */
export const LOAD_DEFAULTS = { distribution: 'poisson', timeoutNs: 0, sources: 1 } as const;

/** A crashed pod's container is restarted by the kubelet (restartPolicy Always, the Deployment default). */
export const POD_FAULT_DEFAULTS = { count: 1, restart: true } as const;

/** Expectations group responses by the pod's Deployment unless `by` says otherwise; fractions must match exactly. */
export const EXPECT_DEFAULTS = { by: 'deployment', tolerance: 0 } as const;
