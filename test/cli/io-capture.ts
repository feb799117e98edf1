// A captured Io for CLI tests.
import type { Io } from '../../src/cli/io.js';

export function captureIo(): Io & { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  return {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    color: false,
    stdout: () => out,
    stderr: () => err,
  };
}
