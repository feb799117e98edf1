// Schema of `spec.expect`: checks on what a step produced (its requests' split over backends, status codes,
// latency, printed lines), exact where the behaviour is deterministic and with stated intervals where draws are random.
import { z } from 'zod';
import { addIssue, strict } from './strict.js';
import { count, duration, localName, probability } from './units.js';
import { WARNING_KINDS } from '../run/run-result.js';

/** An exact count `N` or an inclusive interval `[lo, hi]`. */
export const countRange = z.union([count, z.tuple([count, count])]).superRefine((v, ctx) => {
  if (Array.isArray(v) && v[0] > v[1]) addIssue(ctx, `interval [${v[0]}, ${v[1]}] is empty`, [], '[lo, hi] with lo <= hi');
});

/** What the requests of a step are grouped by for `split`, `counts` and `distinct`. */
export const SPLIT_BY = ['deployment', 'service', 'pod', 'node', 'cluster'] as const;

/** Latency statistics an expectation may bound. */
export const LATENCY_STATS = ['min', 'mean', 'p50', 'p75', 'p90', 'p95', 'p99', 'p999', 'max'] as const;

const regexSource = z.string().superRefine((v, ctx) => {
  try {
    new RegExp(v);
  } catch (e) {
    addIssue(ctx, `not a regular expression: ${(e as Error).message}`, [], 'a JavaScript regular expression');
  }
});

const bound = strict({ min: duration().optional(), max: duration().optional() }).superRefine((v, ctx) => {
  if (v.min === undefined && v.max === undefined) addIssue(ctx, 'give min, max or both', [], 'min: DURATION, max: DURATION');
  else if (v.min !== undefined && v.max !== undefined && v.min > v.max) addIssue(ctx, 'min is greater than max', ['min']);
});

export const expectSchema = strict({
  /** The step, by 0-based index into `spec.steps` or by its `name`. */
  step: z.union([count, localName]),
  by: z.enum(SPLIT_BY).optional(),
  split: z.record(z.string().min(1), probability).optional(),
  tolerance: probability.optional(),
  counts: z.record(z.string().min(1), countRange).optional(),
  distinct: countRange.optional(),
  status: z.record(z.string().regex(/^([1-5]\d\d|error)$/, 'must be an HTTP status code (200, 503, ...) or "error" (no response)'), countRange).optional(),
  latency: z.partialRecord(z.enum(LATENCY_STATS), bound).optional(),
  lines: strict({ count: countRange.optional(), match: regexSource.optional(), equal: z.array(z.string()).optional() }).optional(),
  /** The step's run warnings are exactly these kinds (a what-if whose requests are meant to fail says so). */
  warnings: z.array(z.enum(WARNING_KINDS)).optional(),
  note: z.string().optional(),
}).superRefine((v, ctx) => {
  const checks = ['split', 'counts', 'distinct', 'status', 'latency', 'lines', 'warnings'] as const;
  if (!checks.some((k) => v[k] !== undefined)) addIssue(ctx, 'an expectation needs at least one check', [], checks.join(', '));
  if (v.tolerance !== undefined && v.split === undefined) addIssue(ctx, '"tolerance" applies to "split", which is missing', ['tolerance']);
});

export type ExpectDoc = z.output<typeof expectSchema>;
