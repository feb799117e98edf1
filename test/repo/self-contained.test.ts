// A clone of gwsim alone must pass its own tests: nothing in src/, test/, bench/ or tools/ may name the team's shared
// folder beside the repo, and every reference file a test reads must be in reference/ and cited in its README.
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCE_DIR } from '../reference-files.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SCANNED = ['src', 'test', 'bench', 'tools'];
// Built from parts so this file does not name them itself.
const NEEDLES = [['..', 'shared'].join('/'), ['..', 'shared'].join('\\'), ['', 'work', 'shared'].join('/')];

/** Every file under dir (relative to the repo, `/`-separated), or none when dir does not exist. */
function filesUnder(dir: string): string[] {
  const abs = join(REPO, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(REPO, join(e.parentPath, e.name)).split('\\').join('/'))
    .sort();
}

function namesShared(text: string): boolean {
  return NEEDLES.some((n) => text.includes(n));
}

/** The reference files a source names in `readReferenceJson(...)` or `referencePath(...)`, type arguments allowed. */
function referenceReads(text: string): string[] {
  return [...text.matchAll(/\b(?:readReferenceJson|referencePath)(?:<[^']*?>)?\(\s*'([^']+)'/g)].map((m) => m[1]!);
}

describe('the repository is self-contained', () => {
  it('the scan recognises a path into the shared folder', () => {
    expect(namesShared(`readFileSync('${NEEDLES[0]}/reference/x.json')`)).toBe(true);
    expect(namesShared(`resolve(root, '${NEEDLES[2]}/bench')`)).toBe(true);
    expect(namesShared("resolve(root, 'reference/x.json') // shared by two tests")).toBe(false);
  });

  it('no file in src/, test/, bench/ or tools/ names the shared folder', () => {
    const files = SCANNED.flatMap(filesUnder);
    for (const dir of ['src', 'test', 'bench']) expect(files.some((f) => f.startsWith(`${dir}/`))).toBe(true);
    const offenders = files.filter((f) => namesShared(readFileSync(join(REPO, f), 'latin1')));
    expect(offenders).toEqual([]);
  });

  it('the reader finds the file named after type arguments', () => {
    // The names are assembled so that this file's own text reads no reference file.
    const [json, path] = [['readReference', 'Json'].join(''), ['reference', 'Path'].join('')];
    const src = `const q = ${json}<{\n  rows: Array<{ c: number; w: number }>;\n}>('theory/q.json');`;
    expect(referenceReads(src)).toEqual(['theory/q.json']);
    expect(referenceReads(`export const P = ${path}('cases.json');`)).toEqual(['cases.json']);
    expect(referenceReads(`import { ${json} } from '../reference-files.js';`)).toEqual([]);
  });

  it('every reference file a test or bench reads is in reference/, cited in its README, and nothing else is there', () => {
    const readers = [...filesUnder('test'), ...filesUnder('bench')].filter((f) => /\.[cm]?ts$/.test(f));
    const read = [...new Set(readers.flatMap((f) => referenceReads(readFileSync(join(REPO, f), 'utf8'))))].sort();
    expect(read.length).toBeGreaterThan(0);
    for (const file of read) expect(existsSync(join(REFERENCE_DIR, file)), file).toBe(true);
    const readme = readFileSync(join(REFERENCE_DIR, 'README.md'), 'utf8');
    for (const file of read) expect(readme.includes(`\`${file}\``), `README cites ${file}`).toBe(true);
    const held = filesUnder('reference')
      .map((f) => f.slice('reference/'.length))
      .filter((f) => f !== 'README.md');
    expect(held).toEqual(read);
  });
});
