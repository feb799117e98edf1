// TLS refusals on the Cilium lab's gateways: a ClientHello whose SNI no filter chain matches is closed by Envoy at once
// (curl's exit 35 line), plain HTTP on a TLS port is reset (exit 56), neither waits for curl's connect timeout; a
// TLSRoute is a TCP proxy (no route timeout: no 504).
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';
import { readCatalogFile } from '../../../src/scenarios/catalog/index.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { renderTrace } from '../../../src/report/explain/render-trace.js';

const MANIFESTS = ['00-lb-ipam', '10-bookinfo', '30-demo-cert', '31-basic-https', '40-nginx-configmap']
  .concat(['41-tls-service', '42-tls-gateway', '43-tls-route'])
  .map((f) => `manifests/${f}.yaml`);

function run(steps: string, spec = '') {
  const text = `
apiVersion: gwsim.dev/v1alpha1
kind: Scenario
metadata: {name: tls-refusals}
spec:
  topology:
    clusters: [{name: kind, platform: cilium, nodes: [kind-control-plane, kind-worker, kind-worker2]}]
    routers: [{name: client, address: 172.18.0.1}]
${spec}  steps:
${MANIFESTS.map((m) => `    - apply: {file: ${m}}`).join('\n')}
    - wait: 60s
${steps}`;
  return loadScenario(text, {
    file: 'tls-refusals.yaml',
    readFile: (p) => readCatalogFile(`catalog/cilium-lab/${p}`),
    root: '.',
  });
}

const pass = '${gateway:cilium-tls-gateway}';
const term = '${gateway:tls-gateway}';

describe('TLS refusals', () => {
  it('an unknown SNI gets exit 35 at once, plain HTTP on the TLS port exit 56; the right SNI still passes through', () => {
    const r = runScenario(
      run(`    - curl: {name: sni-passthrough, head: true, url: "https://other.cilium.rocks", resolve: "other.cilium.rocks:443:${pass}"}
    - curl: {name: sni-terminate, head: true, url: "https://other.cilium.rocks", resolve: "other.cilium.rocks:443:${term}"}
    - curl: {name: plain, head: true, url: "http://nginx.cilium.rocks:443", resolve: "nginx.cilium.rocks:443:${pass}"}
    - curl: {name: plain-status, url: "http://bookinfo.cilium.rocks:443/details/1", resolve: "bookinfo.cilium.rocks:443:${term}", output: status}
    - curl: {name: passthrough, url: "https://nginx.cilium.rocks", resolve: "nginx.cilium.rocks:443:${pass}", output: status}
    - hey: {name: hey-plain, n: 4, c: 2, host: nginx.cilium.rocks, url: "http://${pass}:443/"}
`),
    );
    const step = (name: string) => r.steps.find((s) => s.name === name)!;
    expect(step('sni-passthrough').lines).toEqual([
      'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to other.cilium.rocks:443',
    ]);
    expect(step('sni-terminate').lines).toEqual([
      'curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to other.cilium.rocks:443',
    ]);
    expect(step('plain').lines).toEqual(['curl: (56) Recv failure: Connection reset by peer']);
    expect(step('plain-status').lines).toEqual(['000']);
    expect(step('passthrough').lines).toEqual(['200']);
    // hey (Go's net/http) words the reset its own way.
    expect(step('hey-plain').statusCounts).toEqual({ '0': 4 });
    expect(
      step('hey-plain').lines.some((l) =>
        /\[4\]\s+Get "http:\/\/[\d.]+:443\/": read: connection reset by peer/.test(l),
      ),
    ).toBe(true);
    // At once: the client's round trips (a few ms), not curl's 300 s connect timeout or the OS's 127 s.
    for (const name of ['sni-passthrough', 'sni-terminate', 'plain', 'plain-status', 'hey-plain'])
      expect(step(name).latencyMs.max).toBeLessThan(10);
  });

  it('a TLSRoute has no route timeout: a backend slower than 15 s still answers through the TCP proxy, no 504', () => {
    const r = runScenario(
      run(
        `    - curl: {name: slow, url: "https://nginx.cilium.rocks", resolve: "nginx.cilium.rocks:443:${pass}", output: status}
`,
        `  backends:
    - selector: {run: my-nginx}
      serviceTime: {distribution: constant, mean: 20s}
`,
      ),
      { explain: { step: MANIFESTS.length + 1, n: 0 } },
    );
    const slow = r.steps.find((s) => s.name === 'slow')!;
    expect(slow.lines).toEqual(['200']);
    expect(slow.latencyMs.max).toBeGreaterThanOrEqual(20_000);
    // --explain tells it as a TCP proxy: a filter chain by SNI, no virtual host, no route timeout.
    const lines = renderTrace(r.explainTrace ?? []).map((l) => l.replace(/^\s*t=\S+\s+/, ''));
    expect(lines).toContain(
      'filter chain for SNI nginx.cilium.rocks takes the connection: a TCP proxy (tcp_proxy), the TLS stays end to end',
    );
    expect(lines).toContain(
      'no route timeout (a TCP proxy has none, so no 504): an upstream that cannot be reached closes the connection',
    );
    expect(lines.some((l) => l.includes('virtual host') || l.includes('504 if'))).toBe(false);
  });
});
