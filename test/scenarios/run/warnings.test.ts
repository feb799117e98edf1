// Warnings a reader must not miss: a Gateway that never gets an address (and why), the `${gateway:NAME}` that then
// resolves to nothing, a step whose requests all fail; in the result's `warnings[]` and in the text's verdict line.
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';
import { readCatalogFile } from '../../../src/scenarios/catalog/index.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { formatRunText } from '../../../src/cli/run-text.js';

// The consistent-hash lab without its LoadBalancer IPPool: Calico's default pool allows Workload and Tunnel only.
const LAB = ['01-bgp', '02-gateway-api', '10-backend', '20-gateway'].map((f) =>
  readCatalogFile(`catalog/consistent-hash/manifests/${f}.yaml`),
);

const scenarioText = (expect: string) =>
  `apiVersion: gwsim.dev/v1alpha1
kind: Scenario
metadata: {name: no-address}
spec:
  topology:
    clusters: [{name: lab, platform: calico, nodes: [control1, worker1, worker2]}]
  steps:
    - apply: {file: all.yaml}
    - wait: 30s
    - curl: {name: nowhere, count: 3, header: {Host: www.example.com}, url: "http://\${gateway:load-balancing-gateway}/", output: status}
${expect}`;
const load = (text: string) =>
  loadScenario(text, { file: 'no-address.yaml', readFile: () => LAB.join('\n---\n'), root: '.' });
const scenario = load(scenarioText(''));

describe('run warnings', () => {
  const r = runScenario(scenario);

  it('names the Gateway without an address and the cause LB IPAM gives', () => {
    expect(r.warnings!.map((w) => [w.step, w.kind])).toEqual([
      [2, 'gateway-not-programmed'],
      [2, 'address-unresolved'],
      [2, 'all-failed'],
    ]);
    expect(r.warnings![0].message).toBe(
      'Gateway default/load-balancing-gateway is not Programmed (AddressNotAssigned): No address has been assigned to the Gateway (LoadBalancer Service pending: no IPPool with allowedUses LoadBalancer)',
    );
    expect(r.warnings![1].message).toContain('${gateway:load-balancing-gateway} resolves to no address');
    expect(r.warnings![2].message).toBe("all 3 of the step's requests failed (no response: 3)");
  });

  it('never reports such a run as a bare ok', () => {
    const text = formatRunText(r, { quiet: true, color: false });
    expect(text).toContain('no-address: ok, with 3 warning(s);');
    expect(text).toContain('  warning step 2: Gateway default/load-balancing-gateway is not Programmed');
  });

  it('an expectation names the warnings a step is meant to have, exactly', () => {
    const check = (kinds: string) =>
      runScenario(load(scenarioText(`  expect:\n    - {step: nowhere, warnings: [${kinds}]}\n`))).expectations[0];
    expect(check('all-failed').ok).toBe(false);
    expect(check('all-failed, address-unresolved, gateway-not-programmed')).toMatchObject({
      ok: true,
      check: 'warnings exactly [address-unresolved, all-failed, gateway-not-programmed]',
    });
  });
});
