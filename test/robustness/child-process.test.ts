// The CLI as a real process (node bin/gwsim.js, built once here if dist/ is older than the sources): SIGINT ends a long
// run at the next event batch and still writes the partial result; and runs are byte-identical across processes,
// within one process, and between `run NAME` and `run --all`, for every catalog scenario.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/scenarios/catalog/index.js';
import { EXIT_PARTIAL } from '../../src/cli/exit-codes.js';
import { ensureBuilt } from './built-cli.js';
import { expectNoCrash, gwsim, ROOT } from './cli-harness.js';

process.chdir(ROOT);
const tmp = mkdtempSync(join(tmpdir(), 'gwsim-child-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Child {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

function gwsimProcess(args: string[], onSpawn?: (kill: (s: NodeJS.Signals) => void) => void): Promise<Child> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/gwsim.js'), ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, err }));
    onSpawn?.((s) => child.kill(s));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(ensureBuilt, 120_000);

describe('SIGINT', () => {
  it('ends a long run at the next event batch, writes the partial result.json and exits 3', async () => {
    const out = join(tmp, 'sigint');
    const run = gwsimProcess(
      ['run', 'test/fixtures/bad-cli/scenarios/long-load.yaml', '--out', out, '--quiet'],
      async (kill) => {
        // The output directory is created just before the SIGINT handler is installed; then let the run get going.
        for (let i = 0; i < 500 && !existsSync(out); i++) await sleep(20);
        await sleep(800);
        kill('SIGINT');
      },
    );
    const r = await run;
    expect(r.signal).toBeNull();
    expect(r.err).not.toMatch(/^ {4}at /m);
    expect(r.code).toBe(EXIT_PARTIAL);
    expect(r.err).toContain('gwsim: interrupted (SIGINT): stopping at the next event batch');
    expect(r.err).toContain('gwsim: long-load: partial result: interrupted (SIGINT); expectations not evaluated');
    expect(r.out).toContain('long-load: PARTIAL (interrupted (SIGINT))');
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as {
      partial: boolean;
      stopReason: string;
      events: number;
      simulatedSeconds: number;
    };
    expect(result).toMatchObject({ partial: true, stopReason: 'interrupted (SIGINT)' });
    // Stopped well before the 1000 s of load (1e8 events) end.
    expect(result.events).toBeGreaterThan(0);
    expect(result.simulatedSeconds).toBeLessThan(1000);
    expect(readdirSync(out, { recursive: true }).filter((f) => /tmp/.test(String(f)))).toEqual([]);
  }, 60_000);
});

describe('a reader that goes away', () => {
  it('gwsim ... | head: EPIPE on stdout is no crash and no stack trace', async () => {
    // The Maglev table as JSON is about 500 kB: close our end of the pipe after the first chunk.
    const r = await new Promise<Child>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [join(ROOT, 'bin/gwsim.js'), 'lb', '--policy', 'maglev', '--hosts', 'a,b,c', '--json'],
        { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let err = '';
      child.stdout.once('data', () => child.stdout.destroy());
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('error', reject);
      child.on('close', (code, signal) => resolve({ code, signal, out: '', err }));
    });
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }, 30_000);
});

describe('determinism', () => {
  it('every catalog scenario: byte-identical run --json in two processes, within one process, and between run NAME and run --all', async () => {
    // Two processes at once, while this process runs every scenario twice (one by one, then all together).
    const children = Promise.all([gwsimProcess(['run', '--all', '--json']), gwsimProcess(['run', '--all', '--json'])]);
    const single: string[] = [];
    for (const e of CATALOG) {
      const r = await gwsim(['run', e.name, '--json']);
      expectNoCrash(r, [0, 1]);
      single.push(r.out);
    }
    const all = await gwsim(['run', '--all', '--json']);
    expectNoCrash(all, [0, 1]);
    const [a, b] = await children;
    expect(a.err).not.toContain('internal error');
    expect(a.code).toBe(all.code);
    expect(b.code).toBe(all.code);
    expect(a.out.length).toBeGreaterThan(1000);
    expect(a.out === b.out, 'two processes agree byte for byte').toBe(true);
    expect(a.out === all.out, 'a process (worker thread) and this process (in-thread) agree').toBe(true);
    const results = JSON.parse(all.out) as { scenario: string }[];
    expect(results.map((x) => x.scenario)).toEqual(CATALOG.map((e) => e.name));
    results.forEach((x, i) =>
      expect(JSON.stringify(x, null, 2) + '\n' === single[i], `${x.scenario}: run NAME and run --all agree`).toBe(true),
    );
  }, 180_000);
});
