// Zod schemas of Gateway API kinds (gateway.networking.k8s.io: GatewayClass, Gateway, HTTPRoute, TLSRoute, ReferenceGrant)
// with the CRD defaults and CEL validations of kubernetes-sigs/gateway-api apis/v1/*_types.go. Semantics live in src/models/gatewayapi.
import { z } from 'zod';
import { dns1123Label, dns1123Subdomain, labelSelector, objectMeta } from './object-meta.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';

const port = z.number().int().min(1).max(65535);

/** apis/v1/shared_types.go Hostname: RFC 1123 name, optionally prefixed by a single `*.` wildcard label; no IPs. */
export const HOSTNAME_PATTERN = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const hostname = z.string().min(1).max(253).regex(HOSTNAME_PATTERN, {
  message:
    'must be a lower-case RFC 1123 hostname, optionally starting with a single "*." wildcard label (no IP addresses, no ports)',
});

const sectionName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
    message: 'must be a lower-case DNS-1123 subdomain',
  });
const group = z
  .string()
  .max(253)
  .regex(/^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
    message: 'must be empty (core) or a DNS subdomain',
  });
const kind = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/, { message: 'must be a Kind name' });
/** Gateway API Duration (GEP-2257): 1-4 groups of up to 5 digits + h|m|s|ms. */
export const gwDuration = z
  .string()
  .regex(/^([0-9]{1,5}(h|m|s|ms)){1,4}$/, { message: 'must be a Gateway API duration such as 10s, 500ms, 1h30m' });

export const parentReference = z.strictObject({
  group: group.default(GATEWAY_GROUP),
  kind: kind.default('Gateway'),
  namespace: dns1123Label.optional(),
  name: dns1123Subdomain,
  sectionName: sectionName.optional(),
  port: port.optional(),
});
export type ParentReference = z.infer<typeof parentReference>;

const backendRefBase = {
  group: group.default(''),
  kind: kind.default('Service'),
  name: dns1123Subdomain,
  namespace: dns1123Label.optional(),
  port: port.optional(),
  // apis/v1/shared_types.go BackendRef.Weight: default 1, 0..1,000,000.
  weight: z.number().int().min(0).max(1_000_000).default(1),
};

function requirePortForService(ref: { group: string; kind: string; port?: number }, ctx: z.RefinementCtx): void {
  // CEL on BackendObjectReference: "Must have port for Service reference".
  if (ref.group === '' && ref.kind === 'Service' && ref.port === undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['port'],
      message: 'is required for a Service backendRef ("Must have port for Service reference")',
    });
}

export const httpBackendRef = z
  .strictObject({ ...backendRefBase, filters: z.array(z.looseObject({ type: z.string() })).optional() })
  .superRefine(requirePortForService);
export const tlsBackendRef = z.strictObject(backendRefBase).superRefine(requirePortForService);

const headerName = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/, { message: 'must be an HTTP header name (RFC 7230 token)' });

/** Path CEL rules of HTTPPathMatch (apis/v1/httproute_types.go). */
function validatePath(p: { type: string; value: string }, ctx: z.RefinementCtx): void {
  if (p.type === 'RegularExpression') return;
  const v = p.value;
  const bad = (message: string) => ctx.addIssue({ code: 'custom', path: ['value'], message });
  if (!v.startsWith('/')) bad('must be an absolute path starting with "/"');
  else if (v.includes('//')) bad('must not contain "//"');
  else if (v.includes('/./') || v.includes('/../')) bad('must not contain "/./" or "/../"');
  else if (/%2f/i.test(v)) bad('must not contain "%2f" or "%2F"');
  else if (v.includes('#')) bad('must not contain "#"');
  else if (v.endsWith('/..') || v.endsWith('/.')) bad('must not end with "/.." or "/."');
}

export const httpPathMatch = z
  .strictObject({
    type: z.enum(['Exact', 'PathPrefix', 'RegularExpression']).default('PathPrefix'),
    value: z.string().max(1024).default('/'),
  })
  .superRefine(validatePath);

export const httpRouteMatch = z.strictObject({
  path: httpPathMatch.default({ type: 'PathPrefix', value: '/' }),
  headers: z
    .array(
      z.strictObject({
        type: z.enum(['Exact', 'RegularExpression']).default('Exact'),
        name: headerName,
        value: z.string().min(1).max(4096),
      }),
    )
    .max(16)
    .default([]),
  queryParams: z
    .array(
      z.strictObject({
        type: z.enum(['Exact', 'RegularExpression']).default('Exact'),
        name: z
          .string()
          .min(1)
          .max(256)
          .regex(/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/, { message: 'must be a query parameter name' }),
        value: z.string().min(1).max(1024),
      }),
    )
    .max(16)
    .default([]),
  method: z.enum(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']).optional(),
});
export type HttpRouteMatch = z.infer<typeof httpRouteMatch>;

/** apis/v1/httproute_types.go HTTPHeader: a header name (RFC 7230 token) and a value of 1-4096 characters. */
const httpHeader = z.strictObject({ name: headerName, value: z.string().min(1).max(4096) });

/** HTTPHeaderFilter: set (replace), add (append) and remove, each at most 16 and each name once (listType=map / set). */
const httpHeaderFilter = z
  .strictObject({
    set: z.array(httpHeader).max(16).default([]),
    add: z.array(httpHeader).max(16).default([]),
    remove: z.array(headerName).max(16).default([]),
  })
  .superRefine((f, ctx) => {
    for (const list of ['set', 'add'] as const) {
      const seen = new Set<string>();
      f[list].forEach((h, i) => {
        if (seen.has(h.name))
          ctx.addIssue({ code: 'custom', path: [list, i, 'name'], message: `duplicate header name "${h.name}"` });
        seen.add(h.name);
      });
    }
    const removed = new Set<string>();
    f.remove.forEach((n, i) => {
      if (removed.has(n))
        ctx.addIssue({ code: 'custom', path: ['remove', i], message: `duplicate header name "${n}"` });
      removed.add(n);
    });
  });

/** HTTPPathModifier: the field named by `type` must be set, and only it (CEL rules of the CRD). */
const httpPathModifier = z
  .strictObject({
    type: z.enum(['ReplaceFullPath', 'ReplacePrefixMatch']),
    replaceFullPath: z.string().max(1024).optional(),
    replacePrefixMatch: z.string().max(1024).optional(),
  })
  .superRefine((m, ctx) => {
    if (m.type === 'ReplaceFullPath' ? m.replaceFullPath === undefined : m.replacePrefixMatch === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [m.type === 'ReplaceFullPath' ? 'replaceFullPath' : 'replacePrefixMatch'],
        message: `must be specified when type is ${m.type}`,
      });
    }
    if (m.type === 'ReplaceFullPath' && m.replacePrefixMatch !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['replacePrefixMatch'],
        message: 'must not be set when type is ReplaceFullPath',
      });
    if (m.type === 'ReplacePrefixMatch' && m.replaceFullPath !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['replaceFullPath'],
        message: 'must not be set when type is ReplacePrefixMatch',
      });
  });

/** HTTPRequestMirrorFilter: a BackendObjectReference (no weight) and the share mirrored, as percent or fraction (default all). */
const { weight: _weight, ...backendObjectRef } = backendRefBase;
const httpRequestMirror = z
  .strictObject({
    backendRef: z.strictObject(backendObjectRef).superRefine(requirePortForService),
    percent: z.number().int().min(0).max(100).optional(),
    fraction: z
      .strictObject({ numerator: z.number().int().min(0), denominator: z.number().int().min(1).default(100) })
      .optional(),
  })
  .superRefine((m, ctx) => {
    if (m.percent !== undefined && m.fraction !== undefined)
      ctx.addIssue({ code: 'custom', path: ['fraction'], message: 'only one of percent or fraction may be specified' });
    if (m.fraction !== undefined && m.fraction.numerator > m.fraction.denominator)
      ctx.addIssue({
        code: 'custom',
        path: ['fraction', 'numerator'],
        message: 'numerator must be less than or equal to denominator',
      });
  });

/** PreciseHostname: an RFC 1123 name, no wildcard. */
const preciseHostname = hostname.refine((h) => !h.startsWith('*.'), {
  message: 'must be a precise hostname (no "*." wildcard)',
});

/** The field each filter type carries (HTTPRouteFilter's CEL: that field is required for its type, and forbidden for others). */
const FILTER_FIELD = {
  RequestHeaderModifier: 'requestHeaderModifier',
  ResponseHeaderModifier: 'responseHeaderModifier',
  RequestMirror: 'requestMirror',
  RequestRedirect: 'requestRedirect',
  URLRewrite: 'urlRewrite',
  ExtensionRef: 'extensionRef',
  CORS: 'cors',
  ExternalAuth: 'externalAuth',
} as const;

const httpRouteFilter = z
  .looseObject({
    type: z.enum([
      'RequestHeaderModifier',
      'ResponseHeaderModifier',
      'RequestMirror',
      'RequestRedirect',
      'URLRewrite',
      'ExtensionRef',
      'CORS',
      'ExternalAuth',
    ]),
    requestHeaderModifier: httpHeaderFilter.optional(),
    responseHeaderModifier: httpHeaderFilter.optional(),
    requestRedirect: z
      .looseObject({
        scheme: z.enum(['http', 'https']).optional(),
        hostname: preciseHostname.optional(),
        path: httpPathModifier.optional(),
        port: port.optional(),
        statusCode: z
          .union([z.literal(301), z.literal(302), z.literal(303), z.literal(307), z.literal(308)])
          .default(302),
      })
      .optional(),
    urlRewrite: z.strictObject({ hostname: preciseHostname.optional(), path: httpPathModifier.optional() }).optional(),
    requestMirror: httpRequestMirror.optional(),
  })
  .superRefine((f, ctx) => {
    for (const [type, field] of Object.entries(FILTER_FIELD)) {
      const present = (f as Record<string, unknown>)[field] !== undefined;
      if (type === f.type && !present && type !== 'CORS' && type !== 'ExternalAuth')
        ctx.addIssue({ code: 'custom', path: [field], message: `must be specified for a ${type} filter` });
      if (type !== f.type && present)
        ctx.addIssue({ code: 'custom', path: [field], message: `must not be set when the filter type is ${f.type}` });
    }
  });

export const httpRouteRule = z
  .strictObject({
    name: sectionName.optional(),
    // HTTPRouteRule.Matches default: one PathPrefix "/" match.
    matches: z
      .array(httpRouteMatch)
      .max(64)
      .default([{ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }]),
    filters: z.array(httpRouteFilter).max(16).default([]),
    backendRefs: z.array(httpBackendRef).max(16).default([]),
    timeouts: z.strictObject({ request: gwDuration.optional(), backendRequest: gwDuration.optional() }).optional(),
    retry: z
      .strictObject({
        codes: z.array(z.number().int().min(400).max(599)).optional(),
        attempts: z.number().int().min(0).optional(),
        backoff: gwDuration.optional(),
      })
      .optional(),
    sessionPersistence: z.looseObject({}).optional(),
  })
  .superRefine((rule, ctx) => {
    // The CRD's CEL rules on HTTPRouteRule.filters.
    const seen = new Set<string>();
    rule.filters.forEach((f, i) => {
      if (
        f.type === 'RequestHeaderModifier' ||
        f.type === 'ResponseHeaderModifier' ||
        f.type === 'RequestRedirect' ||
        f.type === 'URLRewrite'
      ) {
        if (seen.has(f.type))
          ctx.addIssue({
            code: 'custom',
            path: ['filters', i, 'type'],
            message: `${f.type} filter cannot be repeated`,
          });
        seen.add(f.type);
      }
    });
    if (seen.has('RequestRedirect') && seen.has('URLRewrite')) {
      ctx.addIssue({
        code: 'custom',
        path: ['filters'],
        message: 'may specify either a RequestRedirect or a URLRewrite filter, but not both',
      });
    }
    const onePrefixMatch = rule.matches.length === 1 && rule.matches[0].path.type === 'PathPrefix';
    rule.filters.forEach((f, i) => {
      if (onePrefixMatch) return;
      if (f.urlRewrite?.path?.type === 'ReplacePrefixMatch')
        ctx.addIssue({
          code: 'custom',
          path: ['filters', i, 'urlRewrite', 'path'],
          message:
            'when using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified',
        });
      if (f.requestRedirect?.path?.type === 'ReplacePrefixMatch')
        ctx.addIssue({
          code: 'custom',
          path: ['filters', i, 'requestRedirect', 'path'],
          message:
            'when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified',
        });
    });
  });
export type HttpRouteRule = z.infer<typeof httpRouteRule>;

const routeCommon = {
  parentRefs: z.array(parentReference).max(32).default([]),
  hostnames: z.array(hostname).max(16).default([]),
};

const gatewayApiVersion = z.enum([`${GATEWAY_GROUP}/v1`, `${GATEWAY_GROUP}/v1beta1`]);

export const httpRouteSchema = z.looseObject({
  apiVersion: gatewayApiVersion,
  kind: z.literal('HTTPRoute'),
  metadata: objectMeta(),
  spec: z
    .strictObject({
      ...routeCommon,
      rules: z
        .array(httpRouteRule)
        .max(16)
        .default([
          {
            matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] }],
            filters: [],
            backendRefs: [],
          },
        ]),
    })
    .superRefine((spec, ctx) => {
      // CEL: at most 128 matches across all rules.
      const total = spec.rules.reduce((n, r) => n + r.matches.length, 0);
      if (total > 128)
        ctx.addIssue({
          code: 'custom',
          path: ['rules'],
          message: `has ${total} matches in total; at most 128 are allowed`,
        });
    }),
});
export type HttpRouteObject = z.infer<typeof httpRouteSchema>;

export const tlsRouteSchema = z.looseObject({
  apiVersion: z.enum([`${GATEWAY_GROUP}/v1alpha2`, `${GATEWAY_GROUP}/v1alpha3`, `${GATEWAY_GROUP}/v1`]),
  kind: z.literal('TLSRoute'),
  metadata: objectMeta(),
  spec: z.strictObject({
    ...routeCommon,
    rules: z
      .array(z.strictObject({ name: sectionName.optional(), backendRefs: z.array(tlsBackendRef).min(1).max(16) }))
      .min(1)
      .max(16),
  }),
});
export type TlsRouteObject = z.infer<typeof tlsRouteSchema>;

const certificateRef = z.strictObject({
  group: group.default(''),
  kind: kind.default('Secret'),
  name: dns1123Subdomain,
  namespace: dns1123Label.optional(),
});

export const listenerSchema = z.strictObject({
  name: sectionName,
  hostname: hostname.optional(),
  port,
  protocol: z
    .string()
    .min(1)
    .max(255)
    .regex(
      /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$/,
      { message: 'must be HTTP, HTTPS, TLS, TCP, UDP or a domain-prefixed protocol' },
    ),
  tls: z
    .strictObject({
      // GatewayTLSConfig.Mode default Terminate.
      mode: z.enum(['Terminate', 'Passthrough']).default('Terminate'),
      certificateRefs: z.array(certificateRef).max(64).default([]),
      options: z.record(z.string(), z.string()).default({}),
      frontendValidation: z.looseObject({}).optional(),
    })
    .superRefine((tls, ctx) => {
      if (tls.mode === 'Terminate' && tls.certificateRefs.length === 0 && Object.keys(tls.options).length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['certificateRefs'],
          message: 'certificateRefs or options must be specified when mode is Terminate',
        });
    })
    .optional(),
  allowedRoutes: z
    .strictObject({
      namespaces: z
        .strictObject({
          from: z.enum(['All', 'Same', 'Selector', 'None']).default('Same'),
          selector: labelSelector.optional(),
        })
        .superRefine((ns, ctx) => {
          if (ns.from === 'Selector' && ns.selector === undefined)
            ctx.addIssue({ code: 'custom', path: ['selector'], message: 'is required when from is Selector' });
        })
        .default({ from: 'Same' }),
      kinds: z
        .array(z.strictObject({ group: group.default(GATEWAY_GROUP), kind }))
        .max(8)
        .default([]),
    })
    .default({ namespaces: { from: 'Same' }, kinds: [] }),
});
export type ListenerSpec = z.infer<typeof listenerSchema>;

export const gatewaySchema = z.looseObject({
  apiVersion: gatewayApiVersion,
  kind: z.literal('Gateway'),
  metadata: objectMeta(),
  spec: z
    .strictObject({
      gatewayClassName: dns1123Subdomain,
      listeners: z.array(listenerSchema).min(1).max(64),
      addresses: z
        .array(z.strictObject({ type: z.string().default('IPAddress'), value: z.string().min(1).max(253) }))
        .max(16)
        .default([]),
      // GatewayInfrastructure (apis/v1/gateway_types.go): annotations for the resources made for the Gateway.
      infrastructure: z.looseObject({ annotations: z.record(z.string(), z.string()).optional() }).optional(),
    })
    .superRefine((spec, ctx) => {
      // Gateway CEL validations (apis/v1/gateway_types.go).
      const names = new Set<string>();
      const combos = new Set<string>();
      spec.listeners.forEach((l, i) => {
        const at = (field: string) => ['listeners', i, field];
        if (names.has(l.name))
          ctx.addIssue({
            code: 'custom',
            path: at('name'),
            message: `Listener name "${l.name}" must be unique within the Gateway`,
          });
        names.add(l.name);
        const combo = `${l.port}/${l.protocol}/${l.hostname ?? ''}`;
        if (combos.has(combo))
          ctx.addIssue({
            code: 'custom',
            path: at('hostname'),
            message: 'Combination of port, protocol and hostname must be unique for each listener',
          });
        combos.add(combo);
        if (['HTTP', 'TCP', 'UDP'].includes(l.protocol) && l.tls !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: at('tls'),
            message: "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']",
          });
        if (['HTTPS', 'TLS'].includes(l.protocol) && l.tls === undefined)
          ctx.addIssue({
            code: 'custom',
            path: at('tls'),
            message: "tls mode must be set for protocols ['HTTPS', 'TLS']",
          });
        if (['TCP', 'UDP'].includes(l.protocol) && l.hostname !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: at('hostname'),
            message: "hostname must not be specified for protocols ['TCP', 'UDP']",
          });
      });
    }),
});
export type GatewayObject = z.infer<typeof gatewaySchema>;

export const gatewayClassSchema = z.looseObject({
  apiVersion: gatewayApiVersion,
  kind: z.literal('GatewayClass'),
  metadata: objectMeta(),
  spec: z.strictObject({
    controllerName: z
      .string()
      .min(1)
      .max(253)
      .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/, {
        message: 'must be a domain-prefixed path such as example.com/controller',
      }),
    parametersRef: z
      .looseObject({ group: z.string(), kind: z.string(), name: z.string(), namespace: z.string().optional() })
      .optional(),
    description: z.string().max(64).optional(),
  }),
});
export type GatewayClassObject = z.infer<typeof gatewayClassSchema>;

export const referenceGrantSchema = z.looseObject({
  apiVersion: z.enum([`${GATEWAY_GROUP}/v1beta1`, `${GATEWAY_GROUP}/v1alpha2`, `${GATEWAY_GROUP}/v1`]),
  kind: z.literal('ReferenceGrant'),
  metadata: objectMeta(),
  spec: z.strictObject({
    from: z
      .array(z.strictObject({ group, kind, namespace: dns1123Label }))
      .min(1)
      .max(16),
    to: z
      .array(z.strictObject({ group, kind, name: dns1123Subdomain.optional() }))
      .min(1)
      .max(16),
  }),
});
export type ReferenceGrantObject = z.infer<typeof referenceGrantSchema>;
