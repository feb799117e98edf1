// Envoy's route timeout end to end: a backend that answers after 20 s gets 504 "upstream request timeout" at the route's
// timeout (Envoy's 15 s default, an HTTPRoute's timeouts.request, a BackendTrafficPolicy's requestTimeout), or 200 at
// 20 s when the timeout is disabled. Every request is answered exactly once, the pod still serves the abandoned ones.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { calicoLabScenario } from './calico-lab.js';
import { renderTrace } from '../../../src/report/explain/render-trace.js';

const routes = readFileSync(new URL('../../fixtures/route-timeouts/routes.yaml', import.meta.url), 'utf8');

function run(
  steps: string,
  serviceTime = '{distribution: constant, mean: 20s}',
  explain?: { step: number; n: number },
) {
  const spec = `  backends:
    - selector: {app: backend}
      serviceTime: ${serviceTime}
`;
  return runScenario(
    calicoLabScenario('route-timeout', { manifests: [routes], steps, spec }),
    explain ? { explain } : {},
  );
}

const curl = (name: string, path: string) =>
  `    - curl: {name: ${name}, count: 1, header: {Host: www.example.com}, url: "http://\${gateway:load-balancing-gateway}${path}", output: status}\n`;

describe("Envoy's route timeout", () => {
  it('answers 504 at 15 s by default, at the HTTPRoute timeout, at the policy timeout; never with 0s', () => {
    const r = run(
      curl('default', '/default') + curl('short', '/short') + curl('policy', '/policy') + curl('none', '/none'),
    );
    const step = (name: string) => r.steps.find((s) => s.name === name)!;
    expect(step('default').lines).toEqual(['504']);
    expect(step('short').lines).toEqual(['504']);
    expect(step('policy').lines).toEqual(['504']);
    expect(step('none').lines).toEqual(['200']);
    // Latency = the timeout plus the client's round trips (about 1.4 ms here), or the 20 s service time.
    const latency = (name: string) => step(name).latencyMs.max;
    expect(latency('default')).toBeGreaterThanOrEqual(15_000);
    expect(latency('default')).toBeLessThan(15_010);
    expect(latency('short')).toBeGreaterThanOrEqual(1000);
    expect(latency('short')).toBeLessThan(1010);
    expect(latency('policy')).toBeGreaterThanOrEqual(2000);
    expect(latency('policy')).toBeLessThan(2010);
    expect(latency('none')).toBeGreaterThanOrEqual(20_000);
  });

  it('answers every request exactly once when some finish in time and some do not, and the pods serve them all', () => {
    // Service times around the 1 s timeout; 300 requests over 30 connections.
    const r = run(
      `    - hey: {name: mixed, n: 300, c: 30, host: www.example.com, url: "http://\${gateway:load-balancing-gateway}/short"}
    - wait: 60s
    - print: {name: counts, podRequestCounts: {selector: {app: backend}}}
`,
      '{distribution: exponential, mean: 1s}',
    );
    const mixed = r.steps.find((s) => s.name === 'mixed')!;
    const statuses = mixed.statusCounts as Record<string, number>;
    expect(Object.keys(statuses).sort()).toEqual(['200', '504']);
    expect(statuses['200'] + statuses['504']).toBe(300);
    // P(service > 1 s) = e^-1 = 0.37 for Exp(mean 1 s): 110 of 300 expected, sd 8.4; +-4 sd.
    expect(statuses['504']).toBeGreaterThanOrEqual(77);
    expect(statuses['504']).toBeLessThanOrEqual(144);
    expect(mixed.latencyMs.max).toBeLessThan(1010);
    // The pods served every request, the abandoned ones too (their logs count them), once the back-ends caught up.
    const served = r.steps
      .find((s) => s.name === 'counts')!
      .lines.reduce((n, l) => n + Number(/received (\d+) requests/.exec(l)![1]), 0);
    expect(served).toBe(300);
  });

  it('--explain follows a timed-out request to its 504', () => {
    const r = run(curl('short', '/short'), undefined, { step: 2, n: 0 });
    const tail = renderTrace(r.explainTrace ?? [])
      .slice(-3)
      .map((l) => l.replace(/^t=\S+\s+/, ''));
    expect(tail).toEqual([
      'the route timeout (1 s) passes before the response: Envoy resets the upstream request and answers 504',
      'Envoy answers 504 (upstream request timeout); 0.250 ms back to the client',
      'total latency 1001.000 ms',
    ]);
    expect(renderTrace(r.explainTrace ?? []).every((l) => l.startsWith('t='))).toBe(true);
  });

  // The clients' own limits: hey -t and curl -m give up while the gateway (its route timeout disabled) still waits.
  it('hey -t and curl -m give up first when the route timeout is longer or disabled; the pods still serve the requests', () => {
    const r = run(
      `    - hey: {name: hey, n: 20, c: 5, timeout: 2s, host: www.example.com, url: "http://\${gateway:load-balancing-gateway}/none"}
    - curl: {name: curl-status, count: 2, header: {Host: www.example.com}, url: "http://\${gateway:load-balancing-gateway}/none", maxTime: 3s, output: status}
    - curl: {name: curl-headers, count: 1, header: {Host: www.example.com}, url: "http://\${gateway:load-balancing-gateway}/none", maxTime: 3s, head: true}
    - hey: {name: hey-after-route, n: 5, c: 5, timeout: 30s, host: www.example.com, url: "http://\${gateway:load-balancing-gateway}/default"}
    - wait: 60s
    - print: {name: counts, podRequestCounts: {selector: {app: backend}}}
`,
    );
    const step = (name: string) => r.steps.find((s) => s.name === name)!;
    const hey = step('hey');
    expect(hey.statusCounts).toEqual({ '0': 20 }); // 0: no response
    expect(hey.latencyMs.max).toBeCloseTo(2000, 2); // at -t, to the histogram's resolution
    expect(hey.lines.join('\n')).toContain(
      'context deadline exceeded (Client.Timeout exceeded while awaiting headers)',
    );
    expect(step('curl-status').lines).toEqual(['000', '000']);
    expect(step('curl-headers').lines).toEqual([
      'curl: (28) Operation timed out after 3000 milliseconds with 0 bytes received',
    ]);
    // A route timeout shorter than hey's -t answers first.
    expect(step('hey-after-route').statusCounts).toEqual({ '504': 5 });
    const served = step('counts').lines.reduce((n, l) => n + Number(/received (\d+) requests/.exec(l)![1]), 0);
    expect(served).toBe(20 + 2 + 1 + 5);
  });
});
