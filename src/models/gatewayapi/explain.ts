// Plain-words explanation of a matchRequest answer for `gwsim route`: which listener and virtual host took the request, which
// other candidates also matched and the tie-breaker that beat each, and what the backends do. Not on the hot path (allocates).
import type { HttpRequestView } from './compiled-match.js';
import { describeFilters } from './filters.js';
import { ENVOY_ROUTE_TIMEOUT_NS } from '../envoy/resilience/timeouts.js';
import { parseDuration } from '../../sim/time.js';
import type { GatewayConfig, ListenerConfig, MatchResult, RouteEntry } from './gateway-config.js';
import { hostPartLength } from './hostnames.js';
import type { GatewayRequest } from './match-request.js';
import { whyBefore } from './route-precedence.js';

function describeListener(l: ListenerConfig): string {
  return `listener ${l.name} (${l.protocol} port ${l.port}, ${l.hostname === null ? 'any hostname' : `hostname ${l.hostname}`})`;
}

function describeEntry(e: RouteEntry): string {
  const m = e.match;
  const parts: string[] = [];
  if (m !== null) {
    parts.push(`${m.path.type} ${m.path.value}`);
    if (m.method) parts.push(`method ${m.method}`);
    for (const h of m.headers) parts.push(`header ${h.name}${h.type === 'Exact' ? '=' : '~'}${h.value}`);
    for (const q of m.queryParams) parts.push(`query ${q.name}${q.type === 'Exact' ? '=' : '~'}${q.value}`);
  }
  return `${e.routeKind} ${e.namespace}/${e.name} rule ${e.ruleIndex} match ${e.matchIndex}${parts.length ? ` (${parts.join(', ')})` : ''}`;
}

export function explainMatch(config: GatewayConfig, req: GatewayRequest, result: MatchResult): string[] {
  const lines: string[] = [];
  const port = config.ports.find((p) => p.port === req.port);
  if (port === undefined)
    return [
      `Gateway ${config.namespace}/${config.name} has no listener on port ${req.port} (ports: ${config.ports.map((p) => p.port).join(', ') || 'none'})`,
    ];
  const name = result.type === 'route' ? result.listener : result.listener;
  const listener = port.listeners.find((l) => l.name === name);
  if (listener !== undefined) {
    const others = port.listeners.filter((l) => l !== listener);
    lines.push(
      `${describeListener(listener)} took it${others.length ? `; on port ${port.port} listeners are tried most specific hostname first (exact, then longer wildcard, then none): ${port.listeners.map((l) => l.name).join(' > ')}` : ''}`,
    );
  }
  if (result.type === 'outcome') {
    lines.push(result.reason);
    if (listener !== undefined && result.status === 404 && req.host !== undefined) {
      const host = req.host.slice(0, hostPartLength(req.host));
      const vh = listener.virtualHosts.find((v) => v.host.matches(host, host.length));
      if (vh === undefined)
        lines.push(
          `no route on ${listener.name} has a hostname covering ${host} (virtual hosts: ${listener.virtualHosts.map((v) => v.hostname ?? '*').join(', ') || 'none'})`,
        );
      else
        lines.push(
          `virtual host ${vh.hostname ?? '*'} took ${host}, but none of its ${vh.routes.length} route match(es) fits the request; Envoy does not fall through to less specific hostnames`,
        );
    }
    return lines;
  }
  const entry = result;
  if (listener !== undefined && listener.certificates.length > 0) {
    const sni = req.sni;
    const covering =
      sni === undefined
        ? undefined
        : listener.certificates.find((c) =>
            c.dnsNames.some(
              (n) =>
                n === sni ||
                (n.startsWith('*.') && sni.endsWith(n.slice(1)) && !sni.slice(0, -n.length + 1).includes('.')),
            ),
          );
    const names = listener.certificates
      .map((c) => `${c.secret.namespace}/${c.secret.name} (${c.dnsNames.join(', ')})`)
      .join(', ');
    lines.push(
      covering !== undefined
        ? `TLS terminated with certificate ${covering.secret.namespace}/${covering.secret.name}, whose names cover SNI ${sni}`
        : `TLS terminated with certificate ${names}, whose names do not cover SNI ${sni ?? '(none)'}: a verifying client (curl without -k) rejects it`,
    );
  }
  const tcp = entry.routeKind === 'TLSRoute';
  // A TLSRoute's chain is a TCP proxy (tcp_proxy): chosen by SNI alone, no HTTP virtual host, routes or timeouts.
  if (tcp)
    lines.push(
      `filter chain for SNI ${entry.hostname ?? '* (any)'} takes the connection: a TCP proxy (tcp_proxy), the TLS stays end to end`,
    );
  else
    lines.push(`virtual host ${entry.hostname ?? '* (any host)'} is the most specific one covering the request host`);
  lines.push(`${describeEntry(entry)} matched`);
  if (entry.compiled !== null && listener !== undefined) {
    const vh = listener.virtualHosts.find((v) => v.routes.includes(entry));
    const view: HttpRequestView = {
      method: req.method ?? 'GET',
      path: req.path ?? '/',
      query: req.query ?? '',
      headers: req.headers ?? new Map(),
    };
    for (const other of vh?.routes ?? []) {
      if (other === entry || other.compiled === null || !other.compiled.matches(view)) continue;
      lines.push(`it beat ${describeEntry(other)}, which also matched: ${whyBefore(entry, other)}`);
    }
  }
  const a = entry.action;
  if (a.type === 'forward') {
    const share = (w: number) => `${Math.round((w / a.totalWeight) * 1000) / 10}%`;
    for (const b of a.backends) {
      const ready = b.endpoints.filter((e) => e.ready).length;
      const state =
        b.failStatus === 0
          ? `${ready} ready endpoint(s)${b.fallback ? ', fallback (priority 1)' : ''}`
          : `answers ${b.failStatus}: ${b.problem}`;
      lines.push(
        `backend ${b.kind} ${b.namespace}/${b.name}${b.port !== null ? `:${b.port}` : ''} weight ${b.weight} (${share(b.weight)} of requests): ${state}`,
      );
    }
    if (a.failingWeight > 0) lines.push(`${share(a.failingWeight)} of requests get ${a.failStatus}`);
    if (a.filters !== null)
      for (const l of describeFilters(a.filters, req.path ?? '/', entry.match, req.host ?? '')) lines.push(l);
    if (entry.policy !== null)
      lines.push(
        `BackendTrafficPolicy ${entry.policy.policy.namespace}/${entry.policy.policy.name} applies (attached at the ${entry.policy.attachedAt})${entry.policy.loadBalancer ? `: load balancer ${entry.policy.loadBalancer.type}` : ''}`,
      );
    else if (config.implementation === 'envoy-gateway')
      lines.push('no BackendTrafficPolicy applies: Envoy Gateway load-balances with LeastRequest by default');
    lines.push(
      tcp
        ? 'no route timeout (a TCP proxy has none, so no 504): an upstream that cannot be reached closes the connection'
        : describeRouteTimeout(a.requestTimeoutNs, entry.policy?.timeout?.http?.requestTimeout),
    );
  } else if (a.type === 'direct') lines.push(tcp ? `${a.reason}: Envoy closes the connection` : a.reason);
  else lines.push(`the rule redirects with ${a.status}`);
  return lines;
}

/** Which route timeout applies and where it comes from (Envoy Gateway: the HTTPRoute's over the policy's over 15 s). */
function describeRouteTimeout(routeNs: number | null, policy: string | undefined): string {
  const disabled = 'Envoy waits for the response however long it takes';
  if (routeNs !== null)
    return routeNs === 0
      ? `route timeout disabled by the HTTPRoute's timeouts.request 0s: ${disabled}`
      : `route timeout ${routeNs / 1e9} s (the HTTPRoute's timeouts.request): Envoy answers 504 if the response is not in by then`;
  if (policy !== undefined)
    return parseDuration(policy) === 0
      ? `route timeout disabled by the BackendTrafficPolicy (requestTimeout ${policy}): ${disabled}`
      : `route timeout ${policy} (the BackendTrafficPolicy's requestTimeout): Envoy answers 504 if the response is not in by then`;
  return `route timeout ${ENVOY_ROUTE_TIMEOUT_NS / 1e9} s (Envoy's default): Envoy answers 504 if the response is not in by then`;
}
