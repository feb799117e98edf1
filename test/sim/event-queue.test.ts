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

  // The sift-down picks children without a branch and relies on +Infinity past the last entry; ties on time fall back to
  // seq. A large heap with only 17 distinct times, grown from 16 slots, interleaved pops, then clear() and reuse.
  it('matches a sorted reference with many ties across growth, interleaved pops and clear()', () => {
    const q = new EventQueue<number>(16);
    let x = 12345;
    const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) % 17;
    for (let round = 0; round < 2; round++) {
      const pending: Array<{ t: number; id: number }> = [];
      const popped: number[] = [];
      const expected: number[] = [];
      let floor = 0;
      for (let id = 0; id < 5000; id++) {
        const t = floor + next();
        q.push(t, id, id);
        pending.push({ t, id });
        if (id % 3 === 2) {
          // Reference: the earliest (time, push order) pending event.
          let best = 0;
          for (let k = 1; k < pending.length; k++) if (pending[k].t < pending[best].t) best = k;
          expected.push(pending[best].id);
          floor = pending[best].t;
          pending.splice(best, 1);
          expect(q.pop()).toBe(true);
          popped.push(q.payload as number);
          expect(q.time).toBe(floor);
        }
      }
      pending.sort((a, b) => a.t - b.t || a.id - b.id);
      expected.push(...pending.map((e) => e.id));
      while (q.pop()) popped.push(q.payload as number);
      expect(popped).toEqual(expected);
      q.push(7, -1, -1);
      q.push(3, -2, -2);
      q.clear();
      expect(q.size).toBe(0);
      expect(q.pop()).toBe(false);
    }
  });

  // +Infinity is also the sentinel past the last entry: a real entry at +Infinity must still win over it.
  it('orders events at +Infinity after all others, in push order', () => {
    const q = new EventQueue<string>(16);
    const names = ['i1', 'a', 'i2', 'b', 'i3', 'c', 'i4'];
    for (const name of names) q.push(name.startsWith('i') ? Infinity : name.charCodeAt(0), name, null);
    expect(drain(q).map(([, h]) => h)).toEqual(['a', 'b', 'c', 'i1', 'i2', 'i3', 'i4']);
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
