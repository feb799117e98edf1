// Finds a scenario by catalog name or file path and loads it, keeping the texts for reports (scenario YAML, manifests).
import { closestName } from '../scenarios/schema/suggest.js';
import { dirname } from 'node:path';
import { existsSync } from 'node:fs';
import { InputError } from '../sim/input-error.js';
import {
  CATALOG,
  catalogEntry,
  catalogScenarioPath,
  readCatalogFile,
  loadCatalogScenario,
} from '../scenarios/catalog/index.js';
import { loadScenario } from '../scenarios/load/load-scenario.js';
import type { ResolvedScenario } from '../scenarios/schema/resolved.js';
import { readTextFile } from './io.js';

export interface LoadedScenario {
  scenario: ResolvedScenario;
  /** The scenario file's text and every manifest file it applies, for the report page. */
  scenarioYaml: string;
  manifests: { file: string; text: string }[];
  fromCatalog: boolean;
}

/** A catalog name (`round-robin`) or a path to a scenario file. */
export function loadScenarioArg(arg: string): LoadedScenario {
  const entry = catalogEntry(arg);
  if (entry !== undefined && !existsSync(arg)) {
    const scenario = loadCatalogScenario(arg);
    return {
      scenario,
      scenarioYaml: readCatalogFile(catalogScenarioPath(entry)),
      manifests: manifestsOf(scenario),
      fromCatalog: true,
    };
  }
  if (!existsSync(arg)) {
    const near = closestName(
      arg,
      CATALOG.map((e) => e.name),
    );
    throw new InputError(
      `no catalog scenario and no file is named ${JSON.stringify(arg)}${near === undefined ? '' : ` (did you mean ${near}?)`}`,
      {},
      `a file path or one of: ${CATALOG.map((e) => e.name).join(', ')} (see gwsim list)`,
    );
  }
  const text = readTextFile(arg);
  const scenario = loadScenario(text, { file: arg, readFile: readTextFile, root: dirname(arg) });
  return { scenario, scenarioYaml: text, manifests: manifestsOf(scenario), fromCatalog: false };
}

function manifestsOf(s: ResolvedScenario): { file: string; text: string }[] {
  const seen = new Set<string>();
  const out: { file: string; text: string }[] = [];
  for (const st of s.steps) {
    if ((st.kind === 'apply' || st.kind === 'delete') && !st.manifests.inline && !seen.has(st.manifests.file)) {
      seen.add(st.manifests.file);
      out.push({ file: st.manifests.file, text: st.manifests.text });
    }
  }
  return out;
}
