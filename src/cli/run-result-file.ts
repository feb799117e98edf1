// Reads a RunResult JSON file (written by `gwsim run --json` or `--out`) and checks it against the published schema,
// so `gwsim report` fails with the file and field named instead of a stack trace deep in a chart.
import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { RunResult } from '../scenarios/run/run-result.js';
import { InputError } from '../sim/input-error.js';
import { readTextFile } from './io.js';

/** schema/ sits at the package root: two levels above src/cli (tests), three above dist/src/cli (the built CLI). */
function loadSchema(): object {
  for (const rel of ['../../schema/run-result.schema.json', '../../../schema/run-result.schema.json']) {
    try {
      return JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as object;
    } catch {
      // try the next candidate
    }
  }
  throw new Error('schema/run-result.schema.json is missing from the gwsim installation');
}

let validator: ValidateFunction | null = null;

function validate(data: unknown): ErrorObject[] {
  validator ??= new Ajv2020({ allErrors: false, strict: false }).addKeyword('schemaVersion').compile(loadSchema());
  return validator(data) ? [] : (validator.errors ?? []);
}

/** Parses and validates a RunResult; throws InputError naming the file and the first offending field. */
export function parseRunResult(text: string, file: string): RunResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new InputError(
      `is not JSON: ${(e as Error).message}`,
      { file },
      'the JSON written by gwsim run --json or --out (result.json)',
    );
  }
  const errors = validate(data);
  if (errors.length > 0) {
    const e = errors[0];
    throw new InputError(
      `is not a gwsim run result: ${e.instancePath === '' ? 'the document' : e.instancePath} ${e.message ?? 'is invalid'}`,
      { file, field: e.instancePath.replace(/^\//, '').replace(/\//g, '.') || undefined },
      'the JSON written by gwsim run --json or --out (schema/run-result.schema.json)',
    );
  }
  return data as RunResult;
}

export function readRunResult(file: string): RunResult {
  return parseRunResult(readTextFile(file), file);
}
