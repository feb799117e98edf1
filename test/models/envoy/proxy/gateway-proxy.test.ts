// GatewayProxy against a fake transport: what it forwards, when and what it answers, for each way an upstream attempt
// can end (answered, refused, silent SYN, lost answer), with exact times from Envoy Gateway's defaults.
import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/sim/engine.js';
import { RngRoot } from '../../../../src/sim/rng.js';
import { NS_PER_MS, NS_PER_S } from '../../../../src/sim/time.js';
import { GatewayProxy, type UpstreamTransport } from '../../../../src/models/envoy/proxy/gateway-proxy.js';
import type { Host } from '../../../../src/models/envoy/lb/host.js';
import { RequestPool, type HttpRequest, type RequestTemplate } from '../../../../src/models/http/request.js';
import { nullTimeline } from '../../../../src/models/metrics/timeline.js';
import { RecordingTracer } from '../../../../src/models/trace/request-trace.js';
import { translate } from '../../../../src/models/gatewayapi/translate.js';
import { loadManifests } from '../../../../src/models/k8s/load-manifests.js';
import { ObjectStore } from '../../../../src/models/k8s/object-store.js';
import { FREE_GATEWAY, type EnvoyCpuCosts } from '../../../../src/models/envoy/cpu/cpu-costs.js';

const MANIFESTS = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw}
spec:
  gatewayClassName: tigera-gateway-class
  listeners:
  - {name: http, port: 80, protocol: HTTP}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches:
    - path: {type: PathPrefix, value: /api}
    backendRefs: [{name: api, port: 80}]
  - matches:
    - path: {type: PathPrefix, value: /v1}
    filters:
    - type: URLRewrite
      urlRewrite: {hostname: api.internal, path: {type: ReplacePrefixMatch, replacePrefixMatch: /v2}}
    - type: RequestHeaderModifier
      requestHeaderModifier: {set: [{name: x-env, value: prod}], remove: [x-debug]}
    - type: ResponseHeaderModifier
      responseHeaderModifier: {add: [{name: x-served-by, value: gw}]}
    backendRefs: [{name: api, port: 80}]
  - matches:
    - path: {type: PathPrefix, value: /old}
    filters:
    - type: RequestRedirect
      requestRedirect: {scheme: https, statusCode: 301}
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  ports: [{port: 80}]
`;

/** The upstream's behaviour for the next forwards, in order. */
type Upstream = { answer: number; afterNs: number } | 'refuse' | 'silentSyn' | 'loseAnswer';

function setup(plan: Upstream[], configured = true, cpu: EnvoyCpuCosts = FREE_GATEWAY) {
  const engine = new Engine();
  const log: string[] = [];
  const at = () => `${engine.now / NS_PER_MS}ms`;
  const answer = engine.kind<HttpRequest>('test.answer', (req) => proxy.onUpstreamResponse(req));
  const transport: UpstreamTransport = {
    forward(p, host: Host, req) {
      log.push(`${at()} forward ${host.key}${req.cpuDelayNs > 0 ? ` after ${req.cpuDelayNs / 1000}us of CPU` : ''}`);
      req.cpuDelayNs = 0;
      const next = plan.shift() ?? { answer: 200, afterNs: NS_PER_MS };
      if (next === 'refuse') p.onUpstreamFailure(req, 'connect');
      else if (next === 'silentSyn') p.onUpstreamSilent(req, 'connect');
      else if (next === 'loseAnswer') p.onUpstreamSilent(req, 'response');
      else {
        req.status = next.answer;
        engine.schedule(next.afterNs, answer, req);
      }
    },
    reply(_p, req) {
      log.push(
        `${at()} reply ${req.status}${req.message ? ` ${req.message}` : ''}${req.cpuDelayNs > 0 ? ` after ${req.cpuDelayNs / 1000}us of CPU` : ''}`,
      );
      req.cpuDelayNs = 0;
    },
    probe: () => ({ kind: 'noResponse' }),
  };
  const proxy = new GatewayProxy(
    engine,
    new RngRoot(1).fork('proxy'),
    { name: 'envoy-1', implementation: 'envoy-gateway', workers: 2, node: 'worker1', cpu },
    nullTimeline,
    transport,
  );
  const store = new ObjectStore({
    nodes: [{ name: 'n1', ready: true }],
    podNetwork: 'calico',
    rng: new RngRoot(1).fork('k8s'),
  });
  for (const o of loadManifests(MANIFESTS, 'm.yaml')) store.apply(o, 0);
  // The Service's EndpointSlice as the endpointslice controller would publish it for two Ready pods.
  const endpoint = (ip: string) => ({ ip, port: 80, ready: true, serving: true, terminating: false });
  const slice = {
    namespace: 'default',
    serviceName: 'api',
    ports: [{ servicePort: 80, endpoints: [endpoint('10.0.0.1'), endpoint('10.0.0.2')] }],
  };
  const config = translate({ objects: store.all(), endpointSlices: [slice] }).gateways[0];
  if (configured)
    proxy.applyConfig(config, () => [
      { address: '10.0.0.1', port: 80, ready: true },
      { address: '10.0.0.2', port: 80, ready: true },
    ]);
  const pool = new RequestPool();
  const template = (path: string, headers: RequestTemplate['headers'] = []): RequestTemplate => ({
    method: 'GET',
    scheme: 'http',
    host: 'www.example.com',
    address: '192.0.2.1',
    port: 80,
    path,
    query: '',
    pathAndQuery: path,
    headers,
    sni: 'www.example.com',
  });
  let connection = 0;
  const send = (
    path: string,
    reads = false,
    headers: RequestTemplate['headers'] = [],
    conn = ++connection,
    fresh = false,
  ): HttpRequest => {
    const req = pool.take();
    req.template = template(path, headers);
    req.readsResponse = reads;
    req.client = { onResponse: () => undefined };
    req.connection = conn;
    req.newConnection = fresh;
    req.sourceIp = '10.0.1.10';
    req.sentAt = engine.now;
    proxy.handle(req, req.sourceIp);
    return req;
  };
  const active = () => proxy.cluster('httproute/default/r/rule/0')!.hosts.map((h) => h.activeRequests);
  return { engine, log, send, active, proxy };
}

describe('GatewayProxy', () => {
  it('forwards a matched request to a host and relays its answer; the host slot frees with the answer', () => {
    const t = setup([{ answer: 200, afterNs: 3 * NS_PER_MS }]);
    t.send('/api/x');
    expect(t.active().reduce((a, b) => a + b)).toBe(1);
    t.engine.run();
    expect(t.log).toEqual([expect.stringMatching(/^0ms forward 10\.0\.0\.[12]:80$/), '3ms reply 200']);
    expect(t.active()).toEqual([0, 0]);
  });

  it('answers 404 itself when no route matches (nothing forwarded)', () => {
    const t = setup([]);
    t.send('/other');
    expect(t.log).toEqual(['0ms reply 404 no route of listener http matches: Envoy answers 404']);
    expect(t.proxy.localReplies).toBe(1);
  });

  it('a refused connect (RST) with no retry policy: 503 at once, reset reason connection failure', () => {
    const t = setup(['refuse']);
    t.send('/api');
    t.engine.run();
    expect(t.log.slice(1)).toEqual([
      '0ms reply 503 upstream connect error or disconnect/reset before headers. reset reason: connection failure',
    ]);
    expect(t.active()).toEqual([0, 0]);
  });

  it("a SYN nobody answers: Envoy Gateway's 10 s connect timeout gives 503 before the 15 s route timeout", () => {
    const t = setup(['silentSyn']);
    t.send('/api');
    t.engine.run();
    expect(t.log.slice(1)).toEqual([
      `${(10 * NS_PER_S) / NS_PER_MS}ms reply 503 upstream connect error or disconnect/reset before headers. reset reason: connection timeout`,
    ]);
  });

  it('a lost answer: the 15 s route timeout answers 504, and the late record is released without a second reply', () => {
    const t = setup(['loseAnswer']);
    t.send('/api');
    t.engine.run();
    expect(t.log.slice(1)).toEqual([`${(15 * NS_PER_S) / NS_PER_MS}ms reply 504 upstream request timeout`]);
    expect(t.active()).toEqual([0, 0]);
  });

  it('records its decisions on the request tracer, in order, only for the traced request', () => {
    const t = setup([]);
    const untraced = t.send('/api/a');
    expect(untraced.tracer).toBeNull();
    const tracer = new RecordingTracer(() => t.engine.now);
    const traced = new RequestPool().take();
    traced.copyFrom(untraced);
    traced.connection = 99;
    traced.tracer = tracer;
    t.proxy.handle(traced, traced.sourceIp);
    expect(tracer.records.map((x) => x.kind)).toEqual(
      ['arrival', 'match', 'lb.sample', 'lb.sample', 'lb.keep', 'cluster', 'picked'], // equal weights: P2C, choice_count 2
    );
    expect(tracer.records[0]).toMatchObject({ proxy: 'envoy-1', node: 'worker1', connection: 99, workers: 2 });
    expect(tracer.records.every((x) => x.atNs === 0)).toBe(true);
  });

  it('refuses the connection at once while no configuration has been pushed (no listener socket yet)', () => {
    const t = setup([], false);
    t.send('/api');
    expect(t.log).toEqual(['0ms reply 0 Connection refused']);
  });

  it("builds what the upstream receives and the answer's headers only for a client that reads them", () => {
    const t = setup([]);
    const quiet = t.send('/v1/items', false, [['x-debug', '1']]);
    t.engine.run();
    expect(quiet.forwarded).toBeNull();
    expect(quiet.responseHeaders).toBeNull();
    const reads = t.send('/v1/items', true, [
      ['x-debug', '1'],
      ['x-env', 'dev'],
    ]);
    t.engine.run();
    // URLRewrite and RequestHeaderModifier on the way in; ResponseHeaderModifier on the way out.
    expect(reads.forwarded).toEqual({
      method: 'GET',
      path: '/v2/items',
      host: 'api.internal',
      headers: [['x-env', 'prod']],
    });
    expect(reads.responseHeaders).toEqual([['x-served-by', 'gw']]);
  });

  it("answers a RequestRedirect itself with the Location built from the request's URL", () => {
    const t = setup([]);
    const req = t.send('/old/page', true);
    expect(t.log).toEqual(['0ms reply 301 redirect']);
    expect(req.responseHeaders).toEqual([['location', 'https://www.example.com/old/page']]);
  });

  it("queues requests behind their worker's earlier work: each leaves Envoy when its worker is done with it", () => {
    const cpu = { ...FREE_GATEWAY, requestNs: 100_000, connectionNs: 50_000 };
    const t = setup([], true, cpu);
    // Three requests at t=0 on one connection (one worker): 50 us each on the way in, one after the other; the first
    // also accepts the connection (50 us).
    for (let i = 0; i < 3; i++) t.send('/api', false, [], 7, i === 0);
    // A 404 on the same worker: its way in (50 us) queues behind the three, then its answer (50 us) behind that.
    t.send('/other', false, [], 7);
    expect(t.log).toEqual([
      expect.stringMatching(/^0ms forward 10\.0\.0\.[12]:80 after 100us of CPU$/),
      expect.stringMatching(/^0ms forward 10\.0\.0\.[12]:80 after 150us of CPU$/),
      expect.stringMatching(/^0ms forward 10\.0\.0\.[12]:80 after 200us of CPU$/),
      '0ms reply 404 no route of listener http matches: Envoy answers 404 after 300us of CPU',
    ]);
    const w = t.proxy.cpus!.find((c) => c.jobs > 0)!;
    expect({ busy: w.busyNs, jobs: w.jobs, maxWait: w.maxWaitNs }).toEqual({
      busy: 300_000,
      jobs: 5,
      maxWait: 250_000,
    });
    // The answers: the pod answers 1 ms after each forward (the fake sends at once), each answer's half after the rest.
    t.engine.run();
    expect(t.log.slice(4)).toEqual([
      '1ms reply 200 after 50us of CPU',
      '1ms reply 200 after 100us of CPU',
      '1ms reply 200 after 150us of CPU',
    ]);
  });
});
