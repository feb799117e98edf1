// The what-ifs mean the same thing under every seed (issue 17 "Done when"): each catalog variation meets its
// expectations under seeds 1-20, not only under its own. A fault names its target (the lease holder, the Gateway's
// node, the pod that served a request) rather than a node that happens to hold the role under one seed.
import { describe, expect, it } from 'vitest';
import { CATALOG, loadCatalogScenario } from '../../../src/scenarios/catalog/index.js';
import { runScenario } from '../../../src/scenarios/run/run-scenario.js';

const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe('catalog what-ifs under seeds 1-20', () => {
  for (const entry of CATALOG.filter((e) => e.variantOf !== null)) {
    it(`${entry.name}`, () => {
      const failures: string[] = [];
      for (const seed of SEEDS) {
        const r = runScenario(loadCatalogScenario(entry.name), { version: 'seeds', seed, series: false });
        for (const e of r.expectations) if (!e.ok) failures.push(`seed ${seed}: ${e.check}: observed ${e.observed}`);
        if (r.partial) failures.push(`seed ${seed}: partial run`);
      }
      expect(failures).toEqual([]);
    }, 600_000);
  }
});
