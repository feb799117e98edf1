// Where a sweep's scenario comes from (a catalog name or a file) as plain data a worker thread can receive, and the
// SweepBase (text plus manifest reader) it stands for. Manifest files are read once and kept for the sweep.
import { dirname } from 'node:path';
import { existsSync } from 'node:fs';
import { InputError } from '../sim/input-error.js';
import {
  CATALOG,
  catalogEntry,
  catalogScenarioPath,
  CATALOG_PREFIX,
  readCatalogFile,
} from '../scenarios/catalog/index.js';
import type { SweepBase } from '../scenarios/sweep/apply-overrides.js';
import { readTextFile } from './io.js';

export type SweepSource = { kind: 'catalog'; name: string } | { kind: 'file'; path: string };

/** A catalog name (`queueing-mm4`) or a path to a scenario file, as `gwsim run` takes it. */
export function sweepSourceOf(arg: string): SweepSource {
  if (catalogEntry(arg) !== undefined && !existsSync(arg)) return { kind: 'catalog', name: arg };
  if (!existsSync(arg))
    throw new InputError(
      `no catalog scenario and no file is named ${JSON.stringify(arg)}`,
      {},
      `a file path or one of: ${CATALOG.map((e) => e.name).join(', ')} (see gwsim list)`,
    );
  return { kind: 'file', path: arg };
}

export function sweepBaseOf(source: SweepSource): SweepBase {
  if (source.kind === 'catalog') {
    const entry = catalogEntry(source.name)!;
    const file = catalogScenarioPath(entry);
    return { text: readCatalogFile(file), file, readFile: readCatalogFile, root: `${CATALOG_PREFIX}${entry.folder}` };
  }
  const cache = new Map<string, string>();
  const readFile = (p: string) => {
    let t = cache.get(p);
    if (t === undefined) cache.set(p, (t = readTextFile(p)));
    return t;
  };
  return { text: readTextFile(source.path), file: source.path, readFile, root: dirname(source.path) };
}
