// A reusable HashRequest view of a simulated request for Envoy's hash policies: headers from the request template,
// the Cookie header from the client's jar, and the downstream addresses as Envoy sees them. One per worker, no allocation
// per request once each distinct cookie string has been seen.
import type { HttpRequest } from '../../http/request.js';
import type { HashRequest } from '../hash/hash-request.js';

export class RequestView implements HashRequest {
  private req: HttpRequest | null = null;
  private readonly headerCache = new WeakMap<object, Map<string, string[]>>();
  private readonly cookieArrays = new Map<string, string[]>();
  path = '/';
  remoteIp: string | null = null;

  /** Points the view at a request; `remoteIp` is the source address Envoy sees (after any SNAT on the way). */
  set(req: HttpRequest, remoteIp: string): this {
    this.req = req;
    this.path = req.template.pathAndQuery;
    this.remoteIp = remoteIp;
    return this;
  }

  /** The listener address the client dialled (`ip:port`); built only when a policy needs it. */
  get localAddress(): string | null {
    return this.req === null ? null : `${this.req.template.address}:${this.req.template.port}`;
  }

  /** Built only when a policy needs it (cookie generation): most requests never pay for the string. */
  get remoteAddress(): string | null {
    return this.remoteIp === null || this.req === null ? null : `${this.remoteIp}:${this.req.sourcePort}`;
  }

  headerValues(name: string): readonly string[] | undefined {
    const req = this.req!;
    if (name === 'cookie' && req.cookie !== null) {
      let a = this.cookieArrays.get(req.cookie);
      if (a === undefined) {
        a = [req.cookie];
        this.cookieArrays.set(req.cookie, a);
      }
      return a;
    }
    if (name === 'host' || name === ':authority') return [req.template.host];
    let byName = this.headerCache.get(req.template);
    if (byName === undefined) {
      byName = new Map();
      for (const [k, v] of req.template.headers) {
        const list = byName.get(k);
        if (list) list.push(v);
        else byName.set(k, [v]);
      }
      this.headerCache.set(req.template, byName);
    }
    return byName.get(name);
  }
}
