import { describe, expect, it } from 'vitest';
import {
  modifyHeaders,
  redirectLocation,
  replacePrefix,
  ruleFilters,
  upstreamPath,
} from '../../../src/models/gatewayapi/filters.js';
import { httpRouteRule } from '../../../src/models/k8s/schemas-gateway-api.js';

describe('HTTPRoute filters', () => {
  // The table of HTTPPathModifier.ReplacePrefixMatch in the Gateway API reference (apis/v1/httproute_types.go).
  it('replaces a path prefix as the Gateway API table says', () => {
    const table: Array<[string, string, string, string]> = [
      ['/foo/bar', '/foo', '/xyz', '/xyz/bar'],
      ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'],
      ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'],
      ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
      ['/foo', '/foo', '/xyz', '/xyz'],
      ['/foo/', '/foo', '/xyz', '/xyz/'],
      ['/foo/bar', '/foo', '', '/bar'],
      ['/foo/', '/foo', '', '/'],
      ['/foo', '/foo', '', '/'],
      ['/foo/', '/foo', '/', '/'],
      ['/foo', '/foo', '/', '/'],
    ];
    for (const [path, prefix, replacement, want] of table)
      expect(replacePrefix(path, prefix, replacement), `${path} ${prefix} ${replacement}`).toBe(want);
    expect(replacePrefix('/anything', '/', '/api')).toBe('/api/anything');
  });

  it('reads a rule: ReplaceFullPath, hostname, header modifiers, a mirror, and filters it does not simulate', () => {
    const rule = httpRouteRule.parse({
      matches: [{ path: { type: 'PathPrefix', value: '/v1' } }],
      filters: [
        {
          type: 'URLRewrite',
          urlRewrite: { hostname: 'internal.example', path: { type: 'ReplaceFullPath', replaceFullPath: '/health' } },
        },
        {
          type: 'RequestHeaderModifier',
          requestHeaderModifier: {
            set: [{ name: 'X-Env', value: 'prod' }],
            add: [{ name: 'X-Tag', value: 'b' }],
            remove: ['X-Debug'],
          },
        },
        { type: 'RequestMirror', requestMirror: { backendRef: { name: 'shadow', port: 80 } } },
      ],
    });
    const f = ruleFilters(rule.filters)!;
    expect(f.rewriteHost).toBe('internal.example');
    expect(upstreamPath('/v1/users/7', rule.matches[0], f)).toBe('/health');
    expect(f.requestHeaders).toEqual({ set: [['x-env', 'prod']], add: [['x-tag', 'b']], remove: ['x-debug'] });
    expect(f.mirrors).toEqual([{ backend: 'Service shadow:80', numerator: 100, denominator: 100 }]);
    expect(f.notSimulated).toEqual([]);
    const cors = httpRouteRule.parse({ filters: [{ type: 'CORS', cors: {} }] });
    expect(ruleFilters(cors.filters)!.notSimulated).toEqual(['CORS']);
    expect(ruleFilters(httpRouteRule.parse({}).filters)).toBeNull();
  });

  it('modifies headers: remove, then set (replacing every value), then add (appending)', () => {
    const given: Array<[string, string]> = [
      ['x-tag', 'a'],
      ['x-env', 'dev'],
      ['x-debug', '1'],
      ['x-env', 'test'],
    ];
    const out = modifyHeaders(given, {
      set: [
        ['x-env', 'prod'],
        ['x-new', 'n'],
      ],
      add: [['x-tag', 'b']],
      remove: ['x-debug'],
    });
    expect(out).toEqual([
      ['x-tag', 'a'],
      ['x-env', 'prod'],
      ['x-new', 'n'],
      ['x-tag', 'b'],
    ]);
    expect(modifyHeaders(given, null)).toEqual(given);
  });

  // HTTPRequestRedirectFilter: the port follows the scheme the filter sets, else the listener's; 80/443 are left out.
  it('builds a redirect Location from the request and the filter', () => {
    const req = { scheme: 'http' as const, host: 'www.example.com', port: 8080, path: '/old/a', query: 'x=1' };
    const prefix = { path: { type: 'PathPrefix' as const, value: '/old' }, headers: [], queryParams: [] };
    expect(redirectLocation({ type: 'redirect', status: 302, scheme: 'https' }, req, prefix)).toBe(
      'https://www.example.com/old/a?x=1',
    );
    expect(redirectLocation({ type: 'redirect', status: 302 }, req, prefix)).toBe(
      'http://www.example.com:8080/old/a?x=1',
    );
    expect(redirectLocation({ type: 'redirect', status: 302 }, { ...req, port: 80 }, prefix)).toBe(
      'http://www.example.com/old/a?x=1',
    );
    expect(
      redirectLocation(
        { type: 'redirect', status: 301, scheme: 'https', port: 8443, hostname: 'secure.example.com' },
        req,
        prefix,
      ),
    ).toBe('https://secure.example.com:8443/old/a?x=1');
    expect(
      redirectLocation(
        { type: 'redirect', status: 302, path: { type: 'ReplacePrefixMatch', value: '/new' } },
        { ...req, port: 80 },
        prefix,
      ),
    ).toBe('http://www.example.com/new/a?x=1');
    expect(
      redirectLocation(
        { type: 'redirect', status: 302, path: { type: 'ReplaceFullPath', value: '/' } },
        { ...req, port: 80, query: '' },
        prefix,
      ),
    ).toBe('http://www.example.com/');
  });
});
