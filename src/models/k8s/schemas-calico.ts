// Zod schemas of Calico's projectcalico.org/v3 IPPool, BGPConfiguration, BGPPeer and the Tigera operator's GatewayAPI
// (operator.tigera.io/v1), with Calico's defaults (calico api/pkg/apis/projectcalico/v3/{ippool,bgpconfig,bgppeer}.go).
import { z } from 'zod';
import { objectMeta } from './object-meta.js';

const CIDR = /^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/;
const cidr = z.string().regex(CIDR, { message: 'must be a CIDR such as 10.10.10.0/26' });
const asNumber = z.union([z.number().int().min(0).max(4294967295), z.string().regex(/^\d+(\.\d+)?$/)]);

export const ipPoolSchema = z.looseObject({
  apiVersion: z.literal('projectcalico.org/v3'),
  kind: z.literal('IPPool'),
  metadata: objectMeta(),
  spec: z.looseObject({
    cidr,
    // ippool.go: blockSize default 26 (IPv4), 20..32.
    blockSize: z.number().int().min(20).max(32).default(26),
    natOutgoing: z.boolean().default(false),
    disabled: z.boolean().default(false),
    ipipMode: z.enum(['Never', 'Always', 'CrossSubnet']).default('Never'),
    vxlanMode: z.enum(['Never', 'Always', 'CrossSubnet']).default('Never'),
    nodeSelector: z.string().default('all()'),
    // Empty allowedUses means [Workload, Tunnel].
    allowedUses: z.array(z.enum(['Workload', 'Tunnel', 'LoadBalancer'])).default(['Workload', 'Tunnel']),
    assignmentMode: z.enum(['Automatic', 'Manual']).default('Automatic'),
    disableBGPExport: z.boolean().default(false),
  }),
});

export const bgpConfigurationSchema = z.looseObject({
  apiVersion: z.literal('projectcalico.org/v3'),
  kind: z.literal('BGPConfiguration'),
  metadata: objectMeta(),
  spec: z
    .looseObject({
      logSeverityScreen: z.enum(['Debug', 'Info', 'Warning', 'Error', 'Fatal']).default('Info'),
      nodeToNodeMeshEnabled: z.boolean().default(true),
      asNumber: asNumber.default(64512),
      serviceLoadBalancerIPs: z.array(z.strictObject({ cidr })).default([]),
      serviceExternalIPs: z.array(z.strictObject({ cidr })).default([]),
      serviceClusterIPs: z.array(z.strictObject({ cidr })).default([]),
      listenPort: z.number().int().min(1).max(65535).default(179),
      bindMode: z.enum(['None', 'NodeIP']).default('None'),
      nodeMeshMaxRestartTime: z.string().optional(),
      serviceLoadBalancerAggregation: z.enum(['Enabled', 'Disabled']).optional(),
    })
    .default({
      logSeverityScreen: 'Info',
      nodeToNodeMeshEnabled: true,
      asNumber: 64512,
      serviceLoadBalancerIPs: [],
      serviceExternalIPs: [],
      serviceClusterIPs: [],
      listenPort: 179,
      bindMode: 'None',
    }),
});

export const bgpPeerSchema = z.looseObject({
  apiVersion: z.literal('projectcalico.org/v3'),
  kind: z.literal('BGPPeer'),
  metadata: objectMeta(),
  spec: z
    .looseObject({
      node: z.string().optional(),
      nodeSelector: z.string().optional(),
      peerIP: z
        .string()
        .regex(/^(\d{1,3}\.){3}\d{1,3}(:\d+)?$|^\[?[0-9a-fA-F:]+\]?(:\d+)?$/, {
          message: 'must be an IP address, optionally with :port',
        })
        .optional(),
      peerSelector: z.string().optional(),
      asNumber: asNumber.optional(),
      localASNumber: asNumber.optional(),
      keepOriginalNextHop: z.boolean().optional(),
      maxRestartTime: z.string().optional(),
      keepaliveTime: z.string().optional(),
    })
    .superRefine((s, ctx) => {
      if (s.peerIP !== undefined && s.peerSelector !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['peerSelector'],
          message: 'peerIP and peerSelector are mutually exclusive',
        });
      if (s.peerIP !== undefined && s.asNumber === undefined)
        ctx.addIssue({ code: 'custom', path: ['asNumber'], message: 'is required with peerIP' });
    }),
});

export const tigeraGatewayApiSchema = z.looseObject({
  apiVersion: z.literal('operator.tigera.io/v1'),
  kind: z.literal('GatewayAPI'),
  metadata: objectMeta(),
  spec: z.looseObject({}).default({}),
});

export type IpPoolObject = z.infer<typeof ipPoolSchema>;
export type BgpConfigurationObject = z.infer<typeof bgpConfigurationSchema>;
export type BgpPeerObject = z.infer<typeof bgpPeerSchema>;
export type TigeraGatewayApiObject = z.infer<typeof tigeraGatewayApiSchema>;
