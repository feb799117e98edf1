// Active health checking wired through the world: hosts start failed until their first probe passes; Envoy keeps the
// 60 s no-traffic interval until the cluster carries traffic (health_checker_base_impl.cc), so a path failure right after
// traffic starts is only noticed at the next scheduled probe; after unhealthyThreshold timeouts the host leaves the LB.
// The fault cuts the link between the two workers: the kubelet's own readiness probe (node-local) still passes, so only
// Envoy's active check can take the unreachable pod out.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { readCatalogFile } from '../../../src/scenarios/catalog/index.js';

const manifests = [
  readCatalogFile('catalog/round-robin/manifests/00-ip-pool.yaml'),
  readCatalogFile('catalog/round-robin/manifests/01-bgp.yaml'),
  readFileSync(new URL('./fixtures/active-hc.yaml', import.meta.url), 'utf8'),
].join('\n---\n');

const scenario = `
apiVersion: gwsim.dev/v1alpha1
kind: Scenario
metadata: {name: active-hc}
spec:
  topology:
    clusters: [{name: lab, platform: calico, nodes: [control1, worker1, worker2]}]
  steps:
    - apply: {file: all.yaml}
    - wait: 30s
    - curl: {name: before, count: 20, interval: 100ms, header: {Host: www.example.com}, url: "http://\${gateway:gw}/", output: pod-raw, uniqCount: true}
    - fault: {link: [worker1, worker2], down: true}
    - wait: 60s
    - curl: {name: after, count: 20, interval: 100ms, header: {Host: www.example.com}, url: "http://\${gateway:gw}/", output: pod-raw, uniqCount: true}
`;

describe('active health checks in the world', () => {
  it('marks hosts healthy after the first probe, and an unreachable pod unhealthy after the thresholds: its share moves away', () => {
    const s = loadScenario(scenario, { file: 'active-hc.yaml', readFile: () => manifests, root: '.' });
    const r = runScenario(s);
    const kinds = r.timeline.filter((e) => e.kind.startsWith('health.')).map((e) => `${e.kind}`);
    expect(kinds.filter((k) => k === 'health.healthy')).toHaveLength(2);
    expect(kinds).toContain('health.unhealthy');
    const before = r.steps.find((x) => x.name === 'before')!;
    const after = r.steps.find((x) => x.name === 'after')!;
    expect(before.statusCounts).toEqual({ '200': 20 });
    expect(before.byBackend).toHaveLength(2);
    // By the time of the second loop the crashed pod is out of the host set: every request reaches the survivor.
    expect(after.statusCounts).toEqual({ '200': 20 });
    expect(after.byBackend).toHaveLength(1);
    const unhealthy = r.timeline.find((e) => e.kind === 'health.unhealthy')!;
    const unhealthyAt = unhealthy.t;
    const cutAt = r.timeline.find((e) => e.kind === 'link.down')!.t;
    const firstHealthy = r.timeline.find((e) => e.kind === 'health.healthy' && e.host === unhealthy.host)!.t;
    // The next probe after the no-traffic interval (60 s after the first), then one more 2 s later (threshold 2), each
    // waiting its 1 s timeout.
    expect(unhealthyAt).toBeGreaterThan(cutAt);
    expect(unhealthyAt).toBeGreaterThanOrEqual(firstHealthy + 60);
    expect(unhealthyAt).toBeLessThanOrEqual(firstHealthy + 60 + 2 + 1 + 1);
  });
});
