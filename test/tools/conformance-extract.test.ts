// Re-runs tools/conformance-extract (Go, over sigs.k8s.io/gateway-api/conformance v1.6.3) into a temporary folder and
// checks its output equals the committed test/conformance byte for byte; skipped, saying why, where Go is absent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const TOOL = fileURLToPath(new URL('../../tools/conformance-extract/', import.meta.url));
const DATA = fileURLToPath(new URL('../conformance/', import.meta.url));
const hasGo = spawnSync('go', ['version'], { encoding: 'utf8' }).status === 0;
if (!hasGo)
  console.warn('conformance-extract: go is not on PATH; skipping the check that test/conformance is its output');

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .map((f) => relative(dir, join(dir, f)))
    .sort();
}

describe.skipIf(!hasGo)('tools/conformance-extract', () => {
  const out = mkdtempSync(join(tmpdir(), 'gwsim-conformance-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes exactly the committed test/conformance', { timeout: 900_000 }, () => {
    const res = spawnSync('go', ['run', '.', '-out', out], { cwd: TOOL, encoding: 'utf8', timeout: 890_000 });
    expect(res.status, res.stderr).toBe(0);
    expect(files(out)).toEqual(files(DATA));
    for (const f of files(DATA))
      expect(readFileSync(join(out, f), 'utf8'), f).toBe(readFileSync(join(DATA, f), 'utf8'));
  });
});
