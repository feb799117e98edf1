// Deleting a Gateway removes what Envoy Gateway created for it (the proxy Deployment and its LoadBalancer Service):
// afterwards nothing answers on the old address, and the timeline says when it went.
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
metadata: {name: delete-gateway}
spec:
  topology:
    clusters: [{name: lab, platform: calico, nodes: [control1, worker1, worker2]}]
  steps:
    - apply: {file: all.yaml}
    - wait: 30s
    - curl: {name: before, count: 3, header: {Host: www.example.com}, url: "http://10.10.10.0/cookie", output: status}
    - delete:
        yaml: |
          apiVersion: gateway.networking.k8s.io/v1
          kind: Gateway
          metadata: {name: load-balancing-gateway}
          spec:
            gatewayClassName: tigera-gateway-class
            listeners: [{name: http, protocol: HTTP, port: 80}]
    - wait: 5s
    - curl: {name: after, count: 3, header: {Host: www.example.com}, url: "http://10.10.10.0/cookie", output: status, connectTimeout: 2s}
`;

describe('deleting a Gateway', () => {
  it('stops serving its address once the controller has reacted', () => {
    const s = loadScenario(scenario, { file: 'delete-gateway.yaml', readFile: () => files.join('\n---\n'), root: '.' });
    const r = runScenario(s);
    expect(r.steps.find((x) => x.name === 'before')!.statusCounts).toEqual({ '200': 3 });
    expect(r.steps.find((x) => x.name === 'after')!.statusCounts).toEqual({ '0': 3 });
    expect(r.steps.find((x) => x.name === 'after')!.lines).toEqual(['000', '000', '000']);
    const removed = r.timeline.find((e) => e.kind === 'gateway.removed');
    expect(removed).toMatchObject({ gateway: 'default/load-balancing-gateway' });
  });
});
