// Runs the Gateway API conformance suite as tools/conformance-extract wrote it (test/conformance: the registry, the
// embedded manifests, each test's helper calls): applies the manifests as the suite's Applier does, translates them, and
// interprets each step (acceptance, route conditions, requests through matchRequest). Shared by conformance.test.ts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { loadManifests } from '../../../src/models/k8s/load-manifests.js';
import { ObjectStore } from '../../../src/models/k8s/object-store.js';
import { RngRoot } from '../../../src/sim/rng.js';
import { translate, type Translation } from '../../../src/models/gatewayapi/translate.js';
import { matchRequest, type GatewayRequest } from '../../../src/models/gatewayapi/match-request.js';
import type { GatewayConfig, MatchResult } from '../../../src/models/gatewayapi/gateway-config.js';
import type { K8sObject } from '../../../src/models/k8s/k8s-object.js';

export const DATA_DIR = fileURLToPath(new URL('../../conformance/', import.meta.url));
const CLASS = 'tigera-gateway-class';

type V = unknown;
type Obj = Record<string, V>;
export interface Step {
  id: number;
  call: string;
  args: V[];
  subtest?: string;
  when?: string[];
  line: number;
}
export interface SuiteTest {
  shortName: string;
  description: string;
  features: string[];
  manifests: string[];
  source: string;
  steps: Step[];
}
export interface SuiteIndex {
  module: string;
  version: string;
  baseManifests: string;
  setup: Step[];
  tests: string[];
}

export const readIndex = (): SuiteIndex => JSON.parse(readFileSync(`${DATA_DIR}suite.json`, 'utf8')) as SuiteIndex;
export const readTest = (name: string): SuiteTest =>
  JSON.parse(readFileSync(`${DATA_DIR}tests/${name}.json`, 'utf8')) as SuiteTest;

/** The tests of this item: those named for HTTPRoute, TLSRoute, Gateway (not GatewayClass) and ReferenceGrant. */
export const IN_FAMILY = /^(HTTPRoute|TLSRoute|Gateway(?!Class)|ReferenceGrant)/;

/** A test gwsim cannot run, and why. */
export class OutOfScope extends Error {}

/** A manifest as the suite's Applier applies it: each Gateway's gatewayClassName set to the class under test (apply.go prepareGateway). */
export function manifestObjects(path: string): K8sObject[] {
  const text = readFileSync(`${DATA_DIR}manifests/${path}`, 'utf8');
  const docs = parseAllDocuments(text).map((d) => {
    if (d.get('kind') === 'Gateway') d.setIn(['spec', 'gatewayClassName'], CLASS);
    return d.toString();
  });
  try {
    return loadManifests(docs.join('---\n'), path);
  } catch (e) {
    throw new OutOfScope(`gwsim rejects ${(e as Error).message}`);
  }
}

/** The Secrets the suite's Setup creates (suite.go): each a TLS Secret carrying gwsim's test certificate. */
export function setupObjects(index: SuiteIndex): K8sObject[] {
  const cert = loadManifests(
    readFileSync(fileURLToPath(new URL('fixtures/conformance-base.yaml', import.meta.url)), 'utf8'),
    'conformance-base.yaml',
  )[0] as K8sObject & { data: Obj };
  const docs = index.setup.flatMap((s) => {
    const [namespace, name] = s.args as [string, string];
    if (!/Secret$/.test(s.call)) return [];
    return [
      { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace }, type: 'kubernetes.io/tls', data: cert.data },
    ];
  });
  return loadManifests(docs.map((d) => JSON.stringify(d)).join('\n---\n'), 'suite-setup.yaml');
}

export function buildStore(objects: readonly K8sObject[]): ObjectStore {
  const store = new ObjectStore({
    nodes: [
      { name: 'worker1', ready: true },
      { name: 'worker2', ready: true },
    ],
    podNetwork: 'calico',
    rng: new RngRoot(1).fork('k8s'),
  });
  for (const o of objects) store.apply(o, 0);
  return store;
}

export const run = (store: ObjectStore): Translation =>
  translate({ objects: store.all(), endpointSlices: store.endpointSlices() });

interface Address {
  gateway: { name: string; namespace: string };
  listener: string;
  usePort: boolean;
}
interface Nn {
  Name: string;
  Namespace: string;
}

/** Steps that only wait or log in a live cluster; a translation is already converged. */
const NO_OPS = new Set([
  'kubernetes.NamespacesMustBeReady',
  'ExpectedResponse.AddRequestIDQueryParam',
  'http.AwaitConvergence',
  'kubernetes.DumpEchoLogs',
  'kubernetes.GetTLSSecret',
  'ExpectedResponse.GetTestCaseName',
  'kubernetes.GetConfigMapData',
]);

/** One step's verdict. */
export interface Check {
  step: Step;
  problem: string | null;
}

/** Runs one test's steps; throws OutOfScope for a step the harness cannot interpret. */
export function runTest(t: SuiteTest, base: readonly K8sObject[]): Check[] {
  let objects = [...base, ...t.manifests.flatMap(manifestObjects)];
  let tr = run(buildStore(objects));
  const results = new Map<number, V>();
  const checks: Check[] = [];
  for (const step of t.steps) {
    if (NO_OPS.has(step.call)) continue;
    if ((step.when ?? []).length > 0) throw new OutOfScope(`${step.call} under a condition (${step.when!.join(', ')})`);
    if (step.call === 'Writer.Delete') {
      // The test deletes an object mid-test: the control plane translates what is left.
      const o = step.args[0] as { $type?: string; ObjectMeta?: Nn };
      const kind = String(o.$type ?? '').split('.')[1];
      const meta = o.ObjectMeta;
      if (!kind || !meta) throw new OutOfScope(`the harness cannot delete ${JSON.stringify(o)}`);
      const left = objects.filter(
        (x) => !(x.kind === kind && x.metadata.name === meta.Name && x.metadata.namespace === meta.Namespace),
      );
      checks.push({ step, problem: left.length === objects.length ? `${kind} ${meta.Name} did not exist` : null });
      objects = left;
      tr = run(buildStore(objects));
      continue;
    }
    const problem = interpret(step, tr, results);
    checks.push({ step, problem });
  }
  if (checks.length === 0) throw new OutOfScope('no step the harness interprets');
  return checks;
}

function interpret(step: Step, tr: Translation, results: Map<number, V>): string | null {
  const a = step.args;
  switch (step.call) {
    case 'kubernetes.GatewayAndHTTPRoutesMustBeAccepted':
    case 'kubernetes.GatewayAndTLSRoutesMustBeAccepted':
      return accepted(step, tr, results, a[1], true, a.slice(2).flat() as Nn[]);
    case 'kubernetes.GatewayAndRoutesMustBeAccepted':
      return accepted(step, tr, results, a[1], a[3] as boolean, a.slice(4).flat() as Nn[]);
    case 'kubernetes.HTTPRouteMustHaveResolvedRefsConditionsTrue':
    case 'kubernetes.TLSRouteMustHaveResolvedRefsConditionsTrue':
      return routeCondition(tr, kindOf(step.call), a[0] as Nn, a[1] as Nn, {
        Type: 'ResolvedRefs',
        Status: 'True',
        Reason: 'ResolvedRefs',
      });
    case 'kubernetes.HTTPRouteMustHaveCondition':
    case 'kubernetes.TLSRouteMustHaveCondition':
      return routeCondition(tr, kindOf(step.call), a[0] as Nn, a[1] as Nn, a[2] as Obj);
    case 'kubernetes.HTTPRouteMustHaveNoAcceptedParents':
    case 'kubernetes.TLSRouteMustHaveNoAcceptedParents': {
      const nn = a[0] as Nn;
      const rs = tr.status.routes.find((r) => r.kind === kindOf(step.call) && r.name === nn.Name);
      const acc = (rs?.parents ?? []).filter((p) =>
        p.conditions.some((c) => c.type === 'Accepted' && c.status === 'True'),
      );
      return acc.length === 0 ? null : `${nn.Name} has ${acc.length} accepted parent(s)`;
    }
    case 'kubernetes.GatewayStatusMustHaveListeners':
      return listenersMatch(tr, a[0] as Nn, a[1] as Obj[]);
    case 'kubernetes.GatewayMustHaveZeroRoutes': {
      const gw = gatewayStatus(tr, a[0] as Nn);
      if (!gw) return `Gateway ${(a[0] as Nn).Name} has no status`;
      const attached = gw.listeners.filter((l) => l.attachedRoutes !== 0).map((l) => `${l.name}: ${l.attachedRoutes}`);
      return attached.length === 0 ? null : `routes attached: ${attached.join(', ')}`;
    }
    case 'http.MakeRequestAndExpectEventuallyConsistentResponse':
      return request(tr, resolve(a[0], results), a[1] as Obj, null, false);
    case 'http.MakeRequestAndExpectFailure':
      return request(tr, resolve(a[0], results), a[1] as Obj, null, true);
    case 'tls.MakeTLSRequestAndExpectEventuallyConsistentResponse':
      return request(tr, resolve(a[0], results), a[a.length - 1] as Obj, a[a.length - 2] as string, false);
    default:
      throw new OutOfScope(`the harness does not interpret ${step.call} (line ${step.line})`);
  }
}

const kindOf = (call: string): 'HTTPRoute' | 'TLSRoute' => (call.includes('TLSRoute') ? 'TLSRoute' : 'HTTPRoute');

function resolve(v: V, results: Map<number, V>): Address {
  const r = v as { $result?: number; index?: number };
  if (typeof r?.$result !== 'number' || !results.has(r.$result))
    throw new OutOfScope(`the request's address is chosen at run time (${JSON.stringify(v)})`);
  return results.get(r.$result) as Address;
}

function accepted(step: Step, tr: Translation, results: Map<number, V>, ref: V, usePort: boolean, routes: Nn[]) {
  const call = ref as { $call?: string; args?: V[] };
  if (call?.$call !== 'kubernetes.NewGatewayRef') throw new OutOfScope(`gateway ref ${JSON.stringify(ref)}`);
  const nn = call.args![0] as Nn;
  const addr: Address = {
    gateway: { name: nn.Name, namespace: nn.Namespace },
    listener: (call.args![1] as string | undefined) ?? '',
    usePort,
  };
  results.set(step.id, addr);
  const gw = tr.status.gateways.find((g) => g.name === nn.Name && g.namespace === nn.Namespace);
  if (!gw) return `Gateway ${nn.Name} has no status`;
  const prog = gw.conditions.find((c) => c.type === 'Programmed');
  if (prog?.status !== 'True') return `Gateway ${nn.Name} not Programmed (${prog?.reason})`;
  for (const r of routes) {
    const rs = tr.status.routes.find((x) => x.name === r.Name && x.namespace === r.Namespace);
    const p = rs?.parents.find((x) => x.parentRef.name === nn.Name);
    const c = p?.conditions.find((x) => x.type === 'Accepted');
    if (c?.status !== 'True') return `route ${r.Name} not Accepted by ${nn.Name} (${c?.reason ?? 'no parent status'})`;
  }
  return null;
}

function routeCondition(tr: Translation, kind: string, route: Nn, gw: Nn, want: Obj): string | null {
  const rs = tr.status.routes.find((r) => r.kind === kind && r.name === route.Name && r.namespace === route.Namespace);
  if (!rs) return `${kind} ${route.Name} has no status`;
  const p = rs.parents.find((x) => x.parentRef.name === gw.Name);
  const c = p?.conditions.find((x) => x.type === want.Type);
  if (!c) return `${kind} ${route.Name} has no ${String(want.Type)} condition for ${gw.Name}`;
  // An empty Status or Reason matches any (helpers.go findConditionInList).
  if ((want.Status && c.status !== want.Status) || (want.Reason && c.reason !== want.Reason))
    return `${kind} ${route.Name} ${String(want.Type)}: ${c.status}/${c.reason}, expected ${String(want.Status)}/${String(want.Reason)}`;
  return null;
}

/** Which port a request to the address reaches (WaitForGatewayAddress: the named listener's, else the first's). */
function portOf(gw: GatewayConfig, tr: Translation, addr: Address, tls: boolean): number {
  if (!addr.usePort) return tls ? 443 : 80;
  const spec = tr.status.gateways.find((g) => g.name === addr.gateway.name);
  const listeners = gw.ports.flatMap((p) => p.listeners.map((l) => ({ name: l.name, port: p.port })));
  const order = spec?.listeners.map((l) => l.name) ?? [];
  const first = listeners.find((l) => l.name === order[0]) ?? listeners[0];
  return (listeners.find((l) => l.name === addr.listener) ?? first).port;
}

function request(tr: Translation, addr: Address, expected: Obj, sni: string | null, failure: boolean): string | null {
  const gw = tr.gateways.find((g) => g.name === addr.gateway.name && g.namespace === addr.gateway.namespace);
  if (!gw) return `Gateway ${addr.gateway.name} is not programmed`;
  const req = (expected.Request ?? {}) as Obj;
  if (expected.ExpectedRequest !== undefined && expected.ExpectedRequest !== null)
    throw new OutOfScope('the harness does not compare the forwarded request (ExpectedRequest) yet');
  if ((expected.Response as Obj | undefined)?.Headers !== undefined)
    throw new OutOfScope('the harness does not compare response headers yet');
  const [path, query = ''] = String(req.Path ?? '/').split('?');
  const headers = new Map(
    Object.entries((req.Headers as Record<string, string>) ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const gr: GatewayRequest = {
    port: portOf(gw, tr, addr, sni !== null),
    host: (req.Host as string) || gw.addresses[0],
    sni: sni ?? undefined,
    method: (req.Method as string) || 'GET',
    path,
    query,
    headers,
  };
  const res = matchRequest(gw, gr);
  const status = statusOf(res);
  if (failure) return status === 200 ? `expected a failure, got 200` : null;
  const resp = (expected.Response ?? {}) as { StatusCode?: number; StatusCodes?: number[] };
  const codes = [...(resp.StatusCodes ?? []), ...(resp.StatusCode ? [resp.StatusCode] : [])];
  const want = codes.length ? codes : [200];
  if (want.every((c) => c === 504))
    throw new OutOfScope('a timeout (504) needs the backend to be slow: the simulated run, not route matching');
  if (!want.includes(status)) return `${gr.method} ${gr.host}${path}: status ${status}, expected ${want.join('|')}`;
  if (status === 200 && expected.Backend) {
    if (res.type !== 'route' || res.action.type !== 'forward') return `no backend answered`;
    const served = res.action.backends.filter((b) => b.failStatus === 0 && b.weight > 0);
    const ok = served.every((b) => b.name === expected.Backend && b.namespace === expected.Namespace);
    if (!ok || served.length === 0)
      return `${gr.host}${path}: backends ${served.map((b) => `${b.namespace}/${b.name}`).join(',')}, expected ${String(expected.Namespace)}/${String(expected.Backend)}`;
  }
  const rr = expected.RedirectRequest as Obj | undefined | null;
  if (rr) {
    if (res.type !== 'route' || res.action.type !== 'redirect') return `not a redirect`;
    const act = res.action;
    if (rr.Scheme && act.scheme !== undefined && act.scheme !== rr.Scheme) return `redirect scheme ${act.scheme}`;
    if (rr.Host && act.hostname !== undefined && act.hostname !== rr.Host) return `redirect host ${act.hostname}`;
    if (rr.Port && act.port !== undefined && String(act.port) !== String(rr.Port)) return `redirect port ${act.port}`;
    if (rr.Path && act.path?.type === 'ReplaceFullPath' && act.path.value !== rr.Path) return `redirect path`;
  }
  return null;
}

function statusOf(res: MatchResult): number {
  if (res.type === 'outcome') return res.status;
  if (res.action.type === 'forward') return res.action.failingWeight > 0 ? res.action.failStatus : 200;
  return res.action.status;
}

const gatewayStatus = (tr: Translation, nn: Nn) =>
  tr.status.gateways.find((g) => g.name === nn.Name && g.namespace === nn.Namespace);

/** The listeners' status as the suite compares it (helpers.go listenersMatch): names, kinds, attached routes, conditions. */
function listenersMatch(tr: Translation, nn: Nn, want: Obj[]): string | null {
  const gw = gatewayStatus(tr, nn);
  if (!gw) return `Gateway ${nn.Name} has no status`;
  if (gw.listeners.length !== want.length) return `${gw.listeners.length} listeners, expected ${want.length}`;
  for (const w of want) {
    const l = gw.listeners.find((x) => x.name === w.Name);
    if (!l) return `no listener ${String(w.Name)}`;
    // Every expected kind among the listener's; none expected means none (helpers.go gatewayListenersMatch).
    const kinds = ((w.SupportedKinds as Obj[] | undefined) ?? []).map((k) => String(k.Kind));
    const have = l.supportedKinds.map((k) => k.kind);
    if (kinds.length === 0 ? have.length > 0 : !kinds.every((k) => have.includes(k)))
      return `${l.name} supportedKinds ${have.join(',')}, expected ${kinds.join(',')}`;
    if (l.attachedRoutes !== w.AttachedRoutes)
      return `${l.name} attachedRoutes ${l.attachedRoutes}, expected ${String(w.AttachedRoutes)}`;
    for (const c of (w.Conditions as Obj[] | undefined) ?? []) {
      const got = l.conditions.find((x) => x.type === c.Type);
      if (!got || got.status !== c.Status || (c.Reason && got.reason !== c.Reason))
        return `${l.name} ${String(c.Type)}: ${got?.status}/${got?.reason}, expected ${String(c.Status)}/${String(c.Reason)}`;
    }
  }
  return null;
}
