// An HTTPRoute match as Envoy's RouteMatch, the way Envoy Gateway writes it (internal/xds/translator/route.go
// buildXdsRouteMatch, v1.9): PathPrefix "/" as `prefix`, other prefixes as `path_separated_prefix` without their trailing
// slash (Gateway API matches whole segments), Exact as `path`, regexes as RE2 `safe_regex`; headers, the method (as the
// `:method` pseudo-header) and query parameters as exact or regex string matchers.
import type { HttpRouteMatch } from '../../k8s/schemas-gateway-api.js';
import type { JsonObject } from './envoy-json.js';

function stringMatch(type: 'Exact' | 'RegularExpression', value: string): JsonObject {
  return type === 'Exact' ? { exact: value } : { safe_regex: { regex: value } };
}

export function routeMatch(m: HttpRouteMatch | null): JsonObject {
  const out: JsonObject = {};
  const path = m?.path ?? { type: 'PathPrefix' as const, value: '/' };
  if (path.type === 'Exact') out.path = path.value;
  else if (path.type === 'RegularExpression') out.safe_regex = { regex: path.value };
  else if (path.value === '/' || path.value === '') out.prefix = '/';
  else out.path_separated_prefix = path.value.replace(/\/+$/, '');
  if (m === null) return out;
  // Gateway API header names are case-insensitive and only the first of a repeated name counts (gateway-semantics A).
  const seen = new Set<string>();
  const headers: JsonObject[] = [];
  for (const h of m.headers) {
    const name = h.name.toLowerCase();
    if (seen.has(name)) continue;
    seen.add(name);
    headers.push({ name, string_match: stringMatch(h.type, h.value) });
  }
  if (m.method !== undefined) headers.push({ name: ':method', string_match: { exact: m.method } });
  if (headers.length > 0) out.headers = headers;
  const queryNames = new Set<string>();
  const query: JsonObject[] = [];
  for (const q of m.queryParams) {
    if (queryNames.has(q.name)) continue;
    queryNames.add(q.name);
    query.push({ name: q.name, string_match: stringMatch(q.type, q.value) });
  }
  if (query.length > 0) out.query_parameters = query;
  return out;
}
