// Every catalog scenario under `gwsim twin`: steps the loopback lab cannot make real are n/a (and say why), every
// other step agrees with the simulation. Skipped with the rest of the twin suite where Envoy is missing.
import { describe, it } from 'vitest';
import { CATALOG, loadCatalogScenario } from '../../src/scenarios/catalog/index.js';
import { agrees, hasLab } from './lab.js';

describe.skipIf(!hasLab)('gwsim twin: every catalog scenario', () => {
  for (const entry of CATALOG)
    it(entry.name, { timeout: 240_000 }, async () => {
      await agrees(loadCatalogScenario(entry.name));
    });
});
