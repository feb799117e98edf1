// The typed Kubernetes objects gwsim works with (schema output: API server defaults applied), and where each came from.
import type {
  ConfigMapObject,
  DeploymentObject,
  NamespaceObject,
  SecretObject,
  ServiceAccountObject,
  ServiceObject,
} from './schemas-core.js';
import type {
  GatewayClassObject,
  GatewayObject,
  HttpRouteObject,
  ReferenceGrantObject,
  TlsRouteObject,
} from './schemas-gateway-api.js';
import type { BackendObject, BackendTrafficPolicyObject } from './schemas-envoy-gateway.js';
import type { BgpConfigurationObject, BgpPeerObject, IpPoolObject, TigeraGatewayApiObject } from './schemas-calico.js';
import type { CiliumL2AnnouncementPolicyObject, CiliumLbIpPoolObject } from './schemas-cilium.js';
import type { ObjectMeta } from './object-meta.js';

/** Where a loaded object was written: for error messages and status output. */
export interface SourceRef {
  file: string;
  /** 1-based line of the document's (or List item's) first line. */
  line: number;
  /** 0-based YAML document index in the file. */
  document: number;
}

type WithMeta<T> = T & { metadata: ObjectMeta; source?: SourceRef };

export type K8sObject =
  | WithMeta<NamespaceObject>
  | WithMeta<ServiceObject>
  | WithMeta<ConfigMapObject>
  | WithMeta<SecretObject>
  | WithMeta<ServiceAccountObject>
  | WithMeta<DeploymentObject>
  | WithMeta<GatewayClassObject>
  | WithMeta<GatewayObject>
  | WithMeta<HttpRouteObject>
  | WithMeta<TlsRouteObject>
  | WithMeta<ReferenceGrantObject>
  | WithMeta<BackendTrafficPolicyObject>
  | WithMeta<BackendObject>
  | WithMeta<IpPoolObject>
  | WithMeta<BgpConfigurationObject>
  | WithMeta<BgpPeerObject>
  | WithMeta<TigeraGatewayApiObject>
  | WithMeta<CiliumLbIpPoolObject>
  | WithMeta<CiliumL2AnnouncementPolicyObject>;

export type K8sKind = K8sObject['kind'];
/** The object of one kind, e.g. `ObjectOf<'Gateway'>`. */
export type ObjectOf<K extends K8sKind> = Extract<K8sObject, { kind: K }>;

/** `Kind/namespace/name` (or `Kind/name` for cluster-scoped kinds): the identity ObjectStore keys on. */
export function objectKey(o: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return o.metadata.namespace === undefined
    ? `${o.kind}/${o.metadata.name}`
    : `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`;
}
