import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { FIXTURES, loadFixture } from './fixtures.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/run-result.schema.json', import.meta.url), 'utf8'));
// schemaVersion is gwsim's annotation on the schema document (tools/result-schemas.mjs), not a JSON Schema keyword.
const validate = new Ajv2020({ allErrors: true, strict: true }).addKeyword('schemaVersion').compile(schema);

describe('schema/run-result.schema.json', () => {
  it('is a valid draft 2020-12 schema and accepts every fixture', () => {
    for (const name of FIXTURES) {
      const ok = validate(loadFixture(name));
      expect(validate.errors ?? [], name).toEqual([]);
      expect(ok).toBe(true);
    }
  });
  it('rejects a missing field, a wrong type and an unknown status class', () => {
    const a = loadFixture('round-robin') as unknown as Record<string, unknown>;
    delete a.traceHash;
    expect(validate(a)).toBe(false);
    const b = loadFixture('round-robin');
    (b.steps[8] as unknown as Record<string, unknown>).requests = '100';
    expect(validate(b)).toBe(false);
    expect(validate.errors?.[0].instancePath).toBe('/steps/8/requests');
    const c = loadFixture('round-robin');
    c.series[0].byClass = { '6xx': 1 };
    expect(validate(c)).toBe(false);
  });
  it('allows extra fields on timeline events (models add their own)', () => {
    const r = loadFixture('ha-failover');
    r.timeline.push({ t: 70, kind: 'l2.leaseAcquired', lease: 'cilium-l2announce-default-echo', holder: 'worker2' });
    expect(validate(r)).toBe(true);
  });
});
