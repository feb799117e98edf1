// Zod schemas of Cilium's CiliumLoadBalancerIPPool and CiliumL2AnnouncementPolicy (cilium.io/v2alpha1, pool also v2), with the
// defaults of Documentation/network/lb-ipam.rst and l2-announcements.rst (loadBalancerIPs/externalIPs default false).
import { z } from 'zod';
import { labelSelector, objectMeta } from './object-meta.js';

const cidr = z
  .string()
  .regex(/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/, { message: 'must be a CIDR' });
const ip = z.string().regex(/^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-fA-F:]+$/, { message: 'must be an IP address' });

export const ciliumLbIpPoolSchema = z.looseObject({
  apiVersion: z.enum(['cilium.io/v2alpha1', 'cilium.io/v2']),
  kind: z.literal('CiliumLoadBalancerIPPool'),
  metadata: objectMeta(),
  spec: z
    .looseObject({
      blocks: z
        .array(z.union([z.strictObject({ cidr }), z.strictObject({ start: ip, stop: ip.optional() })]))
        .default([]),
      // v1.13 name of `blocks`.
      cidrs: z.array(z.strictObject({ cidr })).optional(),
      serviceSelector: labelSelector.optional(),
      disabled: z.boolean().default(false),
      allowFirstLastIPs: z.enum(['Yes', 'No']).optional(),
    })
    .superRefine((s, ctx) => {
      if (s.blocks.length === 0 && (s.cidrs === undefined || s.cidrs.length === 0))
        ctx.addIssue({ code: 'custom', path: ['blocks'], message: 'a pool needs at least one block' });
    }),
});

export const ciliumL2AnnouncementPolicySchema = z.looseObject({
  apiVersion: z.literal('cilium.io/v2alpha1'),
  kind: z.literal('CiliumL2AnnouncementPolicy'),
  metadata: objectMeta(),
  spec: z.looseObject({
    serviceSelector: labelSelector.optional(),
    nodeSelector: labelSelector.optional(),
    interfaces: z.array(z.string()).default([]),
    externalIPs: z.boolean().default(false),
    loadBalancerIPs: z.boolean().default(false),
  }),
});

export type CiliumLbIpPoolObject = z.infer<typeof ciliumLbIpPoolSchema>;
export type CiliumL2AnnouncementPolicyObject = z.infer<typeof ciliumL2AnnouncementPolicySchema>;
