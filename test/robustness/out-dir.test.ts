// Writes that cannot escape --out (issue 23 item 4): symbolic links planted at every path a run writes (and at the
// names gwsim's temporary files used to have) change nothing outside --out; run --all refuses a symlinked scenario
// folder; and a run killed (SIGKILL) at 20 moments spread over its life leaves --out as it was, or complete, or marked
// half-written so that gwsim report refuses it.
import { spawn } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { INCOMPLETE_MARKER } from '../../src/cli/out-dir.js';
import { ensureBuilt } from './built-cli.js';
import { expectBadInput, gwsim, ROOT } from './cli-harness.js';

process.chdir(ROOT);
const tmp = mkdtempSync(join(tmpdir(), 'gwsim-outdir-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const SCENARIO = 'test/fixtures/bad-cli/scenarios/ok.yaml';
const LEFTOVER = /^\.gwsim-(staging|old)-/;

/** Every entry under dir: path -> file content, `<dir>` or `-> target` for a link; leftovers of killed runs aside. */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string, prefix: string) => {
    for (const name of readdirSync(d).sort()) {
      if (prefix === '' && LEFTOVER.test(name)) continue;
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out.set(prefix + name, `-> ${readlinkSync(p)}`);
      else if (st.isDirectory()) {
        out.set(prefix + name, '<dir>');
        walk(p, `${prefix}${name}/`);
      } else out.set(prefix + name, readFileSync(p, 'utf8'));
    }
  };
  walk(dir, '');
  return out;
}

describe('symbolic links planted in --out', () => {
  it('at every path a run writes, at the old temporary names and at the marker: nothing outside --out changes', async () => {
    const reference = join(tmp, 'reference');
    expect((await gwsim(['run', SCENARIO, '--out', reference, '--quiet'])).code).toBe(0);
    const written = tree(reference);
    const paths = [...written.keys()];
    expect(paths).toContain('result.json');
    expect(paths.some((p) => p.startsWith('charts/'))).toBe(true);

    // Round 1 plants links at the top-level entries; round 2 makes those real folders and plants links below them.
    for (const depth of ['top', 'nested'] as const) {
      const out = join(tmp, `planted-${depth}`);
      const outside = join(tmp, `outside-${depth}`);
      mkdirSync(out);
      mkdirSync(outside);
      const plant = (rel: string) => {
        const target = join(outside, rel.replaceAll('/', '__'));
        if (written.get(rel) === '<dir>') mkdirSync(target);
        else writeFileSync(target, `outside ${rel}\n`);
        symlinkSync(target, join(out, rel));
      };
      for (const rel of paths) {
        const top = !rel.includes('/');
        if (depth === 'top' && top) plant(rel);
        if (depth === 'nested') {
          if (top && written.get(rel) === '<dir>') mkdirSync(join(out, rel));
          else plant(rel);
        }
      }
      // Where earlier versions put their temporary files (pid-based names), and the half-written marker.
      if (depth === 'top')
        for (const rel of [INCOMPLETE_MARKER, `result.json.tmp-${process.pid}`, `.result.json.${process.pid}.0.tmp`])
          plant(rel);
      const planted = new Set(readdirSync(out));
      const before = tree(outside);
      const r = await gwsim(['run', SCENARIO, '--out', out, '--quiet']);
      expect(r.code, r.err).toBe(0);
      expect(tree(outside), 'nothing outside --out changed').toEqual(before);
      const after = tree(out);
      for (const [rel, content] of written) expect(after.get(rel), rel).toBe(content);
      expect([...after.keys()].filter((k) => !written.has(k) && !planted.has(k))).toEqual([]);
    }
  });

  it('run --all --out DIR refuses a symlinked DIR/<scenario> before the first run', async () => {
    const out = join(tmp, 'all');
    const outside = join(tmp, 'all-outside');
    mkdirSync(out);
    mkdirSync(outside);
    symlinkSync(outside, join(out, 'round-robin'));
    const r = await gwsim(['run', '--all', '--out', out, '--max-events', '50']);
    expectBadInput(r);
    expect(r.err).toContain(`--out: ${join(out, 'round-robin')} is a symbolic link`);
    expect(readdirSync(outside)).toEqual([]);
    expect(readdirSync(out)).toEqual(['round-robin']);
  });

  it('--out empty, under /proc or /sys, or below a file: a clear error at once', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x\n');
    for (const [out, says] of [
      ['', '--out: is empty'],
      ['/proc/self/gwsim', 'is under /proc, a kernel file system'],
      ['/sys/kernel/gwsim', 'is under /sys, a kernel file system'],
      [join(file, 'sub', 'dir'), `is below ${file}, which is a file`],
    ]) {
      for (const argv of [
        ['run', SCENARIO, '--out', out],
        ['report', join(tmp, 'reference', 'result.json'), '--out', out],
      ]) {
        const r = await gwsim(argv);
        expectBadInput(r);
        expect(r.err, argv.join(' ')).toContain(says);
      }
    }
  });
});

interface Killed {
  state: 'untouched' | 'complete' | 'marked';
}

describe('a run killed at random moments', () => {
  it('leaves --out as it was, or complete, or marked half-written (and gwsim report refuses it)', async () => {
    ensureBuilt();
    const node = (args: string[]) =>
      spawn(process.execPath, [join(ROOT, 'bin/gwsim.js'), ...args], { cwd: ROOT, stdio: 'ignore' });
    const finish = (args: string[]) =>
      new Promise<number>((res) => {
        const start = Date.now();
        node(args).on('close', () => res(Date.now() - start));
      });
    // The state before (seed 1) and the complete state (seed 2), each from a whole run.
    const old = join(tmp, 'kill-old');
    const complete = join(tmp, 'kill-complete');
    // Two at a time, as the kills below run: their life is measured under the same load.
    const lifeMs = Math.max(
      ...(await Promise.all([
        finish(['run', SCENARIO, '--seed', '1', '--out', old, '--quiet']),
        finish(['run', SCENARIO, '--seed', '2', '--out', complete, '--quiet']),
      ])),
    );
    const oldTree = tree(old);
    const completeTree = tree(complete);
    expect(oldTree.get('result.json')).not.toBe(completeTree.get('result.json'));

    const KILLS = 20;
    const AT_ONCE = 2;
    // Deterministic moments spread over the run's whole life and a little past it.
    const moments = Array.from({ length: KILLS }, (_, i) =>
      Math.round(((i * 7919) % KILLS) * ((1.3 * lifeMs) / KILLS)),
    );
    const states: Killed['state'][] = [];
    for (let batch = 0; batch < KILLS; batch += AT_ONCE) {
      const runs = moments.slice(batch, batch + AT_ONCE).map(
        (ms, j) =>
          new Promise<void>((res) => {
            const dir = join(tmp, `kill-${batch + j}`);
            mkdirSync(dir);
            for (const [rel, content] of oldTree) {
              if (content === '<dir>') mkdirSync(join(dir, rel));
              else writeFileSync(join(dir, rel), content);
            }
            const child = node(['run', SCENARIO, '--seed', '2', '--out', dir, '--quiet']);
            const timer = setTimeout(() => child.kill('SIGKILL'), ms);
            child.on('close', () => {
              clearTimeout(timer);
              const now = tree(dir);
              const same = (t: Map<string, string>) => JSON.stringify([...now]) === JSON.stringify([...t]);
              if (same(oldTree)) states.push('untouched');
              else if (same(completeTree)) states.push('complete');
              else if (existsSync(join(dir, INCOMPLETE_MARKER))) states.push('marked');
              else expect.fail(`killed after ${ms} ms: --out is neither as it was nor complete nor marked`);
              res();
            });
          }),
      );
      await Promise.all(runs);
    }
    expect(states).toHaveLength(KILLS);
    expect(states).toContain('untouched');
    expect(states).toContain('complete');
    // A marked folder is refused by gwsim report; the next run completes it and clears the marker and leftovers.
    const marked = join(tmp, 'marked');
    mkdirSync(marked);
    writeFileSync(join(marked, 'result.json'), completeTree.get('result.json') ?? '');
    writeFileSync(join(marked, INCOMPLETE_MARKER), '');
    const r = await gwsim(['report', join(marked, 'result.json')]);
    expectBadInput(r);
    expect(r.err).toContain('half-written');
    mkdirSync(join(marked, '.gwsim-staging-999999999-abcdef'));
    expect((await gwsim(['run', SCENARIO, '--seed', '2', '--out', marked, '--quiet'])).code).toBe(0);
    expect(tree(marked)).toEqual(completeTree);
    expect(readdirSync(marked).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 90_000);
});
