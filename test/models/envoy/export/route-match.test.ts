import { describe, expect, it } from 'vitest';
import { routeMatch } from '../../../../src/models/envoy/export/route-match.js';
import type { HttpRouteMatch } from '../../../../src/models/k8s/schemas-gateway-api.js';

const m = (x: Partial<HttpRouteMatch>): HttpRouteMatch => ({
  path: { type: 'PathPrefix', value: '/' },
  headers: [],
  queryParams: [],
  ...x,
});

describe('routeMatch', () => {
  it('writes PathPrefix / as prefix and other prefixes as path_separated_prefix without the trailing slash', () => {
    expect(routeMatch(m({}))).toEqual({ prefix: '/' });
    expect(routeMatch(m({ path: { type: 'PathPrefix', value: '/foo/' } }))).toEqual({ path_separated_prefix: '/foo' });
    expect(routeMatch(m({ path: { type: 'Exact', value: '/a' } }))).toEqual({ path: '/a' });
    expect(routeMatch(m({ path: { type: 'RegularExpression', value: '/v[0-9]+' } }))).toEqual({
      safe_regex: { regex: '/v[0-9]+' },
    });
  });
  it('writes headers (lower-cased, first of a repeated name), the method and query parameters', () => {
    const out = routeMatch(
      m({
        headers: [
          { type: 'Exact', name: 'Magic', value: 'foo' },
          { type: 'RegularExpression', name: 'x-v', value: 'v[12]' },
          { type: 'Exact', name: 'MAGIC', value: 'ignored' },
        ],
        queryParams: [
          { type: 'Exact', name: 'great', value: 'example' },
          { type: 'Exact', name: 'great', value: 'second' },
        ],
        method: 'GET',
      }),
    );
    expect(out).toEqual({
      prefix: '/',
      headers: [
        { name: 'magic', string_match: { exact: 'foo' } },
        { name: 'x-v', string_match: { safe_regex: { regex: 'v[12]' } } },
        { name: ':method', string_match: { exact: 'GET' } },
      ],
      query_parameters: [{ name: 'great', string_match: { exact: 'example' } }],
    });
  });
  it('matches every path for a TLSRoute entry (no match)', () => {
    expect(routeMatch(null)).toEqual({ prefix: '/' });
  });
});
