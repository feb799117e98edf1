// Runs every Gateway API conformance test of the HTTPRoute/TLSRoute/Gateway/ReferenceGrant family, as
// tools/conformance-extract wrote the suite (test/conformance), through loadManifests -> ObjectStore -> translate ->
// matchRequest; prints `passed / in scope / out of scope with reason` and checks docs/conformance.md says the same.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  IN_FAMILY,
  OutOfScope,
  manifestObjects,
  readIndex,
  readTest,
  runTest,
  setupObjects,
  type Check,
} from './conformance-harness.js';
import { KNOWN_GAPS } from './conformance-gaps.js';

const index = readIndex();
const base = [...manifestObjects(index.baseManifests), ...setupObjects(index)];
const family = index.tests.filter((n) => IN_FAMILY.test(n));
const DOC = fileURLToPath(new URL('../../../docs/conformance.md', import.meta.url));

interface Verdict {
  name: string;
  features: string[];
  outOfScope: string | null;
  checks: Check[];
}

const verdicts: Verdict[] = family.map((name) => {
  const t = readTest(name);
  try {
    const checks = runTest(t, base);
    return { name, features: t.features, outOfScope: KNOWN_GAPS[name] ?? null, checks };
  } catch (e) {
    if (e instanceof OutOfScope) return { name, features: t.features, outOfScope: e.message, checks: [] };
    throw e;
  }
});

const inScope = verdicts.filter((v) => v.outOfScope === null);
const outOfScope = verdicts.filter((v) => v.outOfScope !== null);

describe(`Gateway API conformance ${index.version}`, () => {
  for (const v of inScope) {
    it(v.name, () => {
      expect(v.checks.length, 'the test makes at least one check').toBeGreaterThan(0);
      const failed = v.checks
        .filter((c) => c.problem !== null)
        .map((c) => `${c.step.call}@${c.step.line}: ${c.problem}`);
      expect(failed.join('\n')).toBe('');
    });
  }

  // A known gap stays listed only while it still fails: a fix that makes it pass must move it in scope.
  for (const [name, reason] of Object.entries(KNOWN_GAPS)) {
    it(`${name} still fails (${reason})`, () => {
      const v = verdicts.find((x) => x.name === name);
      expect(v, `${name} is a registered test of the family`).toBeDefined();
      expect(v!.checks.some((c) => c.problem !== null)).toBe(true);
    });
  }

  it('reports its counts, and docs/conformance.md says the same', () => {
    const passed = inScope.filter((v) => v.checks.every((c) => c.problem === null)).length;
    const doc = renderDoc(passed);
    console.log(
      `conformance ${index.version}: ${passed} passed / ${inScope.length} in scope / ${outOfScope.length} out of scope with reason`,
    );
    if (process.env.GWSIM_WRITE_CONFORMANCE_DOC === '1') writeFileSync(DOC, doc);
    expect(readFileSync(DOC, 'utf8'), 'regenerate with GWSIM_WRITE_CONFORMANCE_DOC=1').toBe(doc);
  });
});

function renderDoc(passed: number): string {
  const others = index.tests.filter((n) => !IN_FAMILY.test(n));
  const lines = [
    '# Gateway API conformance',
    '',
    `gwsim runs the Gateway API conformance suite (\`${index.module}\` ${index.version}) as data: ` +
      '`tools/conformance-extract` (a Go program over the same module) writes the registered tests, their embedded ' +
      'manifests and each test\u2019s helper calls with their expected requests and responses into `test/conformance/`, ' +
      'and `test/models/gatewayapi/conformance.test.ts` runs them through the control plane (loadManifests, ObjectStore, ' +
      'translate) and route matching. `npm test` re-runs the extractor when Go is installed and checks that its output ' +
      'equals the committed data. Regenerate the data with `cd tools/conformance-extract && go run . -out ../../test/conformance`, ' +
      'and this page with `GWSIM_WRITE_CONFORMANCE_DOC=1 npx vitest run test/models/gatewayapi/conformance.test.ts`.',
    '',
    `The tests of this run are the ${family.length} registered tests named for HTTPRoute, TLSRoute, Gateway (not ` +
      'GatewayClass) and ReferenceGrant. A test is in scope when gwsim loads its manifests and the harness interprets ' +
      'every step; every in-scope test must pass. (Issue 18 counted 95 such tests; the v1.6.3 registry has ' +
      `${family.length} by this rule: the GRPCRoute, TCPRoute, UDPRoute, ListenerSet, BackendTLSPolicy and GatewayClass ` +
      'tests are other families.)',
    '',
    `**${passed} passed / ${inScope.length} in scope / ${outOfScope.length} out of scope with reason**`,
    '',
    '## Passed',
    '',
    ...inScope.map((v) => `- ${v.name}`),
    '',
    '## Out of scope, with the reason',
    '',
    '| test | features | reason |',
    '| --- | --- | --- |',
    ...outOfScope.map((v) => `| ${v.name} | ${v.features.join(', ')} | ${v.outOfScope!.replace(/\|/g, '\\|')} |`),
    '',
    `## Not in this run (${others.length} registered tests of other families)`,
    '',
    others.join(', '),
    '',
  ];
  return lines.join('\n');
}
