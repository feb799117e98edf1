// What the catalog's echo server answers: echo-basic's JSON (the Gateway API conformance suite's image, as the
// workshops deploy it), built from the request as it reached the pod and the pod's own name.
import type { ForwardedRequest } from '../http/request.js';

/** Go's canonical MIME header key (what echo-basic's JSON shows): upper case after the start and after each "-". */
export function canonicalHeaderName(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase());
}

/** Headers as echo-basic reports them: canonical names, values in order, keys sorted (Go's JSON encoding of a map). */
export function echoHeaders(headers: ReadonlyArray<readonly [string, string]>): Record<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const [n, v] of headers) {
    const key = canonicalHeaderName(n.toLowerCase());
    const list = byName.get(key);
    if (list === undefined) byName.set(key, [v]);
    else list.push(v);
  }
  const out: Record<string, string[]> = {};
  for (const key of [...byName.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) out[key] = byName.get(key)!;
  return out;
}

/**
 * echo-basic's JSON body for a request as the pod saw it (after the route's URLRewrite and RequestHeaderModifier). A
 * subset of the real answer: echo-basic also reports proto, namespace and the headers curl and Envoy add (User-Agent,
 * X-Forwarded-*, X-Request-Id), which gwsim leaves out.
 */
export function echoBody(seen: ForwardedRequest, pod: string): string {
  return JSON.stringify({
    path: seen.path,
    host: seen.host,
    method: seen.method,
    headers: echoHeaders(seen.headers),
    pod,
  });
}
