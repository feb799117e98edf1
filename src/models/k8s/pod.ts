// The Pod as gwsim derives it from a Deployment (no Pod manifests are applied directly), and the Node it runs on.
export interface NodeInfo {
  name: string;
  /** NodeReady condition; a NotReady node gets no new pods. */
  ready: boolean;
  /** `spec.unschedulable` (cordoned) or a NoSchedule taint the pods do not tolerate (e.g. kubeadm's control-plane taint). */
  unschedulable?: boolean;
  labels?: Readonly<Record<string, string>>;
}

export interface PodContainer {
  name: string;
  ports: readonly { name?: string; containerPort: number; protocol: string }[];
  /** Literal env values (`value:`); `valueFrom` entries are resolved only for metadata.name/namespace. */
  env: Readonly<Record<string, string>>;
}

export interface Pod {
  namespace: string;
  name: string;
  /** Owner Deployment name. */
  deployment: string;
  podTemplateHash: string;
  /** The owning ReplicaSet: `<deployment>-<pod-template-hash>`. */
  replicaSet?: string;
  /** metadata.uid (random, as the API server's UUIDs are): the ReplicaSet's scale-down ranking breaks ties by it. */
  uid?: string;
  /** When PodReady last turned True (absent while not Ready). */
  readySinceNs?: number;
  /** metadata.deletionTimestamp: the pod is Terminating (its endpoint is no longer ready; the kubelet stops it). */
  deletionTimestampNs?: number;
  labels: Readonly<Record<string, string>>;
  /** Undefined while Pending (no schedulable node). */
  nodeName?: string;
  ip?: string;
  /** PodReady: true once scheduled with an IP (no readiness probes modelled); the world may flip it. */
  ready: boolean;
  terminating: boolean;
  creationTimestampNs: number;
  containers: readonly PodContainer[];
  /** What the kubelet needs to run and stop it (absent for pods gwsim does not start, e.g. Envoy's). */
  lifecycle?: PodLifecycle;
}

/** The pod template's lifecycle settings, with the API server's defaults applied. */
export interface PodLifecycle {
  /** spec.terminationGracePeriodSeconds (default 30 s, core/v1 SetDefaults_PodSpec). */
  readonly terminationGracePeriodNs: number;
  /** How long the first container's preStop hook runs (`sleep: {seconds}`, or `exec` of `sleep N`), 0 for none. */
  readonly preStopNs: number;
  /** The first container's readinessProbe, defaults applied; null when it has none (Ready once it runs). */
  readonly readinessProbe: { readonly initialDelayNs: number; readonly periodNs: number } | null;
}

/** The echo server (gcr.io/k8s-staging-gateway-api/echo-basic) listens on $HTTP_PORT, default 3000 (conformance/echo-basic). */
export const ECHO_DEFAULT_HTTP_PORT = 3000;

/** The port the pod's first container actually listens on if it is the echo server: env HTTP_PORT, else 3000. */
export function echoListenPort(pod: Pod): number {
  const v = pod.containers[0]?.env.HTTP_PORT;
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : ECHO_DEFAULT_HTTP_PORT;
}
