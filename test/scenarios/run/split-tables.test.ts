// Split tables count what Envoy routed, under the weights in force when it routed them: a step that spans a weight
// change shows each configuration with its own requests; a route a step's requests never matched is not listed; a
// backendRef whose pod refused still counts for the split (Envoy picked it).
import { describe, expect, it } from 'vitest';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { splitGroups } from '../../../src/report/split-groups.js';
import { calicoLabScenario } from './calico-lab.js';

const SHADOW = `apiVersion: v1
kind: Service
metadata: {name: shadow, namespace: default}
spec:
  ports: [{name: http, port: 3000, targetPort: 3000}]
  selector: {app: shadow}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: shadow, namespace: default}
spec:
  replicas: 2
  selector: {matchLabels: {app: shadow}}
  template:
    metadata: {labels: {app: shadow}}
    spec:
      containers:
        - image: gcr.io/k8s-staging-gateway-api/echo-basic:v20231214-v1.0.0-140-gf544a46e
          name: shadow
          ports: [{containerPort: 3000}]`;

const route = (w1: number, w2: number, path = '/split') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: split${path === '/split' ? '' : '-other'}, namespace: default}
spec:
  parentRefs: [{name: load-balancing-gateway}]
  hostnames: [www.example.com]
  rules:
    - matches: [{path: {type: PathPrefix, value: ${path}}}]
      backendRefs: [{name: backend, port: 3000, weight: ${w1}}, {name: shadow, port: 3000, weight: ${w2}}]`;

const indent = (yaml: string) => yaml.replace(/^/gm, '          ');

describe('split tables', () => {
  const s = calicoLabScenario('split-tables', {
    manifests: [SHADOW, route(50, 50), route(99, 1, '/other')],
    steps: `    - load: {name: spanning, rate: 200, duration: 10s, host: www.example.com, url: "http://\${gateway:load-balancing-gateway}/split", background: true}
    - wait: 5s
    - apply:
        yaml: |
${indent(route(90, 10))}
    - wait: {for: spanning}
`,
  });
  const r = runScenario(s);
  const step = r.steps.find((x) => x.name === 'spanning')!;
  const groups = splitGroups(step);

  it('lists only the route the requests matched, once per configuration, each with its own requests', () => {
    expect(groups.map((g) => g.route)).toEqual(['HTTPRoute/default/split rule 0', 'HTTPRoute/default/split rule 0']);
    expect(groups.map((g) => g.rows.map((x) => x.weight))).toEqual([
      [50, 50],
      [90, 10],
    ]);
    expect(groups[0].requests + groups[1].requests).toBe(step.requests);
    // The new weights apply from the push after the apply at 35 s (+ the controllers' delays), not from the step start.
    expect(groups[0].title).toBe('HTTPRoute/default/split rule 0, routed under these weights from 30.007s');
    const since = step.splits.find((x) => x.weight === 90)!.since!;
    expect(since).toBeGreaterThan(35);
    expect(since).toBeLessThan(37);
    // Each configuration's own split fits its own weights.
    for (const g of groups) expect(g.test.pValue!).toBeGreaterThan(0.001);
  });
});
