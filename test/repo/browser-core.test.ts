// The core (src/sim, src/models, src/scenarios, src/report) runs in the browser playground: the lint refuses Node's
// built-in modules there, bare or node:-prefixed, and Node globals such as Buffer; src/cli may still use them.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function messages(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-globals')
    .map((m) => m.message);
}

describe('a browser-portable core', () => {
  for (const file of [
    'src/sim/probe.ts',
    'src/models/envoy/proxy/probe.ts',
    'src/models/http/probe.ts',
    'src/scenarios/run/probe.ts',
    'src/report/text/probe.ts',
  ])
    it(`${file} may not import node:crypto, path or node:url`, async () => {
      for (const spec of ['node:crypto', 'path', 'node:url', 'node:fs']) {
        const msgs = await messages(`import * as m from '${spec}';\nexport const x = m;\n`, file);
        expect(msgs.length, `${spec} in ${file}`).toBeGreaterThan(0);
      }
    });

  it('refuses the Buffer global in the core but not in src/cli', async () => {
    const code = "export const b = Buffer.from('x');\n";
    expect(await messages(code, 'src/models/gatewayapi/probe.ts')).toHaveLength(1);
    expect(await messages(code, 'src/cli/probe.ts')).toEqual([]);
    expect(
      await messages("import { createHash } from 'node:crypto';\nexport const h = createHash;\n", 'src/cli/probe.ts'),
    ).toEqual([]);
  });
});
