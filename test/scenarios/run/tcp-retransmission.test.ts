// A lossy link end to end: TCP retransmits (SYN after 1 s, data after the ~200 ms RTO), so 5 % loss makes a tail of
// slow requests instead of errors; a link that is down still times out (no retransmission gets through).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { calicoLabScenario } from './calico-lab.js';

const routes = readFileSync(new URL('../../fixtures/route-timeouts/routes.yaml', import.meta.url), 'utf8');
const url = 'http://${gateway:load-balancing-gateway}/default';

/** The lab with `loss` on the bastion's link to the cluster and on the links between its nodes. */
function run(steps: string, loss: number, seed = 1) {
  const pairs = ['[bastion, lab]', '[control1, worker1]', '[control1, worker2]', '[worker1, worker2]'];
  const spec = `    links: [${pairs.map((p) => `{between: ${p}, loss: ${loss}}`).join(', ')}]
  seed: ${seed}
  backends:
    - selector: {app: backend}
      serviceTime: {distribution: constant, mean: 1ms}
`;
  return runScenario(calicoLabScenario('tcp-retransmission', { manifests: [routes], steps, spec }));
}

/** Requests of a step at least `ms` slow (histogram buckets). */
function slowerThan(step: { latencyHistogram: Array<{ ms: number; count: number }> }, ms: number): number {
  return step.latencyHistogram.filter((b) => b.ms >= ms).reduce((n, b) => n + b.count, 0);
}

describe('TCP retransmission on a lossy link', () => {
  it('5 % loss: curl (a new connection each time) gets no errors, and ~10 % of requests a SYN back-off of 1 s', () => {
    const n = 400;
    const r = run(
      `    - curl: {name: loop, count: ${n}, header: {Host: www.example.com}, url: "${url}", output: status}\n`,
      0.05,
    );
    const loop = r.steps.find((s) => s.name === 'loop')!;
    expect(loop.statusCounts).toEqual({ '200': n });
    // A handshake attempt fails when its SYN or SYN-ACK is lost: 1 - 0.95^2 = 9.75 %, so 39 of 400 expected to take
    // at least 1 s (sd 5.9); +-4 sd. Two lost attempts (3 s) are 0.95 % (about 4).
    const slow = slowerThan(loop, 1000);
    expect(slow).toBeGreaterThanOrEqual(15);
    expect(slow).toBeLessThanOrEqual(63);
    expect(slowerThan(loop, 3000)).toBeLessThanOrEqual(15);
    // Most requests lose nothing (six packets cross lossy links: 0.95^6, about 74 %): the median is the loss-free latency
    // (two RTTs of the bastion's 70 ms link), to the histogram's resolution.
    const clean = run(
      `    - curl: {name: loop, count: 20, header: {Host: www.example.com}, url: "${url}", output: status}\n`,
      0,
    ).steps.find((s) => s.name === 'loop')!;
    expect(clean.latencyMs.max).toBeLessThan(1000);
    expect(loop.latencyMs.p50).toBeCloseTo(clean.latencyMs.p50, 0);
  });

  it('5 % loss: hey (keep-alive connections) gets 200 for every request, none after Envoy 15 s route timeout', () => {
    const r = run(`    - hey: {name: load, n: 2000, c: 20, host: www.example.com, url: "${url}"}\n`, 0.05);
    const load = r.steps.find((s) => s.name === 'load')!;
    expect(load.statusCounts).toEqual({ '200': 2000 });
    // Data retransmissions only (the connections are open): each lost segment costs the 201 ms RTO of a ~1 ms RTT.
    // Four segments cross a lossy link per request (client<->node, node<->node each way, for most requests).
    const slow = slowerThan(load, 200);
    expect(slow).toBeGreaterThan(0);
    expect(load.latencyMs.max).toBeLessThan(15_000);
  });

  it('a lost packet never gets through a link that is down: curl still waits out its timeout', () => {
    const r = run(
      `    - fault: {link: [bastion, lab], down: true}
    - curl: {name: cut, count: 1, header: {Host: www.example.com}, url: "${url}", maxTime: 5s, output: status}\n`,
      0,
    );
    const cut = r.steps.find((s) => s.name === 'cut')!;
    expect(cut.lines).toEqual(['000']);
    expect(cut.latencyMs.max).toBeCloseTo(5000, 0);
  });
});
