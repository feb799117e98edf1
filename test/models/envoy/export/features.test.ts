import { describe, expect, it } from 'vitest';
import { envoyBootstrap } from '../../../../src/models/envoy/export/bootstrap.js';
import type { JsonObject } from '../../../../src/models/envoy/export/envoy-json.js';
import { clusterNamed, FEATURE_FILES, gatewayOf, routeNamed } from './fixture.js';

const bootstrap = () => envoyBootstrap(gatewayOf(FEATURE_FILES, 'load-balancing-gateway'));
const name = (rule: number) => `httproute/default/features/rule/${rule}/match/0/www_example_com`;

describe('export of policy and match features', () => {
  it('writes an exact path with method, header and regex query matches', () => {
    expect(routeNamed(bootstrap(), name(0)).match).toEqual({
      path: '/retry',
      headers: [
        { name: 'x-canary', string_match: { exact: 'true' } },
        { name: ':method', string_match: { exact: 'POST' } },
      ],
      query_parameters: [{ name: 'v', string_match: { safe_regex: { regex: '[0-9]+' } } }],
    });
  });
  it("writes the policy's retry policy with Envoy Gateway's previous-hosts predicate", () => {
    expect((routeNamed(bootstrap(), name(0)).route as JsonObject).retry_policy).toEqual({
      retry_on: 'connect-failure,retriable-status-codes',
      num_retries: 3,
      retriable_status_codes: [502, 503],
      per_try_timeout: '0.25s',
      retry_back_off: { base_interval: '0.1s', max_interval: '1s' },
      host_selection_retry_max_attempts: 5,
      retry_host_predicate: [
        {
          name: 'envoy.retry_host_predicates.previous_hosts',
          typed_config: {
            '@type': 'type.googleapis.com/envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
          },
        },
      ],
    });
  });
  it('writes the active HTTP health check and the Random policy on the rule cluster', () => {
    const c = clusterNamed(bootstrap(), 'httproute/default/features/rule/0');
    expect(c.lb_policy).toBe('RANDOM');
    const [hc] = c.health_checks as JsonObject[];
    expect(hc).toMatchObject({
      timeout: '1s',
      interval: '5s',
      unhealthy_threshold: 3,
      healthy_threshold: 1,
      no_traffic_interval: '60s',
      http_health_check: {
        path: '/healthz',
        expected_statuses: [
          { start: 200, end: 201 },
          { start: 204, end: 205 },
        ],
      },
    });
  });
  it('writes header hash policies and the Maglev table size', () => {
    const b = bootstrap();
    expect((routeNamed(b, name(1)).route as JsonObject).hash_policy).toEqual([
      { header: { header_name: 'x-user' } },
      { header: { header_name: 'x-session' } },
    ]);
    const c = clusterNamed(b, 'httproute/default/features/rule/1');
    expect([c.lb_policy, c.maglev_lb_config]).toEqual(['MAGLEV', { table_size: 1031 }]);
  });
  it('writes a redirect with a prefix rewrite and 308', () => {
    expect(routeNamed(bootstrap(), name(2)).redirect).toEqual({
      prefix_rewrite: '/new',
      response_code: 'PERMANENT_REDIRECT',
    });
  });
  it("sends an invalid backendRef's share to a missing cluster that answers 500", () => {
    expect((routeNamed(bootstrap(), name(3)).route as JsonObject).weighted_clusters).toEqual({
      clusters: [
        { name: 'httproute/default/features/rule/3', weight: 3 },
        { name: 'invalid-backend-cluster', weight: 1 },
      ],
    });
    expect((routeNamed(bootstrap(), name(3)).route as JsonObject).cluster_not_found_response_code).toBe(
      'INTERNAL_SERVER_ERROR',
    );
  });
});
