// `curl` in a shell loop, as the workshops run it: `count` requests one after another, each a new TCP connection,
// `sleep interval` between them; prints what the workshop pipes out (`jq .pod`, the status line, -I headers).
// A cookie given with --cookie is sent every time; curl keeps no jar across invocations unless told to (-c/-b file).
import type { HttpRequest, RequestTemplate, ResponseSink } from '../http/request.js';
import { NO_RESPONSE } from '../http/request.js';
import type { ClientContext } from './client-context.js';
import { reasonPhrase } from './status-text.js';
import { ResponseTimeouts } from './response-timeouts.js';
import { CONNECTION_RESET, TLS_HANDSHAKE_CLOSED } from '../http/connection-errors.js';

/**
 * What each response prints, as the workshops pipe curl: `pod` = `| jq .pod` (a quoted name), `pod-raw` = `| jq -r .pod`,
 * `hostname` = the echoserver's `Hostname: <pod>` line, `status` = `-w '%{http_code}'` (000 without a response),
 * `headers` = `-I`'s status line and headers, `body` = the echo JSON, `none` = `-o /dev/null`.
 */
export type CurlOutput = 'pod' | 'pod-raw' | 'hostname' | 'status' | 'headers' | 'body' | 'none';

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
  /** `| grep -o REGEX` over the printed lines (null: no grep). */
  grep: string | null;
  /** `| sort | uniq -c` over the (grepped) lines, printed when the loop ends. */
  uniqCount: boolean;
  /** `--fail`: no body for a status >= 400 (curl exits 22 and prints nothing). */
  fail: boolean;
  sourceIp: string;
  /** Give up after this long without a response (curl's -m; default: the OS's SYN retries, about 127 s). */
  timeoutNs: number;
  /** curl -m: the whole transfer's limit, also while a response is slow (null: none). */
  maxTimeNs?: number | null;
}

/** curl's message when -m passes (exit code 28, CURLE_OPERATION_TIMEDOUT). */
export const CURL_TIMEOUT_DETAIL = 'Operation timed out';

export class CurlClient implements ResponseSink {
  private sent = 0;
  private jar: string | null = null;
  private readonly sendKind;
  private readonly grep: RegExp | null;
  /** Lines held back for `sort | uniq -c`. */
  private readonly held: string[] = [];
  private readonly timeouts: ResponseTimeouts | null;

  constructor(
    private readonly ctx: ClientContext,
    readonly config: CurlConfig,
  ) {
    this.sendKind = ctx.engine.kind<null>('curl.send', () => this.sendOne());
    this.grep = config.grep === null ? null : new RegExp(config.grep, 'g');
    const m = config.maxTimeNs ?? null;
    this.timeouts =
      m !== null && m > 0 && m < Infinity
        ? new ResponseTimeouts(ctx.engine, ctx.pool, m, 1, CURL_TIMEOUT_DETAIL, (copy) => this.onResponse(copy))
        : null;
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
    req.readsResponse = c.output === 'headers' || c.output === 'body';
    const conn = this.ctx.connections.next();
    req.connection = conn;
    req.sourcePort = 32768 + (conn % 28232); // Linux ip_local_port_range 32768-60999
    req.newConnection = true; // each curl invocation opens its own connection
    req.ordinal = this.sent;
    req.seqInClient = this.sent++;
    req.sentAt = this.ctx.engine.now;
    this.timeouts?.start(0, req);
    this.ctx.ingress.send(req);
  }

  onResponse(req: HttpRequest): void {
    const ctx = this.ctx;
    if (req.clientGaveUp) return ctx.pool.give(req); // answered already: -m passed first
    this.timeouts?.stop(0);
    ctx.recorder.record(req.step, req.pod, req.status, ctx.engine.now - req.sentAt);
    if (this.config.keepCookies && req.setCookie !== null) this.jar = req.setCookie.split(';')[0];
    this.printResult(req);
    ctx.pool.give(req);
    if (this.sent < this.config.count) ctx.engine.schedule(this.config.intervalNs, this.sendKind, null);
    else {
      if (this.config.uniqCount) for (const l of uniqCount(this.held)) ctx.print(l);
      ctx.done();
    }
  }

  /** One output line through `grep -o` (each match on its own line) and into `uniq -c`'s buffer or the step's lines. */
  private emit(line: string): void {
    const out = this.grep === null ? [line] : (line.match(this.grep) ?? []);
    for (const l of out) {
      if (this.config.uniqCount) this.held.push(l);
      else this.ctx.print(l);
    }
  }

  private printResult(req: HttpRequest): void {
    const c = this.config;
    const t = req.template;
    if (c.output === 'none') return;
    if (req.status === NO_RESPONSE) {
      // curl writes its error to stderr; with -s it is silent. What reaches the pipe: %{http_code} prints 000.
      if (c.output === 'status') this.emit('000');
      else if (c.output === 'headers' && req.message === CURL_TIMEOUT_DETAIL)
        this.emit(
          `curl: (28) Operation timed out after ${Math.round((c.maxTimeNs ?? 0) / 1e6)} milliseconds with 0 bytes received`,
        );
      else if (c.output === 'headers' && req.message === TLS_HANDSHAKE_CLOSED)
        // Exit 35 (CURLE_SSL_CONNECT_ERROR): the peer closed during SSL_connect with nothing in OpenSSL's error queue;
        // lib/vtls/openssl.c ossl_connect_step2 (curl 8.5) prints the SSL_get_error code and the peer it dialled.
        this.emit(`curl: (35) OpenSSL SSL_connect: SSL_ERROR_SYSCALL in connection to ${t.sni || t.address}:${t.port}`);
      else if (c.output === 'headers' && req.message === CONNECTION_RESET)
        // Exit 56 (CURLE_RECV_ERROR): the RST arrives while curl waits for the answer (lib/cf-socket.c, curl 8.5).
        this.emit(`curl: (56) Recv failure: ${CONNECTION_RESET}`);
      else if (c.output === 'headers')
        this.emit(`curl: (7) Failed to connect to ${t.address} port ${t.port}: ${req.message || 'Connection refused'}`);
      return;
    }
    if (c.output === 'status') return this.emit(String(req.status));
    if (c.output === 'headers') {
      this.emit(`HTTP/1.1 ${req.status} ${reasonPhrase(req.status)}`);
      for (const [name, value] of req.responseHeaders ?? []) this.emit(`${name}: ${value}`);
      return;
    }
    // Body outputs: only the echo server's JSON (a pod answered) has a pod; Envoy's own error bodies are plain text,
    // so `jq` prints nothing for them; --fail suppresses bodies of statuses >= 400 altogether.
    if (req.pod < 0 || (c.fail && req.status >= 400)) return;
    const pod = this.ctx.podName(req.pod);
    switch (c.output) {
      case 'pod':
        return this.emit(JSON.stringify(pod));
      case 'pod-raw':
        return this.emit(pod);
      case 'hostname':
        return this.emit(`Hostname: ${pod}`);
      case 'body':
        if (req.responseBody !== null) this.emit(req.responseBody);
        return;
    }
  }
}

/** `sort | uniq -c`: sorted by byte order, each distinct line with its count right-aligned in 7 columns (GNU uniq). */
export function uniqCount(lines: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((l) => `${String(counts.get(l)).padStart(7)} ${l}`);
}

function joinCookies(given: string | null, jar: string | null): string | null {
  if (given === null) return jar;
  if (jar === null) return given;
  return `${given}; ${jar}`;
}
