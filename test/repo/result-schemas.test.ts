// schema/*.schema.json are generated from the result types (tools/result-schemas.mjs, `npm run schema`): the committed
// files must be exactly what the types give now, and each carries its schemaVersion.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
// @ts-expect-error: a plain .mjs tool without declarations
import { resultSchemas, SCHEMA_VERSION } from '../../tools/result-schemas.mjs';

const generated = (resultSchemas as () => Array<{ file: string; text: string }>)();

describe('schema/ generated from the code', () => {
  it.each(generated.map((g) => [g.file, g.text]))('%s is up to date (npm run schema)', (file, text) => {
    const committed = readFileSync(new URL(`../../schema/${file}`, import.meta.url), 'utf8');
    expect(committed).toBe(text);
    expect(JSON.parse(committed).schemaVersion).toBe(SCHEMA_VERSION);
  });
}, 60_000);
