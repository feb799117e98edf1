// The CLI's only doors to the outside: stdout/stderr writers, whether stdout takes colour, and file reads with input
// errors.
import { readFileSync, statSync } from 'node:fs';
import { InputError } from '../sim/input-error.js';
import { wantsColour } from './colour.js';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** Colour stdout's text reports (see colour.ts: FORCE_COLOR, NO_COLOR, a colour terminal). */
  color: boolean;
}

/**
 * A reader that goes away (`gwsim run --all --json | head`) is not an error of ours: without a handler Node throws the
 * EPIPE as an unhandled 'error' event with a stack trace. Ignore it, drop later writes to that stream, and let the
 * command finish (so --out files are still written whole).
 */
const closed = new Set<NodeJS.WriteStream>();
function writer(stream: NodeJS.WriteStream): (text: string) => void {
  let watching = false;
  return (text) => {
    if (!watching) {
      watching = true;
      stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') throw e;
        closed.add(stream);
      });
    }
    if (!closed.has(stream)) stream.write(text);
  };
}

export const processIo: Io = {
  out: writer(process.stdout),
  err: writer(process.stderr),
  color: wantsColour(process.stdout, process.env),
};

/** Largest input file gwsim reads (manifests, scenarios): bigger is almost surely not what the user meant. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** Reads a UTF-8 text file or throws an InputError naming it. */
export function readTextFile(path: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError('is a directory, expected a file', { file: path });
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InputError(`cannot read file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, { file: path });
  }
  if (size > MAX_INPUT_BYTES)
    throw new InputError(
      `file is ${size} bytes, more than the ${MAX_INPUT_BYTES}-byte limit for manifests and scenarios`,
      { file: path },
    );
  const buf = readFileSync(path);
  if (buf.includes(0))
    throw new InputError('is a binary file (it contains NUL bytes), expected YAML text', { file: path });
  return buf.toString('utf8');
}
