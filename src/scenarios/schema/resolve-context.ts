// What `resolveScenario` needs from its caller: where the document came from (for messages), how to map a field path
// to a line, and how to read an included manifest. No IO here: the caller supplies the functions.
import { InputError } from '../../sim/input-error.js';

export type DocPath = ReadonlyArray<string | number>;

/** Maps a field path of the parsed document to a position in its file. */
export interface SourceMap {
  /** 1-based line and column of the node at `path` (or of its deepest existing parent); undefined if unknown. */
  position(path: DocPath): { line: number; column: number } | undefined;
  /** First line of a string's content: the line after `|`/`>` for block scalars, the node's line otherwise. */
  contentLine(path: DocPath): number;
}

export interface ResolveContext {
  /** The scenario file as the user named it. */
  file: string;
  /**
   * Reads `apply.file`/`delete.file` (as written, relative to the scenario file); returns the display path and text.
   * Throws InputError when the path escapes the scenario's directory or cannot be read.
   */
  readManifest(relative: string): { file: string; text: string };
  source?: SourceMap;
}

/** `spec.steps[2].curl.url` from `['spec', 'steps', 2, 'curl', 'url']`. */
export function formatPath(path: DocPath): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s === '' ? p : `.${p}`;
  return s;
}

/** An InputError for the field at `path`, with its line when the source map knows it. */
export function errorAt(ctx: Pick<ResolveContext, 'file' | 'source'>, path: DocPath, problem: string, allowed?: string): InputError {
  const pos = ctx.source?.position(path);
  return new InputError(problem, { file: ctx.file, line: pos?.line, column: pos?.column, field: formatPath(path) || undefined }, allowed);
}
