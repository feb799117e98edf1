import { describe, expect, it } from 'vitest';
import { Engine } from '../../../../src/sim/engine.js';
import { HttpRequest } from '../../../../src/models/http/request.js';
import { RequestDeadlines } from '../../../../src/models/envoy/proxy/request-deadlines.js';

function setup(timeoutNs: number) {
  const engine = new Engine();
  const expired: Array<[number, number]> = [];
  const timer = engine.kind<RequestDeadlines>('timer', (q) => q.fire());
  const q = new RequestDeadlines(engine, timeoutNs, new Float64Array(1), timer, (req) =>
    expired.push([engine.now, req.ordinal]),
  );
  const req = (ordinal: number) => {
    const r = new HttpRequest();
    r.ordinal = ordinal;
    return r;
  };
  return { engine, q, expired, req };
}

describe('RequestDeadlines (the route timeout)', () => {
  it('expires exactly the requests still pending at their deadline, in order, at forward time + timeout', () => {
    const { engine, q, expired, req } = setup(100);
    const rs = [0, 1, 2, 3, 4].map(req);
    for (const [i, r] of rs.entries()) engine.scheduleAt(i * 10, () => q.arm(r));
    // Requests 1 and 3 complete in time (the proxy clears deadlineSeq when it answers the client).
    engine.scheduleAt(50, () => (rs[1].deadlineSeq = 0));
    engine.scheduleAt(115, () => (rs[3].deadlineSeq = 0));
    engine.run();
    expect(expired).toEqual([
      [100, 0],
      [120, 2],
      [140, 4],
    ]);
    expect(rs.every((r) => r.deadlineSeq === 0)).toBe(true);
  });

  it('does not expire a recycled record armed again for another request', () => {
    const { engine, q, expired, req } = setup(100);
    const r = req(7);
    engine.scheduleAt(0, () => q.arm(r));
    engine.scheduleAt(30, () => {
      r.deadlineSeq = 0; // answered...
      q.arm(r); // ...and reused for a new request at 30, due at 130
    });
    engine.run();
    expect(expired).toEqual([[130, 7]]);
  });

  it('wakes about once per timeout when responses are fast, and holds only the requests in flight', () => {
    const { engine, q, expired, req } = setup(1_000_000_000);
    const r = req(0);
    // 10 000 requests, 1 ms apart (10 s in all), each answered 0.1 ms after it is forwarded; one record reused throughout.
    for (let i = 0; i < 10_000; i++) {
      engine.scheduleAt(i * 1_000_000, () => q.arm(r));
      engine.scheduleAt(i * 1_000_000 + 100_000, () => (r.deadlineSeq = 0));
    }
    engine.run();
    const timerEvents = engine.events - 20_000;
    expect(expired).toEqual([]);
    expect(timerEvents).toBeGreaterThanOrEqual(10);
    expect(timerEvents).toBeLessThanOrEqual(12); // one per second of traffic, plus the last
    expect(q.size).toBe(0);
  });

  it('grows its ring past its first 64 entries and keeps the order', () => {
    const { engine, q, expired, req } = setup(1000);
    for (let i = 0; i < 200; i++) engine.scheduleAt(i, () => q.arm(req(i)));
    engine.run();
    expect(expired.map(([, o]) => o)).toEqual([...Array(200).keys()]);
    expect(expired.map(([t]) => t)).toEqual([...Array(200).keys()].map((i) => i + 1000));
  });

  it('behind one stuck request, keeps its ring the size of the requests in flight, not of the rate times the timeout', () => {
    const { engine, q, expired, req } = setup(1_000_000_000);
    const stuck = req(-1);
    engine.scheduleAt(0, () => q.arm(stuck));
    const r = req(0);
    // 100 000 fast requests within the stuck one's 1 s timeout, one record reused.
    for (let i = 0; i < 100_000; i++) {
      engine.scheduleAt(1000 + i * 5000, () => q.arm(r));
      engine.scheduleAt(1000 + i * 5000 + 100, () => (r.deadlineSeq = 0));
    }
    engine.run();
    expect(expired).toEqual([[1_000_000_000, -1]]);
    expect(q.capacity).toBeLessThanOrEqual(128);
  });
});
