// HTTPRoute filters that change the request the backend sees (URLRewrite, RequestHeaderModifier) and the response the
// client gets (ResponseHeaderModifier), as Envoy Gateway and Cilium program them into Envoy's route (header and rewrite
// actions applied when the router forwards). Computed only for a client that reads the response, never per request.
import type { HttpRouteMatch, HttpRouteRule } from '../k8s/schemas-gateway-api.js';

/** A header filter with lower-cased names (header names are case-insensitive). */
export interface HeaderModifier {
  readonly set: ReadonlyArray<readonly [string, string]>;
  readonly add: ReadonlyArray<readonly [string, string]>;
  readonly remove: readonly string[];
}

export interface RuleFilters {
  readonly requestHeaders: HeaderModifier | null;
  readonly responseHeaders: HeaderModifier | null;
  /** URLRewrite hostname: the Host header the backend sees. */
  readonly rewriteHost: string | null;
  readonly rewritePath: PathModifier | null;
  /** RequestMirror filters as written: the backend and the share copied (for descriptions; translation resolves the refs). */
  readonly mirrors: ReadonlyArray<{
    readonly backend: string;
    readonly numerator: number;
    readonly denominator: number;
  }>;
  /** Filter types accepted but not simulated (ExtensionRef, CORS, ExternalAuth), in rule order. */
  readonly notSimulated: readonly string[];
}

/** An HTTPPathModifier (URLRewrite's or RequestRedirect's path) as its type and the one value that type carries. */
export type PathModifier = { readonly type: 'ReplaceFullPath' | 'ReplacePrefixMatch'; readonly value: string };

/** A rule's RequestRedirect, as its route answers it (HTTPRequestRedirectFilter). */
export interface RedirectAction {
  type: 'redirect';
  status: number;
  scheme?: string;
  hostname?: string;
  port?: number;
  path?: PathModifier;
}

export function pathModifierOf(p: {
  type: PathModifier['type'];
  replaceFullPath?: string;
  replacePrefixMatch?: string;
}): PathModifier {
  return { type: p.type, value: (p.type === 'ReplaceFullPath' ? p.replaceFullPath : p.replacePrefixMatch) ?? '' };
}

/** A RequestMirror's share of requests: its fraction, or percent / 100, or all of them. */
export function mirrorShare(m: { percent?: number; fraction?: { numerator: number; denominator: number } }): {
  numerator: number;
  denominator: number;
} {
  return m.fraction ?? { numerator: m.percent ?? 100, denominator: 100 };
}

/** A rule's filters as gwsim applies them, or null when the rule has none that forward-path code needs to know about. */
export function ruleFilters(filters: HttpRouteRule['filters']): RuleFilters | null {
  let requestHeaders: HeaderModifier | null = null;
  let responseHeaders: HeaderModifier | null = null;
  let rewriteHost: string | null = null;
  let rewritePath: RuleFilters['rewritePath'] = null;
  const notSimulated: string[] = [];
  const mirrors: Array<RuleFilters['mirrors'][number]> = [];
  for (const f of filters) {
    if (f.type === 'RequestHeaderModifier' && f.requestHeaderModifier !== undefined)
      requestHeaders = headerModifier(f.requestHeaderModifier);
    else if (f.type === 'ResponseHeaderModifier' && f.responseHeaderModifier !== undefined)
      responseHeaders = headerModifier(f.responseHeaderModifier);
    else if (f.type === 'URLRewrite' && f.urlRewrite !== undefined) {
      rewriteHost = f.urlRewrite.hostname ?? null;
      const p = f.urlRewrite.path;
      if (p !== undefined) rewritePath = pathModifierOf(p);
    } else if (f.type === 'RequestMirror' && f.requestMirror !== undefined) {
      const m = f.requestMirror;
      const share = mirrorShare(m);
      const ref = m.backendRef;
      mirrors.push({
        backend: `${ref.kind} ${ref.namespace !== undefined ? `${ref.namespace}/` : ''}${ref.name}${ref.port !== undefined ? `:${ref.port}` : ''}`,
        numerator: share.numerator,
        denominator: share.denominator,
      });
    } else if (f.type !== 'RequestRedirect') notSimulated.push(f.type);
  }
  if (
    requestHeaders === null &&
    responseHeaders === null &&
    rewriteHost === null &&
    rewritePath === null &&
    mirrors.length === 0 &&
    notSimulated.length === 0
  )
    return null;
  return { requestHeaders, responseHeaders, rewriteHost, rewritePath, mirrors, notSimulated };
}

function headerModifier(f: {
  set: { name: string; value: string }[];
  add: { name: string; value: string }[];
  remove: string[];
}): HeaderModifier {
  return {
    set: f.set.map((h) => [h.name.toLowerCase(), h.value] as const),
    add: f.add.map((h) => [h.name.toLowerCase(), h.value] as const),
    remove: f.remove.map((n) => n.toLowerCase()),
  };
}

/**
 * ReplacePrefixMatch (HTTPPathModifier): the matched prefix, compared by whole path segments with any trailing "/"
 * ignored, is replaced; the rest of the path is kept, and an empty result is "/". So /foo/bar with prefix /foo and
 * replacement /xyz or /xyz/ gives /xyz/bar, with "" or "/" gives /bar; /foo/ gives /xyz/, and /foo gives /xyz.
 */
export function replacePrefix(path: string, prefix: string, replacement: string): string {
  const p = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const r = replacement.endsWith('/') ? replacement.slice(0, -1) : replacement;
  const rest = path.slice(p.length);
  const out = r + rest;
  return out === '' ? '/' : out.startsWith('/') ? out : `/${out}`;
}

/** `path` after a path modifier (the schema admits ReplacePrefixMatch only on a rule with exactly one PathPrefix match). */
export function modifyPath(path: string, m: PathModifier | null, match: HttpRouteMatch | null): string {
  if (m === null) return path;
  if (m.type === 'ReplaceFullPath') return m.value;
  return match !== null && match.path.type === 'PathPrefix' ? replacePrefix(path, match.path.value, m.value) : path;
}

/** The path the backend sees (without the query, which a rewrite keeps). */
export function upstreamPath(path: string, match: HttpRouteMatch | null, f: RuleFilters | null): string {
  return modifyPath(path, f?.rewritePath ?? null, match);
}

/**
 * The request the backend receives after the rule's URLRewrite and RequestHeaderModifier: path with the query, Host,
 * and the request's own headers in order (lower-cased names). The backend decides how it reports them.
 */
export function upstreamRequest(
  request: { path: string; query: string; host: string; headers: ReadonlyArray<readonly [string, string]> },
  match: HttpRouteMatch | null,
  f: RuleFilters | null,
): { path: string; host: string; headers: Array<[string, string]> } {
  const path = upstreamPath(request.path, match, f);
  return {
    path: request.query === '' ? path : `${path}?${request.query}`,
    host: f?.rewriteHost ?? request.host,
    headers: modifyHeaders(request.headers, f?.requestHeaders ?? null),
  };
}

/**
 * Headers after a header filter, in order: removals first, then `set` (replacing every value of that name, or adding
 * it), then `add` (another value after any existing ones), as Envoy applies route header actions.
 */
export function modifyHeaders(
  headers: ReadonlyArray<readonly [string, string]>,
  m: HeaderModifier | null,
): Array<[string, string]> {
  let out: Array<[string, string]> = headers.map(([n, v]) => [n, v]);
  if (m === null) return out;
  if (m.remove.length > 0) out = out.filter(([n]) => !m.remove.includes(n));
  for (const [name, value] of m.set) {
    const i = out.findIndex(([n]) => n === name);
    if (i < 0) {
      out.push([name, value]);
      continue;
    }
    // The first entry of that name keeps its place (no entry before it is dropped) and takes the value; later ones go.
    out = out.filter(([n], j) => n !== name || j === i);
    out[i] = [name, value];
  }
  for (const [name, value] of m.add) out.push([name, value]);
  return out;
}

/** One line per filter effect, for --explain and `gwsim route`. */
export function describeFilters(f: RuleFilters, path: string, match: HttpRouteMatch | null, host: string): string[] {
  const lines: string[] = [];
  if (f.rewritePath !== null || f.rewriteHost !== null) {
    const parts: string[] = [];
    if (f.rewritePath !== null)
      parts.push(
        `path ${path} -> ${upstreamPath(path, match, f)} (${f.rewritePath.type} ${JSON.stringify(f.rewritePath.value)})`,
      );
    if (f.rewriteHost !== null) parts.push(`host ${host} -> ${f.rewriteHost}`);
    lines.push(`URLRewrite: ${parts.join(', ')}`);
  }
  const mod = (label: string, m: HeaderModifier | null) => {
    if (m === null) return;
    const parts = [
      ...m.remove.map((n) => `remove ${n}`),
      ...m.set.map(([n, v]) => `set ${n}: ${v}`),
      ...m.add.map(([n, v]) => `add ${n}: ${v}`),
    ];
    if (parts.length > 0) lines.push(`${label}: ${parts.join('; ')}`);
  };
  mod('RequestHeaderModifier', f.requestHeaders);
  mod('ResponseHeaderModifier', f.responseHeaders);
  for (const m of f.mirrors) {
    const pct = Math.round((m.numerator / m.denominator) * 10000) / 100;
    lines.push(
      `RequestMirror: a copy of ${pct}% of requests goes to ${m.backend}; its reply is discarded (the copy loads the mirror's pods, the client never waits for it)`,
    );
  }
  if (f.notSimulated.length > 0) lines.push(`${f.notSimulated.join(', ')}: accepted, not simulated by gwsim`);
  return lines;
}

/**
 * The Location of a RequestRedirect (HTTPRequestRedirectFilter): the request's URL with the filter's scheme, hostname,
 * path and port. Without a port, the port is the scheme's well-known one when the filter sets a scheme, else the
 * listener's; 80 for http and 443 for https are left out of the URL, as the Gateway API asks.
 */
export function redirectLocation(
  action: RedirectAction,
  request: { scheme: 'http' | 'https'; host: string; port: number; path: string; query: string },
  match: HttpRouteMatch | null,
): string {
  const scheme = action.scheme ?? request.scheme;
  const port = action.port ?? (action.scheme !== undefined ? (scheme === 'https' ? 443 : 80) : request.port);
  const defaultPort = (scheme === 'http' && port === 80) || (scheme === 'https' && port === 443);
  const path = modifyPath(request.path, action.path ?? null, match);
  const host = action.hostname ?? request.host;
  return `${scheme}://${host}${defaultPort ? '' : `:${port}`}${path}${request.query === '' ? '' : `?${request.query}`}`;
}
