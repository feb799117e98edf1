// HTTPRouteMatch compiled once at translation time into flat arrays and anchored RegExps, so matching a request allocates
// nothing. Rules (apis/v1/httproute_types.go): path AND headers AND query params AND method; Exact is case-sensitive;
// PathPrefix is element-wise (Envoy Gateway emits Envoy's path_separated_prefix); header names case-insensitive, first
// listed duplicate wins; query names case-sensitive and the request's first value counts; regexes are full-string matches
// (Envoy safe_regex / RE2; JS RegExp stands in, and patterns JS cannot compile make the rule unsupported).
import type { HttpRouteMatch } from '../k8s/schemas-gateway-api.js';

export const PATH_EXACT = 0;
export const PATH_REGEX = 1;
export const PATH_PREFIX = 2;

export interface HttpRequestView {
  method: string;
  /** Path without the query string, as sent. */
  path: string;
  /** Raw query string without `?` ('' when none). */
  query: string;
  /** Request headers keyed by lower-case name. */
  headers: ReadonlyMap<string, string>;
}

export class CompiledMatch {
  readonly pathKind: number;
  /** Exact value, or prefix with any trailing '/' removed ('' for "/"). */
  readonly pathValue: string;
  readonly pathRegex: RegExp | null;
  readonly method: string | null;
  readonly headerNames: readonly string[];
  readonly headerValues: readonly string[];
  readonly headerRegex: readonly (RegExp | null)[];
  readonly queryNames: readonly string[];
  readonly queryValues: readonly string[];
  readonly queryRegex: readonly (RegExp | null)[];

  /** Throws SyntaxError for a regex JS cannot compile; translate turns it into route status. */
  constructor(m: HttpRouteMatch) {
    const t = m.path.type;
    this.pathKind = t === 'Exact' ? PATH_EXACT : t === 'RegularExpression' ? PATH_REGEX : PATH_PREFIX;
    this.pathValue = this.pathKind === PATH_PREFIX ? m.path.value.replace(/\/+$/, '') : m.path.value;
    this.pathRegex = this.pathKind === PATH_REGEX ? anchored(m.path.value) : null;
    this.method = m.method ?? null;
    const seenH = new Set<string>();
    const hn: string[] = [];
    const hv: string[] = [];
    const hr: (RegExp | null)[] = [];
    for (const h of m.headers) {
      const n = h.name.toLowerCase();
      if (seenH.has(n)) continue;
      seenH.add(n);
      hn.push(n);
      hv.push(h.value);
      hr.push(h.type === 'RegularExpression' ? anchored(h.value) : null);
    }
    this.headerNames = hn;
    this.headerValues = hv;
    this.headerRegex = hr;
    const seenQ = new Set<string>();
    const qn: string[] = [];
    const qv: string[] = [];
    const qr: (RegExp | null)[] = [];
    for (const q of m.queryParams) {
      if (seenQ.has(q.name)) continue;
      seenQ.add(q.name);
      qn.push(q.name);
      qv.push(q.value);
      qr.push(q.type === 'RegularExpression' ? anchored(q.value) : null);
    }
    this.queryNames = qn;
    this.queryValues = qv;
    this.queryRegex = qr;
  }

  matches(req: HttpRequestView): boolean {
    if (this.method !== null && req.method !== this.method) return false;
    const path = req.path;
    if (this.pathKind === PATH_EXACT) {
      if (path !== this.pathValue) return false;
    } else if (this.pathKind === PATH_PREFIX) {
      const p = this.pathValue;
      if (p.length > 0 && !(path.startsWith(p) && (path.length === p.length || path.charCodeAt(p.length) === 47)))
        return false;
    } else if (!(this.pathRegex as RegExp).test(path)) return false;
    for (let i = 0; i < this.headerNames.length; i++) {
      const v = req.headers.get(this.headerNames[i]);
      if (v === undefined) return false;
      const re = this.headerRegex[i];
      if (re === null ? v !== this.headerValues[i] : !re.test(v)) return false;
    }
    for (let i = 0; i < this.queryNames.length; i++) {
      if (!queryMatches(req.query, this.queryNames[i], this.queryValues[i], this.queryRegex[i])) return false;
    }
    return true;
  }
}

function anchored(source: string): RegExp {
  return new RegExp(`^(?:${source})$`);
}

/** First `name=value` pair of a raw query string, compared in place; percent-decoding (and its allocation) only when '%' is present. */
export function queryMatches(query: string, name: string, value: string, re: RegExp | null): boolean {
  const qlen = query.length;
  let start = 0;
  while (start <= qlen && qlen > 0) {
    let end = query.indexOf('&', start);
    if (end < 0) end = qlen;
    const nameEnd = start + name.length;
    if (query.startsWith(name, start) && (nameEnd === end || query.charCodeAt(nameEnd) === 61)) {
      const vs = nameEnd === end ? end : nameEnd + 1;
      const pct = query.indexOf('%', vs);
      if (re === null && (pct < 0 || pct >= end)) {
        return end - vs === value.length && query.startsWith(value, vs);
      }
      const raw = query.slice(vs, end);
      let decoded = raw;
      if (raw.includes('%')) {
        try {
          decoded = decodeURIComponent(raw);
        } catch {
          decoded = raw;
        }
      }
      return re === null ? decoded === value : re.test(decoded);
    }
    start = end + 1;
  }
  return false;
}
