// Bounded runs in one process: --max-events, --max-sim-time and --max-memory each end the run with one clear line on
// stderr, exit 3 (partial), and the result marked `"partial": true` with its `stopReason`, on stdout (--json) and in
// --out DIR/result.json alike; expectations are not evaluated. The whole catalog under --max-events 50 stops cleanly.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../src/scenarios/catalog/index.js';
import { EXIT_OK, EXIT_PARTIAL } from '../../src/cli/exit-codes.js';
import { expectNoCrash, gwsim, ROOT } from './cli-harness.js';

process.chdir(ROOT);
const tmp = mkdtempSync(join(tmpdir(), 'gwsim-bounded-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const OK = 'test/fixtures/bad-cli/scenarios/ok.yaml';

interface Partial {
  scenario: string;
  partial: boolean;
  stopReason: string | null;
  events: number;
  simulatedSeconds: number;
  expectations: unknown[];
}

async function bounded(flags: string[], scenario = OK) {
  const out = mkdtempSync(join(tmp, 'out-'));
  const r = await gwsim(['run', scenario, '--json', '--out', out, ...flags]);
  expectNoCrash(r);
  const stdout = JSON.parse(r.out) as Partial;
  const file = readFileSync(join(out, 'result.json'), 'utf8');
  return { ...r, result: stdout, file: JSON.parse(file) as Partial, fileText: file, outDir: out };
}

describe('bounded runs', () => {
  it('--max-events 50 stops after exactly 50 events, marked partial on stdout and in result.json, exit 3', async () => {
    const r = await bounded(['--max-events', '50']);
    expect(r.code).toBe(EXIT_PARTIAL);
    expect(r.result).toMatchObject({
      partial: true,
      events: 50,
      stopReason: 'stopped after 50 events (--max-events 50)',
      expectations: [],
    });
    expect(r.fileText).toBe(r.out);
    expect(r.err).toBe(
      'gwsim: round-robin: partial result: stopped after 50 events (--max-events 50); expectations not evaluated\n',
    );
    // The report files are written beside it, and no temporary file is left behind.
    expect(readdirSync(r.outDir)).toContain('result.json');
    expect(readdirSync(r.outDir, { recursive: true }).filter((f) => /tmp/.test(String(f)))).toEqual([]);
  });

  it('--max-sim-time 30s stops at simulated 30 s (before the 60 s wait ends), partial', async () => {
    const r = await bounded(['--max-sim-time', '30s']);
    expect(r.code).toBe(EXIT_PARTIAL);
    expect(r.result.partial).toBe(true);
    expect(r.result.stopReason).toBe('stopped at simulated 30s (--max-sim-time 30s)');
    expect(r.result.simulatedSeconds).toBe(30);
    expect(r.file).toEqual(r.result);
    expect(r.err).toMatch(
      /^gwsim: round-robin: partial result: stopped at simulated 30s \(--max-sim-time 30s\); expectations not evaluated\n$/,
    );
  });

  it('--max-memory 64 (below what this process already uses) stops at the first event batch, partial', async () => {
    expect(process.memoryUsage().rss).toBeGreaterThan(64 * 1024 * 1024);
    const r = await bounded(['--max-memory', '64']);
    expect(r.code).toBe(EXIT_PARTIAL);
    expect(r.result).toMatchObject({
      partial: true,
      stopReason: 'stopped: resident memory passed 64 MB (--max-memory)',
      expectations: [],
    });
    expect(r.file).toEqual(r.result);
  });

  it('limits the run does not reach leave it whole: not partial, exit 0', async () => {
    const r = await bounded(['--max-events', '100000000', '--max-sim-time', '1h', '--max-memory', '1048576']);
    expect(r.code).toBe(EXIT_OK);
    expect(r.result).toMatchObject({ partial: false, stopReason: null });
    expect(r.err).toBe('');
  });

  it('a partial run says so in the text output and skips its expectations', async () => {
    const r = await gwsim(['run', 'round-robin', '--max-events', '50']);
    expect(r.code).toBe(EXIT_PARTIAL);
    expect(r.out).toContain('round-robin: PARTIAL (stopped after 50 events (--max-events 50)); 50 events');
    expect(r.out).not.toContain('Expectations:');
    expect(r.err).toContain('expectations not evaluated');
  });

  it('the whole catalog under --max-events 50: every run ends cleanly, marked partial, each result.json written', async () => {
    const out = join(tmp, 'catalog');
    const r = await gwsim(['run', '--all', '--max-events', '50', '--json', '--out', out]);
    expectNoCrash(r);
    expect(r.code).toBe(EXIT_PARTIAL);
    const results = JSON.parse(r.out) as Partial[];
    expect(results.map((x) => x.scenario)).toEqual(CATALOG.map((e) => e.name));
    for (const x of results) {
      expect(x, x.scenario).toMatchObject({
        partial: true,
        events: 50,
        stopReason: 'stopped after 50 events (--max-events 50)',
        expectations: [],
      });
      const file = JSON.parse(readFileSync(join(out, x.scenario, 'result.json'), 'utf8')) as Partial;
      expect(file).toEqual(x);
    }
    expect(r.err.trimEnd().split('\n')).toEqual(
      CATALOG.map(
        (e) =>
          `gwsim: ${e.name}: partial result: stopped after 50 events (--max-events 50); expectations not evaluated`,
      ),
    );
  });
});

describe('outputs', () => {
  it('a run that fails on bad input before writing leaves an existing result.json untouched', async () => {
    const { writeFileSync } = await import('node:fs');
    const out = mkdtempSync(join(tmp, 'keep-'));
    const old = '{"scenario":"an earlier run"}\n';
    writeFileSync(join(out, 'result.json'), old);
    // Bad at load time, then bad while running (a broken inline manifest is parsed when its step runs).
    for (const bad of [
      'test/fixtures/bad-cli/scenarios/load-rate-negative.yaml',
      'test/fixtures/bad-cli/scenarios/apply-broken-inline.yaml',
    ]) {
      const r = await gwsim(['run', bad, '--out', out]);
      expect(r.code, bad).toBe(2);
      expect(readFileSync(join(out, 'result.json'), 'utf8')).toBe(old);
      expect(readdirSync(out)).toEqual(['result.json']);
    }
  });

  it('a bad --out is refused before the run starts', async () => {
    const { writeFileSync } = await import('node:fs');
    const file = join(tmp, 'plain-file');
    writeFileSync(file, 'x');
    const r = await gwsim(['run', OK, '--out', join(file, 'sub')]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^gwsim: error: --out: .*plain-file\/sub is below .*plain-file, which is a file/);
  });

  it('writeOneFile confines names to the output directory and replaces a file whole or not at all', async () => {
    const { writeFileSync, mkdirSync } = await import('node:fs');
    const { writeOneFile } = await import('../../src/cli/out-dir.js');
    const { InputError } = await import('../../src/sim/input-error.js');
    const dir = mkdtempSync(join(tmp, 'atomic-'));
    for (const name of ['../escape.json', '/etc/gwsim-escape.json', 'a/../../escape.json', '..', '', 'a\\b']) {
      expect(() => writeOneFile(dir, name, 'x'), name).toThrow(InputError);
    }
    expect(existsSync(join(tmp, 'escape.json'))).toBe(false);
    writeOneFile(dir, 'result.json', 'first\n');
    writeOneFile(dir, 'result.json', 'second\n');
    expect(readFileSync(join(dir, 'result.json'), 'utf8')).toBe('second\n');
    // The target is a directory: it is replaced whole, and no staging folder stays.
    mkdirSync(join(dir, 'taken'));
    writeFileSync(join(dir, 'taken', 'keep'), 'k');
    writeOneFile(dir, 'taken', 'x');
    expect(readFileSync(join(dir, 'taken'), 'utf8')).toBe('x');
    expect(readdirSync(dir).sort()).toEqual(['result.json', 'taken']);
  });

  it('no source file evaluates text as code (eval, new Function, node:vm)', () => {
    const offenders: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|js|mjs|cjs)$/.test(e.name)) {
          const lines = readFileSync(p, 'utf8').split('\n');
          lines.forEach((l, i) => {
            if (/\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(\s*['"`]|\bvm\.|['"](node:)?vm['"]/.test(l))
              offenders.push(`${p.slice(ROOT.length + 1)}:${i + 1}: ${l.trim()}`);
          });
        }
      }
    };
    walk(join(ROOT, 'src'));
    walk(join(ROOT, 'bin'));
    expect(offenders).toEqual([]);
  });
});
