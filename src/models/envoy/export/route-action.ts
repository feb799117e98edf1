// What a matched route does, as Envoy's Route fields: forward (one cluster, or weighted clusters), redirect or a direct
// response, with the rule's timeout, retry policy, hash policy, rewrites, mirrors and header modifiers.
// Sources: envoyproxy/gateway internal/xds/translator/route.go (v1.9); envoy api/envoy/config/route/v3/route_components.proto.
import type { BackendTarget, MirrorTarget, RouteEntry } from '../../gatewayapi/gateway-config.js';
import type { HeaderModifier, PathModifier } from '../../gatewayapi/filters.js';
import type { HttpRouteMatch } from '../../k8s/schemas-gateway-api.js';
import type { ClusterSettings } from '../proxy/cluster-settings.js';
import { CookieHashMethod } from '../hash/cookie-hash.js';
import { HeaderHashMethod } from '../hash/header-hash.js';
import { QueryParameterHashMethod } from '../hash/query-parameter-hash.js';
import { SourceIpHashMethod } from '../hash/source-ip-hash.js';
import { duration, extension, type Json, type JsonObject } from './envoy-json.js';
import { ciliumClusterName } from './names.js';

/** The cluster the invalid backendRefs' share goes to: it does not exist, so Envoy answers 500 (Envoy Gateway's name). */
export const INVALID_BACKEND_CLUSTER = 'invalid-backend-cluster';

const REDIRECT_CODES: Record<number, string> = {
  301: 'MOVED_PERMANENTLY',
  302: 'FOUND',
  303: 'SEE_OTHER',
  307: 'TEMPORARY_REDIRECT',
  308: 'PERMANENT_REDIRECT',
};

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A path modifier as Envoy rewrites: ReplaceFullPath as a whole-path regex, ReplacePrefixMatch as `prefix_rewrite`, or
 * a regex where Envoy's plain prefix swap would break the spec's slash rules (a "/" prefix or an empty replacement).
 */
export function pathRewrite(m: PathModifier | null, match: HttpRouteMatch | null): JsonObject {
  if (m === null) return {};
  if (m.type === 'ReplaceFullPath') return { regex_rewrite: { pattern: { regex: '^/.*$' }, substitution: m.value } };
  if (match === null || match.path.type !== 'PathPrefix') return {};
  const prefix = match.path.value.replace(/\/+$/, '');
  const replacement = m.value.replace(/\/+$/, '');
  if (prefix === '') return { regex_rewrite: { pattern: { regex: '^/' }, substitution: `${replacement}/` } };
  if (replacement === '')
    return { regex_rewrite: { pattern: { regex: `^${escapeRegex(prefix)}/*` }, substitution: '/' } };
  return { prefix_rewrite: replacement };
}

/** Header modifier: set overwrites, add appends (Envoy Gateway's append actions for RequestHeaderModifier). */
function headerOptions(h: HeaderModifier | null, side: 'request' | 'response'): JsonObject {
  if (h === null) return {};
  const add: Json[] = [
    ...h.set.map(([key, value]) => ({ header: { key, value }, append_action: 'OVERWRITE_IF_EXISTS_OR_ADD' })),
    ...h.add.map(([key, value]) => ({ header: { key, value }, append_action: 'APPEND_IF_EXISTS_OR_ADD' })),
  ];
  const out: JsonObject = {};
  if (add.length > 0) out[`${side}_headers_to_add`] = add;
  if (h.remove.length > 0) out[`${side}_headers_to_remove`] = [...h.remove];
  return out;
}

/** Envoy Gateway's consistentHash as route hash policies (route.go buildHashPolicy). */
function hashPolicy(settings: ClusterSettings): JsonObject {
  const methods = settings.hashPolicy?.methods ?? [];
  if (methods.length === 0) return {};
  const policies: Json[] = methods.map((m): JsonObject => {
    if (m instanceof HeaderHashMethod) return { header: { header_name: m.headerName } };
    if (m instanceof QueryParameterHashMethod) return { query_parameter: { name: m.parameterName } };
    if (m instanceof SourceIpHashMethod) return { connection_properties: { source_ip: true } };
    if (m instanceof CookieHashMethod) {
      const c = m.config;
      const cookie: JsonObject = { name: c.name };
      if (c.ttlSeconds !== null) cookie.ttl = duration(c.ttlSeconds * 1e9);
      if (c.path !== '') cookie.path = c.path;
      if (c.attributes.length > 0) cookie.attributes = c.attributes.map((a) => ({ name: a.name, value: a.value }));
      return { cookie };
    }
    throw new Error(`hash method ${m.constructor.name} has no export`);
  });
  return { hash_policy: policies };
}

/** Envoy Gateway's retry policy (route.go buildRetryPolicy): previous-hosts predicate, exponential back-off. */
function retryPolicy(settings: ClusterSettings): JsonObject {
  const r = settings.retry;
  if (r === null) return {};
  const policy: JsonObject = {
    retry_on: [...r.retryOn].join(','),
    num_retries: r.numRetries,
    retry_host_predicate: [
      extension(
        'envoy.retry_host_predicates.previous_hosts',
        'envoy.extensions.retry.host.previous_hosts.v3.PreviousHostsPredicate',
      ),
    ],
    host_selection_retry_max_attempts: r.hostSelectionRetryMaxAttempts,
    retry_back_off: {
      base_interval: duration(r.backoffBaseIntervalNs),
      max_interval: duration(r.backoffMaxIntervalNs),
    },
  };
  if (r.retriableStatusCodes.length > 0) policy.retriable_status_codes = [...r.retriableStatusCodes];
  if (r.perTryTimeoutNs !== null) policy.per_try_timeout = duration(r.perTryTimeoutNs);
  return { retry_policy: policy };
}

/** A share as Envoy's FractionalPercent (denominators 100, 10 000 or 1 000 000 only). */
function fractionalPercent(numerator: number, denominator: number): JsonObject {
  if (denominator === 100) return { numerator, denominator: 'HUNDRED' };
  if (denominator === 10_000) return { numerator, denominator: 'TEN_THOUSAND' };
  return { numerator: Math.round((numerator * 1_000_000) / denominator), denominator: 'MILLION' };
}

function weightedClusters(clusters: readonly { name: string; weight: number }[]): JsonObject {
  return { weighted_clusters: { clusters: clusters.map((c) => ({ name: c.name, weight: c.weight })) } };
}

/** Envoy Gateway: the rule's one cluster (its localities split by weight); Cilium: one weighted cluster per backendRef. */
function destination(
  backends: readonly BackendTarget[],
  clusterName: string,
  implementation: 'envoy-gateway' | 'cilium',
): JsonObject {
  const invalid = backends.filter((b) => !b.valid).reduce((s, b) => s + b.weight, 0);
  const valid = backends.filter((b) => b.valid);
  const split =
    implementation === 'cilium'
      ? valid.map((b) => ({ name: ciliumClusterName(b), weight: b.weight }))
      : [{ name: clusterName, weight: valid.reduce((s, b) => s + b.weight, 0) }];
  if (invalid === 0 && split.length === 1) return { cluster: split[0].name };
  const clusters = invalid > 0 ? [...split, { name: INVALID_BACKEND_CLUSTER, weight: invalid }] : split;
  return {
    ...weightedClusters(clusters),
    ...(invalid > 0 ? { cluster_not_found_response_code: 'INTERNAL_SERVER_ERROR' } : {}),
  };
}

/** gwsim's mirror cluster `<rule cluster>/mirror/<j>` (Envoy Gateway); Cilium mirrors to the Service's own cluster. */
export function mirrorClusterName(m: MirrorTarget, implementation: 'envoy-gateway' | 'cilium'): string {
  return implementation === 'cilium' ? ciliumClusterName(m.target) : m.clusterName;
}

/** The Route's action fields for one entry under its cluster settings. */
export function routeAction(
  r: RouteEntry,
  settings: ClusterSettings,
  implementation: 'envoy-gateway' | 'cilium',
): JsonObject {
  const a = r.action;
  if (a.type === 'direct') return { direct_response: { status: a.status } };
  if (a.type === 'redirect') {
    const redirect: JsonObject = { response_code: REDIRECT_CODES[a.status] ?? 'FOUND' };
    if (a.scheme !== undefined) redirect.scheme_redirect = a.scheme;
    if (a.hostname !== undefined) redirect.host_redirect = a.hostname;
    if (a.port !== undefined) redirect.port_redirect = a.port;
    if (a.path !== undefined) {
      if (a.path.type === 'ReplaceFullPath') redirect.path_redirect = a.path.value;
      else Object.assign(redirect, pathRewrite(a.path, r.match));
    }
    return { redirect };
  }
  const f = a.filters;
  const route: JsonObject = {
    ...destination(a.backends, a.clusterName, implementation),
    timeout: duration(settings.routeTimeoutNs === Infinity ? 0 : settings.routeTimeoutNs),
    ...retryPolicy(settings),
    ...hashPolicy(settings),
    ...(f?.rewriteHost != null ? { host_rewrite_literal: f.rewriteHost } : {}),
    ...pathRewrite(f?.rewritePath ?? null, r.match),
    upgrade_configs: [{ upgrade_type: 'websocket' }],
  };
  if (a.mirrors.length > 0)
    route.request_mirror_policies = a.mirrors.map((m) => ({
      cluster: mirrorClusterName(m, implementation),
      ...(m.numerator < m.denominator
        ? { runtime_fraction: { default_value: fractionalPercent(m.numerator, m.denominator) } }
        : {}),
    }));
  return {
    route,
    ...headerOptions(f?.requestHeaders ?? null, 'request'),
    ...headerOptions(f?.responseHeaders ?? null, 'response'),
  };
}
