// Golden outputs: every catalog scenario at seed 1, as `gwsim run NAME` prints it and as `run --json` emits it.
// A change in behaviour shows up as a diff here; regenerate deliberately with `npx vitest run test/scenarios/run -u`.
import { describe, expect, it } from 'vitest';
import { CATALOG, loadCatalogScenario } from '../../../src/scenarios/catalog/index.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';
import { formatRunText } from '../../../src/cli/run-text.js';

describe('catalog golden outputs (seed 1)', () => {
  for (const entry of CATALOG) {
    it(`${entry.name}: meets its expectations, text and JSON match the golden files, and a re-run is byte-identical`, async () => {
      const scenario = loadCatalogScenario(entry.name);
      const a = runScenario(scenario, { version: 'golden' });
      const failed = a.expectations.filter((e) => !e.ok);
      expect(failed, JSON.stringify(failed, null, 1)).toEqual([]);
      expect(a.partial).toBe(false);
      const text = formatRunText(a, { quiet: false, color: false });
      const json = JSON.stringify(a, null, 2) + '\n';
      const b = runScenario(loadCatalogScenario(entry.name), { version: 'golden' });
      expect(JSON.stringify(b, null, 2) + '\n').toBe(json);
      await expect(text).toMatchFileSnapshot(`../../golden/${entry.name}.txt`);
      await expect(json).toMatchFileSnapshot(`../../golden/${entry.name}.json`);
    }, 60_000);
  }
});
