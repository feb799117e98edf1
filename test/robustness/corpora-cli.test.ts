// The manifest and scenario corpora (test/fixtures/bad-manifests, bad-scenarios) through the whole command line, as a
// user meets them: `gwsim route -f FILE` and `gwsim run FILE` exit 2 with one `gwsim: error:` line naming the file and
// its line, never a stack trace. (Their messages are snapshotted by test/cli/status.test.ts and the scenario loader's test.)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectBadInput, gwsim, ROOT } from './cli-harness.js';

process.chdir(ROOT);
const yamls = (dir: string) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('bad manifests through gwsim route', () => {
  const dir = 'test/fixtures/bad-manifests';
  it.each(yamls(dir))('%s', async (f) => {
    const r = await gwsim(['route', '-f', `${dir}/${f}`, '--request', 'GET http://www.example.com/']);
    expectBadInput(r);
    expect(r.err).toMatch(new RegExp(`^gwsim: error: ${escape(`${dir}/${f}`)}[:,]`));
  });
});

describe('bad scenarios through gwsim run', () => {
  const dir = 'test/fixtures/bad-scenarios';
  it.each(yamls(dir))('%s', async (f) => {
    // Bounded, in case a bad scenario ever loads: it must then still not run long.
    const r = await gwsim(['run', `${dir}/${f}`, '--max-events', '1000']);
    expectBadInput(r);
    expect(r.err).toMatch(new RegExp(`^gwsim: error: ${escape(`${dir}/${f}`)}:\\d+`));
  });
});
