// Runs every catalog scenario for the gallery with its own seed and keeps the texts the report page shows.
// Owns the catalog loop; writing is gallery.ts.
import { CATALOG } from '../scenarios/catalog/index.js';
import { runScenario } from '../scenarios/run/run-scenario.js';
import type { GalleryEntry } from './gallery.js';
import { writeGallery } from './gallery.js';
import { loadScenarioArg } from './scenario-source.js';
import { VERSION } from './version.js';

/** Names of every catalog scenario, in catalog order. */
export function catalogNames(): string[] {
  return CATALOG.map((e) => e.name);
}

/** One catalog scenario run at its own seed, with the texts for the report page. */
export function runCatalogEntry(name: string): GalleryEntry {
  const entry = CATALOG.find((e) => e.name === name);
  if (entry === undefined) throw new Error(`no catalog scenario ${name}`);
  const loaded = loadScenarioArg(name);
  const result = runScenario(loaded.scenario, { version: VERSION });
  return {
    name,
    title: entry.title,
    source: entry.source,
    variantOf: entry.variantOf,
    result,
    scenarioYaml: loaded.scenarioYaml,
    manifests: loaded.manifests,
  };
}

/** Runs the named scenarios (all by default) and writes the gallery into outDir; onProgress after each run. */
export async function buildGallery(
  outDir: string,
  names: readonly string[] = catalogNames(),
  onProgress?: (done: number, name: string) => void,
): Promise<string> {
  const entries: GalleryEntry[] = [];
  for (const name of names) {
    entries.push(runCatalogEntry(name));
    onProgress?.(entries.length, name);
  }
  return writeGallery(entries, outDir);
}
