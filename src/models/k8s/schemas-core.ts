// Zod schemas of the core Kubernetes kinds the workshops apply (v1 Namespace, Service, ConfigMap, Secret,
// ServiceAccount; apps/v1 Deployment) with the API server's defaults and validation (k8s.io/kubernetes pkg/apis/core/validation).
// Fields gwsim does not model are accepted and kept as written (loose objects), so real manifests load verbatim.
import { z } from 'zod';
import { base64DecodedLength, checkConfigData, utf8Length } from './config-data.js';
import { isIpAddress } from './ip-text.js';
import {
  annotationMap,
  dns1035Label,
  dns1123Label,
  labelMap,
  labelSelector,
  objectMeta,
  selectorMatches,
} from './object-meta.js';

const port = z.number().int().min(1).max(65535);

/** Largest Deployment gwsim simulates: every replica is a Pod with its own state machine and endpoint. */
export const MAX_REPLICAS = 5000;

export const namespaceSchema = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('Namespace'),
  metadata: objectMeta(dns1123Label),
});

/** targetPort: a number (1-65535) or an IANA_SVC_NAME (container port name, at most 15 chars). */
const intOrPortName = z.union([
  port,
  z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
    .max(15),
]);

const servicePort = z.looseObject({
  name: dns1123Label.optional(),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
  port,
  targetPort: intOrPortName.optional(),
  appProtocol: z.string().optional(),
  nodePort: port.optional(),
});

export const serviceSchema = z
  .looseObject({
    apiVersion: z.literal('v1'),
    kind: z.literal('Service'),
    // core/validation ValidateServiceName is apimachinery's IsDNS1035Label: a Service name starts with a letter.
    metadata: objectMeta(dns1035Label),
    spec: z.looseObject({
      type: z.enum(['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']).default('ClusterIP'),
      // No selector = endpoints are managed outside Kubernetes (here: given by the caller, e.g. federated Services).
      selector: z.record(z.string(), z.string()).optional(),
      ports: z.array(servicePort).default([]),
      clusterIP: z.string().optional(),
      externalTrafficPolicy: z.enum(['Cluster', 'Local']).optional(),
      loadBalancerClass: z.string().optional(),
      loadBalancerIP: z.string().optional(),
      sessionAffinity: z.enum(['None', 'ClientIP']).default('None'),
      externalName: z.string().optional(),
    }),
  })
  .superRefine((svc, ctx) => {
    const ports = svc.spec.ports;
    // core/validation ValidateService: every port needs a name when there is more than one; names and port/protocol pairs are unique.
    if (ports.length > 1) {
      ports.forEach((p, i) => {
        if (p.name === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['spec', 'ports', i, 'name'],
            message: 'is required when a Service has more than one port',
          });
      });
    }
    // ValidateService: each port/protocol pair once ("duplicate" on spec.ports[i]).
    const pairs = new Map<string, number>();
    ports.forEach((p, i) => {
      const key = `${p.port}/${p.protocol}`;
      const first = pairs.get(key);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['spec', 'ports', i],
          message: `duplicate port ${key}: spec.ports[${first}] has it already`,
        });
      else pairs.set(key, i);
    });
    // ValidateService: clusterIP is "", "None" or an IP address (IsValidIP).
    const ip = svc.spec.clusterIP;
    if (ip !== undefined && ip !== '' && ip !== 'None' && !isIpAddress(ip))
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'clusterIP'],
        message: `${JSON.stringify(ip)} is not a valid IP address (allowed: "None", "", an IPv4 or IPv6 address)`,
      });
    const seen = new Set<string>();
    ports.forEach((p, i) => {
      if (p.name !== undefined) {
        if (seen.has(p.name))
          ctx.addIssue({
            code: 'custom',
            path: ['spec', 'ports', i, 'name'],
            message: `duplicate port name "${p.name}"`,
          });
        seen.add(p.name);
      }
    });
    if (svc.spec.type !== 'ExternalName' && ports.length === 0)
      ctx.addIssue({ code: 'custom', path: ['spec', 'ports'], message: 'a Service needs at least one port' });
  });

export const configMapSchema = z
  .looseObject({
    apiVersion: z.literal('v1'),
    kind: z.literal('ConfigMap'),
    metadata: objectMeta(),
    data: z.record(z.string(), z.string()).default({}),
    binaryData: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((cm, ctx) => {
    // ValidateConfigMap: config keys, no key in both bags, values (binaryData decoded) at most 1 MiB in total.
    checkConfigData(
      ctx,
      { field: 'data', values: cm.data, size: utf8Length },
      { field: 'binaryData', values: cm.binaryData, size: base64DecodedLength },
      'forbidden',
    );
  });

export const serviceAccountSchema = z.looseObject({
  apiVersion: z.literal('v1'),
  kind: z.literal('ServiceAccount'),
  metadata: objectMeta(),
});

const BASE64 = /^[A-Za-z0-9+/\s]*={0,2}\s*$/;

export const secretSchema = z
  .looseObject({
    apiVersion: z.literal('v1'),
    kind: z.literal('Secret'),
    metadata: objectMeta(),
    type: z.string().default('Opaque'),
    data: z.record(z.string(), z.string().regex(BASE64, { message: 'Secret data values must be base64' })).default({}),
    stringData: z.record(z.string(), z.string()).default({}),
  })
  .superRefine((s, ctx) => {
    // ValidateSecret: config keys and at most 1 MiB of (decoded) values; stringData is merged over data on write.
    checkConfigData(
      ctx,
      { field: 'data', values: s.data, size: base64DecodedLength },
      { field: 'stringData', values: s.stringData, size: utf8Length },
      'second-wins',
    );
    // core/validation ValidateSecret: kubernetes.io/tls needs both tls.crt and tls.key.
    if (s.type === 'kubernetes.io/tls') {
      for (const key of ['tls.crt', 'tls.key']) {
        if (s.data[key] === undefined && s.stringData[key] === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['data', key],
            message: `is required for a Secret of type kubernetes.io/tls`,
          });
      }
    }
  });

/** core/validation validateEnv: IsEnvVarName (letters, digits, '_', '-', '.', not starting with a digit). */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

const envVar = z
  .looseObject({
    name: z.string().regex(ENV_VAR_NAME, {
      message:
        "must be a valid environment variable name (letters, digits, '_', '-' and '.', not starting with a digit)",
    }),
    value: z.string().optional(),
    valueFrom: z.looseObject({}).optional(),
  })
  .superRefine((e, ctx) => {
    // validateEnvVarValueFrom: "may not be specified when `value` is not empty".
    if (e.valueFrom !== undefined && e.value !== undefined && e.value !== '')
      ctx.addIssue({ code: 'custom', path: ['valueFrom'], message: 'may not be specified when `value` is not empty' });
  });

const containerPort = z.looseObject({
  name: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
    .max(15)
    .optional(),
  containerPort: port,
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
});

const nonNegativeInt = z.number().int().min(0);

/** core/v1 Probe; gwsim runs readiness probes on their schedule (a passing probe needs the app listening). Defaults
 *  (SetDefaults_Probe): periodSeconds 10, timeoutSeconds 1, successThreshold 1, failureThreshold 3. Optional here so
 *  that they do not enter the pod-template hash (the API server's defaults are applied where the probe runs). */
const probe = z.looseObject({
  initialDelaySeconds: nonNegativeInt.optional(),
  periodSeconds: z.number().int().min(1).optional(),
  timeoutSeconds: z.number().int().min(1).optional(),
  successThreshold: z.number().int().min(1).optional(),
  failureThreshold: z.number().int().min(1).optional(),
});

/** core/v1 LifecycleHandler: exec, httpGet, tcpSocket or sleep (PodLifecycleSleepAction, beta and on since 1.30). */
const lifecycleHandler = z.looseObject({
  exec: z.looseObject({ command: z.array(z.string()).default([]) }).optional(),
  sleep: z.looseObject({ seconds: nonNegativeInt }).optional(),
});

const container = z.looseObject({
  name: dns1123Label,
  image: z.string().min(1),
  ports: z.array(containerPort).default([]),
  env: z.array(envVar).default([]),
  readinessProbe: probe.optional(),
  lifecycle: z.looseObject({ preStop: lifecycleHandler.optional() }).optional(),
});

export const podTemplateSchema = z.looseObject({
  metadata: z
    .looseObject({ labels: labelMap.default({}), annotations: annotationMap.default({}) })
    .default({ labels: {}, annotations: {} }),
  spec: z.looseObject({
    containers: z
      .array(container)
      .min(1)
      .superRefine((cs, ctx) => {
        // core/validation validateContainers: container names are unique within a Pod.
        const seen = new Set<string>();
        cs.forEach((c, i) => {
          if (seen.has(c.name))
            ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate container name "${c.name}"` });
          seen.add(c.name);
        });
      }),
    serviceAccountName: z.string().optional(),
    nodeSelector: z.record(z.string(), z.string()).optional(),
    // core/v1 default 30 (SetDefaults_PodSpec); optional so that it does not enter the pod-template hash.
    terminationGracePeriodSeconds: nonNegativeInt.optional(),
  }),
});

/** maxSurge / maxUnavailable: a non-negative int or "N%" (apps/validation ValidatePositiveIntOrPercent). */
const intOrPercent = z.union([
  nonNegativeInt,
  z.string().regex(/^[0-9]+%$/, 'must be an integer or a percentage such as "25%"'),
]);

// apps/validation ValidateDeploymentStrategy: the type is exactly one of the two (case matters).
const deploymentStrategy = z.looseObject({
  type: z.enum(['Recreate', 'RollingUpdate']).default('RollingUpdate'),
  rollingUpdate: z
    .looseObject({ maxSurge: intOrPercent.optional(), maxUnavailable: intOrPercent.optional() })
    .optional(),
});

export const deploymentSchema = z
  .looseObject({
    apiVersion: z.literal('apps/v1'),
    kind: z.literal('Deployment'),
    metadata: objectMeta(),
    spec: z.looseObject({
      // apps/v1 SetDefaults_Deployment: replicas 1. The API server allows int32; gwsim bounds a simulated Deployment.
      replicas: z
        .number()
        .int()
        .min(0)
        .max(MAX_REPLICAS, { message: `must be at most ${MAX_REPLICAS} in gwsim` })
        .default(1),
      selector: labelSelector,
      template: podTemplateSchema,
      // SetDefaults_Deployment: RollingUpdate with 25 % / 25 % (applied where the controller reads them).
      strategy: deploymentStrategy.default({ type: 'RollingUpdate' }),
      minReadySeconds: nonNegativeInt.default(0),
    }),
  })
  .superRefine((d, ctx) => {
    // apps/validation ValidateDeploymentStrategy and ValidateRollingUpdateDeployment.
    const st = d.spec.strategy;
    if (st.type === 'Recreate' && st.rollingUpdate !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'strategy', 'rollingUpdate'],
        message: "may not be specified when strategy `type` is 'Recreate'",
      });
    const ru = st.rollingUpdate;
    if (ru !== undefined) {
      const isZero = (v: number | string | undefined): boolean => v === 0 || v === '0%';
      if (typeof ru.maxUnavailable === 'string' && Number(ru.maxUnavailable.slice(0, -1)) > 100)
        ctx.addIssue({
          code: 'custom',
          path: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'],
          message: 'must not be greater than 100%',
        });
      if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge))
        ctx.addIssue({
          code: 'custom',
          path: ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'],
          message: 'may not be 0 when `maxSurge` is 0',
        });
    }
    // apps/validation ValidateDeploymentSpec: the selector must select the template's labels.
    if (Object.keys(d.spec.selector.matchLabels).length === 0 && d.spec.selector.matchExpressions.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'selector'],
        message: 'empty selector is invalid for a Deployment',
      });
    } else if (!selectorMatches(d.spec.selector, d.spec.template.metadata.labels)) {
      ctx.addIssue({
        code: 'custom',
        path: ['spec', 'template', 'metadata', 'labels'],
        message: '`selector` does not match template `labels`',
      });
    }
  });

export type NamespaceObject = z.infer<typeof namespaceSchema>;
export type ServiceObject = z.infer<typeof serviceSchema>;
export type ConfigMapObject = z.infer<typeof configMapSchema>;
export type SecretObject = z.infer<typeof secretSchema>;
export type ServiceAccountObject = z.infer<typeof serviceAccountSchema>;
export type DeploymentObject = z.infer<typeof deploymentSchema>;
