import { describe, expect, it } from 'vitest';
import { LineCounter, parseAllDocuments, parseDocument } from 'yaml';
import { firstDuplicateKey } from '../../../src/models/k8s/yaml-unique-keys.js';

/** Line:column of the first duplicate key, or undefined. */
function duplicateAt(text: string): string | undefined {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: false });
  const key = firstDuplicateKey(doc);
  if (key === undefined) return undefined;
  const p = lc.linePos(key.range![0]);
  return `${p.line}:${p.col}`;
}

/** Where the yaml package's own (quadratic) check puts it, for comparison. */
function yamlPackageAt(text: string): string | undefined {
  const lc = new LineCounter();
  const [doc] = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: true }) as ReturnType<typeof parseDocument>[];
  const err = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
  if (err === undefined) return undefined;
  const p = lc.linePos(err.pos[0]);
  return `${p.line}:${p.col}`;
}

describe('firstDuplicateKey', () => {
  const cases: Array<[string, string]> = [
    ['top level', 'a: 1\nb: 2\na: 3\n'],
    ['nested map', 'spec:\n  x: 1\n  y: 2\n  x: 3\n'],
    ['in a sequence item', 'items:\n- a: 1\n  a: 2\n'],
    ['flow map', 'm: {a: 1, b: 2, a: 3}\n'],
    ['quoted and plain are the same string', 'a: 1\n"a": 2\n'],
    ['number and string differ', '1: a\n"1": b\n'],
    ['two duplicates: the earlier one wins', 'outer:\n  b: 1\n  b: 2\na: 1\na: 2\n'],
    ['no duplicate', 'a: 1\nb:\n  a: 2\n'],
  ];
  for (const [name, text] of cases) {
    it(`finds what the yaml package finds: ${name}`, () => {
      expect(duplicateAt(text)).toBe(yamlPackageAt(text));
    });
  }

  it('finds repeated empty (null) keys, as the yaml package does', () => {
    expect(duplicateAt('? \n: 1\n? \n: 2\n')).toBeDefined();
    expect(yamlPackageAt('? \n: 1\n? \n: 2\n')).toBeDefined();
  });

  // 100 000 keys: ~5e9 key comparisons for the yaml package's own check (minutes); one Set pass here.
  it('answers for a mapping of 100 000 keys', () => {
    const keys = Array.from({ length: 100_000 }, (_, i) => `k${i}: v`);
    expect(duplicateAt(keys.join('\n'))).toBeUndefined();
    expect(duplicateAt([...keys, 'k12345: again'].join('\n'))).toBe('100001:1');
  });
});
