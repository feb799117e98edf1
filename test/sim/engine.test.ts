import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Engine, ScheduleError } from '../../src/sim/engine.js';
import { RngRoot } from '../../src/sim/rng.js';

describe('Engine', () => {
  it('runs events in exact (time, seq) order, ties first-scheduled-first, and advances the clock', () => {
    const e = new Engine();
    const log: string[] = [];
    const rec = (name: string) => () => log.push(`${e.now}:${name}`);
    e.schedule(10, rec('a'));
    e.schedule(5, rec('b'));
    e.schedule(10, rec('c'));
    e.schedule(0, () => {
      log.push(`${e.now}:d`);
      e.schedule(0, rec('e')); // same time, scheduled later: runs after everything already due at t=0
      e.schedule(5, rec('f')); // ties with b, scheduled after it
    });
    const out = e.run();
    expect(log).toEqual(['0:d', '0:e', '5:b', '5:f', '10:a', '10:c']);
    expect(out.reason).toBe('drained');
    expect(out.events).toBe(6);
    expect(e.now).toBe(10);
  });

  it('passes payloads and registered kinds', () => {
    const e = new Engine();
    const seen: number[] = [];
    const k = e.kind<number>('test.k', (p) => seen.push(p));
    e.schedule(1, k, 7);
    e.schedule(2, k, 9);
    e.run();
    expect(seen).toEqual([7, 9]);
    expect(k.name).toBe('test.k');
  });

  it('cancels pending events', () => {
    const e = new Engine();
    const log: string[] = [];
    const h = e.schedule(5, () => log.push('x'));
    e.schedule(1, () => log.push(`cancel:${e.cancel(h)}`));
    e.schedule(6, () => log.push(`again:${e.cancel(h)}`));
    e.run();
    expect(log).toEqual(['cancel:true', 'again:false']);
  });

  it('throws when scheduling in the past or with a bad delay', () => {
    const e = new Engine();
    e.schedule(10, () => {
      expect(() => e.scheduleAt(5, () => undefined)).toThrow(ScheduleError);
    });
    e.run();
    expect(() => e.schedule(-1, () => undefined)).toThrow(/delays must be finite and >= 0/);
    expect(() => e.schedule(Number.NaN, () => undefined)).toThrow(ScheduleError);
    // +Infinity is the queue's sentinel, and an event that never fires is no event: both are refused.
    expect(() => e.schedule(Infinity, () => undefined)).toThrow(/finite/);
    expect(() => e.scheduleAt(Infinity, () => undefined)).toThrow(/infinite/);
  });

  it('stops at `until` with events at exactly `until` included, and sets the clock to it', () => {
    const e = new Engine();
    const log: number[] = [];
    for (const t of [1, 5, 10, 11]) e.scheduleAt(t, () => log.push(t));
    const out = e.run({ until: 10 });
    expect(log).toEqual([1, 5, 10]);
    expect(out.reason).toBe('until');
    expect(out.message).toMatch(/time limit/);
    expect(e.now).toBe(10);
    const rest = e.run({ until: 100 });
    expect(log).toEqual([1, 5, 10, 11]);
    expect(rest.reason).toBe('drained');
    expect(e.now).toBe(100);
  });

  it('stops after maxEvents and says which limit stopped it', () => {
    const e = new Engine();
    const tick = () => e.schedule(1, tick);
    e.schedule(0, tick);
    const out = e.run({ maxEvents: 100 });
    expect(out).toMatchObject({ reason: 'maxEvents', events: 100, now: 99 });
    expect(out.message).toMatch(/event limit \(maxEvents 100\)/);
    expect(e.pending).toBe(1);
  });

  it('stops when a handler asks it to', () => {
    const e = new Engine();
    let n = 0;
    const tick = () => {
      if (++n === 3) e.stop('SIGINT');
      e.schedule(1, tick);
    };
    e.schedule(0, tick);
    const out = e.run();
    expect(out.reason).toBe('stopped');
    expect(out.message).toMatch(/SIGINT/);
    expect(n).toBe(3);
  });

  it('runs again after a stop, and counts maxEvents per call', () => {
    const e = new Engine();
    let n = 0;
    const tick = () => {
      if (++n === 3) e.stop('pause');
      e.schedule(1, tick);
    };
    e.schedule(0, tick);
    expect(e.run().reason).toBe('stopped');
    expect(e.run({ maxEvents: 5 })).toMatchObject({ reason: 'maxEvents', events: 5, now: 7 });
    expect(e.run({ maxEvents: 5 })).toMatchObject({ reason: 'maxEvents', events: 5, now: 12 });
    expect(e.events).toBe(13);
  });

  it('step() runs exactly one event', () => {
    const e = new Engine();
    const log: number[] = [];
    e.schedule(3, () => log.push(3));
    e.schedule(1, () => log.push(1));
    expect(e.step()).toBe(true);
    expect(log).toEqual([1]);
    expect(e.now).toBe(1);
    expect(e.step()).toBe(true);
    expect(e.step()).toBe(false);
  });

  // A small random model: the same seed must give the same trace hash; a different seed a different one.
  function randomModel(seed: number, events: number): string {
    const e = new Engine();
    const rng = new RngRoot(seed).fork('model');
    const kinds = [0, 1, 2].map((i) =>
      e.kind<number>(`k${i}`, (lp) => e.schedule(rng.below(1000), kinds[(lp + rng.below(3)) % 3], lp)),
    );
    for (let i = 0; i < 8; i++) e.schedule(rng.below(100), kinds[i % 3], i);
    e.run({ maxEvents: events });
    return e.traceHash;
  }

  it('gives the same trace hash for the same seed, and a different one for another seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const a = randomModel(seed, 500);
        expect(randomModel(seed, 500)).toBe(a);
        expect(randomModel(seed + 1, 500)).not.toBe(a);
      }),
      { seed: 42, numRuns: 30 },
    );
  });

  it('trace hash reflects event kinds and times', () => {
    const run = (delays: number[], useKind: boolean) => {
      const e = new Engine();
      const k = e.kind('x', () => undefined);
      for (const d of delays) e.schedule(d, useKind ? k : () => undefined);
      e.run();
      return e.traceHash;
    };
    expect(run([1, 2], true)).toBe(run([1, 2], true));
    expect(run([1, 2], true)).not.toBe(run([1, 3], true));
    expect(run([1, 2], true)).not.toBe(run([1, 2], false));
  });
});
