// The model folders' layering (eslint.config.js) catches a sideways import, and lets an allowed one through.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('model layering', () => {
  it('keeps clients out of the Gateway API model', async () => {
    const msgs = await restricted(
      "import type { RouteEntry } from '../gatewayapi/gateway-config.js';\nexport type X = RouteEntry;\n",
      'src/models/clients/probe.ts',
    );
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toContain('src/models/clients may not import src/models/gatewayapi');
  });

  it('lets the proxy read the translated route table', async () => {
    const msgs = await restricted(
      "import type { RouteEntry } from '../../gatewayapi/gateway-config.js';\nexport type X = RouteEntry;\n",
      'src/models/envoy/proxy/probe.ts',
    );
    expect(msgs).toEqual([]);
  });

  it('still forbids a model importing the wiring above it', async () => {
    const msgs = await restricted(
      "import type { World } from '../../scenarios/wiring/world.js';\nexport type X = World;\n",
      'src/models/backend/probe.ts',
    );
    expect(msgs.some((m) => m.includes('may not import src/scenarios'))).toBe(true);
  });
});
