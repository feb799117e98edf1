// hey against a scripted gateway: -c workers on keep-alive connections, n/c requests each (remainder dropped), -q's
// per-worker ticker, -z, -t with Go's timeout error and a redial, and the counts its summary is built from.
import { describe, expect, it } from 'vitest';
import { HEY_TIMEOUT_DETAIL, HeyClient, type HeyConfig } from '../../../src/models/clients/hey.js';
import { NO_RESPONSE } from '../../../src/models/http/request.js';
import { NS_PER_MS, NS_PER_S } from '../../../src/sim/time.js';
import { fakeWorld, template, type PlannedAnswer } from './fake-ingress.js';

function hey(over: Partial<HeyConfig>, plan: (n: number) => PlannedAnswer, dialNs = NS_PER_MS) {
  const w = fakeWorld((_req, n) => plan(n));
  const config: HeyConfig = {
    n: 10,
    c: 2,
    qps: 0,
    durationNs: 0,
    timeoutNs: 20 * NS_PER_S,
    template: template('/'),
    sourceIp: '192.168.1.10',
    print: false,
    ...over,
  };
  const client = new HeyClient(w.ctx, config, dialNs);
  client.start();
  w.engine.run();
  return { ...w, report: client.report() };
}

const ok = (afterMs = 10): PlannedAnswer => ({ status: 200, pod: 0, afterNs: afterMs * NS_PER_MS });

describe('HeyClient', () => {
  it('-n 7 -c 2: three requests per worker back to back on its own connection (the remainder is dropped)', () => {
    const w = hey({ n: 7, c: 2 }, () => ok());
    expect(w.sent.map((s) => s.atNs / NS_PER_MS)).toEqual([0, 0, 10, 10, 20, 20]);
    expect(w.sent.map((s) => s.connection)).toEqual([1, 2, 1, 2, 1, 2]);
    expect(w.sent.map((s) => s.newConnection)).toEqual([true, true, false, false, false, false]);
    expect(w.report.results).toBe(6);
    expect(w.report.totalNs).toBe(30 * NS_PER_MS);
    expect(w.report.statusCounts).toEqual([[200, 6]]);
    // Only the first request of each worker paid the handshake: 2 of 6.
    expect(w.report.dial).toEqual({ averageNs: (2 * NS_PER_MS) / 6, minNs: 0, maxNs: NS_PER_MS });
    expect(w.doneAt()).toBe(30 * NS_PER_MS);
  });

  it("-q 10: each worker's ticker lets one request out every 100 ms", () => {
    const w = hey({ n: 6, c: 2, qps: 10 }, () => ok());
    expect(w.sent.map((s) => s.atNs / NS_PER_MS)).toEqual([0, 0, 100, 100, 200, 200]);
  });

  it('-z 50ms: workers send until the duration has passed, then stop', () => {
    const w = hey({ n: 200, c: 1, durationNs: 50 * NS_PER_MS }, () => ok());
    expect(w.sent.map((s) => s.atNs / NS_PER_MS)).toEqual([0, 10, 20, 30, 40]);
    expect(w.doneAt()).toBe(50 * NS_PER_MS);
  });

  it('errors are counted apart and left out of latency; refused connections print as Go reports them', () => {
    const w = hey({ n: 4, c: 1 }, (n) =>
      n % 2 === 0 ? ok(20) : { status: NO_RESPONSE, afterNs: NS_PER_MS, message: 'Connection refused' },
    );
    expect(w.report.statusCounts).toEqual([[200, 2]]);
    expect(w.report.errors).toEqual([['Get "http://10.10.10.0/": Connection refused', 2]]);
    expect(w.report.averageNs).toBe(20 * NS_PER_MS);
    expect(w.recorder.step(0).statusCounts()).toEqual({ '0': 2, '200': 2 });
  });

  it('-t: a request past the timeout is an error; the worker drops the connection and dials a new one', () => {
    const w = hey({ n: 2, c: 1, timeoutNs: NS_PER_S }, (n) => (n === 0 ? ok(5000) : ok()));
    expect(w.sent.map((s) => [s.atNs / NS_PER_MS, s.connection, s.newConnection])).toEqual([
      [0, 1, true],
      [1000, 2, true],
    ]);
    expect(w.report.errors).toEqual([[`Get "http://10.10.10.0/": ${HEY_TIMEOUT_DETAIL}`, 1]]);
    expect(w.report.statusCounts).toEqual([[200, 1]]);
  });
});
