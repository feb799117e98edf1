// The twin suite's shared setup: whether the lab can run here (envoy, curl and hey; one line says how to install them
// when not), echo-basic built into gwsim's cache where Go is installed, and the check every twin test makes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';
import { ENVOY_INSTALL } from '../../src/cli/commands/twin.js';
import { ECHO_BASIC_VERSION, echoBasicPath } from '../../src/cli/twin/echo-servers.js';
import { formatTwinText } from '../../src/cli/twin/twin-text.js';
import { runTwin } from '../../src/cli/twin/twin-run.js';
import type { ResolvedScenario } from '../../src/scenarios/schema/resolved.js';

const runs = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).error === undefined;
export const hasLab = runs('envoy', ['--version']) && runs('curl', ['--version']) && runs('hey', ['-h']);
/** The one line the suite prints where it cannot run (twin-cases.test.ts prints it, once for the whole suite). */
export const SKIPPED_LINE = `twin suite skipped: envoy, curl or hey is missing (install: ${ENVOY_INSTALL}; apt-get install hey curl)`;
// CI (.ci/run sets GWSIM_REQUIRE_TWIN=1) never skips: the twin is part of the tests there.
if (!hasLab && process.env.GWSIM_REQUIRE_TWIN === '1')
  throw new Error(`GWSIM_REQUIRE_TWIN=1 but the twin lab cannot run: ${SKIPPED_LINE}`);

// echo-basic as the catalog's pods run it, built once into gwsim's cache where Go is installed (else the Node echo).
if (hasLab && !existsSync(echoBasicPath()) && runs('go', ['version'])) {
  mkdirSync(dirname(echoBasicPath()), { recursive: true });
  spawnSync('go', ['install', `sigs.k8s.io/gateway-api/conformance/echo-basic@${ECHO_BASIC_VERSION}`], {
    env: { ...process.env, GOBIN: dirname(echoBasicPath()) },
    timeout: 300_000,
  });
}

/** Runs the twin; every step it could make real has checks, and they all agree. Returns the steps compared. */
export async function agrees(scenario: ResolvedScenario): Promise<number> {
  const r = await runTwin(scenario, { envoy: 'envoy' });
  const compared = r.steps.filter((s) => s.na === null);
  for (const s of compared) expect(s.checks.length, formatTwinText(r)).toBeGreaterThan(0);
  expect(r.ok, formatTwinText(r)).toBe(true);
  return compared.length;
}
