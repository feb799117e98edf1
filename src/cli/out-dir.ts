// The one way gwsim writes a folder of outputs (--out): the folder is checked before any work, every file is created
// exclusively (O_EXCL) in a fresh staging folder with an unpredictable name inside it, and the staged entries are then
// renamed into place. rename(2) replaces a symbolic link planted at a target path instead of following it, so nothing
// outside --out is ever written. While the entries move, a marker file says the folder is half-written: a run killed
// at that moment leaves the marker, and `gwsim report` refuses such a folder (see assertComplete).
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { InputError } from '../sim/input-error.js';

/** Present in an output folder only while a run moves its files into place. */
export const INCOMPLETE_MARKER = '.gwsim-incomplete';
const STAGING_PREFIX = '.gwsim-staging-';
const OLD_PREFIX = '.gwsim-old-';

/** Kernel file systems: writing a report there is never what the user meant, and some writes have effects. */
const KERNEL_ROOTS = ['/proc', '/sys'];

const code = (e: unknown) => (e as NodeJS.ErrnoException).code ?? String(e);

/**
 * Checks --out before any work and creates it: not empty, not under /proc or /sys (after resolving links), not below a
 * file, and a directory if it exists. Returns the absolute path.
 */
export function prepareOutDir(dir: string, flag = '--out'): string {
  if (dir.trim() === '')
    throw new InputError('is empty', { file: flag }, 'a directory path gwsim may create and write');
  const abs = resolve(dir);
  // The nearest ancestor that exists, resolved through links: where the folder would really be created.
  let existing = abs;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  const real = realpathSync(existing);
  const kernel = KERNEL_ROOTS.find((r) => real === r || real.startsWith(r + sep));
  if (kernel !== undefined)
    throw new InputError(
      `${dir} is under ${kernel}, a kernel file system`,
      { file: flag },
      'a directory on a disk, e.g. --out reports/run1',
    );
  if (!statSync(existing).isDirectory())
    throw new InputError(
      existing === abs ? `${dir} is a file, not a directory` : `${dir} is below ${existing}, which is a file`,
      { file: flag },
      'a directory path gwsim may create and write',
    );
  try {
    mkdirSync(abs, { recursive: true });
  } catch (e) {
    throw new InputError(
      `cannot create output directory ${dir}: ${code(e)}`,
      { file: flag },
      'a directory path gwsim may create and write',
    );
  }
  return abs;
}

/**
 * The folder `name` directly inside outDir (run --all's one folder per scenario), checked before any run and created
 * when its run writes (`create`). A symbolic link there is refused, not followed: it would take the scenario's files
 * outside --out.
 */
export function prepareSubfolder(outDir: string, name: string, create: boolean, flag = '--out'): string {
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.startsWith('.gwsim-'))
    throw new InputError(`${JSON.stringify(name)} is not a folder name`, { file: flag }, 'a scenario name');
  const path = join(outDir, name);
  const st = lstatOrNull(path);
  if (st === null) {
    if (create) mkdirSync(path);
    return path;
  }
  if (st.isSymbolicLink())
    throw new InputError(
      `${path} is a symbolic link; gwsim writes each scenario's folder inside ${outDir} and follows no link out of it`,
      { file: flag },
      'remove the link, or give another --out',
    );
  if (!st.isDirectory())
    throw new InputError(`${path} is a file, not a directory`, { file: flag }, 'remove it, or give another --out');
  return path;
}

/** Refuses a result in a folder a stopped run left half-written (the marker is there). */
export function assertComplete(resultFile: string): void {
  if (existsSync(join(dirname(resultFile), INCOMPLETE_MARKER)))
    throw new InputError(
      `its folder was left half-written by a gwsim run that was stopped while moving its files into place ` +
        `(${INCOMPLETE_MARKER} is there)`,
      { file: resultFile },
      'the result of a run that finished: run it again with --out',
    );
}

/** A relative output path: '/'-separated, no empty, `.` or `..` segment, no NUL. */
function segments(rel: string, outDir: string): string[] {
  const parts = rel.split('/');
  if (rel.includes('\0') || rel.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..'))
    throw new InputError(
      `${JSON.stringify(rel)} is not a path inside the output directory`,
      { file: outDir, field: 'path' },
      'a relative path without . or .. segments',
    );
  return parts;
}

/** Files staged for one output folder; nothing in the folder changes until commit(). */
export class OutStaging {
  private readonly staging: string;
  private readonly entries = new Set<string>();

  constructor(private readonly outDir: string) {
    removeAbandoned(outDir);
    // mkdtemp creates the folder exclusively under a random name: no one can have planted anything in it.
    this.staging = mkdtempSync(join(outDir, `${STAGING_PREFIX}${process.pid}-`));
  }

  /** Stages `rel` (a '/'-separated path) with its content; each file is created with O_EXCL. */
  write(rel: string, content: string | Uint8Array): void {
    const parts = segments(rel, this.outDir);
    let dir = this.staging;
    for (const p of parts.slice(0, -1)) {
      dir = join(dir, p);
      if (!existsSync(dir)) mkdirSync(dir);
    }
    writeFileSync(join(dir, parts[parts.length - 1]), content, { flag: 'wx' });
    this.entries.add(parts[0]);
  }

  /** Moves the staged entries into the folder, replacing what is there (links included, never followed). */
  commit(): void {
    const marker = join(this.staging, INCOMPLETE_MARKER);
    writeFileSync(marker, 'a gwsim run is moving its files into this folder\n', { flag: 'wx' });
    renameSync(marker, join(this.outDir, INCOMPLETE_MARKER));
    const old = mkdtempSync(join(this.outDir, `${OLD_PREFIX}${process.pid}-`));
    // result.json last: once it is in place, everything it refers to is.
    const order = [...this.entries].sort((a, b) => Number(a === 'result.json') - Number(b === 'result.json'));
    for (const e of order) {
      const target = join(this.outDir, e);
      if (lstatOrNull(target) !== null) renameSync(target, join(old, e));
      renameSync(join(this.staging, e), target);
    }
    unlinkSync(join(this.outDir, INCOMPLETE_MARKER));
    // rm does not follow links: an old symlinked entry is removed as a link.
    rmSync(old, { recursive: true, force: true });
    rmSync(this.staging, { recursive: true, force: true });
  }

  /** Drops everything staged; the folder is as it was. */
  abort(): void {
    rmSync(this.staging, { recursive: true, force: true });
  }
}

function lstatOrNull(path: string) {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Staging and old folders a killed run left behind (their process is gone) are removed. */
function removeAbandoned(outDir: string): void {
  for (const name of readdirSync(outDir)) {
    const m = /^\.gwsim-(?:staging|old)-(\d+)-/.exec(name);
    if (m === null || alive(Number(m[1]))) continue;
    rmSync(join(outDir, name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return code(e) === 'EPERM';
  }
}

/** Writes one file into outDir through staging (gwsim run --out of a single result, the gallery's README). */
export function writeOneFile(outDir: string, rel: string, content: string): void {
  const s = new OutStaging(outDir);
  try {
    s.write(rel, content);
    s.commit();
  } catch (e) {
    s.abort();
    throw e;
  }
}
