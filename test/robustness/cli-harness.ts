// Shared helpers of the robustness tests: run `main` with a captured Io, and the invariants every outcome must meet.
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from '../cli/io-capture.js';

export const ROOT = resolve(import.meta.dirname, '../..');

export interface CliOutcome {
  code: number;
  out: string;
  err: string;
}

export async function gwsim(argv: readonly string[]): Promise<CliOutcome> {
  const io = captureIo();
  const code = await main([...argv], io);
  return { code, out: io.stdout(), err: io.stderr() };
}

/** What no input may ever produce: a stack trace, an internal error, or an exit code outside the contract. */
export function expectNoCrash(r: CliOutcome, allowed: readonly number[] = [0, 1, 2, 3]): void {
  expect(r.err).not.toMatch(/^ {4}at /m);
  expect(r.out).not.toMatch(/^ {4}at /m);
  expect(r.err).not.toContain('internal error');
  expect(allowed).toContain(r.code);
}

/** A clean rejection: exit 2, nothing on stdout, exactly one `gwsim: error: ...` line on stderr. */
export function expectBadInput(r: CliOutcome): void {
  expectNoCrash(r, [2]);
  expect(r.out).toBe('');
  const lines = r.err.replace(/\n$/, '').split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^gwsim: error: \S/);
}
