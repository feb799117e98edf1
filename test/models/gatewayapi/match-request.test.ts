import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareSpecificity,
  hostnameCovers,
  HostPattern,
  intersectHostnames,
} from '../../../src/models/gatewayapi/hostnames.js';
import { matchRequest } from '../../../src/models/gatewayapi/match-request.js';
import { translate } from '../../../src/models/gatewayapi/translate.js';
import { loadManifests } from '../../../src/models/k8s/load-manifests.js';
import { ObjectStore } from '../../../src/models/k8s/object-store.js';
import { RngRoot } from '../../../src/sim/rng.js';

describe('hostnames', () => {
  it('wildcards cover one or more labels, never the bare suffix', () => {
    expect(hostnameCovers('*.example.com', 'a.example.com')).toBe(true);
    expect(hostnameCovers('*.example.com', 'a.b.example.com')).toBe(true);
    expect(hostnameCovers('*.example.com', 'example.com')).toBe(false);
  });
  it('intersection follows the conformance cases', () => {
    expect(intersectHostnames(undefined, '*.a.com')).toBe('*.a.com');
    expect(intersectHostnames('foo.bar.com', '*.bar.com')).toBe('foo.bar.com');
    expect(intersectHostnames('*.com', '*.example.com')).toBe('*.example.com');
    expect(intersectHostnames('*.foo.example.com', '*.example.com')).toBe('*.foo.example.com');
    expect(intersectHostnames('very.specific.com', 'foo.specific.com')).toBeUndefined();
  });
  it('specificity: exact, then longer wildcard, then catch-all', () => {
    expect(['*.com', null, 'a.example.com', '*.example.com'].sort(compareSpecificity)).toEqual([
      'a.example.com',
      '*.example.com',
      '*.com',
      null,
    ]);
  });
  it('property: HostPattern agrees with hostnameCovers, ignoring case and :port', () => {
    const label = fc.stringMatching(/^[a-z0-9]{1,4}$/);
    const name = fc.array(label, { minLength: 1, maxLength: 4 }).map((ls) => ls.join('.'));
    fc.assert(
      fc.property(
        name,
        fc.boolean(),
        name,
        fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
        (p, wild, h, port) => {
          const pattern = wild ? `*.${p}` : p;
          const host = h.toUpperCase() + (port !== undefined ? `:${port}` : '');
          const len = port !== undefined ? h.length : host.length;
          expect(new HostPattern(pattern).matches(host, len)).toBe(hostnameCovers(pattern, h));
        },
      ),
      { seed: 42, numRuns: 300 },
    );
  });
});

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
    - path: {type: RegularExpression, value: "/v[0-9]+/.*"}
    backendRefs: [{name: api, port: 80}]
  - matches:
    - path: {type: Exact, value: /v1/x}
    backendRefs: [{name: api, port: 80}]
  - matches:
    - path: {type: PathPrefix, value: /v1/}
      queryParams: [{name: q, value: "a b"}]
    backendRefs: [{name: api, port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: api}
spec:
  ports: [{port: 80}]
`;

describe('matchRequest', () => {
  const store = new ObjectStore({
    nodes: [{ name: 'n1', ready: true }],
    podNetwork: 'calico',
    rng: new RngRoot(1).fork('k8s'),
  });
  for (const o of loadManifests(MANIFESTS, 'm.yaml')) store.apply(o, 0);
  const gw = translate({ objects: store.all(), endpointSlices: store.endpointSlices() }).gateways[0];
  const req = (path: string, query = '') => ({
    port: 80,
    host: '192.0.2.1',
    method: 'GET',
    path,
    query,
    headers: new Map<string, string>(),
  });

  it('Envoy Gateway order: Exact > RegularExpression > PathPrefix', () => {
    expect(gw.ports[0].listeners[0].virtualHosts[0].routes.map((r) => r.ruleIndex)).toEqual([1, 0, 2]);
    const hit = matchRequest(gw, req('/v1/x'));
    expect(hit.type === 'route' && hit.ruleIndex).toBe(1);
    const re = matchRequest(gw, req('/v2/y'));
    expect(re.type === 'route' && re.ruleIndex).toBe(0);
  });

  it('query values are compared after percent-decoding; a selector-less Service without endpoints answers 503', () => {
    const r = matchRequest(gw, { ...req('/v1'), path: '/v1', query: 'q=a%20b' });
    expect(r.type === 'route' && r.ruleIndex).toBe(2);
    expect(r.type === 'route' && r.status).toBe(503);
    expect(matchRequest(gw, req('/other')).status).toBe(404);
    expect(matchRequest(gw, { ...req('/'), port: 81 })).toMatchObject({
      type: 'outcome',
      outcome: 'rejected',
      status: 0,
    });
  });

  it('returns the same precomputed objects for repeated requests (nothing allocated per match)', () => {
    const a = req('/v1/x');
    expect(matchRequest(gw, a)).toBe(matchRequest(gw, a));
    expect(matchRequest(gw, req('/none'))).toBe(matchRequest(gw, req('/none2')));
  });
});
