import { describe, it, expect } from 'vitest';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRunReports } from '../../src/cli/write-reports.js';
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

  it('replaces a symlinked entry of the output folder instead of following it', async () => {
    const root = mkdtempSync(join(tmpdir(), 'gwsim-wr-'));
    const elsewhere = mkdtempSync(join(tmpdir(), 'gwsim-else-'));
    symlinkSync(elsewhere, join(root, 'charts'));
    symlinkSync(join(elsewhere, 'stolen.json'), join(root, 'result.json'));
    await writeRunReports(loadFixture('round-robin'), root, { scenarioYaml: null, manifests: [] });
    expect(readdirSync(elsewhere)).toEqual([]);
    expect(lstatSync(join(root, 'charts')).isDirectory()).toBe(true);
    expect(lstatSync(join(root, 'result.json')).isFile()).toBe(true);
    expect(readdirSync(root).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
