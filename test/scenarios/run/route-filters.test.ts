// HTTPRoute filters end to end, seen where a workshop would see them: URLRewrite and header modifiers in the echo
// server's JSON (curl | jq) and curl -I's headers, a redirect's Location, --explain, and RequestMirror's copies at the pods.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { calicoLabScenario } from './calico-lab.js';
import { renderTrace } from '../../../src/report/explain/render-trace.js';

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/route-filters/${name}`, import.meta.url), 'utf8');

describe('HTTPRoute filters', () => {
  const s = calicoLabScenario('route-filters', {
    manifests: [fixture('rewrite-route.yaml')],
    steps: `    - curl: {name: body, count: 1, header: {Host: www.example.com, X-Env: dev, X-Tag: client, X-Debug: "1"}, url: "http://\${gateway:load-balancing-gateway}/old/items?id=7", output: body}
    - curl: {name: head, count: 1, header: {Host: www.example.com}, url: "http://\${gateway:load-balancing-gateway}/old", head: true}
    - curl: {name: redirect, count: 1, header: {Host: www.example.com}, url: "http://\${gateway:load-balancing-gateway}/login?next=%2F", head: true}
`,
  });

  it('the backend sees the rewritten path and host and the modified headers', () => {
    const r = runScenario(s);
    const body = JSON.parse(r.steps.find((x) => x.name === 'body')!.lines[0]);
    expect(body).toMatchObject({ path: '/new/items?id=7', host: 'backend.internal', method: 'GET' });
    expect(body.headers).toEqual({ 'X-Env': ['prod'], 'X-Tag': ['client', 'gateway'] });
    expect(body.pod).toMatch(/^backend-/);
  });

  it('curl -I shows the response header the route adds', () => {
    const r = runScenario(s);
    expect(r.steps.find((x) => x.name === 'head')!.lines).toEqual(['HTTP/1.1 200 OK', 'x-served-by: gwsim']);
  });

  it('--explain names each filter and its effect', () => {
    const r = runScenario(s, { explain: { step: 2, n: 0 } });
    const text = renderTrace(r.explainTrace ?? []).join('\n');
    expect(text).toContain(
      'URLRewrite: path /old/items -> /new/items (ReplacePrefixMatch "/new"), host www.example.com -> backend.internal',
    );
    expect(text).toContain('RequestHeaderModifier: remove x-debug; set x-env: prod; add x-tag: gateway');
    expect(text).toContain('ResponseHeaderModifier: add x-served-by: gwsim');
  });

  it('a RequestRedirect answers with its status and a Location built from the request', () => {
    const r = runScenario(s);
    expect(r.steps.find((x) => x.name === 'redirect')!.lines).toEqual([
      'HTTP/1.1 301 Moved Permanently',
      'location: https://secure.example.com/login?next=%2F',
    ]);
  });

  // RequestMirror: the copies load the shadow pods (their logs count them) but are no responses of the client's.
  it('a RequestMirror copies every request (or its percent) to the mirror backend; the client sees only the original', () => {
    const m = calicoLabScenario('route-mirror', {
      manifests: [fixture('mirror.yaml')],
      steps: `    - hey: {name: all, n: 200, c: 10, host: www.example.com, url: "http://\${gateway:load-balancing-gateway}/mirror"}
    - print: {name: shadow-after-all, podRequestCounts: {selector: {app: shadow}}}
    - hey: {name: half, n: 400, c: 10, host: www.example.com, url: "http://\${gateway:load-balancing-gateway}/half"}
    - print: {name: shadow-after-half, podRequestCounts: {selector: {app: shadow}}}
`,
    });
    const r = runScenario(m);
    const total = (name: string) =>
      r.steps
        .find((x) => x.name === name)!
        .lines.reduce((n, l) => n + Number(/received (\d+) requests/.exec(l)![1]), 0);
    const all = r.steps.find((x) => x.name === 'all')!;
    expect(all.statusCounts).toEqual({ '200': 200 });
    expect(all.byBackend.every((b) => b.pod.startsWith('backend-'))).toBe(true);
    expect(total('shadow-after-all')).toBe(200);
    // 400 requests at 50 %: Binomial(400, 0.5) has sd 10; +-4 sd.
    const half = total('shadow-after-half') - 200;
    expect(half).toBeGreaterThanOrEqual(160);
    expect(half).toBeLessThanOrEqual(240);
    expect(r.steps.find((x) => x.name === 'half')!.statusCounts).toEqual({ '200': 400 });
  });
});
