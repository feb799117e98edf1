// The per-request route lookup the gateway's data plane runs: port -> listener (by Host, or SNI for TLS) -> virtual host ->
// first matching route entry in precedence order. Returns a precomputed RouteEntry or Outcome: no allocation, no regex
// compilation per request (all compiled in translate). Rules: Gateway API listener isolation, HTTPS SNI/Host check (421),
// TLS passthrough by SNI (gateway_types.go; conformance GatewayHTTPListenerIsolation, HTTPRouteHTTPSListenerDetectMisdirectedRequests).
import type { HttpRequestView } from './compiled-match.js';
import type { GatewayConfig, ListenerConfig, MatchResult, PortConfig } from './gateway-config.js';
import { hostPartLength } from './hostnames.js';

export interface GatewayRequest extends Partial<HttpRequestView> {
  /** Listener port the client dialled. */
  port: number;
  /** Host header (may carry `:port`, ignored for matching). Required for HTTP/HTTPS. */
  host?: string;
  /** TLS SNI; for HTTPS and TLS passthrough listeners. Absent = the client sent none (e.g. it dialled an IP). */
  sni?: string;
  /** false: the client speaks plain HTTP (no ClientHello); absent: as TLS on a TLS-based port (the route CLI's view). */
  tls?: boolean;
}

const EMPTY_HEADERS: ReadonlyMap<string, string> = new Map();

export function matchRequest(config: GatewayConfig, req: GatewayRequest): MatchResult {
  let port: PortConfig | undefined;
  for (let i = 0; i < config.ports.length; i++) if (config.ports[i].port === req.port) port = config.ports[i];
  if (port === undefined) return config.refused;
  const ls = port.listeners;
  if (ls[0].protocol === 'HTTP') {
    const host = req.host ?? '';
    const listener = listenerFor(ls, host, hostPartLength(host));
    return listener === undefined ? port.noListener : routeIn(listener, req, host);
  }
  // TLS-based port: the SNI picks the filter chain (listener); without a matching name only a hostname-less listener serves.
  if (req.tls === false) return port.plaintext;
  const sni = req.sni ?? '';
  const bySni = req.sni === undefined ? hostnameLess(ls) : listenerFor(ls, sni, sni.length);
  if (bySni === undefined) return port.noSni;
  if (bySni.protocol === 'TLS') return tlsRoute(bySni, sni, req.sni !== undefined);
  const host = req.host ?? '';
  let byHost: ListenerConfig | undefined;
  for (let i = 0; i < ls.length; i++)
    if (ls[i].protocol === 'HTTPS' && ls[i].host.matches(host, hostPartLength(host))) {
      byHost = ls[i];
      break;
    }
  if (byHost === undefined) return port.noListener;
  if (byHost !== bySni) return bySni.misdirected;
  return routeIn(bySni, req, host);
}

function listenerFor(ls: readonly ListenerConfig[], host: string, len: number): ListenerConfig | undefined {
  for (let i = 0; i < ls.length; i++) if (ls[i].host.matches(host, len)) return ls[i];
  return undefined;
}

function hostnameLess(ls: readonly ListenerConfig[]): ListenerConfig | undefined {
  for (let i = 0; i < ls.length; i++) if (ls[i].hostname === null) return ls[i];
  return undefined;
}

function routeIn(l: ListenerConfig, req: GatewayRequest, host: string): MatchResult {
  const len = hostPartLength(host);
  const view: HttpRequestView =
    req.headers !== undefined && req.method !== undefined && req.path !== undefined && req.query !== undefined
      ? (req as HttpRequestView)
      : withDefaults(req);
  for (let v = 0; v < l.virtualHosts.length; v++) {
    const vh = l.virtualHosts[v];
    if (!vh.host.matches(host, len)) continue;
    // Envoy picks the virtual host first; a miss inside it is a 404, never a fall-through to a wildcard vhost.
    for (let r = 0; r < vh.routes.length; r++) if (vh.routes[r].compiled!.matches(view)) return vh.routes[r];
    return l.notFound;
  }
  return l.notFound;
}

function tlsRoute(l: ListenerConfig, sni: string, hasSni: boolean): MatchResult {
  for (let v = 0; v < l.virtualHosts.length; v++) {
    const vh = l.virtualHosts[v];
    if (hasSni ? vh.host.matches(sni, sni.length) : vh.hostname === null) {
      // The TLSRoute's one rule. A non-forward action on a TLSRoute entry means the connection is closed (its refs are invalid).
      return vh.routes[0];
    }
  }
  return l.rejected;
}

/** Fills absent request fields (only for callers that pass a partial request; the hot path passes all four). */
function withDefaults(req: GatewayRequest): HttpRequestView {
  return {
    method: req.method ?? 'GET',
    path: req.path ?? '/',
    query: req.query ?? '',
    headers: req.headers ?? EMPTY_HEADERS,
  };
}
