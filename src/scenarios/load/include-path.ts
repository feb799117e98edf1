// Where `apply: {file: ...}` points: resolved against the scenario file's directory and confined to a root (by
// default that directory), so a scenario cannot read files outside its own tree. String logic only, no file system.
import { InputError } from '../../sim/input-error.js';

const ALLOWED = 'a relative path with "/" separators inside the scenario\'s directory, e.g. manifests/backend.yaml';

/**
 * Joins `relative` to the directory of `scenarioFile` and checks the result stays inside `root` (default: that
 * directory). Returns the normalised path, which the caller's reader receives. Symbolic links are the reader's
 * business: this sees names only. Throws InputError (no file/line: the caller adds them).
 */
export function resolveIncludePath(scenarioFile: string, relative: string, root?: string): string {
  if (relative.includes('\0')) throw new InputError('path contains a NUL character', {}, ALLOWED);
  if (relative.includes('\\')) throw new InputError(`path ${JSON.stringify(relative)} uses "\\"`, {}, ALLOWED);
  if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative) || /^[a-z][a-z0-9+.-]*:\/\//i.test(relative)) {
    throw new InputError(`path ${JSON.stringify(relative)} is absolute`, {}, ALLOWED);
  }
  const dir = dirname(scenarioFile);
  const joined = normalize(`${dir}/${relative}`);
  const base = normalize(root ?? dir);
  if (!isInside(joined, base))
    throw new InputError(`path ${JSON.stringify(relative)} leaves the scenario's directory (${base})`, {}, ALLOWED);
  if (joined === base)
    throw new InputError(`path ${JSON.stringify(relative)} names the directory itself, not a file`, {}, ALLOWED);
  return joined;
}

/** True when normalised `path` is `base` or below it (both relative to the same place, or both absolute). */
export function isInside(path: string, base: string): boolean {
  if (path.startsWith('/') !== base.startsWith('/')) return false;
  if (base === '.' || base === './') return path !== '..' && !path.startsWith('../');
  const b = base.endsWith('/') ? base.slice(0, -1) : base;
  return path === b || path.startsWith(b + '/');
}

/** POSIX dirname, as node:path's posix.dirname for the paths used here (no trailing-slash subtleties needed). */
function dirname(path: string): string {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  if (i === 0) return '/';
  return p.slice(0, i).replace(/\/+$/, '') || '/';
}

/** POSIX normalize, as node:path's posix.normalize: '.' and empty segments dropped, '..' folded, a trailing '/' kept. */
function normalize(path: string): string {
  if (path === '') return '.';
  const absolute = path.startsWith('/');
  const trailing = path.endsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(seg);
  }
  let joined = out.join('/');
  if (joined === '' && !absolute) joined = '.';
  if (trailing && joined !== '' && joined !== '.') joined += '/';
  else if (trailing && joined === '.') joined = './';
  return absolute ? `/${joined}` : joined;
}
