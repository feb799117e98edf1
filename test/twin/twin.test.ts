// The differential suite: each case under test/twin/cases run by `gwsim twin`'s code path (simulated, then on real
// Envoy 1.40 with echo servers, curl and hey on loopback) and every compared check must agree. Skipped, with one line
// saying how to install Envoy, where envoy, curl or hey is missing; CI installs them (.ci/install.d/20-envoy.sh, 30-twin.sh).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVOY_INSTALL } from '../../src/cli/commands/twin.js';
import { ECHO_BASIC_VERSION, echoBasicPath } from '../../src/cli/twin/echo-servers.js';
import { formatTwinText } from '../../src/cli/twin/twin-text.js';
import { runTwin } from '../../src/cli/twin/twin-run.js';
import { loadScenarioArg } from '../../src/cli/scenario-source.js';

const runs = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).error === undefined;
const hasLab = runs('envoy', ['--version']) && runs('curl', ['--version']) && runs('hey', ['-h']);
if (!hasLab)
  console.log(
    `twin suite skipped: envoy, curl or hey is missing (install: ${ENVOY_INSTALL}; apt-get install hey curl)`,
  );

// echo-basic as the catalog's pods run it, built once into gwsim's cache where Go is installed (else the Node echo).
if (hasLab && !existsSync(echoBasicPath()) && runs('go', ['version'])) {
  mkdirSync(dirname(echoBasicPath()), { recursive: true });
  spawnSync('go', ['install', `sigs.k8s.io/gateway-api/conformance/echo-basic@${ECHO_BASIC_VERSION}`], {
    env: { ...process.env, GOBIN: dirname(echoBasicPath()) },
    timeout: 300_000,
  });
}

const CASES = join(import.meta.dirname, 'cases');

describe.skipIf(!hasLab)('gwsim twin: simulation and real Envoy agree', () => {
  for (const file of readdirSync(CASES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    it(file.replace(/\.yaml$/, ''), { timeout: 60_000 }, async () => {
      const scenario = loadScenarioArg(join(CASES, file)).scenario;
      const r = await runTwin(scenario, { envoy: 'envoy' });
      const compared = r.steps.filter((s) => s.na === null);
      expect(compared.length, formatTwinText(r)).toBeGreaterThan(0);
      for (const s of compared) expect(s.checks.length, formatTwinText(r)).toBeGreaterThan(0);
      expect(r.ok, formatTwinText(r)).toBe(true);
    });
  }
});
