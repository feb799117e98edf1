// Overrides applied before resolve: document fields, manifests read through readFile, inline manifests; bad paths.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/sim/input-error.js';
import { loadWithOverrides, patchManifestText, type SweepBase } from '../../../src/scenarios/sweep/apply-overrides.js';
import { parseOverridePath } from '../../../src/scenarios/sweep/override-path.js';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';

const DIR = resolve(import.meta.dirname, 'fixtures/mm1');
const base: SweepBase = {
  text: readFileSync(join(DIR, 'scenario.yaml'), 'utf8'),
  file: join(DIR, 'scenario.yaml'),
  readFile: (p) => readFileSync(p, 'utf8'),
  root: DIR,
};

function manifestText(s: ReturnType<typeof loadWithOverrides>, file: string): string {
  const st = s.steps.find((x) => x.kind === 'apply' && x.manifests.file.endsWith(file));
  return st !== undefined && st.kind === 'apply' ? st.manifests.text : '';
}

describe('loadWithOverrides', () => {
  it('without overrides equals the plain loader', () => {
    expect(loadWithOverrides(base, [])).toEqual(loadScenario(base.text, base));
  });

  it('patches document fields (by step name, creating missing keys) and validates them', () => {
    const s = loadWithOverrides(base, [
      { path: 'spec.steps[probe].load.rate', value: 1234 },
      { path: 'spec.gateway.workers', value: 4 },
      { path: 'spec.gateway.replicas', value: 2 },
      { path: 'spec.topology.linkDefaults.node.latency', value: '1ms' },
    ]);
    const load = s.steps[7];
    expect(load.kind === 'load' && load.ratePerSecond).toBe(1234);
    expect(s.gateway).toEqual({ workers: 4, replicas: 2 });
    expect(s.topology.linkDefaults.node.latencyNs).toBe(1_000_000);
  });

  it('patches Deployment replicas and the BackendTrafficPolicy type in the applied manifest files only', () => {
    const s = loadWithOverrides(base, [
      { path: 'deployment/backend.replicas', value: 3 },
      { path: 'policy/lb-policy.loadBalancer.type', value: 'LeastRequest' },
    ]);
    expect(manifestText(s, '10-backend.yaml')).toMatch(/replicas: 3\n/);
    expect(manifestText(s, '30-policy-and-route.yaml')).toMatch(/type: LeastRequest\n/);
    expect(manifestText(s, '30-policy-and-route.yaml')).toContain('kind: HTTPRoute');
    expect(manifestText(s, '20-gateway.yaml')).toBe(readFileSync(join(DIR, 'manifests/20-gateway.yaml'), 'utf8'));
  });

  it('patches inline manifests in the scenario', () => {
    const text = base.text.replace(
      '- apply: {file: manifests/10-backend.yaml}',
      `- apply:\n        yaml: |\n${readFileSync(join(DIR, 'manifests/10-backend.yaml'), 'utf8')
        .split('\n')
        .map((l) => '          ' + l)
        .join('\n')}`,
    );
    const s = loadWithOverrides({ ...base, text }, [{ path: 'deployment/backend.replicas', value: 5 }]);
    const st = s.steps[3];
    expect(st.kind === 'apply' && st.manifests.inline).toBe(true);
    expect(st.kind === 'apply' && st.manifests.text).toMatch(/replicas: 5\n/);
  });

  it('a manifest path that selects nothing, or a field that does not validate, is an InputError', () => {
    expect(() => loadWithOverrides(base, [{ path: 'deployment/frontend.replicas', value: 2 }])).toThrow(
      /--set: "deployment\/frontend.replicas": no Deployment named "frontend"/,
    );
    expect(() => loadWithOverrides(base, [{ path: 'spec.steps[12].load.rate', value: 2 }])).toThrow(InputError);
    expect(() => loadWithOverrides(base, [{ path: 'spec.gateway.workers', value: 'many' }])).toThrow(InputError);
    expect(() =>
      loadWithOverrides(base, [{ path: 'deployment/backend.template.spec.containers.x', value: 1 }]),
    ).toThrow(/is a list/);
  });
});

describe('patchManifestText', () => {
  it('keeps documents separate and leaves unmatched text byte for byte', () => {
    const t = 'a: 1\n---\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: 1 # keep\n';
    const o = { path: 'deployment/x.replicas', value: 7, target: parseOverridePath('deployment/x.replicas') };
    const hits = new Map([[o, 0]]);
    expect(patchManifestText(t, [o], hits)).toBe(
      'a: 1\n---\nkind: Deployment\nmetadata: { name: x }\nspec:\n  replicas: 7 # keep\n',
    );
    expect(hits.get(o)).toBe(1);
    expect(patchManifestText('kind: Service\n', [o], hits)).toBe('kind: Service\n');
  });
});
