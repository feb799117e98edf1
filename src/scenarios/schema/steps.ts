// Schema of `spec.steps`: each step is a mapping with one key naming what it does (apply, delete, wait, curl, hey,
// load, fault, scale, print). Cross-references (names, clusters, routers) are checked in `resolve.ts`.
import { z } from 'zod';
import { addIssue, describeValue, keyedBy, oneKeyOf, strict } from './strict.js';
import { linkPropsShape } from './topology.js';
import { MAX_REPLICAS } from '../../models/k8s/schemas-core.js';
import { count, duration, labelMap, localName, objectName, positiveCount } from './units.js';

const stepName = localName.optional();

/** `{file: path}` (relative to the scenario file) or `{yaml: |- ...}` (inline multi-document YAML). */
const manifestsBody = strict({
  file: z.string().min(1).optional(),
  yaml: z.string().min(1).optional(),
  cluster: localName.optional(),
  name: stepName,
}).superRefine((v, ctx) => {
  if ((v.file === undefined) === (v.yaml === undefined)) addIssue(ctx, 'give exactly one of "file" and "yaml"', [], 'file: manifests/x.yaml, or yaml: | followed by the manifests');
});

const waitBody = z.unknown().transform((v, ctx) => {
  if (typeof v === 'string' || typeof v === 'number') {
    const r = duration().safeParse(v);
    if (r.success) return { durationNs: r.data, for: undefined as string | undefined };
    for (const iss of r.error.issues) ctx.addIssue(iss as never);
    return z.NEVER;
  }
  const r = strict({ for: localName }).safeParse(v);
  if (r.success) return { durationNs: 0, for: r.data.for };
  if (typeof v !== 'object' || v === null) addIssue(ctx, `expected a duration or {for: STEP}, got ${describeValue(v)}`, [], 'a duration such as 30s, or {for: NAME} to wait for a background step');
  else for (const iss of r.error.issues) ctx.addIssue(iss as never);
  return z.NEVER;
});

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const headerMap = z.record(z.string().regex(HEADER_NAME, 'must be an HTTP header name (a token)'), z.string());

export const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/** What a curl loop prints per response, as the workshops pipe it. */
export const CURL_OUTPUTS = ['none', 'pod', 'pod-raw', 'hostname', 'status', 'headers', 'body'] as const;

const clientShape = { name: stepName, background: z.boolean().optional(), from: localName.optional() };

// Upper bounds keep a typo from becoming a run that never ends or a client that exhausts memory before the first event:
// far above any workshop or capacity run (a 10-million-iteration curl loop, hey's -c beyond 100k connections, 10M rps).
const MAX_CURL_COUNT = 10_000_000;
const MAX_HEY_N = 1_000_000_000;
const MAX_HEY_C = 100_000;
const MAX_RATE_PER_SECOND = 10_000_000;

const curlBody = strict({
  count: positiveCount.max(MAX_CURL_COUNT).optional(),
  interval: duration().optional(),
  url: z.string(),
  header: headerMap.optional(),
  cookie: z.string().min(1).optional(),
  cookieJar: z.boolean().optional(),
  head: z.boolean().optional(),
  method: z.enum(METHODS).optional(),
  resolve: z.string().regex(/^[^:\s]+:\d{1,5}:\S+$/, 'must be HOST:PORT:ADDRESS as curl --resolve takes it').optional(),
  output: z.enum(CURL_OUTPUTS).optional(),
  grep: z.string().min(1).optional(),
  uniqCount: z.boolean().optional(),
  fail: z.boolean().optional(),
  maxTime: duration({ positive: true }).optional(),
  connectTimeout: duration({ positive: true }).optional(),
  ...clientShape,
});

const heyBody = strict({
  n: positiveCount.max(MAX_HEY_N).optional(),
  c: positiveCount.max(MAX_HEY_C).optional(),
  q: z.number().min(0).max(MAX_RATE_PER_SECOND).optional(),
  z: duration({ positive: true }).optional(),
  host: z.string().min(1).optional(),
  url: z.string(),
  method: z.enum(METHODS).optional(),
  headers: headerMap.optional(),
  timeout: duration().optional(),
  disableKeepAlive: z.boolean().optional(),
  output: z.enum(['summary', 'none']).optional(),
  ...clientShape,
});

export const LOAD_DISTRIBUTIONS = ['poisson', 'constant'] as const;

const loadBody = strict({
  rate: z.number().positive().max(MAX_RATE_PER_SECOND),
  duration: duration({ positive: true }),
  url: z.string(),
  host: z.string().min(1).optional(),
  headers: headerMap.optional(),
  method: z.enum(METHODS).optional(),
  distribution: z.enum(LOAD_DISTRIBUTIONS).optional(),
  timeout: duration().optional(),
  // Client source addresses; at most 64, the keep-alive connections the generator spreads requests over (one address each).
  sources: positiveCount.max(64).optional(),
  ...clientShape,
});

const where = { namespace: objectName.optional(), cluster: localName.optional() };

/** A node by name, or the node a Gateway's traffic enters (its Envoy), or the L2 lease holder of a Service. */
const nodeTarget = z.union([
  localName,
  strict({ gateway: objectName, ...where }),
  strict({ leaseHolder: strict({ service: objectName, namespace: objectName.optional() }), cluster: localName.optional() }),
]);

/** Pods by selector (in name order), one pod by name, or the pod that answered a request of an earlier client step. */
const podTarget = strict({
  selector: labelMap.optional(),
  name: objectName.optional(),
  servedRequest: strict({ step: z.union([count, localName]), request: positiveCount }).optional(),
  count: positiveCount.optional(),
  ...where,
}).superRefine((v, ctx) => {
  const given = [v.selector, v.name, v.servedRequest].filter((x) => x !== undefined).length;
  if (given !== 1) addIssue(ctx, 'give exactly one of "selector", "name" and "servedRequest"', [], 'selector: {app: backend}, name: POD, or servedRequest: {step: STEP, request: N}');
  else if (v.count !== undefined && v.selector === undefined) addIssue(ctx, 'count applies to a selector', ['count'], 'selector: {...} with count: N');
});

const faultBody = keyedBy('fault', {
  node: strict({ node: nodeTarget, down: z.boolean(), graceful: z.boolean().optional(), name: stepName }),
  pod: strict({ pod: podTarget, crash: z.literal(true), restart: z.boolean().optional(), name: stepName }),
  link: strict({ link: z.tuple([localName, localName]), down: z.boolean().optional(), ...linkPropsShape, name: stepName }),
  partition: strict({ partition: z.array(z.array(localName).min(1)).min(2), heal: z.boolean().optional(), name: stepName }),
  cluster: strict({ cluster: localName, down: z.boolean(), name: stepName }),
  bgp: strict({ bgp: strict({ router: localName, peer: localName.optional() }), reset: z.literal(true), name: stepName }),
  deployment: strict({ deployment: objectName, env: z.record(z.string().regex(/^[-._a-zA-Z][-._a-zA-Z0-9]*$/, 'must be an environment variable name'), z.string()).optional(), image: z.string().min(1).optional(), container: objectName.optional(), ...where, name: stepName }),
});

// The same bound as a Deployment's spec.replicas (schemas-core MAX_REPLICAS).
const scaleBody = strict({
  deployment: objectName,
  replicas: count.max(MAX_REPLICAS, { message: `must be at most ${MAX_REPLICAS} in gwsim` }),
  ...where,
  name: stepName,
});

/** The prints that need no options, written as a bare string (`print: bgp`). */
const BARE_PRINTS = ['podRequestCounts', 'routes', 'bgp'] as const;
/** The prints that need options: what to write instead of the bare name. */
const PRINT_NEEDS: Record<string, string> = {
  gatewayAddress: '{gatewayAddress: {gateway: NAME}}',
  status: '{status: {kind: gateway}} (kinds: gatewayclass, gateway, httproute, tlsroute, backendtrafficpolicy)',
};

/** What `print: {status: {kind}}` (and `gwsim status`) can show, as `kubectl get KIND` names them. */
export const STATUS_KINDS = ['gatewayclass', 'gateway', 'httproute', 'tlsroute', 'backendtrafficpolicy'] as const;
export type StatusKind = (typeof STATUS_KINDS)[number];

const printObject = keyedBy('print', {
  podRequestCounts: strict({ podRequestCounts: strict({ selector: labelMap.optional(), ...where }).nullable(), name: stepName }),
  gatewayAddress: strict({ gatewayAddress: strict({ gateway: objectName, namespace: objectName.optional(), cluster: localName.optional() }), name: stepName }),
  routes: strict({ routes: strict({ router: localName.optional() }).nullable(), name: stepName }),
  bgp: strict({ bgp: strict({ router: localName.optional() }).nullable(), name: stepName }),
  // `kubectl get KIND [NAME]` in a namespace (default: default), as the Cilium lab runs `kubectl get gateway`.
  status: strict({ status: strict({ kind: z.enum(STATUS_KINDS), name: objectName.optional(), ...where }), name: stepName }),
});

const printBody = z.unknown().transform((v, ctx) => {
  if (typeof v === 'string') {
    if (PRINT_NEEDS[v] !== undefined) {
      addIssue(ctx, `print ${JSON.stringify(v)} needs its options`, [], PRINT_NEEDS[v]);
      return z.NEVER;
    }
    const r = z.enum(BARE_PRINTS).safeParse(v);
    if (r.success) return { kind: r.data, name: undefined } as z.output<typeof printObject>;
    for (const iss of r.error.issues) ctx.addIssue(iss as never);
    return z.NEVER;
  }
  const r = printObject.safeParse(v);
  if (r.success) return r.data;
  for (const iss of r.error.issues) ctx.addIssue(iss as never);
  return z.NEVER;
});

export const stepSchema = oneKeyOf('step', {
  apply: manifestsBody,
  delete: manifestsBody,
  wait: waitBody,
  curl: curlBody,
  hey: heyBody,
  load: loadBody,
  fault: faultBody,
  scale: scaleBody,
  print: printBody,
});

export type StepDoc = z.output<typeof stepSchema>;
/** The steps that send requests. */
export const CLIENT_KINDS = ['curl', 'hey', 'load'] as const;
