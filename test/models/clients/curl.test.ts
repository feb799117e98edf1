// curl in a shell loop against a scripted gateway: exact times of each request (one after another, `sleep` between),
// what each output mode prints, the cookie jar, --fail, -m, and `grep -o | sort | uniq -c`.
import { describe, expect, it } from 'vitest';
import { CurlClient, uniqCount, type CurlConfig } from '../../../src/models/clients/curl.js';
import { NO_RESPONSE } from '../../../src/models/http/request.js';
import { NS_PER_MS, NS_PER_S } from '../../../src/sim/time.js';
import { fakeWorld, template, type PlannedAnswer } from './fake-ingress.js';

function curl(over: Partial<CurlConfig>, plan: (n: number) => PlannedAnswer) {
  const w = fakeWorld((_req, n) => plan(n));
  const config: CurlConfig = {
    count: 3,
    intervalNs: NS_PER_S,
    template: template('/'),
    cookie: null,
    keepCookies: false,
    head: false,
    output: 'pod',
    grep: null,
    uniqCount: false,
    fail: false,
    sourceIp: '192.168.1.10',
    timeoutNs: 127 * NS_PER_S,
    ...over,
  };
  const client = new CurlClient(w.ctx, config);
  client.start();
  w.engine.run();
  return w;
}

const ok = (pod: number): PlannedAnswer => ({ status: 200, pod, afterNs: 2 * NS_PER_MS });

describe('CurlClient', () => {
  it('sends one request after another, each on a new connection, sleeping between answer and next request', () => {
    const w = curl({}, (n) => ok(n % 2));
    expect(w.sent.map((s) => s.atNs / NS_PER_MS)).toEqual([0, 1002, 2004]);
    expect(w.sent.every((s) => s.newConnection)).toBe(true);
    expect(new Set(w.sent.map((s) => s.connection)).size).toBe(3);
    expect(w.printed).toEqual(['"echo-0"', '"echo-1"', '"echo-0"']);
    expect(w.doneAt()).toBe(2006 * NS_PER_MS);
    expect(w.recorder.step(0).requests).toBe(3);
  });

  it('prints jq -r, the echoserver Hostname line and %{http_code} (000 without a response)', () => {
    expect(curl({ count: 1, output: 'pod-raw' }, () => ok(1)).printed).toEqual(['echo-1']);
    expect(curl({ count: 1, output: 'hostname' }, () => ok(1)).printed).toEqual(['Hostname: echo-1']);
    const st = curl({ count: 2, output: 'status' }, (n) =>
      n === 0 ? ok(0) : { status: NO_RESPONSE, afterNs: 0, message: 'Connection refused' },
    );
    expect(st.printed).toEqual(['200', '000']);
  });

  it('-I prints the status line and the headers the answer carries; a refused connection prints curl (7)', () => {
    const w = curl({ count: 2, output: 'headers', head: true }, (n) =>
      n === 0
        ? { status: 301, afterNs: NS_PER_MS, headers: [['location', 'https://www.example.com/']] }
        : { status: NO_RESPONSE, afterNs: 0, message: 'Connection refused' },
    );
    expect(w.sent.every((s) => s.reads)).toBe(true);
    expect(w.printed).toEqual([
      'HTTP/1.1 301 Moved Permanently',
      'location: https://www.example.com/',
      'curl: (7) Failed to connect to 10.10.10.0 port 80: Connection refused',
    ]);
  });

  it("prints the pod's body as written; Envoy's own replies have none; --fail drops bodies of statuses >= 400", () => {
    const body = '{"path":"/","pod":"echo-0"}';
    const w = curl({ count: 2, output: 'body' }, (n) =>
      n === 0 ? { status: 200, pod: 0, afterNs: NS_PER_MS, body } : { status: 503, afterNs: NS_PER_MS },
    );
    expect(w.printed).toEqual([body]);
    const f = curl({ count: 1, output: 'pod', fail: true }, () => ({ status: 500, pod: 0, afterNs: NS_PER_MS }));
    expect(f.printed).toEqual([]);
  });

  it('a client that does not read the answer does not ask for it (no headers, no body built)', () => {
    expect(curl({ count: 1, output: 'pod' }, () => ok(0)).sent[0].reads).toBe(false);
    expect(curl({ count: 1, output: 'none' }, () => ok(0)).printed).toEqual([]);
  });

  it('keeps the Set-Cookie in its jar and sends it with --cookie on the following requests', () => {
    const w = curl({ cookie: 'a=1', keepCookies: true }, (n) => ({
      ...ok(0),
      setCookie: n === 0 ? 'session="abc"; Max-Age=60; Path=/; HttpOnly' : undefined,
    }));
    expect(w.sent.map((s) => s.cookie)).toEqual(['a=1', 'a=1; session="abc"', 'a=1; session="abc"']);
  });

  it('-m: gives up at the limit with curl (28), and the late answer is dropped', () => {
    const w = curl({ count: 1, output: 'headers', maxTimeNs: 500 * NS_PER_MS }, () => ({
      status: 200,
      pod: 0,
      afterNs: 2 * NS_PER_S,
    }));
    expect(w.printed).toEqual(['curl: (28) Operation timed out after 500 milliseconds with 0 bytes received']);
    expect(w.recorder.step(0).statusCounts()).toEqual({ '0': 1 });
    expect(w.doneAt()).toBe(500 * NS_PER_MS);
  });

  it('grep -o then sort | uniq -c: counts per distinct match in byte order, printed when the loop ends', () => {
    const w = curl({ count: 5, output: 'pod-raw', grep: 'echo-[0-9]', uniqCount: true }, (n) =>
      ok(n % 3 === 0 ? 1 : 0),
    );
    expect(w.printed).toEqual(['      3 echo-0', '      2 echo-1']);
    expect(uniqCount(['b', 'a', 'b', 'B'])).toEqual(['      1 B', '      1 a', '      2 b']);
  });
});
