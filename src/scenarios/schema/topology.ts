// Schema of `spec.topology`, `spec.gateway` and `spec.backends`: the infrastructure and pod behaviour a scenario
// runs on. Defaults are filled in by `resolve.ts`, not here.
import { z } from 'zod';
import { strict } from './strict.js';
import { bandwidth, duration, ipv4, labelMap, localName, objectName, positiveCount, probability } from './units.js';

export const PLATFORMS = ['calico', 'cilium'] as const;

const nodeEntry = z.union([localName, strict({ name: localName, address: ipv4 })]);

export const clusterSchema = strict({
  name: localName,
  /** calico | cilium: gateway class, LB IPAM, announcement and datapath. */
  platform: z.enum(PLATFORMS),
  nodes: z.array(nodeEntry).min(1),
  region: localName.optional(),
});

export const routerSchema = strict({
  name: localName,
  address: ipv4,
  asNumber: z.number().int().min(1).max(4294967295).optional(),
  mergePaths: z.boolean().optional(),
});

/** Latency, loss and bandwidth of a hop; `rtt` and `latency` (one way) are alternatives. */
export const linkPropsShape = {
  rtt: duration().optional(),
  latency: duration().optional(),
  jitter: duration().optional(),
  bandwidth: bandwidth().optional(),
  loss: probability.optional(),
};

export const linkSchema = strict({ between: z.tuple([localName, localName]), ...linkPropsShape });

export const linkDefaultsSchema = strict({
  node: strict(linkPropsShape).optional(),
  router: strict(linkPropsShape).optional(),
  cluster: strict(linkPropsShape).optional(),
});

export const topologySchema = strict({
  clusters: z.array(clusterSchema).min(1),
  routers: z.array(routerSchema).optional(),
  links: z.array(linkSchema).optional(),
  linkDefaults: linkDefaultsSchema.optional(),
});

/** Each Envoy worker's CPU per unit of work (defaults: models/envoy/cpu/cpu-costs.ts, measured); 0s switches one off. */
export const gatewayCpuSchema = strict({
  request: duration().optional(),
  connection: duration().optional(),
  tlsHandshake: duration().optional(),
  tcpProxyConnection: duration().optional(),
  tcpProxyRequest: duration().optional(),
  perKiB: duration().optional(),
});

export const gatewaySchema = strict({
  workers: positiveCount.max(256).optional(),
  replicas: positiveCount.max(64).optional(),
  cpu: gatewayCpuSchema.optional(),
});

export const DISTRIBUTIONS = ['constant', 'exponential', 'lognormal', 'empirical'] as const;

export const serviceTimeSchema = strict({
  distribution: z.enum(DISTRIBUTIONS),
  /** constant: the value; exponential and lognormal: the mean. */
  mean: duration().optional(),
  /** lognormal: standard deviation of the underlying normal (log-space), dimensionless. */
  sigma: z.number().positive().max(10).optional(),
  /** empirical: the values, drawn with `weights` (equal when absent). */
  values: z.array(duration()).min(1).optional(),
  weights: z.array(z.number().nonnegative()).optional(),
});

export const backendSchema = strict({
  selector: labelMap,
  namespace: objectName.optional(),
  cluster: localName.optional(),
  serviceTime: serviceTimeSchema.optional(),
  concurrency: positiveCount.optional(),
  queueLimit: positiveCount.optional(),
  errorRate: probability.optional(),
  errorStatus: z.number().int().min(500).max(599).optional(),
});
