// Gateway API hostname rules (apis/v1/shared_types.go Hostname; httproute_types.go Hostnames; gateway_types.go Listener.Hostname):
// wildcard `*.` covers one or more labels, listener/route hostname intersection, and the specificity order Envoy uses to pick a
// listener or virtual host (exact > longer wildcard suffix > catch-all). Hot-path matchers compare without allocating.

/** `*.example.com` covers `a.example.com` and `a.b.example.com`, never `example.com`; an exact name covers only itself. */
export function hostnameCovers(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.')) return host.length > pattern.length - 1 && host.endsWith(pattern.slice(1));
  return pattern === host;
}

/**
 * Intersection of a listener hostname (undefined = any) and a route hostname (Gateway API "Hostnames" doc):
 * the more specific of the two when one covers the other, undefined when they are disjoint.
 */
export function intersectHostnames(listener: string | undefined, route: string): string | undefined {
  if (listener === undefined) return route;
  if (listener === route) return route;
  if (hostnameCovers(listener, route)) return route;
  if (hostnameCovers(route, listener)) return listener;
  return undefined;
}

/** Sort key: exact names first, then wildcards by longer suffix, then the catch-all (null). Ties by name for determinism. */
export function compareSpecificity(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  const wa = a.startsWith('*.');
  const wb = b.startsWith('*.');
  if (wa !== wb) return wa ? 1 : -1;
  if (a.length !== b.length) return b.length - a.length;
  return a < b ? -1 : 1;
}

/** Length of the host part of a Host header value (strips `:port`, keeps `[v6]`). */
export function hostPartLength(host: string): number {
  if (host.charCodeAt(0) === 91 /* [ */) {
    const end = host.indexOf(']');
    return end < 0 ? host.length : end + 1;
  }
  const colon = host.indexOf(':');
  return colon < 0 ? host.length : colon;
}

function lower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * A precompiled hostname pattern for per-request matching: case-insensitive (DNS names are), port already stripped by the
 * caller passing `len`. No allocation.
 */
export class HostPattern {
  readonly any: boolean;
  readonly wildcard: boolean;
  /** Exact name, or the suffix including the leading dot for a wildcard. */
  readonly text: string;

  constructor(readonly hostname: string | null) {
    this.any = hostname === null;
    this.wildcard = hostname !== null && hostname.startsWith('*.');
    this.text = hostname === null ? '' : this.wildcard ? hostname.slice(1) : hostname;
  }

  matches(host: string, len: number): boolean {
    if (this.any) return true;
    const t = this.text;
    if (this.wildcard) {
      if (len <= t.length) return false;
      const off = len - t.length;
      for (let i = 0; i < t.length; i++) if (lower(host.charCodeAt(off + i)) !== t.charCodeAt(i)) return false;
      return true;
    }
    if (len !== t.length) return false;
    for (let i = 0; i < len; i++) if (lower(host.charCodeAt(i)) !== t.charCodeAt(i)) return false;
    return true;
  }
}
