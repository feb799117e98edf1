// Test helper: a scenario on the consistent-hash workshop's Calico lab (IP pool, BGP, Gateway, 10 backend pods) plus
// manifests of the test's own, all applied as one file, then `wait: 30s` and the test's steps.
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';
import { readCatalogFile } from '../../../src/scenarios/catalog/index.js';
import type { ResolvedScenario } from '../../../src/scenarios/schema/resolved.js';

const LAB = ['00-ip-pool', '01-bgp', '02-gateway-api', '10-backend', '20-gateway'].map((f) =>
  readCatalogFile(`catalog/consistent-hash/manifests/${f}.yaml`),
);

/** `steps` and `spec` are YAML lines indented for `spec:` (4 and 2 spaces); `manifests` are applied with the lab. */
export function calicoLabScenario(
  name: string,
  opts: { manifests: string[]; steps: string; spec?: string },
): ResolvedScenario {
  const text = `
apiVersion: gwsim.dev/v1alpha1
kind: Scenario
metadata: {name: ${name}}
spec:
  topology:
    clusters: [{name: lab, platform: calico, nodes: [control1, worker1, worker2]}]
${opts.spec ?? ''}  steps:
    - apply: {file: all.yaml}
    - wait: 30s
${opts.steps}`;
  return loadScenario(text, {
    file: `${name}.yaml`,
    readFile: () => [...LAB, ...opts.manifests].join('\n---\n'),
    root: '.',
  });
}
