// Duplicate mapping keys in a parsed YAML document, found in one pass. The manifest and scenario loaders parse with the
// yaml package's own check off: it compares each key with every earlier key of its mapping (quadratic: a 40 000-key
// ConfigMap took 6 s, 500 000 keys minutes), and a mapping's keys go through a Set here instead.
import { isMap, isScalar, visit, type Document, type Node } from 'yaml';

/**
 * The first key (in document order) that repeats an earlier key of the same mapping, or undefined. Keys are equal as the
 * yaml package's `uniqueKeys: true` compares them: scalars by value (so `1` and `"1"` differ), other keys by identity.
 */
export function firstDuplicateKey(doc: Document): Node | undefined {
  let found: Node | undefined;
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return undefined;
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key;
        const value = isScalar(key) ? key.value : key;
        // NaN keys (`.nan`) are never equal under ===, as in the yaml package.
        if (typeof value === 'number' && Number.isNaN(value)) continue;
        if (seen.has(value)) {
          if (found === undefined || rangeStart(key as Node) < rangeStart(found)) found = key as Node;
          break;
        }
        seen.add(value);
      }
      return undefined;
    },
  });
  return found;
}

function rangeStart(node: Node): number {
  return node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
}
