// Envoy's generated cookie (hash policy cookie with a ttl; thread_aware_lb_impl.cc generateCookie): a request without
// the cookie gets one derived from its connection's addresses and a Set-Cookie. A curl loop with a cookie jar sends it
// back and sticks to one pod; without a jar every request is a new connection, a new cookie, and the pods vary.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';
import { readCatalogFile } from '../../../src/scenarios/catalog/index.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';

const files = ['00-ip-pool', '01-bgp', '02-gateway-api', '10-backend', '20-gateway', '30-policy-and-route'].map((f) =>
  readCatalogFile(`catalog/consistent-hash/manifests/${f}.yaml`),
);

const scenario = `
apiVersion: gwsim.dev/v1alpha1
kind: Scenario
metadata: {name: cookie-jar}
spec:
  topology:
    clusters: [{name: lab, platform: calico, nodes: [control1, worker1, worker2]}]
  steps:
    - apply: {file: all.yaml}
    - wait: 30s
    - curl: {name: jar, count: 20, header: {Host: www.example.com}, url: "http://\${gateway:load-balancing-gateway}/cookie", head: true, cookieJar: true}
    - curl: {name: no-jar, count: 20, header: {Host: www.example.com}, url: "http://\${gateway:load-balancing-gateway}/cookie", head: true}
`;

describe("Envoy's generated hash cookie and curl's cookie jar", () => {
  it('sticks to one pod with a jar, spreads without one', () => {
    const s = loadScenario(scenario, { file: 'cookie-jar.yaml', readFile: () => files.join('\n---\n'), root: '.' });
    const r = runScenario(s);
    const jar = r.steps.find((x) => x.name === 'jar')!;
    const noJar = r.steps.find((x) => x.name === 'no-jar')!;
    expect(jar.statusCounts).toEqual({ '200': 20 });
    expect(jar.byBackend).toHaveLength(1);
    expect(noJar.byBackend.length).toBeGreaterThan(3);
    // Only the first request of the jar loop lacks the cookie: one Set-Cookie, with the policy's name, ttl and attributes,
    // and no Path (Envoy Gateway sets none; Envoy writes Path only when the hash policy has one).
    const setCookies = jar.lines.filter((l) => l.startsWith('set-cookie: '));
    expect(setCookies).toHaveLength(1);
    expect(setCookies[0]).toMatch(/^set-cookie: FooBar="?[0-9a-f]{16}"?; Max-Age=60; SameSite=Strict; HttpOnly$/);
    expect(noJar.lines.filter((l) => l.startsWith('set-cookie: '))).toHaveLength(20);
  });
});
