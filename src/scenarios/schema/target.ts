// Where a client sends requests: a URL template (`http://${gateway:NAME}/round`) split into scheme, host, port and
// path. The host may be a reference resolved at run time; everything else is checked here.
import { parseRefs, REF_ALLOWED, type VarRef } from './var-refs.js';

/** A client's target with references kept as text. */
export interface ResolvedTarget {
  /** The URL as written. */
  url: string;
  scheme: 'http' | 'https';
  /** Literal host (IP or name) or one reference such as `${gateway:my-gateway}`. */
  host: string;
  /** The reference in `host`, if any. */
  hostRef: VarRef | null;
  /** Port: as written, else 80 for http and 443 for https. */
  port: number;
  /** Path and query, at least `/` (curl sends `/` for an empty path). */
  path: string;
}

export type TargetParse = { ok: true; target: ResolvedTarget } | { ok: false; problem: string; allowed: string };

const URL_ALLOWED = 'an http:// or https:// URL whose host is an address, a name or ' + REF_ALLOWED;
const PLACEHOLDER = 'gwsim-ref.invalid';

/** Reads a client URL. References are allowed as the whole host only. */
export function parseTarget(url: string): TargetParse {
  const refs = parseRefs(url);
  if (!refs.ok) return refs;
  if (refs.refs.length > 1) return { ok: false, problem: 'a URL may hold one reference (its host)', allowed: URL_ALLOWED };
  const ref = refs.refs[0] ?? null;
  const text = ref === null ? url : url.replace(ref.text, PLACEHOLDER);
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    return { ok: false, problem: `not a URL: ${JSON.stringify(url)}`, allowed: URL_ALLOWED };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, problem: `unsupported scheme ${JSON.stringify(u.protocol.slice(0, -1))}`, allowed: URL_ALLOWED };
  if (ref !== null && u.hostname !== PLACEHOLDER) return { ok: false, problem: `${ref.text} must be the URL's whole host`, allowed: URL_ALLOWED };
  if (u.username !== '' || u.password !== '') return { ok: false, problem: 'credentials in URLs are not supported', allowed: URL_ALLOWED };
  const scheme = u.protocol === 'http:' ? 'http' : 'https';
  const port = u.port === '' ? (scheme === 'http' ? 80 : 443) : Number(u.port);
  if (port < 1) return { ok: false, problem: `port ${port} is not a usable TCP port`, allowed: 'a port from 1 to 65535' };
  return {
    ok: true,
    target: { url, scheme, host: ref === null ? u.hostname : ref.text, hostRef: ref, port, path: (u.pathname || '/') + u.search },
  };
}
