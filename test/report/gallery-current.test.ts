// CI's check that the committed gallery (reports/) is what `npm run reports` makes from the current code: regenerate
// into a temporary directory and compare file by file. Skips while reports/ has never been generated.
import { describe, it, expect } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const REPORTS = resolve('reports');
const present = existsSync(join(REPORTS, 'README.md'));
if (!present)
  console.warn(
    'gallery check skipped: reports/README.md does not exist yet (generate it with `npm run reports` and commit reports/)',
  );

function walk(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((d) => (d.isDirectory() ? walk(join(dir, d.name), `${prefix}${d.name}/`) : [`${prefix}${d.name}`]))
    .sort();
}

describe.skipIf(!present)('reports/ gallery', () => {
  it('is current: a fresh regeneration gives the same files, byte for byte (else run npm run reports)', async () => {
    const { buildGallery } = await import('../../src/cli/gallery-catalog.js');
    const fresh = mkdtempSync(join(tmpdir(), 'gwsim-gallery-'));
    await buildGallery(fresh);
    const committed = walk(REPORTS);
    const regenerated = walk(fresh);
    expect(committed, 'the set of files in reports/ differs from a regeneration: run npm run reports').toEqual(
      regenerated,
    );
    const stale = regenerated.filter((f) => !readFileSync(join(fresh, f)).equals(readFileSync(join(REPORTS, f))));
    expect(stale, 'these files in reports/ are stale: run npm run reports and commit reports/').toEqual([]);
  });
});
