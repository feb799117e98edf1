// The run timeline carries the kinds the run contract names (issue 5) as the world produces them: node down/up and
// NotReady, link down/up, outlier ejection and un-ejection at an interval sweep, pods ready, endpoints, config pushes.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { readCatalogFile } from '../../../src/scenarios/catalog/index.js';

const manifests = [
  readCatalogFile('catalog/round-robin/manifests/00-ip-pool.yaml'),
  readCatalogFile('catalog/round-robin/manifests/01-bgp.yaml'),
  readFileSync(new URL('./fixtures/timeline-kinds.yaml', import.meta.url), 'utf8'),
].join('\n---\n');

const scenario = `
apiVersion: gwsim.dev/v1alpha1
kind: Scenario
metadata: {name: timeline-kinds}
spec:
  topology:
    clusters: [{name: lab, platform: calico, nodes: [control1, worker1, worker2]}]
  backends:
    - selector: {tier: bad}
      errorRate: 1
      errorStatus: 500
  steps:
    - apply: {file: all.yaml}
    - wait: 30s
    - curl: {name: traffic, count: 40, interval: 500ms, header: {Host: www.example.com}, url: "http://\${gateway:gw}/", output: status, background: true}
    - wait: 25s
    - fault: {link: [worker1, worker2], down: true}
    - wait: 1s
    - fault: {link: [worker1, worker2], down: false}
    - fault: {node: control1, down: true}
    - wait: 70s
    - fault: {node: control1, down: false}
    - wait: {for: traffic}
`;

describe('timeline kinds through the world', () => {
  it('records node, link, outlier, pod, endpoint and config events in time order', () => {
    const s = loadScenario(scenario, { file: 'timeline-kinds.yaml', readFile: () => manifests, root: '.' });
    const r = runScenario(s);
    const kinds = new Set(r.timeline.map((e) => e.kind));
    for (const k of [
      'node.down',
      'node.up',
      'node.notReady',
      'link.down',
      'link.up',
      'outlier.ejected',
      'outlier.unejected',
      'pod.ready',
      'endpoint.added',
      'config.pushed',
      'bgp.established',
      'bgp.advertised',
    ]) {
      expect(kinds, k).toContain(k);
    }
    const t = r.timeline.map((e) => e.t);
    expect([...t].sort((a, b) => a - b)).toEqual(t);
    const ejected = r.timeline.find((e) => e.kind === 'outlier.ejected')!;
    const unejected = r.timeline.find((e) => e.kind === 'outlier.unejected')!;
    // baseEjectionTime 10 s, checked at the 2 s interval sweeps.
    expect(unejected.t - ejected.t).toBeGreaterThanOrEqual(10);
    expect(unejected.t - ejected.t).toBeLessThanOrEqual(12);
    expect(r.steps.find((x) => x.name === 'traffic')!.statusCounts['500']).toBeGreaterThan(0);
  });
});
