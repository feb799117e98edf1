import { describe, expect, it } from 'vitest';
import { envoyBootstrap } from '../../../../src/models/envoy/export/bootstrap.js';
import { pathRewrite } from '../../../../src/models/envoy/export/route-action.js';
import { replacePrefix } from '../../../../src/models/gatewayapi/filters.js';
import type { HttpRouteMatch } from '../../../../src/models/k8s/schemas-gateway-api.js';
import { allRoutes, gatewayOf, routeNamed, SEEDS } from './fixture.js';

const FIXTURES = [
  `${SEEDS}/001-round-robin`,
  'test/fixtures/route-filters/rewrite-route.yaml',
  'test/fixtures/route-filters/mirror.yaml',
  'test/fixtures/route-timeouts/routes.yaml',
];
const bootstrap = () => envoyBootstrap(gatewayOf(FIXTURES, 'load-balancing-gateway'));
const name = (route: string, rule = 0) => `httproute/default/${route}/rule/${rule}/match/0/www_example_com`;

describe('routes: precedence and actions', () => {
  it('lists routes in gwsim precedence order: longest prefix first, then creation and name', () => {
    expect(
      allRoutes(bootstrap()).map((r) => (r.match as { path_separated_prefix: string }).path_separated_prefix),
    ).toEqual(['/default', '/mirror', '/policy', '/round', '/short', '/login', '/half', '/none', '/old']);
  });
  it('writes the route timeout: Envoy 15 s, timeouts.request, 0s disabled, a policy requestTimeout', () => {
    const b = bootstrap();
    const timeout = (n: string) => (routeNamed(b, n).route as { timeout: string }).timeout;
    expect([name('timeouts'), name('timeouts', 1), name('timeouts', 2), name('with-policy')].map(timeout)).toEqual([
      '15s',
      '1s',
      '0s',
      '2s',
    ]);
  });
  it('writes URLRewrite and header modifiers on the route', () => {
    const r = routeNamed(bootstrap(), name('rewrite'));
    expect(r.route).toMatchObject({ host_rewrite_literal: 'backend.internal', prefix_rewrite: '/new' });
    expect(r.request_headers_to_add).toEqual([
      { header: { key: 'x-env', value: 'prod' }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' },
      { header: { key: 'x-tag', value: 'gateway' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' },
    ]);
    expect(r.request_headers_to_remove).toEqual(['x-debug']);
    expect(r.response_headers_to_add).toEqual([
      { header: { key: 'x-served-by', value: 'gwsim' }, append_action: 'APPEND_IF_EXISTS_OR_ADD' },
    ]);
  });
  it('writes a redirect with its scheme, host and status', () => {
    expect(routeNamed(bootstrap(), name('to-https')).redirect).toEqual({
      scheme_redirect: 'https',
      host_redirect: 'secure.example.com',
      response_code: 'MOVED_PERMANENTLY',
    });
  });
  it('mirrors all requests, or a runtime fraction of them', () => {
    const b = bootstrap();
    const mirrors = (n: string) =>
      (routeNamed(b, n).route as { request_mirror_policies: unknown }).request_mirror_policies;
    expect(mirrors(name('mirror'))).toEqual([{ cluster: 'httproute/default/mirror/rule/0/mirror/0' }]);
    expect(mirrors(name('mirror', 1))).toEqual([
      {
        cluster: 'httproute/default/mirror/rule/1/mirror/0',
        runtime_fraction: { default_value: { numerator: 50, denominator: 'HUNDRED' } },
      },
    ]);
  });
});

describe('pathRewrite', () => {
  const prefix = (value: string): HttpRouteMatch => ({
    path: { type: 'PathPrefix', value },
    headers: [],
    queryParams: [],
  });
  /** What Envoy does with the rewrite fields on `path`. */
  function envoyRewrite(out: ReturnType<typeof pathRewrite>, matched: string, path: string): string {
    if (typeof out.prefix_rewrite === 'string') return out.prefix_rewrite + path.slice(matched.length);
    const rr = out.regex_rewrite as { pattern: { regex: string }; substitution: string };
    return path.replace(new RegExp(rr.pattern.regex), rr.substitution);
  }
  it('rewrites as the Gateway API slash rules say (filters.ts replacePrefix) for every prefix/replacement shape', () => {
    for (const p of ['/', '/foo', '/foo/'])
      for (const r of ['/xyz', '/xyz/', '/', ''])
        for (const path of ['/foo', '/foo/', '/foo/bar', '/foo/bar/baz']) {
          const out = pathRewrite({ type: 'ReplacePrefixMatch', value: r }, prefix(p));
          const matched = p === '/' ? '' : p.replace(/\/$/, '');
          expect(envoyRewrite(out, matched, path), `${p} -> ${JSON.stringify(r)} on ${path}`).toBe(
            replacePrefix(path, p, r),
          );
        }
  });
  it('replaces the whole path for ReplaceFullPath, and leaves non-prefix matches alone', () => {
    expect(pathRewrite({ type: 'ReplaceFullPath', value: '/new' }, null)).toEqual({
      regex_rewrite: { pattern: { regex: '^/.*$' }, substitution: '/new' },
    });
    const exact: HttpRouteMatch = { path: { type: 'Exact', value: '/a' }, headers: [], queryParams: [] };
    expect(pathRewrite({ type: 'ReplacePrefixMatch', value: '/b' }, exact)).toEqual({});
  });
});
