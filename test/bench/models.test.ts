import { describe, expect, it } from 'vitest';
import { erlangC, runMmc } from '../../bench/models/mmc.js';
import { runPhold } from '../../bench/models/phold.js';
import { readReferenceJson } from '../reference-files.js';

const queueing = readReferenceJson<{
  mmc: Array<{ c: number; rho: number; Wq: number; P_wait: number }>;
}>('theory/queueing.json');

describe('M/M/4 benchmark model', () => {
  it('Erlang C matches the reference table', () => {
    const row = queueing.mmc.find((r) => r.c === 4 && r.rho === 0.9)!;
    const exact = erlangC(4, 3.6, 1);
    expect(exact.wq).toBeCloseTo(row.Wq, 4);
    expect(exact.pWait).toBeCloseTo(row.P_wait, 4);
  });

  it('mean wait agrees with Erlang C within its batch-means confidence interval (99.7%)', () => {
    const r = runMmc({ customers: 400_000, seed: 12345 });
    expect(Math.abs(r.wq - r.erlangWq)).toBeLessThan(3 * r.se);
    expect(r.se / r.wq).toBeLessThan(0.05); // the interval is tight enough to mean something
    expect(Math.abs(r.pWait - r.erlangPWait)).toBeLessThan(0.01);
  });

  it('is deterministic for a seed', () => {
    expect(runMmc({ customers: 20_000, seed: 1 })).toEqual(runMmc({ customers: 20_000, seed: 1 }));
  });
});

describe('PHOLD benchmark model', () => {
  it('runs exactly the requested events, conserves the event population, and is deterministic', () => {
    const a = runPhold({ events: 50_000, seed: 7 });
    expect(a.events).toBe(50_000);
    expect(a.lpSum).toBe(50_000);
    expect(runPhold({ events: 50_000, seed: 7 })).toEqual(a);
    expect(runPhold({ events: 50_000, seed: 8 }).traceHash).not.toBe(a.traceHash);
    // 16000 events in flight, each advancing by 0.1 + Exp(1) on average 1.1 time units: the clock moves ~1.1 per 16000 events.
    expect(a.finalTime).toBeGreaterThan((50_000 / 16_000) * 1.1 * 0.8);
    expect(a.finalTime).toBeLessThan((50_000 / 16_000) * 1.1 * 1.2 + 1.1);
  });
});
