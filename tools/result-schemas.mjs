// Writes schema/*.schema.json, the JSON Schemas of gwsim's results, from the TypeScript types the code uses (one source):
// RunResult (run --json, result.json), SweepLine (a line of sweep.jsonl) and SweepReport (sweep-report.json).
// Run: npm run schema (a test fails when a committed schema differs from what this writes).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGenerator } from 'ts-json-schema-generator';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Bump when a field is renamed or removed, or changes type (adding a field keeps the version). */
export const SCHEMA_VERSION = 1;

const SCHEMAS = [
  {
    file: 'run-result.schema.json',
    path: 'src/scenarios/run/run-result.ts',
    type: 'RunResult',
    title: 'gwsim RunResult',
    description:
      'The result of one scenario run: the `gwsim run --json` contract and the input of `gwsim report`. Generated from src/scenarios/run/run-result.ts. Fields may be added; none are renamed or removed within a schemaVersion.',
  },
  {
    file: 'sweep-line.schema.json',
    path: 'src/scenarios/sweep/sweep-line.ts',
    type: 'SweepLine',
    title: 'gwsim SweepLine',
    description:
      'One run of a sweep: a line of sweep.jsonl (and a row of sweep.csv). Generated from src/scenarios/sweep/sweep-line.ts.',
  },
  {
    file: 'sweep-report.schema.json',
    path: 'src/scenarios/sweep/sweep-report.ts',
    type: 'SweepReport',
    title: 'gwsim SweepReport',
    description: 'A sweep summarised: sweep-report.json. Generated from src/scenarios/sweep/sweep-report.ts.',
  },
];

/** Each schema's file name and text. */
export function resultSchemas() {
  return SCHEMAS.map((s) => {
    const generator = createGenerator({
      path: join(root, s.path),
      tsconfig: join(root, 'tsconfig.json'),
      type: s.type,
      expose: 'export',
      topRef: false,
      jsDoc: 'extended',
      skipTypeCheck: true,
      // Readers accept fields a later gwsim adds (the contract extends, never renames).
      additionalProperties: true,
    });
    const { $schema: _draft, ...body } = generator.createSchema(s.type);
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `https://gwsim.dev/schema/${s.file.replace('.schema.json', '')}/v${SCHEMA_VERSION}.json`,
      schemaVersion: SCHEMA_VERSION,
      title: s.title,
      description: s.description,
      ...body,
    };
    // draft-07 `definitions` -> draft 2020-12 `$defs`.
    const text = JSON.stringify(schema, null, 2)
      .replaceAll('"definitions":', '"$defs":')
      .replaceAll('#/definitions/', '#/$defs/');
    return { file: s.file, text: text + '\n' };
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { file, text } of resultSchemas()) writeFileSync(join(root, 'schema', file), text);
}
