// Applies a sweep cell's --set values to the scenario before it is resolved: document paths patch the scenario YAML,
// manifest paths patch every applied manifest (files through the wrapped `readFile`, inline `apply.yaml` in place).
// YAML is edited as a syntax tree (the `yaml` package), so untouched text keeps its form. Validation stays the loader's.
import { parseAllDocuments, parseDocument, type Document } from 'yaml';
import { InputError } from '../../sim/input-error.js';
import { loadScenario } from '../load/load-scenario.js';
import type { ResolvedScenario } from '../schema/resolved.js';
import { MAX_ALIAS_COUNT } from '../load/yaml-source.js';
import { describePath, parseOverridePath, resolveSegments, type OverrideTarget } from './override-path.js';

export type SweepValue = string | number | boolean;

/** Where a sweep's scenario comes from: its text, its file name and how to read the manifests it applies. */
export interface SweepBase {
  text: string;
  file: string;
  readFile: (path: string) => string;
  root?: string;
}

export interface Override {
  /** The PATH as written after --set. */
  path: string;
  value: SweepValue;
}

interface ParsedOverride extends Override {
  target: OverrideTarget;
}

/** Loads the scenario with `overrides` applied. Throws InputError (naming --set for a path that selects nothing). */
export function loadWithOverrides(base: SweepBase, overrides: readonly Override[]): ResolvedScenario {
  if (overrides.length === 0)
    return loadScenario(base.text, { file: base.file, readFile: base.readFile, root: base.root });
  const parsed: ParsedOverride[] = overrides.map((o) => ({ ...o, target: parseOverridePath(o.path) }));
  const manifestOverrides = parsed.filter((o) => o.target.kind === 'manifest');
  const hits = new Map<ParsedOverride, number>(manifestOverrides.map((o) => [o, 0]));
  const text = patchScenarioText(base.text, parsed, hits);
  let patchError: InputError | null = null;
  const readFile =
    manifestOverrides.length === 0
      ? base.readFile
      : (path: string) => {
          try {
            return patchManifestText(base.readFile(path), manifestOverrides, hits);
          } catch (e) {
            if (e instanceof InputError && e.where.file === '--set') patchError = e;
            throw e;
          }
        };
  let scenario: ResolvedScenario;
  try {
    scenario = loadScenario(text, { file: base.file, readFile, root: base.root });
  } catch (e) {
    throw patchError ?? e;
  }
  for (const [o, n] of hits) {
    if (n > 0 || o.target.kind !== 'manifest') continue;
    throw new InputError(
      `${JSON.stringify(o.path)}: no ${o.target.objectKind} named ${JSON.stringify(o.target.name)} in the manifests the scenario applies`,
      { file: '--set' },
    );
  }
  return scenario;
}

function patchScenarioText(
  text: string,
  overrides: readonly ParsedOverride[],
  hits: Map<ParsedOverride, number>,
): string {
  const docOverrides = overrides.filter((o) => o.target.kind === 'doc');
  const manifestOverrides = overrides.filter((o) => o.target.kind === 'manifest');
  const doc = parseDocument(text, { uniqueKeys: false });
  // A scenario that does not parse is reported by the loader on the unpatched text, with its real line numbers.
  if (doc.errors.length > 0) return text;
  let changed = false;
  for (const o of docOverrides) {
    const keys = resolveSegments(o.path, o.target.segments, toJs(doc));
    doc.setIn(keys, o.value);
    changed = true;
  }
  if (manifestOverrides.length > 0) {
    const steps = (toJs(doc) as { spec?: { steps?: unknown } } | null)?.spec?.steps;
    if (Array.isArray(steps)) {
      steps.forEach((step, i) => {
        for (const kind of ['apply', 'delete']) {
          const inline = (step as Record<string, { yaml?: unknown } | undefined> | null)?.[kind]?.yaml;
          if (typeof inline !== 'string') continue;
          const patched = patchManifestText(inline, manifestOverrides, hits);
          if (patched === inline) continue;
          doc.setIn(['spec', 'steps', i, kind, 'yaml'], patched);
          changed = true;
        }
      });
    }
  }
  return changed ? doc.toString() : text;
}

function toJs(doc: Document): unknown {
  return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
}

/** Patches the objects `overrides` name in one multi-document manifest text; returns the text unchanged when none match. */
export function patchManifestText(
  text: string,
  overrides: readonly ParsedOverride[],
  hits: Map<ParsedOverride, number>,
): string {
  const docs = parseAllDocuments(text, { uniqueKeys: false });
  if (!Array.isArray(docs)) return text;
  let changed = false;
  for (const doc of docs) {
    if (doc.errors.length > 0) return text; // the loader reports it
    const js = toJs(doc) as { kind?: unknown; metadata?: { name?: unknown }; spec?: unknown } | null;
    if (js === null || typeof js !== 'object') continue;
    for (const o of overrides) {
      const t = o.target;
      if (t.kind !== 'manifest' || js.kind !== t.objectKind || js.metadata?.name !== t.name) continue;
      const keys = resolveSegments(o.path, t.segments, js.spec, ['spec']);
      doc.setIn(keys, o.value);
      hits.set(o, (hits.get(o) ?? 0) + 1);
      changed = true;
    }
  }
  if (!changed) return text;
  return docs
    .map((d, i) => {
      const s = d.toString();
      return i > 0 && !s.startsWith('---') ? `---\n${s}` : s;
    })
    .join('');
}

/** The concrete path a document override patches, e.g. `spec.steps[7].load.rate` for `spec.steps[probe].load.rate`. */
export function concreteDocPath(text: string, path: string): string | null {
  const target = parseOverridePath(path);
  if (target.kind !== 'doc') return null;
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return null;
  return describePath(resolveSegments(path, target.segments, toJs(doc)));
}
