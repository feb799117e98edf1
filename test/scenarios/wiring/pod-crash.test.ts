// A crashed backend container through the whole world (issue 17 item 1): 2 Envoy replicas, hey at 100 requests/s over
// 4 pods for 15 s, one pod's container exits as hey starts. The kubelet sees the exit at its next PLEG relist (within
// 1 s), the pod turns NotReady and is restarted at once (first restart), its endpoint leaves the EndpointSlice 10 ms
// later
// and Envoy stops picking it at the xDS push 0.5 s after that; only requests Envoy sent it before then get 503 (refused
// connection). The 30 s probe-based path this replaces gave 250 503s here (375 with restart: false).
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { readCatalogFile } from '../../../src/scenarios/catalog/index.js';
import { NS_PER_S } from '../../../src/sim/time.js';
import type { TimelineEvent } from '../../../src/models/metrics/timeline.js';
import {
  APP_STARTUP_NS,
  ENDPOINTSLICE_PROPAGATION_NS,
  PLEG_RELIST_PERIOD_NS,
  PROBE_PERIOD_NS,
  XDS_PUSH_DELAY_NS,
} from '../../../src/models/k8s/controllers/kube-timings.js';

const S = NS_PER_S;
const FILES = ['00-ip-pool', '01-bgp', '02-gateway-api', '10-backend', '20-gateway', '30-policy-and-route'];

const url = 'http://${gateway:load-balancing-gateway}/round';
const crash = (i: number, restart: boolean): string =>
  `    - fault: {name: crash${i}, pod: {selector: {app: backend}}, crash: true, restart: ${restart}}\n    - wait: 3s`;

function scenario(restart: boolean, crashes: number): string {
  return `
apiVersion: gwsim.dev/v1alpha1
kind: Scenario
metadata: {name: pod-crash}
spec:
  seed: 1
  topology:
    clusters: [{name: lab, platform: calico, nodes: [control1, worker1, worker2]}]
    routers: [{name: bastion, address: 10.0.1.10, asNumber: 64512, mergePaths: false}]
  gateway: {replicas: 2}
  steps:
${FILES.map((f) => `    - apply: {file: ${f}.yaml}`).join('\n')}
    - wait: 60s
    - hey: {name: hey, z: 15s, c: 10, q: 10, host: www.example.com, url: "${url}", background: true}
${Array.from({ length: crashes }, (_, i) => crash(i, restart)).join('\n')}
    - wait: {for: hey}
`;
}

function run(restart: boolean, crashes = 1) {
  const s = loadScenario(scenario(restart, crashes), {
    file: 'pod-crash.yaml',
    readFile: (path) => readCatalogFile(`catalog/round-robin/manifests/${path.split('/').pop()}`),
    root: '.',
  });
  return runScenario(s);
}

const ns = (e: TimelineEvent): number => Math.round(e.t * S);
const at = (tl: readonly TimelineEvent[], kind: string, n = 0): number => ns(tl.filter((e) => e.kind === kind)[n]);

describe('a crashed pod, as the kubelet handles it', () => {
  it('NotReady at the next relist, out of the EndpointSlice 10 ms later and of Envoy at the push; back via its probe', () => {
    const r = run(true);
    const tl = r.timeline;
    const crashed = at(tl, 'pod.crashed');
    expect(crashed).toBe(60 * S);
    const notReady = at(tl, 'pod.notReady');
    // The node's relist grid has a seeded phase: the exit is seen within one relist period.
    expect(notReady).toBeGreaterThan(crashed);
    expect(notReady).toBeLessThanOrEqual(crashed + PLEG_RELIST_PERIOD_NS);
    const pod = String(tl.find((e) => e.kind === 'pod.crashed')!.pod);
    const name = pod.split('/')[1];
    const mine = tl.filter((e) => e.pod === pod || String(e.endpoint).startsWith(`${name} `));
    expect(mine.filter((e) => e.t >= 60).map((e) => `${ns(e) - notReady} ${e.kind}`)).toEqual([
      `${crashed - notReady} pod.crashed`,
      '0 pod.notReady',
      '0 pod.started', // the first restart is immediate
      `${ENDPOINTSLICE_PROPAGATION_NS + XDS_PUSH_DELAY_NS} endpoint.removed`,
      // The app listens 1 s after the start; the readiness probe (10 s period from the start) passes at its next tick.
      `${PROBE_PERIOD_NS} pod.ready`,
      `${PROBE_PERIOD_NS + ENDPOINTSLICE_PROPAGATION_NS + XDS_PUSH_DELAY_NS} endpoint.added`,
    ]);
    expect(tl.find((e) => e.kind === 'pod.started' && e.pod === pod)!.restarts).toBe(1);
    expect(APP_STARTUP_NS).toBeLessThan(PROBE_PERIOD_NS);
    // Only the crashed pod's share (1 in 4 of 100 requests/s) until Envoy stops picking it gets 503.
    const hey = r.steps.find((x) => x.name === 'hey')!;
    const window = (at(tl, 'endpoint.removed') - crashed) / S;
    expect(hey.statusCounts['503']).toBeGreaterThanOrEqual(Math.floor((window * 100) / 4) - 1);
    expect(hey.statusCounts['503']).toBeLessThanOrEqual(Math.ceil((window * 100) / 4) + 1);
    expect(hey.statusCounts['503']).toBe(20);
    expect(hey.statusCounts['200']).toBe(1500 - 20);
    expect(r.steps.find((x) => x.name === 'crash0')!.lines[0]).toBe(
      `pod ${name} crashed; the kubelet restarts it in ${Math.round((notReady - crashed) / 1e6)}ms`,
    );
  });

  it('restart: false: the same 503s (Envoy stopped picking it either way), and it never comes back', () => {
    const r = run(false);
    expect(r.steps.find((x) => x.name === 'hey')!.statusCounts['503']).toBe(20);
    expect(r.timeline.filter((e) => e.kind === 'pod.started' && e.t >= 60)).toEqual([]);
    expect(r.steps.find((x) => x.name === 'crash0')!.lines[0]).toMatch(/ crashed; not restarted$/);
  });

  it('crashed again 3 s after its restart: CrashLoopBackOff holds it down for 10 s after that exit', () => {
    const r = run(true, 2);
    const tl = r.timeline;
    const second = at(tl, 'pod.crashed', 1);
    expect(second).toBe(63 * S);
    const starts = tl.filter((e) => e.kind === 'pod.started' && e.t >= 60);
    // The first restart came at the relist after the first exit (before the second); the second waits 10 s.
    expect(starts.map((e) => e.restarts)).toEqual([1, 2]);
    expect(ns(starts[0])).toBeLessThan(61 * S);
    expect(ns(starts[1]) - second).toBe(10 * S);
    expect(r.steps.find((x) => x.name === 'crash1')!.lines[0]).toMatch(/ crashed; the kubelet restarts it in 10s$/);
  });
});
