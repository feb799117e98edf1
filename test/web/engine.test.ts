// Same answer as the CLI: the playground's engine (web/src/engine.ts, the module its Web Worker runs) gives, for every
// catalog scenario at seed 1, the text `gwsim run NAME` prints and the trace hash of its result (the golden files,
// which test/scenarios/run/catalog-golden.test.ts checks against the CLI's formatter).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOG, lessonFiles, lessonSteps, runPlayground } from '../../web/src/engine.js';

const golden = (name: string, ext: string) =>
  readFileSync(join(import.meta.dirname, '../golden', `${name}.${ext}`), 'utf8');

describe('the playground engine', () => {
  for (const entry of CATALOG)
    it(`${entry.name}: the same text and trace hash as gwsim run`, () => {
      const out = runPlayground({ name: entry.name, files: lessonFiles(entry), version: 'golden' });
      if (!out.ok) throw new Error(out.error.message);
      expect(out.text).toBe(golden(entry.name, 'txt'));
      expect(out.traceHash).toBe((JSON.parse(golden(entry.name, 'json')) as { traceHash: string }).traceHash);
    });

  it('lists the steps and reports a broken manifest with its file and line', () => {
    const entry = CATALOG.find((e) => e.name === 'round-robin')!;
    const files = lessonFiles(entry);
    expect(lessonSteps(Object.values(files)[0]).length).toBeGreaterThan(3);
    const manifest = Object.keys(files).find((f) => f.includes('/manifests/'))!;
    files[manifest] = files[manifest].replace(/^kind: .*/m, 'kind: [oops');
    const out = runPlayground({ name: entry.name, files, version: 'golden' });
    expect(out.ok).toBe(false);
    if (!out.ok) {
      expect(out.error.file).toBe(manifest);
      expect(out.error.line).toBeGreaterThan(0);
    }
  });

  it('explains a request', () => {
    const entry = CATALOG.find((e) => e.name === 'round-robin')!;
    const out = runPlayground({
      name: entry.name,
      files: lessonFiles(entry),
      version: 'golden',
      explain: { step: 0, n: 0 },
    });
    expect(out.ok).toBe(true);
  });
});
