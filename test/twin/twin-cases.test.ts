// The differential suite: each case under test/twin/cases run by `gwsim twin`'s code path (simulated, then on real
// Envoy 1.40 with echo servers, curl and hey on loopback) and every compared check must agree. Skipped (one line says
// how to install Envoy) where envoy, curl or hey is missing; CI installs them (.ci/install.d/20-envoy.sh, 30-twin.sh).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioArg } from '../../src/cli/scenario-source.js';
import { agrees, hasLab, SKIPPED_LINE } from './lab.js';

if (!hasLab) console.log(SKIPPED_LINE);

const CASES = join(import.meta.dirname, 'cases');

describe.skipIf(!hasLab)('gwsim twin: simulation and real Envoy agree', () => {
  for (const file of readdirSync(CASES)
    .filter((f) => f.endsWith('.yaml'))
    .sort())
    it(file.replace(/\.yaml$/, ''), { timeout: 60_000 }, async () => {
      expect(await agrees(loadScenarioArg(join(CASES, file)).scenario)).toBeGreaterThan(0);
    });
});
