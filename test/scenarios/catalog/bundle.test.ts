// The embedded catalog (src/scenarios/catalog/bundle.generated.ts) must hold exactly the YAML files of the catalog
// folder. `npx vitest run test/scenarios/catalog/bundle.test.ts --update` rewrites it after a YAML change.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
export const CATALOG_DIR = join(here, '../../../src/scenarios/catalog');

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return yamlFiles(p);
    return e.name.endsWith('.yaml') ? [p] : [];
  });
}

function bundleSource(): string {
  const files = yamlFiles(CATALOG_DIR)
    .map((p) => relative(CATALOG_DIR, p).split('\\').join('/'))
    .sort();
  const lines = [
    '// GENERATED from the YAML files in this folder by test/scenarios/catalog/bundle.test.ts; do not edit.',
    '// Regenerate with `npx vitest run test/scenarios/catalog/bundle.test.ts --update` after changing a catalog file.',
    '',
    '/** Catalog files by path relative to src/scenarios/catalog. */',
    'export const CATALOG_FILES: Readonly<Record<string, string>> = {',
    ...files.map((f) => `  ${JSON.stringify(f)}: ${JSON.stringify(readFileSync(join(CATALOG_DIR, f), 'utf8'))},`),
    '};',
    '',
  ];
  return lines.join('\n');
}

describe('catalog bundle', () => {
  it('embeds exactly the catalog YAML files', async () => {
    await expect(bundleSource()).toMatchFileSnapshot('../../../src/scenarios/catalog/bundle.generated.ts');
  });
});
