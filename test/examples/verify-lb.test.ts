// examples/verify-lb as a user runs it: `npm pack` gwsim, install the tarball into a copy of the example in a temporary
// directory (offline from the npm cache where it can: --prefer-offline), type-check it, run its vitest properties, and
// require() every entry point from CommonJS (Node 20.19+ loads an ESM graph without top-level await synchronously).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ENTRIES = ['gwsim', 'gwsim/envoy', 'gwsim/testing', 'gwsim/report'];

/** The environment without the outer npm's and vitest's variables (a child npm must not inherit the parent's run). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(npm_|VITEST|NODE_ENV$|NODE_OPTIONS$|TEST$)/i.test(k)) env[k] = v;
  return env;
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, {
    cwd,
    env: cleanEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 240_000,
  });
}

describe('examples/verify-lb against the packed tarball', () => {
  it('installs, type-checks, passes its properties, and every entry loads with require() and import without output', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'gwsim-verify-lb-'));
    try {
      const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tmp], root)) as Array<{
        filename: string;
        files: Array<{ path: string }>;
      }>;
      const files = packed[0].files.map((f) => f.path);
      expect(files).toContain('dist/src/lib/envoy.d.ts');
      expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
      const project = join(tmp, 'verify-lb');
      cpSync(join(root, 'examples/verify-lb'), project, {
        recursive: true,
        filter: (src) => !/node_modules|package-lock\.json/.test(src),
      });
      run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', join(tmp, packed[0].filename)], project);
      expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).dependencies.gwsim).toMatch(/^file:/);
      run('npx', ['tsc', '--noEmit'], project);
      const vitest = run('npx', ['vitest', 'run'], project);
      expect(vitest).toMatch(/3 passed/);
      for (const e of ENTRIES) {
        expect(run('node', ['-e', `require(${JSON.stringify(e)})`], project), e).toBe('');
        expect(run('node', ['--input-type=module', '-e', `await import(${JSON.stringify(e)})`], project), e).toBe('');
      }
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }, 300_000);
});
