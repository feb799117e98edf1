// The playground's engine: what the Web Worker runs, and what test/web/engine.test.ts runs under Node to check the
// browser gives `gwsim run`'s answer. A lesson's files (the scenario and its manifests, as edited) and a seed in; the
// text the CLI prints, the trace hash, the result, the charts' Vega-Lite specs and an --explain trace out. No DOM, no
// Node: only the core (src/sim, models, scenarios, report) and the CLI's pure text formatter.
import type { TopLevelSpec } from 'vega-lite';
import { parseDocument, stringify } from 'yaml';
import { InputError } from '../../src/sim/input-error.js';
import { loadScenario } from '../../src/scenarios/load/load-scenario.js';
import { runScenario } from '../../src/scenarios/run/run-scenario.js';
import type { RunResult } from '../../src/scenarios/run/run-result.js';
import { CATALOG, CATALOG_PREFIX, catalogScenarioPath, type CatalogEntry } from '../../src/scenarios/catalog/index.js';
import { CATALOG_FILES } from '../../src/scenarios/catalog/bundle.generated.js';
import { runCharts } from '../../src/report/charts/run-charts.js';
import { renderTrace } from '../../src/report/explain/render-trace.js';
import { formatRunText } from '../../src/cli/run-text.js';

export { CATALOG };
export type { CatalogEntry };

/** A lesson's editable files, by path as messages name them (`catalog/round-robin/manifests/03-gateway.yaml`). */
export type LessonFiles = Record<string, string>;

/** The scenario file and the manifests its folder holds, scenario first. */
export function lessonFiles(entry: CatalogEntry): LessonFiles {
  const scenario = catalogScenarioPath(entry);
  const files: LessonFiles = { [scenario]: CATALOG_FILES[scenario.slice(CATALOG_PREFIX.length)] };
  for (const key of Object.keys(CATALOG_FILES).sort())
    if (key.startsWith(`${entry.folder}/manifests/`)) files[`${CATALOG_PREFIX}${key}`] = CATALOG_FILES[key];
  return files;
}

/** The scenario's steps as the workshop's commands, one line each (`hey: {n: 100, c: 100, ...}`), or [] if unparsable. */
export function lessonSteps(scenarioText: string): string[] {
  const doc = parseDocument(scenarioText).toJS() as { spec?: { steps?: unknown[] } } | null;
  const steps = doc?.spec?.steps;
  if (!Array.isArray(steps)) return [];
  return steps.map((s) => stringify(s, { collectionStyle: 'flow', lineWidth: 0 }).trim());
}

export interface PlaygroundInput {
  /** Catalog scenario name: its folder confines the manifests and gives the scenario file's path. */
  name: string;
  files: LessonFiles;
  seed?: number;
  explain?: { step: number; n: number };
  version: string;
}

export interface PlaygroundChart {
  name: string;
  title: string;
  spec: TopLevelSpec;
}

export interface PlaygroundError {
  /** The file and 1-based line the loader names, when it does. */
  file: string | null;
  line: number | null;
  column: number | null;
  problem: string;
  message: string;
}

export type PlaygroundOutput =
  | {
      ok: true;
      /** What `gwsim run NAME [--seed S]` prints, without colour. */
      text: string;
      traceHash: string;
      result: RunResult;
      charts: PlaygroundChart[];
      /** `--explain STEP:N`'s lines, when asked. */
      explain: string[] | null;
    }
  | { ok: false; error: PlaygroundError };

export interface PlaygroundHooks {
  onProgress?: (fraction: number) => void;
}

/** Loads and runs a lesson as `gwsim run` does. Input errors come back as data (file, line), never thrown. */
export function runPlayground(input: PlaygroundInput, hooks: PlaygroundHooks = {}): PlaygroundOutput {
  const entry = CATALOG.find((e) => e.name === input.name);
  if (entry === undefined) return fail(new InputError(`no catalog scenario is named ${JSON.stringify(input.name)}`));
  const file = catalogScenarioPath(entry);
  try {
    const readFile = (path: string) => {
      const text = input.files[path];
      if (text === undefined) throw new InputError('no such file in the lesson', { file: path });
      return text;
    };
    const scenario = loadScenario(readFile(file), { file, readFile, root: `${CATALOG_PREFIX}${entry.folder}` });
    const steps = Math.max(1, scenario.steps.length);
    const result = runScenario(scenario, {
      seed: input.seed,
      explain: input.explain,
      version: input.version,
      onProgress: (step) => hooks.onProgress?.(Math.min(1, step / steps)),
    });
    const explain =
      input.explain === undefined
        ? null
        : (result.explainTrace ?? []).length > 0
          ? renderTrace(result.explainTrace ?? [])
          : [`step ${input.explain.step} sent no request number ${input.explain.n}`];
    return {
      ok: true,
      text: formatRunText(result, { quiet: false, color: false }),
      traceHash: result.traceHash,
      result,
      charts: runCharts(result).map((c) => ({ name: c.name, title: c.title, spec: c.spec })),
      explain,
    };
  } catch (e) {
    if (e instanceof InputError) return fail(e);
    return { ok: false, error: { file: null, line: null, column: null, problem: String(e), message: String(e) } };
  }
}

function fail(e: InputError): PlaygroundOutput {
  return {
    ok: false,
    error: {
      file: e.where.file ?? null,
      line: e.where.line ?? null,
      column: e.where.column ?? null,
      problem: e.problem,
      message: e.message,
    },
  };
}
