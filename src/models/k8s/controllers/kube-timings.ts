// Kubernetes' failure-detection and propagation timings, each a named default with its source; a scenario may override any.
// Owns numbers only; kube-reaction.ts runs them.
import type { SimTime } from '../../../sim/time.js';
import { NS_PER_MS, NS_PER_S } from '../../../sim/time.js';

/** kubelet renews its node Lease every 10 s (lease duration 40 s; KEP-0009 node heartbeat, kubelet nodeLeaseDurationSeconds/4). */
export const NODE_LEASE_RENEW_INTERVAL_NS = 10 * NS_PER_S;
/** kube-controller-manager --node-monitor-period 5 s (k8s:pkg/controller/nodelifecycle/config/v1alpha1/defaults.go). */
export const NODE_MONITOR_PERIOD_NS = 5 * NS_PER_S;
/** --node-monitor-grace-period: 40 s up to v1.31, 50 s from v1.32 (k8s PR #126287, 1.32 release note). */
export function nodeMonitorGracePeriodNs(kubeMinor: number): SimTime {
  return (kubeMinor >= 32 ? 50 : 40) * NS_PER_S;
}
/** DefaultTolerationSeconds admission: not-ready and unreachable NoExecute tolerations of 300 s (kube-apiserver --default-*-toleration-seconds). */
export const DEFAULT_TOLERATION_SECONDS_NS = 300 * NS_PER_S;
/** core/v1 Probe defaults: periodSeconds 10, timeoutSeconds 1, failureThreshold 3, successThreshold 1, initialDelaySeconds 0. */
export const PROBE_PERIOD_NS = 10 * NS_PER_S;
export const PROBE_TIMEOUT_NS = 1 * NS_PER_S;
export const PROBE_FAILURE_THRESHOLD = 3;
/** Generic PLEG relists containers every 1 s: how soon a container exit is noticed (k8s@000d954
 *  pkg/kubelet/kubelet.go:193
 *  genericPlegRelistPeriod; the Evented PLEG is beta and off by default). */
export const PLEG_RELIST_PERIOD_NS = 1 * NS_PER_S;
/** CrashLoopBackOff's first back-off, 10 s (k8s@000d954 pkg/kubelet/kubelet.go:206 containerBackOffPeriod). */
export const CONTAINER_RESTART_BACKOFF_NS = 10 * NS_PER_S;
/** ... doubling up to 300 s (kubelet.go:155 MaxContainerBackOff = kubelet config v1beta1 MaxContainerBackOff, 300 s);
 *  kubernetes.io pod-lifecycle "Container restarts" (v1.32 docs): 10 s, 20 s, 40 s, ... capped at five minutes. */
export const CONTAINER_RESTART_BACKOFF_MAX_NS = 300 * NS_PER_S;
/** --endpointslice-updates-batch-period 0 plus API write and watch fan-out: no published figure, "ms" (reference 3); 10 ms (L). */
export const ENDPOINTSLICE_PROPAGATION_NS = 10 * NS_PER_MS;
/** Envoy Gateway / Cilium Envoy EDS push after an EndpointSlice change: undocumented, 0.1-1 s; default 0.5 s (reference 3 and 7, L). */
export const XDS_PUSH_DELAY_NS = 500 * NS_PER_MS;
/** Replacement pod: scheduling + image pull + container start, "model 5-30 s" (reference 3); 10 s (L). */
export const POD_STARTUP_NS = 10 * NS_PER_S;
/** The echo server listening after its container starts; an estimate (L). */
export const APP_STARTUP_NS = 1 * NS_PER_S;

export interface KubeTimings {
  readonly nodeLeaseRenewIntervalNs: SimTime;
  readonly nodeMonitorPeriodNs: SimTime;
  readonly nodeMonitorGracePeriodNs: SimTime;
  readonly tolerationSecondsNs: SimTime;
  readonly probePeriodNs: SimTime;
  readonly probeTimeoutNs: SimTime;
  readonly probeFailureThreshold: number;
  readonly plegRelistPeriodNs: SimTime;
  readonly containerRestartBackoffNs: SimTime;
  readonly containerRestartBackoffMaxNs: SimTime;
  readonly endpointSlicePropagationNs: SimTime;
  readonly podStartupNs: SimTime;
  readonly appStartupNs: SimTime;
}

/** The defaults for a Kubernetes minor version (default 1.32). */
export function defaultKubeTimings(kubeMinor = 32): KubeTimings {
  return {
    nodeLeaseRenewIntervalNs: NODE_LEASE_RENEW_INTERVAL_NS,
    nodeMonitorPeriodNs: NODE_MONITOR_PERIOD_NS,
    nodeMonitorGracePeriodNs: nodeMonitorGracePeriodNs(kubeMinor),
    tolerationSecondsNs: DEFAULT_TOLERATION_SECONDS_NS,
    probePeriodNs: PROBE_PERIOD_NS,
    probeTimeoutNs: PROBE_TIMEOUT_NS,
    probeFailureThreshold: PROBE_FAILURE_THRESHOLD,
    plegRelistPeriodNs: PLEG_RELIST_PERIOD_NS,
    containerRestartBackoffNs: CONTAINER_RESTART_BACKOFF_NS,
    containerRestartBackoffMaxNs: CONTAINER_RESTART_BACKOFF_MAX_NS,
    endpointSlicePropagationNs: ENDPOINTSLICE_PROPAGATION_NS,
    podStartupNs: POD_STARTUP_NS,
    appStartupNs: APP_STARTUP_NS,
  };
}
