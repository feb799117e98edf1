// Golden outputs: every catalog scenario at seed 1, as `gwsim run NAME` prints it and as `run --json` emits it.
// A change in behaviour shows up as a diff here; regenerate deliberately with `npx vitest run test/scenarios/run -u`.
import { splitGroups, splitRejected } from '../../../src/report/split-groups.js';
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
      // Goldens are read, not just regenerated: no warning the scenario does not expect, no split verdict of misfit.
      const expected = new Set(scenario.expect.flatMap((e) => (e.warnings ?? []).map((k) => `${e.stepIndex}:${k}`)));
      const unexpected = a.warnings!.filter((w) => !expected.has(`${w.step}:${w.kind}`));
      expect(
        unexpected,
        'warnings the scenario does not expect (add `warnings: [...]` to its expect if meant)',
      ).toEqual([]);
      const misfits = a.steps.flatMap((s) =>
        splitGroups(s)
          .filter((g) => splitRejected(g.test))
          .map((g) => `step ${s.index} ${g.title}`),
      );
      expect(misfits, 'split tables whose verdict says the split does not fit the weights').toEqual([]);
      const text = formatRunText(a, { quiet: false, color: false });
      const json = JSON.stringify(a, null, 2) + '\n';
      const b = runScenario(loadCatalogScenario(entry.name), { version: 'golden' });
      expect(JSON.stringify(b, null, 2) + '\n').toBe(json);
      await expect(text).toMatchFileSnapshot(`../../golden/${entry.name}.txt`);
      await expect(json).toMatchFileSnapshot(`../../golden/${entry.name}.json`);
    }, 60_000);
  }
});
