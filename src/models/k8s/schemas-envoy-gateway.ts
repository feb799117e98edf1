// Zod schemas of Envoy Gateway's BackendTrafficPolicy and Backend (gateway.envoyproxy.io/v1alpha1) with the CRD defaults of
// envoyproxy/gateway api/v1alpha1 (backendtrafficpolicy_types.go, loadbalancer_types.go, healthcheck_types.go, retry_types.go,
// timeout_types.go, circuitbreaker_types.go, backend_types.go). Interpretation belongs to the data plane (src/models/envoy).
import { z } from 'zod';
import { dns1123Label, dns1123Subdomain, objectMeta } from './object-meta.js';
import { gwDuration } from './schemas-gateway-api.js';

export const EG_API_VERSION = 'gateway.envoyproxy.io/v1alpha1';

const port = z.number().int().min(1).max(65535);
const percent = z.number().int().min(0).max(100);

const policyTargetRef = z.strictObject({
  group: z.string().default('gateway.networking.k8s.io'),
  kind: z.enum(['Gateway', 'HTTPRoute', 'GRPCRoute', 'TCPRoute', 'UDPRoute', 'TLSRoute']),
  name: dns1123Subdomain,
  namespace: dns1123Label.optional(),
  sectionName: z.string().min(1).max(253).optional(),
});

function isPrime(n: number): boolean {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
  return true;
}

const consistentHash = z
  .strictObject({
    type: z.enum(['SourceIP', 'Header', 'Headers', 'Cookie', 'QueryParams']),
    header: z.strictObject({ name: z.string().min(1) }).optional(),
    headers: z.array(z.strictObject({ name: z.string().min(1) })).optional(),
    cookie: z
      .strictObject({
        name: z.string().min(1),
        ttl: gwDuration.optional(),
        attributes: z.record(z.string(), z.string()).optional(),
      })
      .optional(),
    queryParams: z.array(z.strictObject({ name: z.string().min(1) })).optional(),
    // loadbalancer_types.go ConsistentHash.TableSize: default 65537, 2..5000011, must be prime (internal/gatewayapi/clustersettings.go).
    tableSize: z
      .number()
      .int()
      .min(2)
      .max(5000011)
      .refine(isPrime, { message: 'must be a prime number (it is the Maglev lookup-table size)' })
      .default(65537),
  })
  .superRefine((h, ctx) => {
    // CEL: the field named by type must be set.
    const need: Record<string, keyof typeof h | undefined> = {
      Header: 'header',
      Headers: 'headers',
      Cookie: 'cookie',
      QueryParams: 'queryParams',
      SourceIP: undefined,
    };
    const field = need[h.type];
    if (field !== undefined && h[field] === undefined)
      ctx.addIssue({ code: 'custom', path: [field], message: `is required when type is ${h.type}` });
  });

const loadBalancer = z
  .strictObject({
    type: z.enum(['RoundRobin', 'LeastRequest', 'Random', 'ConsistentHash', 'BackendUtilization']),
    consistentHash: consistentHash.optional(),
    slowStart: z.strictObject({ window: gwDuration }).optional(),
    zoneAware: z.looseObject({}).optional(),
    endpointOverride: z.looseObject({}).optional(),
  })
  .superRefine((lb, ctx) => {
    if (lb.type === 'ConsistentHash' && lb.consistentHash === undefined)
      ctx.addIssue({ code: 'custom', path: ['consistentHash'], message: 'is required when type is ConsistentHash' });
    if (lb.slowStart !== undefined && (lb.type === 'Random' || lb.type === 'ConsistentHash'))
      ctx.addIssue({
        code: 'custom',
        path: ['slowStart'],
        message: 'is only supported for RoundRobin, LeastRequest and BackendUtilization load balancers',
      });
  });

// healthcheck_types.go PassiveHealthCheck defaults (interval 3s, baseEjectionTime 30s, maxEjectionPercent 10, consecutive5XxErrors 5,
// consecutiveLocalOriginFailures 5, splitExternalLocalOriginErrors false).
const passiveHealthCheck = z.strictObject({
  splitExternalLocalOriginErrors: z.boolean().default(false),
  interval: gwDuration.default('3s'),
  consecutiveLocalOriginFailures: z.number().int().min(0).default(5),
  consecutiveGatewayErrors: z.number().int().min(0).optional(),
  consecutive5XxErrors: z.number().int().min(0).default(5),
  baseEjectionTime: gwDuration.default('30s'),
  maxEjectionPercent: percent.default(10),
  failurePercentageThreshold: percent.optional(),
  alwaysEjectOneEndpoint: z.boolean().optional(),
});

// healthcheck_types.go ActiveHealthCheck defaults (timeout 1s, interval 3s, unhealthyThreshold 3, healthyThreshold 1).
const activeHealthCheck = z.strictObject({
  type: z.enum(['HTTP', 'TCP', 'GRPC']),
  timeout: gwDuration.default('1s'),
  interval: gwDuration.default('3s'),
  initialJitter: gwDuration.optional(),
  unhealthyThreshold: z.number().int().min(1).default(3),
  healthyThreshold: z.number().int().min(1).default(1),
  http: z
    .looseObject({
      path: z.string().min(1),
      method: z.string().optional(),
      hostname: z.string().optional(),
      expectedStatuses: z.array(z.number().int().min(100).max(599)).default([200]),
    })
    .optional(),
  tcp: z.looseObject({}).optional(),
  grpc: z.looseObject({}).optional(),
  overrides: z.looseObject({}).optional(),
});

const retry = z.strictObject({
  // retry_types.go: numRetries default 2.
  numRetries: z.number().int().min(0).default(2),
  numAttemptsPerPriority: z.number().int().min(0).optional(),
  retryOn: z
    .strictObject({
      triggers: z.array(z.string()).optional(),
      httpStatusCodes: z.array(z.number().int().min(100).max(599)).optional(),
    })
    .optional(),
  perRetry: z
    .strictObject({
      timeout: gwDuration.optional(),
      backOff: z.strictObject({ baseInterval: gwDuration.optional(), maxInterval: gwDuration.optional() }).optional(),
    })
    .optional(),
});

const timeout = z.strictObject({
  tcp: z.strictObject({ connectTimeout: gwDuration.optional() }).optional(),
  http: z
    .strictObject({
      connectionIdleTimeout: gwDuration.optional(),
      maxConnectionDuration: gwDuration.optional(),
      requestTimeout: gwDuration.optional(),
    })
    .optional(),
});

// circuitbreaker_types.go: 1024 for each threshold.
const circuitBreaker = z.strictObject({
  maxConnections: z.number().int().min(0).default(1024),
  maxPendingRequests: z.number().int().min(0).default(1024),
  maxParallelRequests: z.number().int().min(0).default(1024),
  maxParallelRetries: z.number().int().min(0).default(1024),
  maxRequestsPerConnection: z.number().int().min(0).optional(),
  perEndpoint: z.looseObject({}).optional(),
});

export const backendTrafficPolicySchema = z.looseObject({
  apiVersion: z.literal(EG_API_VERSION),
  kind: z.literal('BackendTrafficPolicy'),
  metadata: objectMeta(),
  spec: z
    .looseObject({
      targetRef: policyTargetRef.optional(),
      targetRefs: z.array(policyTargetRef).optional(),
      targetSelectors: z
        .array(
          z.looseObject({
            kind: z.string(),
            group: z.string().optional(),
            matchLabels: z.record(z.string(), z.string()).optional(),
          }),
        )
        .optional(),
      loadBalancer: loadBalancer.optional(),
      healthCheck: z
        .strictObject({
          active: activeHealthCheck.optional(),
          passive: passiveHealthCheck.optional(),
          panicThreshold: percent.optional(),
        })
        .optional(),
      retry: retry.optional(),
      timeout: timeout.optional(),
      circuitBreaker: circuitBreaker.optional(),
      mergeType: z.enum(['StrategicMerge', 'JSONMerge']).optional(),
    })
    .superRefine((spec, ctx) => {
      // CEL (policy_helpers.go): exactly one way of targeting.
      const ways = [spec.targetRef, spec.targetRefs, spec.targetSelectors].filter((x) => x !== undefined).length;
      if (ways === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['targetRefs'],
          message: 'either targetRef, targetRefs or targetSelectors must be set',
        });
      if (spec.targetRef !== undefined && spec.targetRefs !== undefined)
        ctx.addIssue({ code: 'custom', path: ['targetRef'], message: 'targetRef and targetRefs cannot both be set' });
    }),
});
export type BackendTrafficPolicyObject = z.infer<typeof backendTrafficPolicySchema>;

const backendEndpoint = z
  .strictObject({
    fqdn: z
      .strictObject({
        hostname: z
          .string()
          .min(1)
          .max(253)
          .regex(/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
            message: 'must be a DNS name',
          }),
        port,
      })
      .optional(),
    ip: z.strictObject({ address: z.string().min(3).max(45), port }).optional(),
    unix: z.strictObject({ path: z.string().min(1) }).optional(),
    hostname: z.string().optional(),
    zone: z.string().optional(),
  })
  .superRefine((e, ctx) => {
    const n = [e.fqdn, e.ip, e.unix].filter((x) => x !== undefined).length;
    if (n !== 1) ctx.addIssue({ code: 'custom', path: [], message: 'exactly one of fqdn, ip or unix must be set' });
  });

export const backendSchema = z.looseObject({
  apiVersion: z.literal(EG_API_VERSION),
  kind: z.literal('Backend'),
  metadata: objectMeta(),
  spec: z.looseObject({
    type: z.enum(['Endpoints', 'DynamicResolver']).default('Endpoints'),
    endpoints: z.array(backendEndpoint).max(256).default([]),
    appProtocols: z.array(z.string()).optional(),
    fallback: z.boolean().optional(),
    tls: z.looseObject({}).optional(),
  }),
});
export type BackendObject = z.infer<typeof backendSchema>;
