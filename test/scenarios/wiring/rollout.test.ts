// Deployment rollouts through the whole world (issue 17 item 2): RollingUpdate with the default 25 %/25 %, Recreate,
// a pod's termination (Terminating out of the ready endpoints at once, preStop, SIGTERM), and the faults that name
// their target (item 3). Exact event sequences from the timeline.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { readCatalogFile } from '../../../src/scenarios/catalog/index.js';
import type { TimelineEvent } from '../../../src/models/metrics/timeline.js';

const FILES = ['00-ip-pool', '01-bgp', '02-gateway-api', '20-gateway', '30-policy-and-route'];
const url = 'http://${gateway:load-balancing-gateway}/round';

function backend(
  replicas: number,
  extra: { strategy?: string; preStop?: number; probe?: number; image?: string },
): string {
  return `
apiVersion: v1
kind: Service
metadata: {name: backend}
spec:
  ports: [{name: http, port: 3000, targetPort: 3000}]
  selector: {app: backend}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: backend}
spec:
  replicas: ${replicas}
  ${extra.strategy ?? ''}
  selector: {matchLabels: {app: backend}}
  template:
    metadata: {labels: {app: backend}}
    spec:
      containers:
        - name: backend
          image: ${extra.image ?? 'echo:v1'}
          ports: [{containerPort: 3000}]
          ${extra.probe !== undefined ? `readinessProbe: {httpGet: {path: /, port: 3000}, periodSeconds: ${extra.probe}}` : ''}
          ${extra.preStop !== undefined ? `lifecycle: {preStop: {sleep: {seconds: ${extra.preStop}}}}` : ''}
`;
}

function run(steps: string, files: Record<string, string>) {
  const doc = `
apiVersion: gwsim.dev/v1alpha1
kind: Scenario
metadata: {name: rollout}
spec:
  seed: 1
  topology:
    clusters: [{name: lab, platform: calico, nodes: [control1, worker1, worker2]}]
    routers: [{name: bastion, address: 10.0.1.10, asNumber: 64512, mergePaths: false}]
  steps:
${FILES.map((f) => `    - apply: {file: ${f}.yaml}`).join('\n')}
    - apply: {file: backend.yaml}
    - wait: 30s
${steps}
`;
  const s = loadScenario(doc, {
    file: 'rollout.yaml',
    readFile: (path) => files[path] ?? readCatalogFile(`catalog/round-robin/manifests/${path.split('/').pop()}`),
    root: '.',
  });
  return runScenario(s);
}

/** The pod lifecycle events after `from` s, as "t kind pod" with the pod's ReplicaSet hash kept. */
function podEvents(tl: readonly TimelineEvent[], from: number): string[] {
  return tl
    .filter(
      (e) => e.t >= from && /^pod\.(ready|terminating|stopped)$/.test(e.kind) && String(e.pod).startsWith('default/'),
    )
    .map((e) => `${e.t.toFixed(3)} ${e.kind} ${String(e.pod).replace(/-[a-z0-9]{5}$/, '')}`);
}

describe('RollingUpdate, as the Deployment controller paces it', () => {
  it('1 replica: the new pod (new name, new IP) first; the old one terminates only once it is Ready', () => {
    const r = run(`    - fault: {name: roll, deployment: backend, image: "echo:v2"}\n    - wait: 20s`, {
      'backend.yaml': backend(1, {}),
    });
    const ev = podEvents(r.timeline, 30);
    expect(ev).toHaveLength(3);
    const [oldRs, newRs] = [ev[1].split(' ')[2], ev[0].split(' ')[2]];
    expect(oldRs).not.toBe(newRs);
    expect(ev).toEqual([
      `41.000 pod.ready ${newRs}`, // created at 30 s: running at +10 s, listening at +11 s (no readinessProbe)
      `41.000 pod.terminating ${oldRs}`,
      `41.000 pod.stopped ${oldRs}`, // no preStop: SIGTERM at once, echo-basic exits
    ]);
    const ips = r.timeline.filter((e) => e.kind === 'endpoint.added').map((e) => String(e.endpoint).split(' ')[1]);
    expect(new Set(ips).size).toBe(ips.length);
    // the endpoint moves at the push after the change: both at 41.5 s
    expect(r.timeline.filter((e) => e.t > 30 && e.kind.startsWith('endpoint.')).map((e) => `${e.t} ${e.kind}`)).toEqual(
      ['41.5 endpoint.added', '41.5 endpoint.removed'],
    );
  });

  it('4 replicas with a readinessProbe every 5 s: 2 new at once and 1 old gone, then two waves 15 s apart', () => {
    const r = run(`    - fault: {name: roll, deployment: backend, image: "echo:v2"}\n    - wait: 40s`, {
      'backend.yaml': backend(4, { probe: 5, preStop: 5 }),
    });
    const oldRs = podEvents(r.timeline, 0)[0].split(' ')[2];
    const ev = podEvents(r.timeline, 30).map((l) => {
      const [t, kind, rs] = l.split(' ');
      return `${t} ${kind} ${rs === oldRs ? 'OLD' : 'NEW'}`;
    });
    // maxSurge 1, maxUnavailable 1: 5 pods at most, 3 available at least. Each new pod that turns Ready lets one old
    // pod go and one more new pod start, in the same sync.
    expect(ev).toEqual([
      '30.000 pod.terminating OLD', // new RS to 2 (5 allowed: 1 surge + the 1 unavailable old pod's place)
      '35.000 pod.stopped OLD', // preStop sleep 5 s, then SIGTERM
      '45.000 pod.ready NEW', // ceil(11 s / 5 s) x 5 s after creation
      '45.000 pod.terminating OLD',
      '45.000 pod.ready NEW',
      '45.000 pod.terminating OLD',
      '50.000 pod.stopped OLD',
      '50.000 pod.stopped OLD',
      '60.000 pod.ready NEW',
      '60.000 pod.terminating OLD',
      '60.000 pod.ready NEW',
      '65.000 pod.stopped OLD',
    ]);
  });

  it('Recreate: every old pod goes, and the new ones start only once the old ones are gone', () => {
    const r = run(`    - fault: {name: roll, deployment: backend, image: "echo:v2"}\n    - wait: 30s`, {
      'backend.yaml': backend(2, { strategy: 'strategy: {type: Recreate}', preStop: 3 }),
    });
    const ev = podEvents(r.timeline, 30);
    expect(ev.map((l) => l.split(' ').slice(0, 2).join(' '))).toEqual([
      '30.000 pod.terminating',
      '30.000 pod.terminating',
      '33.000 pod.stopped',
      '33.000 pod.stopped',
      '44.000 pod.ready', // created at 33 s when the last old pod was gone
      '44.000 pod.ready',
    ]);
  });

  it('under hey: without a preStop sleep the old pods refuse for the push delay (503s); with it, none', () => {
    const steps = `    - hey: {name: hey, z: 40s, c: 10, q: 10, host: www.example.com, url: "${url}", background: true}
    - wait: 5s
    - fault: {name: roll, deployment: backend, image: "echo:v2"}
    - wait: {for: hey}`;
    const bare = run(steps, { 'backend.yaml': backend(4, { probe: 5 }) });
    const safe = run(steps, { 'backend.yaml': backend(4, { probe: 5, preStop: 5 }) });
    const hey = (x: ReturnType<typeof run>) => x.steps.find((s) => s.name === 'hey')!.statusCounts;
    expect(hey(safe)).toEqual({ 200: 4000 });
    // each of the 4 old pods: its share (a quarter to a third) of 100 requests/s for the 0.51 s until Envoy stops
    // picking it: 4 x 12.75 to 4 x 17 requests
    const n503 = hey(bare)['503'];
    expect(n503).toBeGreaterThanOrEqual(45);
    expect(n503).toBeLessThanOrEqual(70);
    expect(hey(bare)['200']).toBe(4000 - n503);
  });
});

describe('faults that name their target (issue 17 item 3)', () => {
  it('a pod by the request it served, and by its name', () => {
    const r = run(
      `    - curl: {name: probe, count: 3, header: {Host: www.example.com}, url: "${url}", output: pod-raw}
    - fault: {name: crash, pod: {servedRequest: {step: probe, request: 2}}, crash: true}`,
      { 'backend.yaml': backend(4, {}) },
    );
    const second = r.steps.find((s) => s.name === 'probe')!.lines[1];
    expect(r.steps.find((s) => s.name === 'crash')!.lines[0]).toMatch(new RegExp(`^pod ${second} crashed; `));
    const byName = run(`    - fault: {name: crash, pod: {name: no-such-pod}, crash: true}`, {
      'backend.yaml': backend(1, {}),
    });
    expect(byName.steps.find((s) => s.name === 'crash')!.lines).toEqual([
      'Error from server (NotFound): pods "no-such-pod" not found',
    ]);
  });

  it("the node of a Gateway's Envoy", () => {
    const r = run(`    - fault: {name: down, node: {gateway: load-balancing-gateway}, down: true}`, {
      'backend.yaml': backend(1, {}),
    });
    const lines = r.steps.find((s) => s.name === 'down')!.lines;
    expect(lines[0]).toMatch(/^Gateway default\/load-balancing-gateway's Envoy is on worker[12]$/);
    expect(lines[1]).toBe(`node ${lines[0].split(' ').pop()} failed`);
  });
});
