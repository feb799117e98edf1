// The in-repo reference figures (reference/ at the repo root; sources cited in reference/README.md), located from this
// file rather than the working directory, so tests read the same bytes from any cwd and in any clone.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Absolute path of reference/, with a trailing separator. */
export const REFERENCE_DIR = fileURLToPath(new URL('../reference/', import.meta.url));

/** Absolute path of one reference file, named relative to reference/ (e.g. `theory/queueing.json`). */
export function referencePath(file: string): string {
  return fileURLToPath(new URL(file, new URL('../reference/', import.meta.url)));
}

/** One reference JSON file, parsed; the caller states the shape it reads. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readReferenceJson<T = any>(file: string): T {
  return JSON.parse(readFileSync(referencePath(file), 'utf8')) as T;
}
