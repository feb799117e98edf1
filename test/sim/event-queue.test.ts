import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue } from '../../src/sim/event-queue.js';

function drain(q: EventQueue<string>): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  while (q.pop()) out.push([q.time, q.handler as string]);
  return out;
}

describe('EventQueue', () => {
  it('pops in (time, seq) order, ties in push order', () => {
    const q = new EventQueue<string>(16);
    q.push(5, 'a', null);
    q.push(1, 'b', null);
    q.push(5, 'c', null);
    q.push(0, 'd', null);
    q.push(1, 'e', null);
    expect(drain(q)).toEqual([
      [0, 'd'],
      [1, 'b'],
      [1, 'e'],
      [5, 'a'],
      [5, 'c'],
    ]);
  });

  it('cancels lazily and rejects stale handles after the slot is reused', () => {
    const q = new EventQueue<string>(16);
    const a = q.handleOf(q.push(1, 'a', null));
    q.push(2, 'b', null);
    expect(q.cancel(a)).toBe(true);
    expect(q.cancel(a)).toBe(false);
    expect(q.size).toBe(1);
    expect(q.peekTime()).toBe(2);
    // The slot of `a` is free again once dropped; a new event may take it, and the old handle must not cancel it.
    const c = q.handleOf(q.push(3, 'c', null));
    expect(q.cancel(a)).toBe(false);
    expect(q.isPending(c)).toBe(true);
    expect(drain(q)).toEqual([
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(q.cancel(c)).toBe(false);
  });

  it('grows past its initial capacity', () => {
    const q = new EventQueue<string>(16);
    for (let i = 999; i >= 0; i--) q.push(i, String(i), i);
    const out = drain(q);
    expect(out.length).toBe(1000);
    expect(out.map(([t]) => t)).toEqual([...Array(1000).keys()]);
  });

  it('carries payloads', () => {
    const q = new EventQueue<string>(16);
    const obj = { x: 1 };
    q.push(1, 'h', obj);
    expect(q.pop()).toBe(true);
    expect(q.payload).toBe(obj);
    expect(q.pop()).toBe(false);
  });

  // Property: under any interleaving of pushes, cancels and pops, pops come out in non-decreasing (time, seq)
  // and are exactly the pushed-and-not-cancelled events.
  it('pops in non-decreasing (time, seq) under any interleaving of pushes, cancels and pops', () => {
    type Op = { op: 'push'; t: number } | { op: 'cancel'; i: number } | { op: 'pop' };
    const opArb: fc.Arbitrary<Op> = fc.oneof(
      { weight: 5, arbitrary: fc.record({ op: fc.constant('push' as const), t: fc.integer({ min: 0, max: 50 }) }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('cancel' as const), i: fc.nat(200) }) },
      { weight: 3, arbitrary: fc.record({ op: fc.constant('pop' as const) }) },
    );
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 300 }), (ops) => {
        const q = new EventQueue<number>(16);
        const handles: number[] = [];
        const live = new Map<number, { t: number; seq: number }>();
        let seq = 0;
        let lastT = -1;
        let lastSeq = -1;
        const check = () => {
          const s = q.seq;
          expect(live.has(s)).toBe(true);
          const e = live.get(s)!;
          expect(q.time).toBe(e.t);
          // The popped event is the minimum of the live set.
          for (const o of live.values()) expect(o.t > e.t || (o.t === e.t && o.seq >= s)).toBe(true);
          expect(q.time > lastT || (q.time === lastT && s > lastSeq)).toBe(true);
          lastT = q.time;
          lastSeq = s;
          live.delete(s);
        };
        for (const o of ops) {
          if (o.op === 'push') {
            const t = Math.max(o.t, lastT < 0 ? 0 : lastT); // never before the last pop, as the engine guarantees
            handles.push(q.handleOf(q.push(t, seq, seq)));
            live.set(seq, { t, seq });
            seq++;
          } else if (o.op === 'cancel') {
            if (handles.length === 0) continue;
            const k = o.i % handles.length;
            const wasLive = live.has(k);
            expect(q.cancel(handles[k])).toBe(wasLive);
            live.delete(k);
          } else if (q.pop()) check();
          else expect(live.size).toBe(0);
          expect(q.size).toBe(live.size);
        }
        while (q.pop()) check();
        expect(live.size).toBe(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});
