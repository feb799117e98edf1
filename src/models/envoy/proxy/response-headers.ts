// What the gateway's Envoy forwards upstream and what it puts on the answer beside the status: the route's
// URLRewrite and RequestHeaderModifier on the way in; Set-Cookie, a redirect's Location and the ResponseHeaderModifier
// on the way out. Built only for a client that reads them (HttpRequest.readsResponse).
import type { ForwardedRequest, HttpRequest } from '../../http/request.js';
import { modifyHeaders, redirectLocation, upstreamRequest, type RuleFilters } from '../../gatewayapi/filters.js';
import type { RouteEntry } from '../../gatewayapi/gateway-config.js';

/** The forwarding route's filters, or null (a local reply, or a route without filters). */
function forwardFilters(route: RouteEntry | null): RuleFilters | null {
  return route !== null && route.action.type === 'forward' ? route.action.filters : null;
}

/** The request as the router sends it upstream: the client's headers (its Cookie as sent) after the rule's filters. */
export function forwardedRequest(req: HttpRequest): ForwardedRequest {
  const t = req.template;
  const sent: Array<readonly [string, string]> =
    req.cookie !== null ? [...t.headers.filter(([n]) => n !== 'cookie'), ['cookie', req.cookie]] : [...t.headers];
  const up = upstreamRequest(
    { path: t.path, query: t.query, host: t.host, headers: sent },
    req.route?.match ?? null,
    forwardFilters(req.route),
  );
  return { method: t.method, path: up.path, host: up.host, headers: up.headers };
}

/**
 * The headers Envoy adds to the answer, lower-cased as HTTP/1.1 sends them: the generated hash cookie, a redirect's
 * Location, then the route's ResponseHeaderModifier, which Envoy applies to upstream answers and to the router's
 * own local replies alike (finalizeResponseHeaders).
 */
export function gatewayResponseHeaders(req: HttpRequest): Array<[string, string]> {
  const base: Array<[string, string]> = req.setCookie !== null ? [['set-cookie', req.setCookie]] : [];
  const route = req.route;
  if (route !== null && route.action.type === 'redirect')
    base.push(['location', redirectLocation(route.action, req.template, route.match)]);
  return modifyHeaders(base, forwardFilters(route)?.responseHeaders ?? null);
}
