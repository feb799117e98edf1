import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { confinedPath, writeFileAtomic, writeRunReports } from '../../src/cli/write-reports.js';
import { InputError } from '../../src/sim/input-error.js';
import { loadFixture } from '../report/fixtures.js';

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`]))
    .sort();
}

describe('writeRunReports', () => {
  it('writes every report file, the scenario and its manifests under sources/, and no temp files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwsim-wr-'));
    const out = join(dir, 'out');
    const written = await writeRunReports(loadFixture('round-robin'), out, {
      scenarioYaml: 'kind: Scenario\n',
      manifests: [{ file: 'manifests/10-backend.yaml', text: 'kind: Deployment\n' }],
    });
    expect(walk(out)).toEqual([...written.paths].sort());
    expect(written.paths).toContain('sources/scenario.yaml');
    expect(readFileSync(join(out, 'sources/manifests/10-backend.yaml'), 'utf8')).toBe('kind: Deployment\n');
    expect(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8'))).toEqual(loadFixture('round-robin'));
    expect(written.report.key?.name).toBe('step-8-pods');
  });

  it('refuses a manifest path that leaves the output directory, before writing anything', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwsim-wr-'));
    const out = join(dir, 'out');
    await expect(
      writeRunReports(loadFixture('round-robin'), out, {
        scenarioYaml: null,
        manifests: [{ file: '../../escape.yaml', text: 'x' }],
      }),
    ).rejects.toThrow(InputError);
    expect(existsSync(join(dir, 'escape.yaml'))).toBe(false);
    expect(readdirSync(out)).toEqual([]);
  });

  it('confinedPath: relative paths inside only', () => {
    const root = mkdtempSync(join(tmpdir(), 'gwsim-wr-'));
    expect(confinedPath(root, 'a/b.txt')).toBe(join(root, 'a/b.txt'));
    for (const bad of ['', '/etc/passwd', '..', '../x', 'a/../../x', 'C:evil'])
      expect(() => confinedPath(root, bad), bad).toThrow(InputError);
  });

  it('writeFileAtomic refuses to follow a symlinked directory out of the root', () => {
    const root = mkdtempSync(join(tmpdir(), 'gwsim-wr-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'gwsim-else-'));
    symlinkSync(elsewhere, join(root, 'link'));
    expect(() => writeFileAtomic(root, join(root, 'link', 'x.txt'), 'x')).toThrow(/symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
    mkdirSync(join(root, 'real'));
    writeFileAtomic(root, join(root, 'real', 'x.txt'), 'hello');
    expect(readdirSync(join(root, 'real'))).toEqual(['x.txt']);
  });
});
