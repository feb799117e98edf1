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
  labels: Readonly<Record<string, string>>;
  /** Undefined while Pending (no schedulable node). */
  nodeName?: string;
  ip?: string;
  /** PodReady: true once scheduled with an IP (no readiness probes modelled); the world may flip it. */
  ready: boolean;
  terminating: boolean;
  creationTimestampNs: number;
  containers: readonly PodContainer[];
}

/** The echo server (gcr.io/k8s-staging-gateway-api/echo-basic) listens on $HTTP_PORT, default 3000 (conformance/echo-basic). */
export const ECHO_DEFAULT_HTTP_PORT = 3000;

/** The port the pod's first container actually listens on if it is the echo server: env HTTP_PORT, else 3000. */
export function echoListenPort(pod: Pod): number {
  const v = pod.containers[0]?.env.HTTP_PORT;
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : ECHO_DEFAULT_HTTP_PORT;
}
