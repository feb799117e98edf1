// A client's world reduced to a script: each request sent is answered after a fixed delay with the next planned answer
// (status, pod, headers, body, or no response), and everything the client prints, records and reports is kept.
import { Engine } from '../../../src/sim/engine.js';
import { RngRoot } from '../../../src/sim/rng.js';
import { NO_RESPONSE, RequestPool, type HttpRequest, type RequestTemplate } from '../../../src/models/http/request.js';
import { MetricsRecorder } from '../../../src/models/metrics/recorder.js';
import type { ClientContext } from '../../../src/models/clients/client-context.js';

export interface PlannedAnswer {
  status: number;
  pod?: number;
  afterNs: number;
  setCookie?: string;
  headers?: Array<[string, string]>;
  body?: string;
  /** With status NO_RESPONSE: the network's message (Connection refused, ...). */
  message?: string;
}

export function template(path = '/'): RequestTemplate {
  return {
    method: 'GET',
    scheme: 'http',
    host: 'www.example.com',
    address: '10.10.10.0',
    port: 80,
    path,
    query: '',
    pathAndQuery: path,
    headers: [],
    sni: 'www.example.com',
  };
}

export function fakeWorld(plan: (req: HttpRequest, n: number) => PlannedAnswer) {
  const engine = new Engine();
  const pool = new RequestPool();
  const recorder = new MetricsRecorder(engine);
  const printed: string[] = [];
  /** What each request carried when it was sent: time, connection, new connection?, cookie. */
  const sent: Array<{
    atNs: number;
    connection: number;
    newConnection: boolean;
    cookie: string | null;
    reads: boolean;
  }> = [];
  let doneAtNs = -1;
  let conn = 0;
  const answer = engine.kind<HttpRequest>('test.answer', (req) => req.client.onResponse(req));
  const ctx: ClientContext = {
    engine,
    rng: new RngRoot(1).fork('client'),
    ingress: {
      send(req) {
        const a = plan(req, sent.length);
        sent.push({
          atNs: engine.now,
          connection: req.connection,
          newConnection: req.newConnection,
          cookie: req.cookie,
          reads: req.readsResponse,
        });
        req.status = a.status;
        req.pod = a.pod ?? -1;
        req.setCookie = a.setCookie ?? null;
        if (req.readsResponse) {
          req.responseHeaders = a.headers ?? (a.setCookie !== undefined ? [['set-cookie', a.setCookie]] : []);
          req.responseBody = a.body ?? null;
        }
        if (a.status === NO_RESPONSE) req.message = a.message ?? 'Connection refused';
        engine.schedule(a.afterNs, answer, req);
      },
    },
    pool,
    recorder,
    connections: { next: () => ++conn },
    step: 0,
    podName: (i) => `echo-${i}`,
    print: (l) => printed.push(l),
    done: () => {
      doneAtNs = engine.now;
    },
  };
  return { engine, ctx, printed, sent, recorder, pool, doneAt: () => doneAtNs };
}
