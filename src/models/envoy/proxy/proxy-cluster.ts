// One Envoy cluster as the proxy's router holds it: the cluster's hosts and LB state, its settings from the policy, the
// circuit breakers its workers share and the route timeout's pending deadlines. The per-request record points at it.
import type { CircuitBreakers } from '../resilience/circuit-breakers.js';
import type { ClusterSettings } from './cluster-settings.js';
import type { RequestDeadlines } from './request-deadlines.js';
import type { UpstreamCluster } from './upstream-cluster.js';

export interface ProxyCluster {
  readonly cluster: UpstreamCluster;
  readonly settings: ClusterSettings;
  /** Shared by the proxy's workers, as Envoy's per-cluster resource manager is. */
  readonly breakers: CircuitBreakers;
  /** The policy as pushed, to tell whether a push changed the cluster's settings. */
  readonly policyKey: string;
  /** The route timeout's pending deadlines (null: the timeout is disabled, or the cluster is a mirror's). */
  readonly deadlines: RequestDeadlines | null;
}
