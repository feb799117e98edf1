// The split a forwarding route rule asks for, as the proxy reports what it routed (metrics/split-tally.ts): one
// SplitRule per pushed route action (a push makes new actions, so a weight change is a new configuration), and
// which row a routed request counts on: its upstream host's backendRef, or an invalid backendRef's 500 share.
import type { RouteAction, RouteEntry } from '../../gatewayapi/gateway-config.js';
import type { SplitRule } from '../../metrics/split-tally.js';

type Forward = Extract<RouteAction, { type: 'forward' }>;

/** A rule's split with, per cluster ref (the valid backendRefs, in order), its row; and the invalid rows' weights. */
export interface RuleSplit {
  readonly rule: SplitRule;
  /** Row of the i-th valid backendRef (the cluster's locality i). */
  readonly rowOfRef: Int32Array;
  /** Invalid backendRefs: their rows and weights, in order (their share of requests is answered 500). */
  readonly invalidRows: Int32Array;
  readonly invalidWeights: Float64Array;
}

const cache = new WeakMap<Forward, RuleSplit | null>();

/** The split of a forwarding action (null with fewer than two backendRefs: nothing to compare). Built once per push. */
export function ruleSplit(entry: RouteEntry, action: Forward): RuleSplit | null {
  let s = cache.get(action);
  if (s !== undefined) return s;
  s = null;
  const bs = action.backends;
  if (bs.length >= 2) {
    // Envoy Gateway's fallback backendRefs (priority 1) get nothing while the others are healthy.
    const primary = bs.reduce((a, b) => a + (b.fallback ? 0 : b.weight), 0);
    const rule: SplitRule = {
      route: `${entry.routeKind}/${entry.namespace}/${entry.name} rule ${entry.ruleIndex}`,
      backends: bs.map((b) => ({
        backend: `${b.kind}/${b.namespace}/${b.name}${b.port !== null ? `:${b.port}` : ''}`,
        weight: b.weight,
        expectedShare: primary === 0 ? b.weight / action.totalWeight : b.fallback ? 0 : b.weight / primary,
        fallback: b.fallback,
      })),
    };
    const valid: number[] = [];
    const invalid: number[] = [];
    bs.forEach((b, i) => (b.valid ? valid : invalid).push(i));
    s = {
      rule,
      rowOfRef: Int32Array.from(valid),
      invalidRows: Int32Array.from(invalid),
      invalidWeights: Float64Array.from(invalid.map((i) => bs[i].weight)),
    };
  }
  cache.set(action, s);
  return s;
}

/** The invalid backendRef whose share a drawn value `r` (< the invalid weight) falls in, as its row. */
export function invalidRowAt(s: RuleSplit, r: number): number {
  let acc = 0;
  for (let i = 0; i < s.invalidRows.length; i++) {
    acc += s.invalidWeights[i];
    if (r < acc) return s.invalidRows[i];
  }
  return s.invalidRows[s.invalidRows.length - 1];
}
