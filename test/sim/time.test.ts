import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DurationError, NS_PER_MS, NS_PER_S, formatDuration, parseDuration } from '../../src/sim/time.js';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250 * NS_PER_MS],
    ['30s', 30 * NS_PER_S],
    ['2m', 120 * NS_PER_S],
    ['1h', 3600 * NS_PER_S],
    ['1m30s', 90 * NS_PER_S],
    ['1.5s', 1500 * NS_PER_MS],
    ['100us', 100_000],
    ['100µs', 100_000],
    ['7ns', 7],
    ['0', 0],
    [' 10s ', 10 * NS_PER_S],
  ])('%s -> %d ns', (input, ns) => {
    expect(parseDuration(input)).toBe(ns);
  });

  it.each(['', 'abc', '10', '10x', 's', '1.2.3s', '10 s', '5d', '-', '1e3s'])(
    'rejects %j with a message naming what is allowed',
    (input) => {
      expect(() => parseDuration(input)).toThrow(DurationError);
      expect(() => parseDuration(input)).toThrow(/expected a number with a unit/);
    },
  );

  it('rejects negative durations unless allowed', () => {
    expect(() => parseDuration('-5s')).toThrow(/must not be negative/);
    expect(parseDuration('-5s', { allowNegative: true })).toBe(-5 * NS_PER_S);
  });

  it('rejects zero when asked to', () => {
    expect(() => parseDuration('0s', { allowZero: false })).toThrow(/greater than zero/);
    expect(() => parseDuration('0', { allowZero: false })).toThrow(/greater than zero/);
  });

  it('rejects durations beyond exact integer nanoseconds', () => {
    expect(() => parseDuration('100000h')).toThrow(/too large/);
  });

  it('round-trips formatDuration for whole units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_000_000 }), fc.constantFrom('ns', 'us', 'ms', 's'), (n, unit) => {
        const ns = parseDuration(`${n}${unit}`);
        expect(parseDuration(formatDuration(ns))).toBe(ns);
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [1500 * NS_PER_MS, '1.5s'],
    [250 * NS_PER_MS, '250ms'],
    [90 * NS_PER_S, '1m30s'],
    [3600 * NS_PER_S + 1, '1h1ns'],
    [12, '12ns'],
  ])('%d ns -> %s', (ns, text) => {
    expect(formatDuration(ns)).toBe(text);
  });
});
