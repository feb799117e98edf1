// gwsim route answers the requests the workshops make, as the workshops show them.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from './io-capture.js';

const S = 'test/fixtures/seeds';
process.chdir(resolve(import.meta.dirname, '../..'));

async function route(...argv: string[]) {
  const io = captureIo();
  const code = await main(['route', ...argv, '--json'], io);
  return { code, json: code === 0 ? JSON.parse(io.stdout()) : null, err: io.stderr() };
}

describe('gwsim route on the workshop manifests', () => {
  it('000 cluster mesh: curl http://$EXTERNAL_IP splits 99/1 between us-east and the federated us-west Service', async () => {
    const r = await route('-f', `${S}/000-cluster-mesh`, '--request', 'GET /');
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({
      status: 200,
      gateway: { namespace: 'default', name: 'cluster-mesh-gateway' },
      listener: 'http',
      route: { kind: 'HTTPRoute', namespace: 'default', name: 'cluster-mesh' },
      rule: 0,
      match: 0,
    });
    expect(r.json.backends).toEqual([
      { kind: 'Service', namespace: 'default', name: 'backend-us-east', port: 3000, weight: 99 },
      { kind: 'Service', namespace: 'default', name: 'federated-backend-us-west', port: 3000, weight: 1 },
    ]);
    expect(r.json).not.toHaveProperty('outcome');
  });

  it('001 round robin: hey -host www.example.com http://$GATEWAY_LB_DEMO/round reaches backend:3000 under the RoundRobin policy', async () => {
    const r = await route('-f', `${S}/001-round-robin`, '--request', 'GET /round', '-H', 'Host: www.example.com');
    expect(r.json).toMatchObject({
      status: 200,
      route: { name: 'round-robin-route' },
      backends: [{ kind: 'Service', namespace: 'default', name: 'backend', port: 3000, weight: 1 }],
    });
    expect(r.json.reason).toContain('4 ready endpoint(s)');
    expect(r.json.reason).toContain(
      'BackendTrafficPolicy default/round-robin-policy applies (attached at the route): load balancer RoundRobin',
    );
  });

  it('001: the same path without the Host the route names is a 404', async () => {
    const r = await route('-f', `${S}/001-round-robin`, '--request', 'GET /round');
    expect(r.json).toMatchObject({ status: 404, route: null, rule: null, match: null, backends: [] });
  });

  it('002 failover: /test with Host www.example.com goes to the active Backend with the passive one as fallback', async () => {
    const r = await route('-f', `${S}/002-ha-failover`, '--request', 'GET http://www.example.com/test');
    expect(r.json).toMatchObject({ status: 200, route: { name: 'ha-failover' } });
    expect(r.json.backends).toEqual([
      { kind: 'Backend', namespace: 'default', name: 'active', port: 3000, weight: 1 },
      { kind: 'Backend', namespace: 'default', name: 'passive', port: 3000, weight: 1 },
    ]);
    expect(r.json.reason).toContain(
      'passive:3000 weight 1 (50% of requests): 1 ready endpoint(s), fallback (priority 1)',
    );
  });

  it('003 consistent hash: /cookie is routed under the cookie ConsistentHash policy', async () => {
    const r = await route(
      '-f',
      `${S}/003-consistent-hash`,
      '--request',
      'GET /cookie',
      '-H',
      'Host: www.example.com',
      '-H',
      'Cookie: FooBar=1.2.3.4',
    );
    expect(r.json).toMatchObject({
      status: 200,
      route: { name: 'cookie-route' },
      backends: [{ name: 'backend', port: 3000, weight: 1 }],
    });
    expect(r.json.reason).toContain('10 ready endpoint(s)');
    expect(r.json.reason).toContain('load balancer ConsistentHash');
  });

  const CIL = `${S}/004-cilium-gateway-api`;
  it('004 Cilium HTTP: curl http://$GATEWAY/details/1 reaches details:9080 (rule 0)', async () => {
    const r = await route('-f', CIL, '--gateway', 'default/my-gateway', '--request', 'GET /details/1');
    expect(r.json).toMatchObject({
      status: 200,
      listener: 'web-gw',
      route: { name: 'http-app-1' },
      rule: 0,
      match: 0,
      backends: [{ name: 'details', port: 9080, weight: 1 }],
    });
  });

  it("004 Cilium HTTP: curl -H 'magic: foo' http://$GATEWAY?great=example reaches productpage (rule 1)", async () => {
    const r = await route(
      '-f',
      CIL,
      '--gateway',
      'default/my-gateway',
      '--request',
      'GET /?great=example',
      '-H',
      'magic: foo',
    );
    expect(r.json).toMatchObject({
      status: 200,
      route: { name: 'http-app-1' },
      rule: 1,
      match: 0,
      backends: [{ name: 'productpage', port: 9080 }],
    });
    const without = await route('-f', CIL, '--gateway', 'default/my-gateway', '--request', 'GET /?great=example');
    expect(without.json).toMatchObject({ status: 404, route: null });
  });

  it('004 Cilium HTTPS: https://bookinfo.cilium.rocks/details/1 terminates on https-1 with demo-cert and reaches details', async () => {
    const r = await route('-f', CIL, '--request', 'GET https://bookinfo.cilium.rocks/details/1');
    expect(r.json).toMatchObject({
      status: 200,
      gateway: { name: 'tls-gateway' },
      listener: 'https-1',
      route: { name: 'https-app-route-1' },
      backends: [{ name: 'details', port: 9080 }],
    });
    expect(r.json.reason).toContain(
      'TLS terminated with certificate default/demo-cert, whose names cover SNI bookinfo.cilium.rocks',
    );
    const hip = await route('-f', CIL, '--request', 'GET https://hipstershop.cilium.rocks/');
    expect(hip.json).toMatchObject({
      status: 200,
      listener: 'https-2',
      route: { name: 'https-app-route-2' },
      backends: [{ name: 'productpage' }],
    });
  });

  it('004 Cilium HTTPS: Host bookinfo with SNI hipstershop is misdirected (421)', async () => {
    const r = await route(
      '-f',
      CIL,
      '--gateway',
      'default/tls-gateway',
      '--request',
      'GET https://hipstershop.cilium.rocks/details/1',
      '-H',
      'Host: bookinfo.cilium.rocks',
    );
    expect(r.json).toMatchObject({ status: 421, listener: 'https-2', route: null });
  });

  it('004 Cilium TLS passthrough: SNI nginx.cilium.rocks is forwarded to my-nginx:443; other names are rejected', async () => {
    const r = await route('-f', CIL, '--sni', 'nginx.cilium.rocks');
    expect(r.json).toMatchObject({
      status: null,
      outcome: 'forwarded',
      gateway: { name: 'cilium-tls-gateway' },
      listener: 'https',
      route: { kind: 'TLSRoute', name: 'nginx' },
      backends: [{ name: 'my-nginx', port: 443, weight: 1 }],
    });
    const other = await route('-f', CIL, '--gateway', 'default/cilium-tls-gateway', '--sni', 'other.cilium.rocks');
    expect(other.json).toMatchObject({ outcome: 'rejected', route: null, backends: [] });
  });

  it('004 Cilium traffic split: /echo is 50/50 between echo-1:8080 and echo-2:8090; the exam is 75/25', async () => {
    const r = await route('-f', CIL, '--gateway', 'default/my-gateway', '--request', 'GET /echo');
    expect(r.json.backends).toEqual([
      { kind: 'Service', namespace: 'default', name: 'echo-1', port: 8080, weight: 50 },
      { kind: 'Service', namespace: 'default', name: 'echo-2', port: 8090, weight: 50 },
    ]);
    const exam = await route('-f', CIL, '--gateway', 'default/exam-gateway', '--request', 'GET /exam');
    expect(exam.json.backends.map((b: { name: string; weight: number }) => [b.name, b.weight])).toEqual([
      ['echo-1', 75],
      ['echo-2', 25],
    ]);
  });

  it('explains the tie-breaker: a longer prefix beats "/"', async () => {
    const r = await route(
      '-f',
      CIL,
      '--gateway',
      'default/my-gateway',
      '--request',
      'GET /details/1?great=example',
      '-H',
      'magic: foo',
    );
    expect(r.json).toMatchObject({ rule: 0 });
    expect(r.json.reason).toContain(
      'it beat HTTPRoute default/http-app-1 rule 1 match 0 (PathPrefix /, method GET, header magic=foo, query great=example), which also matched: the longer path "/details" beats "/"',
    );
  });

  it('text output names gateway, listener, route and backends', async () => {
    const io = captureIo();
    expect(await main(['route', '-f', CIL, '--gateway', 'default/my-gateway', '--request', 'GET /details/1'], io)).toBe(
      0,
    );
    expect(io.stdout()).toMatchSnapshot();
  });

  it('bad input: unknown --gateway, ambiguous gateway, malformed request, unknown file: exit 2 with one line', async () => {
    for (const [argv, text] of [
      [['-f', CIL, '--gateway', 'default/nope', '--request', 'GET /'], 'Gateway default/nope is not in the manifests'],
      [['-f', CIL, '--request', 'GET /'], 'name one with --gateway'],
      [['-f', CIL, '--request', 'GET example.com/'], 'is neither'],
      [['-f', CIL], 'give --request'],
      [['-f', 'test/fixtures/no-such-file.yaml', '--request', 'GET /'], 'cannot read file'],
      [['-f', CIL, '--gateway', 'default/my-gateway', '--port', '0', '--request', 'GET /'], 'is not a port'],
    ] as [string[], string][]) {
      const r = await route(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(text);
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('a rule with URLRewrite and header filters: the JSON says what the backend receives, and the reason names each filter', async () => {
    const manifests = ['00-ip-pool', '01-bgp', '02-gateway-api', '10-backend', '20-gateway'].flatMap((f) => [
      '-f',
      `src/scenarios/catalog/consistent-hash/manifests/${f}.yaml`,
    ]);
    const r = await route(
      ...manifests,
      '-f',
      'test/fixtures/route-filters/rewrite-route.yaml',
      '--request',
      'GET http://www.example.com/old/a?x=1',
      '-H',
      'X-Debug: 1',
      '-H',
      'X-Tag: c',
    );
    expect(r.code).toBe(0);
    expect(r.json).toMatchObject({ status: 200, route: { name: 'rewrite' } });
    expect(r.json.upstream).toEqual({
      path: '/new/a?x=1',
      host: 'backend.internal',
      headers: { 'X-Env': ['prod'], 'X-Tag': ['c', 'gateway'] },
    });
    expect(r.json.reason).toContain(
      'URLRewrite: path /old/a -> /new/a (ReplacePrefixMatch "/new"), host www.example.com -> backend.internal',
    );
    // Without filters there is nothing to add: no upstream field.
    const plain = await route('-f', `${S}/001-round-robin`, '--request', 'GET /round', '-H', 'Host: www.example.com');
    expect(plain.json).not.toHaveProperty('upstream');
  });

  it('says which route timeout applies and where it comes from', async () => {
    const manifests = ['00-ip-pool', '01-bgp', '02-gateway-api', '10-backend', '20-gateway'].flatMap((f) => [
      '-f',
      `src/scenarios/catalog/consistent-hash/manifests/${f}.yaml`,
    ]);
    const reason = async (path: string) =>
      (
        await route(
          ...manifests,
          '-f',
          'test/fixtures/route-timeouts/routes.yaml',
          '--request',
          `GET http://www.example.com${path}`,
        )
      ).json.reason as string;
    expect(await reason('/default')).toContain("route timeout 15 s (Envoy's default)");
    expect(await reason('/short')).toContain("route timeout 1 s (the HTTPRoute's timeouts.request)");
    expect(await reason('/none')).toContain("route timeout disabled by the HTTPRoute's timeouts.request 0s");
    expect(await reason('/policy')).toContain("route timeout 2s (the BackendTrafficPolicy's requestTimeout)");
  });
});
