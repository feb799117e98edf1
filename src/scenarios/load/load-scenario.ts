// The scenario loader: YAML text -> validated ScenarioDoc -> ResolvedScenario. Files are read only through the
// `readFile` function the caller passes (the CLI reads the disk, the catalog its bundled text).
import { InputError } from '../../sim/input-error.js';
import type { SourceMap } from '../schema/resolve-context.js';
import { resolveScenario } from '../schema/resolve.js';
import type { ResolvedScenario } from '../schema/resolved.js';
import { scenarioSchema, type ScenarioDoc } from '../schema/scenario.js';
import { resolveIncludePath } from './include-path.js';
import { issuesToInputError } from './issue-to-error.js';
import { readYamlSource } from './yaml-source.js';

export interface LoadScenarioOptions {
  /** The scenario file's path as the user gave it; included paths are relative to its directory. */
  file: string;
  /** Reads an included file by the path `resolveIncludePath` produced. Should throw InputError when it cannot. */
  readFile: (path: string) => string;
  /** Included files must lie inside this directory (default: the scenario file's directory). */
  root?: string;
}

/** Parses and validates a scenario's YAML text (no defaults, no included files). */
export function parseScenarioDoc(text: string, file: string): { doc: ScenarioDoc; source: SourceMap } {
  const { value, source } = readYamlSource(text, file);
  const r = scenarioSchema.safeParse(value);
  if (!r.success) throw issuesToInputError(r.error.issues, value, file, source);
  return { doc: r.data, source };
}

/** Loads a scenario completely: parse, validate, read included manifests, apply defaults. Throws InputError only. */
export function loadScenario(text: string, opts: LoadScenarioOptions): ResolvedScenario {
  const { doc, source } = parseScenarioDoc(text, opts.file);
  return resolveScenario(doc, {
    file: opts.file,
    source,
    readManifest(relative) {
      const path = resolveIncludePath(opts.file, relative, opts.root);
      let text: string;
      try {
        text = opts.readFile(path);
      } catch (e) {
        if (e instanceof InputError)
          throw new InputError(e.problem.includes(path) ? e.problem : `${path}: ${e.problem}`, {}, e.allowed);
        throw new InputError(`cannot read ${path}: ${(e as Error).message ?? String(e)}`);
      }
      return { file: path, text };
    },
  });
}
