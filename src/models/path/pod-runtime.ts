// A running pod in the world: its Kubernetes identity, where it runs (network host index), its server model and its
// recorder index. Created when the Deployment controller creates the pod; stopped when it is deleted.
import type { PodServer } from '../backend/pod-server.js';
import type { HttpRequest } from '../http/request.js';
import type { Pod } from '../k8s/pod.js';

export interface PodRuntime {
  pod: Pod;
  cluster: string;
  /** The network host index of the pod's node. */
  nodeIndex: number;
  /** Index in the recorder's pod list (and in World.podByIndex). */
  index: number;
  server: PodServer<HttpRequest>;
  /** False once the pod is deleted: late requests to it fail. */
  alive: boolean;
}
