// Match precedence among the candidate route entries of one virtual host (apis/v1/httproute_types.go HTTPRouteRule.Matches),
// with Envoy Gateway's choices where the spec leaves it open (internal/gatewayapi/sort.go): path type Exact > RegularExpression >
// PathPrefix; longer path value (a "/" prefix counts 0); a method; more header matches; more exact-valued header matches (EG);
// more query matches; older route (creationTimestamp, whole seconds as the API server stores it); namespace/name; rule index;
// match index. Sorting is O(n log n) once per translation.
import type { RouteEntry } from './gateway-config.js';
import { PATH_EXACT, PATH_PREFIX, PATH_REGEX } from './compiled-match.js';

interface Key {
  label: string;
  value: (e: RouteEntry) => number | string;
  /** 'asc': smaller wins. */
  order: 'asc' | 'desc';
  describe: (winner: RouteEntry, loser: RouteEntry) => string;
}

const pathTypeName = (k: number) =>
  k === PATH_EXACT ? 'Exact' : k === PATH_REGEX ? 'RegularExpression' : 'PathPrefix';
const seconds = (e: RouteEntry) => Math.floor(e.creationTimestampNs / 1e9);
const qualified = (e: RouteEntry) => `${e.namespace}/${e.name}`;

export const PRECEDENCE: readonly Key[] = [
  {
    label: 'path type',
    value: (e) => e.compiled?.pathKind ?? PATH_PREFIX,
    order: 'asc',
    describe: (w, l) =>
      `an ${pathTypeName(w.compiled!.pathKind)} path beats a ${pathTypeName(l.compiled!.pathKind)} path`,
  },
  {
    label: 'path length',
    value: (e) => e.compiled?.pathValue.length ?? 0,
    order: 'desc',
    describe: (w, l) => `the longer path "${w.match?.path.value}" beats "${l.match?.path.value}"`,
  },
  {
    label: 'method',
    value: (e) => (e.compiled?.method ? 1 : 0),
    order: 'desc',
    describe: (w) => `a match on method ${w.compiled!.method} beats one without a method`,
  },
  {
    label: 'headers',
    value: (e) => e.compiled?.headerNames.length ?? 0,
    order: 'desc',
    describe: (w, l) => `${w.compiled!.headerNames.length} header matches beat ${l.compiled?.headerNames.length ?? 0}`,
  },
  {
    label: 'exact headers',
    value: (e) => e.compiled?.headerRegex.filter((r) => r === null).length ?? 0,
    order: 'desc',
    describe: () => 'exact header values beat regular expressions (Envoy Gateway)',
  },
  {
    label: 'query params',
    value: (e) => e.compiled?.queryNames.length ?? 0,
    order: 'desc',
    describe: (w, l) =>
      `${w.compiled!.queryNames.length} query parameter matches beat ${l.compiled?.queryNames.length ?? 0}`,
  },
  {
    label: 'age',
    value: seconds,
    order: 'asc',
    describe: (w, l) => `${w.routeKind} ${qualified(w)} was created before ${qualified(l)}`,
  },
  {
    label: 'name',
    value: qualified,
    order: 'asc',
    describe: (w, l) => `"${qualified(w)}" sorts before "${qualified(l)}" (same creation time)`,
  },
  {
    label: 'rule',
    value: (e) => e.ruleIndex,
    order: 'asc',
    describe: (w, l) => `rule ${w.ruleIndex} comes before rule ${l.ruleIndex} in the route`,
  },
  {
    label: 'match',
    value: (e) => e.matchIndex,
    order: 'asc',
    describe: (w, l) => `match ${w.matchIndex} comes before match ${l.matchIndex} in the rule`,
  },
];

export function comparePrecedence(a: RouteEntry, b: RouteEntry): number {
  for (const k of PRECEDENCE) {
    const va = k.value(a);
    const vb = k.value(b);
    if (va === vb) continue;
    const less = va < vb ? -1 : 1;
    return k.order === 'asc' ? less : -less;
  }
  return 0;
}

/** The criterion that put `winner` ahead of `loser`, in plain words. */
export function whyBefore(winner: RouteEntry, loser: RouteEntry): string {
  for (const k of PRECEDENCE) if (k.value(winner) !== k.value(loser)) return k.describe(winner, loser);
  return 'they are equal in every criterion';
}
