// One real Envoy for the lab: the relocated bootstrap written to a file, `envoy -c` with the scenario's workers as
// --concurrency, hot restart off (no shared memory to collide with other Envoys on the machine), and a wait until
// the admin endpoint's /ready answers LIVE (Envoy's server state; docs: operations/admin#get--ready).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonObject } from '../../models/envoy/export/envoy-json.js';
import { sleep, type LabProcess, type LabProcesses } from './lab-processes.js';

const READY_TIMEOUT_MS = 20_000;

export interface LabEnvoy {
  process: LabProcess;
  adminPort: number;
}

export async function startEnvoy(
  lab: LabProcesses,
  opts: { envoy: string; dir: string; name: string; bootstrap: JsonObject; adminPort: number; workers: number },
): Promise<LabEnvoy> {
  const file = join(opts.dir, `${opts.name}.json`);
  writeFileSync(file, JSON.stringify(opts.bootstrap, null, 1));
  const args = ['-c', file, '--concurrency', String(opts.workers), '--disable-hot-restart', '-l', 'warn'];
  const p = lab.start(`envoy ${opts.name}`, opts.envoy, args);
  const deadline = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (p.exited()) {
      const tail = p.output().trim().split('\n').slice(-3).join(' | ');
      throw new Error(`${opts.envoy} exited (code ${p.child.exitCode}) before it was ready${tail ? `: ${tail}` : ''}`);
    }
    try {
      const r = await fetch(`http://127.0.0.1:${opts.adminPort}/ready`);
      if ((await r.text()).trim() === 'LIVE') return { process: p, adminPort: opts.adminPort };
    } catch {
      // Not listening yet.
    }
    if (performance.now() > deadline) throw new Error(`envoy was not LIVE within ${READY_TIMEOUT_MS / 1000}s`);
    await sleep(50);
  }
}
