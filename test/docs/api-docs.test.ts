// The API reference builds from the public entries' types with no warning (docs/api/ is built, not committed:
// `npm run docs`). Into a temporary directory, so a test run leaves the tree as it was.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('npm run docs (TypeDoc)', () => {
  it('builds a page for each entry point, warnings as errors', () => {
    const out = mkdtempSync(join(tmpdir(), 'gwsim-api-docs-'));
    try {
      execFileSync('npx', ['typedoc', '--out', out, '--treatWarningsAsErrors', '--logLevel', 'Warn'], {
        cwd: root,
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 180_000,
      });
      for (const page of [
        'index.html',
        'modules/gwsim_envoy.html',
        'modules/gwsim_testing.html',
        'modules/gwsim_report.html',
      ])
        expect(existsSync(join(out, page)), page).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 200_000);
});
