// Simulated time: integer nanoseconds (SimTime) and the duration strings users write (`250ms`, `30s`, `1m30s`).
// Conversions happen only at the edges; everything inside the engine and the models stays in integer ns.

import { InputError, type InputLocation } from './input-error.js';

/** Integer nanoseconds since the start of a run. Exact up to 2^53 ns (about 104 days). */
export type SimTime = number;

export const NS_PER_US = 1_000;
export const NS_PER_MS = 1_000_000;
export const NS_PER_S = 1_000_000_000;
export const NS_PER_MIN = 60 * NS_PER_S;
export const NS_PER_HOUR = 60 * NS_PER_MIN;

/** The largest time the engine can represent exactly. */
export const MAX_SIM_TIME: SimTime = Number.MAX_SAFE_INTEGER;

/** Units accepted in duration strings: Go's time.ParseDuration set, which Kubernetes and Envoy Gateway use for durations. */
const UNIT_NS: Readonly<Record<string, number>> = {
  ns: 1,
  us: NS_PER_US,
  µs: NS_PER_US,
  μs: NS_PER_US,
  ms: NS_PER_MS,
  s: NS_PER_S,
  m: NS_PER_MIN,
  h: NS_PER_HOUR,
};

/** A duration string that could not be read; `message` says what is allowed. */
export class DurationError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(
      `invalid duration ${JSON.stringify(input)}: ${reason}; expected a number with a unit (ns, us, ms, s, m, h), e.g. 250ms, 30s, 1m30s`,
    );
    this.name = 'DurationError';
  }
}

const PART = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;

/**
 * Parses a Go-style duration (`1h`, `2m`, `30s`, `250ms`, `1.5s`, `1m30s`) to integer nanoseconds, rounding to the nearest ns.
 * Negative durations are rejected unless `allowNegative`; a bare `0` is accepted as Go accepts it.
 */
export function parseDuration(input: string, opts: { allowNegative?: boolean; allowZero?: boolean } = {}): SimTime {
  const allowZero = opts.allowZero ?? true;
  if (typeof input !== 'string') throw new DurationError(String(input), 'not a string');
  const s = input.trim();
  if (s === '') throw new DurationError(input, 'empty');
  let i = 0;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0] === '-' ? -1 : 1;
    i = 1;
  }
  if (s.slice(i) === '0') {
    if (!allowZero) throw new DurationError(input, 'must be greater than zero');
    return 0;
  }
  let total = 0;
  let parts = 0;
  while (i < s.length) {
    PART.lastIndex = i;
    const m = PART.exec(s);
    if (m === null) {
      const rest = s.slice(i);
      throw new DurationError(
        input,
        /^\d/.test(rest) || rest.startsWith('.')
          ? `missing or unknown unit at ${JSON.stringify(rest)}`
          : `unexpected ${JSON.stringify(rest)}`,
      );
    }
    total += Number(m[1]) * UNIT_NS[m[2]];
    i = PART.lastIndex;
    parts++;
  }
  if (parts === 0) throw new DurationError(input, 'no number');
  const ns = Math.round(sign * total);
  if (!Number.isSafeInteger(ns)) throw new DurationError(input, 'too large (more than about 104 days)');
  if (ns < 0 && !opts.allowNegative) throw new DurationError(input, 'must not be negative');
  if (ns === 0 && !allowZero) throw new DurationError(input, 'must be greater than zero');
  return ns;
}

/** parseDuration for a field of user input: a bad value becomes an InputError naming where it is (zero refused). */
export function parseDurationField(value: string, where: InputLocation): SimTime {
  try {
    return parseDuration(value, { allowZero: false });
  } catch (e) {
    if (e instanceof DurationError) throw new InputError(e.message, where);
    throw e;
  }
}

/** Formats nanoseconds compactly in the largest unit that keeps it readable: `1.5s`, `250ms`, `2m30s`, `120ns`. */
export function formatDuration(ns: SimTime): string {
  if (ns < 0) return '-' + formatDuration(-ns);
  if (ns === 0) return '0s';
  if (ns >= NS_PER_MIN) {
    const h = Math.floor(ns / NS_PER_HOUR);
    const m = Math.floor((ns % NS_PER_HOUR) / NS_PER_MIN);
    const rest = ns % NS_PER_MIN;
    return (h > 0 ? `${h}h` : '') + (m > 0 ? `${m}m` : '') + (rest > 0 ? formatDuration(rest) : '');
  }
  if (ns >= NS_PER_S) return `${exact(ns, NS_PER_S, 9)}s`;
  if (ns >= NS_PER_MS) return `${exact(ns, NS_PER_MS, 6)}ms`;
  if (ns >= NS_PER_US) return `${exact(ns, NS_PER_US, 3)}us`;
  return `${ns}ns`;
}

/** ns / unit as an exact decimal (units are powers of ten), trailing zeros trimmed: lossless, so it parses back. */
function exact(ns: number, unit: number, digits: number): string {
  const whole = Math.floor(ns / unit);
  const frac = ns - whole * unit;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(digits, '0').replace(/0+$/, '')}`;
}

/** Converts to seconds (for output only). */
export function toSeconds(ns: SimTime): number {
  return ns / NS_PER_S;
}

/** Converts to milliseconds (for output only). */
export function toMillis(ns: SimTime): number {
  return ns / NS_PER_MS;
}

/** Rounds a real number of seconds to SimTime (for inputs given in seconds, such as PHOLD's time units). */
export function fromSeconds(s: number): SimTime {
  return Math.round(s * NS_PER_S);
}

/** Rounds a real number of milliseconds to SimTime. */
export function fromMillis(ms: number): SimTime {
  return Math.round(ms * NS_PER_MS);
}
