// Request templates for client steps: the URL (with `${gateway:NAME}` resolved to the Gateway's address at the time
// the step starts), the Host header, other headers and the SNI, built once per client step.
import type { RequestTemplate } from '../../models/http/request.js';
import type { ClientStep } from '../schema/resolved.js';

/** Splits `path?query` and builds the template. `address` is the resolved destination (an IP or a name). */
export function templateFor(step: ClientStep, address: string, method = step.method): RequestTemplate {
  const t = step.target;
  const q = t.path.indexOf('?');
  const path = q < 0 ? t.path : t.path.slice(0, q);
  const query = q < 0 ? '' : t.path.slice(q + 1);
  // curl and hey send the URL's host (with a non-default port) as Host unless a Host header or -host is given.
  const defaultPort = t.scheme === 'http' ? 80 : 443;
  const urlHost = t.hostRef === null ? t.host : address;
  const host = step.host ?? (t.port === defaultPort ? urlHost : `${urlHost}:${t.port}`);
  const resolve = step.kind === 'curl' ? step.resolve : null;
  return {
    method,
    scheme: t.scheme,
    host: stripPort(host),
    address: resolve !== null ? resolve.address : address,
    port: t.port,
    path: path === '' ? '/' : path,
    query,
    pathAndQuery: t.path === '' ? '/' : t.path,
    headers: step.headers.map(([k, v]) => [k.toLowerCase(), v] as const),
    sni: stripPort(resolve !== null ? resolve.host : urlHost),
  };
}

function stripPort(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const i = host.lastIndexOf(':');
  return i < 0 ? host : host.slice(0, i);
}
