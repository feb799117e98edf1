// `curl` in a shell loop, as the workshops run it: `count` requests one after another, each a new TCP connection,
// `sleep interval` between them; prints what the workshop pipes out (`jq .pod`, the status line, -I headers).
// A cookie given with --cookie is sent every time; curl keeps no jar across invocations unless told to (-c/-b file).
import type { HttpRequest, RequestTemplate, ResponseSink } from '../http/request.js';
import { NO_RESPONSE } from '../http/request.js';
import type { ClientContext } from './client-context.js';
import { reasonPhrase } from './status-text.js';

export type CurlOutput = 'pod' | 'status' | 'headers' | 'code' | 'none';

export interface CurlConfig {
  count: number;
  /** `sleep` between one response and the next request. */
  intervalNs: number;
  template: RequestTemplate;
  /** --cookie value sent on every request. */
  cookie: string | null;
  /** Keep Set-Cookie between requests (a jar file shared by the loop). */
  keepCookies: boolean;
  /** -I: HEAD request, prints headers. */
  head: boolean;
  output: CurlOutput;
  sourceIp: string;
  /** Give up after this long without a response (curl's -m; default: the OS's SYN retries, about 127 s). */
  timeoutNs: number;
}

export class CurlClient implements ResponseSink {
  private sent = 0;
  private jar: string | null = null;
  private readonly sendKind;

  constructor(
    private readonly ctx: ClientContext,
    readonly config: CurlConfig,
  ) {
    this.sendKind = ctx.engine.kind<null>('curl.send', () => this.sendOne());
  }

  start(): void {
    if (this.config.count <= 0) this.ctx.done();
    else this.sendOne();
  }

  private sendOne(): void {
    const c = this.config;
    const req = this.ctx.pool.take();
    req.template = c.template;
    req.cookie = joinCookies(c.cookie, this.jar);
    req.client = this;
    req.step = this.ctx.step;
    req.sourceIp = c.sourceIp;
    const conn = this.ctx.connections.next();
    req.connection = conn;
    req.sourcePort = 32768 + (conn % 28232); // Linux ip_local_port_range 32768-60999
    req.newConnection = true; // each curl invocation opens its own connection
    req.seqInClient = this.sent++;
    req.sentAt = this.ctx.engine.now;
    this.ctx.ingress.send(req);
  }

  onResponse(req: HttpRequest): void {
    const ctx = this.ctx;
    ctx.recorder.record(req.step, req.pod, req.status, ctx.engine.now - req.sentAt);
    if (this.config.keepCookies && req.setCookie !== null) this.jar = req.setCookie.split(';')[0];
    this.printResult(req);
    ctx.pool.give(req);
    if (this.sent < this.config.count) ctx.engine.schedule(this.config.intervalNs, this.sendKind, null);
    else ctx.done();
  }

  private printResult(req: HttpRequest): void {
    const ctx = this.ctx;
    switch (this.config.output) {
      case 'none':
        return;
      case 'code':
        ctx.print(req.status === NO_RESPONSE ? '000' : String(req.status));
        return;
      case 'pod':
        // `curl -s ... | jq .pod`: the echo server's JSON has the pod name; a non-JSON error body makes jq fail (prints nothing).
        if (req.status !== NO_RESPONSE && req.pod >= 0) ctx.print(JSON.stringify(ctx.podName(req.pod)));
        else if (req.status === NO_RESPONSE) ctx.print(`curl: (7) Failed to connect to ${req.template.address} port ${req.template.port}: ${req.detail || 'Connection refused'}`);
        return;
      case 'status':
      case 'headers':
        if (req.status === NO_RESPONSE) {
          ctx.print(`curl: (7) Failed to connect to ${req.template.address} port ${req.template.port}: ${req.detail || 'Connection refused'}`);
          return;
        }
        ctx.print(`HTTP/1.1 ${req.status} ${reasonPhrase(req.status)}`);
        if (this.config.output === 'headers' && req.setCookie !== null) ctx.print(`set-cookie: ${req.setCookie}`);
        return;
    }
  }
}

function joinCookies(given: string | null, jar: string | null): string | null {
  if (given === null) return jar;
  if (jar === null) return given;
  return `${given}; ${jar}`;
}
