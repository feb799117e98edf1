// The corpus of bad scenarios (test/fixtures/bad-scenarios): each gives exactly one InputError naming the file, the
// line and (for anything past YAML syntax) the field; the messages are snapshotted so wording changes are reviewed.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../src/sim/input-error.js';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/bad-scenarios');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

/** Problems found before the document is a mapping of fields: there is no field path to name. */
const YAML_LEVEL = new Set(['yaml-syntax.yaml', 'yaml-duplicate-key.yaml', 'alias-bomb.yaml', 'two-documents.yaml']);

function readFixture(path: string): string {
  if (path === 'bad-scenarios/manifests/ok.yaml') return 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n';
  throw new InputError('no such file', { file: path });
}

function errorOf(file: string): InputError {
  const text = readFileSync(join(dir, file), 'utf8');
  try {
    loadScenario(text, { file: `bad-scenarios/${file}`, readFile: readFixture });
  } catch (e) {
    if (e instanceof InputError) return e;
    throw new Error(`${file}: threw ${String(e)} instead of an InputError`);
  }
  throw new Error(`${file}: loaded without an error`);
}

describe('bad scenario corpus', () => {
  it('has at least 30 documents', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  it.each(files)('%s gives one InputError with file, line and field', (file) => {
    const e = errorOf(file);
    expect(e.where.file).toBe(`bad-scenarios/${file}`);
    expect(e.where.line).toBeGreaterThan(1);
    if (!YAML_LEVEL.has(file)) expect(e.where.field).toMatch(/^(apiVersion|kind|metadata|spec)/);
  });

  it('says what is wrong in words (snapshot)', () => {
    const messages = Object.fromEntries(files.map((f) => [f, errorOf(f).message]));
    expect(messages).toMatchSnapshot();
  });

  it('points at the line of the broken field', () => {
    // A few hand-checked positions: the misspelt key's own line, the nonexistent node's value.
    expect(errorOf('spec-unknown-field.yaml').where).toMatchObject({ line: 7, field: 'spec.sead' });
    expect(errorOf('fault-unknown-node.yaml').where).toMatchObject({ line: 28, field: 'spec.steps[4].fault.node' });
    expect(errorOf('expect-step-missing.yaml').where).toMatchObject({ line: 31, field: 'spec.expect[0].step' });
    expect(errorOf('apply-file-missing.yaml').where).toMatchObject({ line: 24, field: 'spec.steps[0].apply.file' });
  });
});
