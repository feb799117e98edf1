import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/sim/engine.js';
import { GRANTED, QUEUED, REJECTED, Resource } from '../../src/sim/resource.js';

describe('Resource', () => {
  it('grants up to capacity, queues FIFO, hands units over on release', () => {
    const e = new Engine();
    const log: string[] = [];
    const granted = e.kind<string>('granted', (who) => {
      log.push(`${e.now}:${who} granted`);
      e.schedule(10, release, who);
    });
    const release = e.kind<string>('release', (who) => {
      log.push(`${e.now}:${who} done`);
      res.release();
    });
    const res = new Resource<string>(e, 2, granted);
    for (const who of ['a', 'b', 'c', 'd']) {
      const r = res.acquire(who);
      if (r === GRANTED) e.schedule(0, granted, who);
      else expect(r).toBe(QUEUED);
    }
    expect(res.busy).toBe(2);
    expect(res.queued).toBe(2);
    e.run();
    expect(log).toEqual([
      '0:a granted',
      '0:b granted',
      '10:a done',
      '10:b done',
      '10:c granted',
      '10:d granted',
      '20:c done',
      '20:d done',
    ]);
    expect(res.granted).toBe(4);
    expect(res.totalWaitNs).toBe(20);
    expect(res.maxQueue).toBe(2);
    expect(res.busy).toBe(0);
    // Busy 2 units over [0, 20]: mean 2; queue 2 over [0, 10]: mean 1.
    expect(res.meanBusy()).toBe(2);
    expect(res.meanQueue()).toBe(1);
  });

  it('rejects past the queue limit and refuses bad capacities', () => {
    const e = new Engine();
    const k = e.kind('g', () => undefined);
    const res = new Resource(e, 1, k, 1);
    expect(res.acquire(1)).toBe(GRANTED);
    expect(res.acquire(2)).toBe(QUEUED);
    expect(res.acquire(3)).toBe(REJECTED);
    expect(res.rejected).toBe(1);
    expect(() => new Resource(e, 0, k)).toThrow(/positive integer/);
    const free = new Resource(e, 1, k);
    expect(() => free.release()).toThrow(/released more often/);
  });

  it('grows its wait queue past the initial ring size, keeping FIFO order', () => {
    const e = new Engine();
    const order: number[] = [];
    const g = e.kind<number>('g', (i) => {
      order.push(i);
      res.release();
    });
    const res = new Resource<number>(e, 1, g);
    expect(res.acquire(-1)).toBe(GRANTED);
    for (let i = 0; i < 100; i++) res.acquire(i);
    res.release();
    e.run();
    expect(order).toEqual([...Array(100).keys()]);
  });
});
