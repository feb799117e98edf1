// Property: whatever document comes in, loading ends in a ResolvedScenario or an InputError, never anything else
// (no TypeError, no zod error, no hang). Inputs: random YAML-ish text, random JSON values, and mutations of a valid
// scenario (fields dropped, replaced by random values, or renamed).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { InputError } from '../../../src/sim/input-error.js';
import { loadScenario } from '../../../src/scenarios/load/load-scenario.js';

const valid = {
  apiVersion: 'gwsim.dev/v1alpha1',
  kind: 'Scenario',
  metadata: { name: 'p' },
  spec: {
    seed: 3,
    topology: {
      clusters: [{ name: 'a', platform: 'calico', nodes: ['n1', 'n2'] }],
      routers: [{ name: 'r', address: '10.0.0.1', asNumber: 64512 }],
      links: [{ between: ['n1', 'r'], rtt: '1ms' }],
    },
    gateway: { workers: 2 },
    backends: [{ selector: { app: 'x' }, serviceTime: { distribution: 'exponential', mean: '1ms' }, concurrency: 2 }],
    steps: [
      { apply: { yaml: 'kind: Namespace\n' } },
      { wait: '1s' },
      { curl: { name: 'c', count: 3, url: 'http://${gateway:g}/', header: { Host: 'h' }, output: 'pod' } },
      { load: { name: 'l', rate: 10, duration: '1s', url: 'http://10.0.0.2/', background: true } },
      { wait: { for: 'l' } },
      { fault: { node: 'n1', down: true } },
      { print: { podRequestCounts: { selector: { app: 'x' } } } },
    ],
    expect: [{ step: 'c', counts: { x: [0, 3] }, status: { 200: 3 }, lines: { count: 3 } }],
  },
};

function outcome(text: string): 'ok' | 'input-error' {
  try {
    loadScenario(text, { file: 'p.yaml', readFile: () => 'kind: Namespace\n' });
    return 'ok';
  } catch (e) {
    if (e instanceof InputError) return 'input-error';
    throw e;
  }
}

type Json = unknown;

/** Replaces, drops or renames the value at a random path of `doc`. */
function mutate(doc: Json, path: number[], action: number, replacement: Json): Json {
  if (doc === null || typeof doc !== 'object') return action === 0 ? replacement : doc;
  const entries = Array.isArray(doc)
    ? doc.map((v, i) => [String(i), v] as [string, Json])
    : Object.entries(doc as Record<string, Json>);
  if (entries.length === 0) return replacement;
  const i = (path[0] ?? 0) % entries.length;
  const rest = path.slice(1);
  const copy = entries.map(([k, v]) => [k, v] as [string, Json]);
  if (rest.length === 0 || copy[i][1] === null || typeof copy[i][1] !== 'object') {
    if (action === 0) copy[i][1] = replacement;
    else if (action === 1) copy.splice(i, 1);
    else copy[i][0] = copy[i][0] + 'x';
  } else copy[i][1] = mutate(copy[i][1], rest, action, replacement);
  return Array.isArray(doc) ? copy.map(([, v]) => v) : Object.fromEntries(copy);
}

describe('loadScenario on arbitrary input', () => {
  it('accepts the unmutated base document', () => {
    expect(outcome(stringify(valid))).toBe('ok');
  });

  it('gives a scenario or an InputError for mutated scenarios', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(20), { minLength: 1, maxLength: 6 }),
        fc.nat(2),
        fc.jsonValue({ maxDepth: 2 }),
        (path, action, replacement) => {
          const doc = mutate(valid, path, action, replacement);
          expect(['ok', 'input-error']).toContain(outcome(stringify(doc)));
        },
      ),
      { seed: 42, numRuns: 400 },
    );
  });

  it('gives a scenario or an InputError for random JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        expect(['ok', 'input-error']).toContain(outcome(stringify(v)));
      }),
      { seed: 42, numRuns: 200 },
    );
  });

  it('gives a scenario or an InputError for random text', () => {
    const yamlish = fc.stringMatching(/^[a-z:\-{}[\]&*!|>'"#\n %@`,.0-9]{0,80}$/);
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 120 }), yamlish), (text) => {
        expect(['ok', 'input-error']).toContain(outcome(text));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
