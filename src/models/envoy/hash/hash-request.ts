// What a hash policy may read from a request and where it writes its result: the seam between the HTTP model and the
// hash policies. Owns no behaviour; the router/HTTP model implements HashRequest, the LB context implements HashTarget.

/** The parts of a request and its downstream connection that Envoy's hash policies read. */
export interface HashRequest {
  /** Every value of header `name` (lower-case name), in arrival order; undefined or empty when absent. */
  headerValues(name: string): readonly string[] | undefined;
  /** The `:path` pseudo-header, query string included. */
  readonly path: string;
  /** The downstream remote IP as text (`10.0.0.1`, IPv6 without brackets), or null for a non-IP peer. */
  readonly remoteIp: string | null;
  /** The downstream remote address as Envoy prints it (`10.0.0.1:41234`, `[::1]:41234`), or null. */
  readonly remoteAddress: string | null;
  /** The listener-side (local) address of the downstream connection, same format, or null. */
  readonly localAddress: string | null;
}

/** Where the policy puts the request hash (two uint32 halves) and any cookie Envoy generated. */
export interface HashTarget {
  hasHash: boolean;
  hashHi: number;
  hashLo: number;
  /** The Set-Cookie header value Envoy adds to the response, or null. */
  setCookie: string | null;
  /** The generated cookie value (16 hex digits), or null. */
  generatedCookie: string | null;
}

/** One hash method's output before combination. */
export interface HashScratch {
  hi: number;
  lo: number;
}

/** One configured hash method (`RouteAction.HashPolicy` entry). */
export interface HashMethod {
  readonly terminal: boolean;
  /** Writes the method's hash into `scratch` and returns true, or returns false when it yields none. May set a cookie on `target`. */
  evaluate(request: HashRequest, scratch: HashScratch, target: HashTarget): boolean;
}

/** A plain HashRequest for tests, the CLI and simple clients. */
export class SimpleHashRequest implements HashRequest {
  constructor(
    readonly headers: ReadonlyMap<string, readonly string[]>,
    readonly path = '/',
    readonly remoteIp: string | null = null,
    readonly remoteAddress: string | null = null,
    readonly localAddress: string | null = null,
  ) {}

  headerValues(name: string): readonly string[] | undefined {
    return this.headers.get(name);
  }
}

/** A HashTarget with nothing set. */
export function emptyHashTarget(): HashTarget {
  return { hasHash: false, hashHi: 0, hashLo: 0, setCookie: null, generatedCookie: null };
}
