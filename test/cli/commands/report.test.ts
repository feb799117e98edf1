import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main.js';
import type { Io } from '../../../src/cli/io.js';
import { fixturePath, loadFixture } from '../../report/fixtures.js';

function capture(color = false): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    color,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

describe('gwsim report', () => {
  it('prints the text report of a saved result', async () => {
    const io = capture();
    expect(await main(['report', fixturePath('cluster-mesh')], io)).toBe(0);
    expect(io.stdout).toContain('    exact binomial test: p = 0.6477\n');
    expect(io.stdout).not.toContain('\u001b[');
  });

  it('--out writes the HTML page and charts; a second report of the written result.json picks up its sources', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwsim-report-'));
    const io = capture();
    expect(await main(['report', fixturePath('ha-failover'), '--out', join(dir, 'a'), '--quiet'], io)).toBe(0);
    expect(io.stdout).toBe('');
    expect(existsSync(join(dir, 'a/index.html'))).toBe(true);
    expect(existsSync(join(dir, 'a/charts/series-by-pod.svg'))).toBe(true);
    // Sources saved beside result.json (as gwsim run --out leaves them) appear in the page.
    const { writeRunReports } = await import('../../../src/cli/write-reports.js');
    await writeRunReports(loadFixture('ha-failover'), join(dir, 'b'), {
      scenarioYaml: 'kind: Scenario # from b\n',
      manifests: [{ file: 'manifests/x.yaml', text: 'kind: Service\n' }],
    });
    expect(await main(['report', join(dir, 'b/result.json'), '--out', join(dir, 'c'), '--quiet'], capture())).toBe(0);
    const html = readFileSync(join(dir, 'c/index.html'), 'utf8');
    expect(html).toContain('kind: Scenario # from b');
    expect(html).toContain('<summary>manifests/x.yaml</summary>');
  });

  it('colour on a TTY unless --no-color', async () => {
    const tty = capture(true);
    await main(['report', fixturePath('round-robin')], tty);
    expect(tty.stdout).toContain('\u001b[1m');
    const off = capture(true);
    await main(['report', fixturePath('round-robin'), '--no-color'], off);
    expect(off.stdout).not.toContain('\u001b[');
  });

  it('bad input exits 2 naming the file and the field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gwsim-report-'));
    writeFileSync(join(dir, 'bad.json'), '{"scenario": ');
    const a = capture();
    expect(await main(['report', join(dir, 'bad.json')], a)).toBe(2);
    expect(a.stderr).toMatch(/bad\.json: is not JSON/);
    const r = loadFixture('round-robin') as unknown as { steps: Array<Record<string, unknown>> };
    r.steps[8].requests = -1;
    writeFileSync(join(dir, 'neg.json'), JSON.stringify(r));
    const b = capture();
    expect(await main(['report', join(dir, 'neg.json')], b)).toBe(2);
    expect(b.stderr).toContain('field steps.8.requests: is not a gwsim run result: /steps/8/requests must be >= 0');
    const c = capture();
    expect(await main(['report', join(dir, 'missing.json')], c)).toBe(2);
    expect(c.stderr).toMatch(/missing\.json: cannot read file: ENOENT/);
  });
});
