// The compiled CLI (node bin/gwsim.js) for tests that run gwsim as a real process: built once if dist/ is missing or
// older than src/.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli-harness.js';

const BUILT = ['dist/src/cli/main.js', 'dist/src/cli/run-worker.js'].map((f) => join(ROOT, f));

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.endsWith('.ts')) newest = Math.max(newest, statSync(join(e.parentPath, e.name)).mtimeMs);
  }
  return newest;
}

/** Builds dist/ (npm run build) when it is missing or older than src/. Type errors elsewhere do not stop tsc emitting. */
export function ensureBuilt(): void {
  const fresh =
    BUILT.every((f) => existsSync(f)) &&
    Math.min(...BUILT.map((f) => statSync(f).mtimeMs)) >= newestMtime(join(ROOT, 'src'));
  if (fresh) return;
  spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    stdio: 'ignore',
  });
  for (const f of BUILT)
    if (!existsSync(f)) throw new Error(`${f} is missing after building; run npm run build and look at its errors`);
}
