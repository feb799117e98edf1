// The kinds gwsim accepts, keyed by kind, with their apiVersions, schema and scope (namespaced or cluster-wide).
// Adding a kind = one entry here plus its schema; the loader and store need no change.
import type { z } from 'zod';
import {
  configMapSchema,
  deploymentSchema,
  namespaceSchema,
  secretSchema,
  serviceAccountSchema,
  serviceSchema,
} from './schemas-core.js';
import {
  gatewayClassSchema,
  gatewaySchema,
  httpRouteSchema,
  referenceGrantSchema,
  tlsRouteSchema,
} from './schemas-gateway-api.js';
import { backendSchema, backendTrafficPolicySchema } from './schemas-envoy-gateway.js';
import { bgpConfigurationSchema, bgpPeerSchema, ipPoolSchema, tigeraGatewayApiSchema } from './schemas-calico.js';
import { ciliumL2AnnouncementPolicySchema, ciliumLbIpPoolSchema } from './schemas-cilium.js';

export interface KindInfo {
  kind: string;
  apiVersions: readonly string[];
  schema: z.ZodType;
  namespaced: boolean;
  /** Accepted but without effect in the simulator; the note says why. */
  ignoredNote?: string;
}

const G = 'gateway.networking.k8s.io';

export const KINDS: readonly KindInfo[] = [
  { kind: 'Namespace', apiVersions: ['v1'], schema: namespaceSchema, namespaced: false },
  { kind: 'Service', apiVersions: ['v1'], schema: serviceSchema, namespaced: true },
  { kind: 'ConfigMap', apiVersions: ['v1'], schema: configMapSchema, namespaced: true },
  { kind: 'Secret', apiVersions: ['v1'], schema: secretSchema, namespaced: true },
  {
    kind: 'ServiceAccount',
    apiVersions: ['v1'],
    schema: serviceAccountSchema,
    namespaced: true,
    ignoredNote: 'ServiceAccounts only matter for RBAC and tokens on a real cluster; gwsim accepts and ignores them',
  },
  { kind: 'Deployment', apiVersions: ['apps/v1'], schema: deploymentSchema, namespaced: true },
  { kind: 'GatewayClass', apiVersions: [`${G}/v1`, `${G}/v1beta1`], schema: gatewayClassSchema, namespaced: false },
  { kind: 'Gateway', apiVersions: [`${G}/v1`, `${G}/v1beta1`], schema: gatewaySchema, namespaced: true },
  { kind: 'HTTPRoute', apiVersions: [`${G}/v1`, `${G}/v1beta1`], schema: httpRouteSchema, namespaced: true },
  {
    kind: 'TLSRoute',
    apiVersions: [`${G}/v1alpha2`, `${G}/v1alpha3`, `${G}/v1`],
    schema: tlsRouteSchema,
    namespaced: true,
  },
  {
    kind: 'ReferenceGrant',
    apiVersions: [`${G}/v1beta1`, `${G}/v1alpha2`, `${G}/v1`],
    schema: referenceGrantSchema,
    namespaced: true,
  },
  {
    kind: 'BackendTrafficPolicy',
    apiVersions: ['gateway.envoyproxy.io/v1alpha1'],
    schema: backendTrafficPolicySchema,
    namespaced: true,
  },
  { kind: 'Backend', apiVersions: ['gateway.envoyproxy.io/v1alpha1'], schema: backendSchema, namespaced: true },
  { kind: 'IPPool', apiVersions: ['projectcalico.org/v3'], schema: ipPoolSchema, namespaced: false },
  {
    kind: 'BGPConfiguration',
    apiVersions: ['projectcalico.org/v3'],
    schema: bgpConfigurationSchema,
    namespaced: false,
  },
  { kind: 'BGPPeer', apiVersions: ['projectcalico.org/v3'], schema: bgpPeerSchema, namespaced: false },
  { kind: 'GatewayAPI', apiVersions: ['operator.tigera.io/v1'], schema: tigeraGatewayApiSchema, namespaced: false },
  {
    kind: 'CiliumLoadBalancerIPPool',
    apiVersions: ['cilium.io/v2alpha1', 'cilium.io/v2'],
    schema: ciliumLbIpPoolSchema,
    namespaced: false,
  },
  {
    kind: 'CiliumL2AnnouncementPolicy',
    apiVersions: ['cilium.io/v2alpha1'],
    schema: ciliumL2AnnouncementPolicySchema,
    namespaced: false,
  },
];

const BY_KIND = new Map(KINDS.map((k) => [k.kind, k]));

export function kindInfo(kind: string): KindInfo | undefined {
  return BY_KIND.get(kind);
}
