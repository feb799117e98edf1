// Scalar field types with units: durations (Go syntax, via src/sim/time), bandwidths, probabilities, label maps, names.
// Durations become integer nanoseconds here, so the parsed document already carries SimTime values.
import { z } from 'zod';
import { DurationError, parseDuration } from '../../sim/time.js';
import { describeValue } from './strict.js';

const DURATION_ALLOWED = 'a duration string with a unit (ns, us, ms, s, m, h), e.g. 250ms, 30s, 1m30s';

/** A duration string (`30s`, `250ms`) parsed to integer nanoseconds; `positive` rejects zero. */
export function duration(opts: { positive?: boolean } = {}) {
  return z.unknown().transform((v, ctx) => {
    if (typeof v !== 'string') {
      const msg = typeof v === 'number' ? `a duration needs a unit: write ${JSON.stringify(`${v}s`)} or ${JSON.stringify(`${v}ms`)}, not the number ${v}` : `expected a duration, got ${describeValue(v)}`;
      ctx.addIssue({ code: 'custom', message: msg, params: { allowed: DURATION_ALLOWED } });
      return z.NEVER;
    }
    try {
      return parseDuration(v, { allowZero: !opts.positive });
    } catch (e) {
      if (!(e instanceof DurationError)) throw e;
      ctx.addIssue({ code: 'custom', message: `invalid duration ${JSON.stringify(v)}: ${e.message.split(': ').slice(1).join(': ').split(';')[0]}`, params: { allowed: DURATION_ALLOWED } });
      return z.NEVER;
    }
  });
}

const BANDWIDTH_UNITS: Readonly<Record<string, number>> = { bps: 1, kbps: 1e3, Kbps: 1e3, Mbps: 1e6, Gbps: 1e9, Tbps: 1e12 };
const BANDWIDTH_RE = /^(\d+(?:\.\d+)?)\s*(bps|kbps|Kbps|Mbps|Gbps|Tbps)$/;

/** A bandwidth as `100Mbps`, `1Gbps` (bits per second, SI prefixes) parsed to bits per second. */
export function bandwidth() {
  return z.unknown().transform((v, ctx) => {
    const m = typeof v === 'string' ? BANDWIDTH_RE.exec(v.trim()) : null;
    if (m === null || Number(m[1]) <= 0) {
      ctx.addIssue({ code: 'custom', message: `invalid bandwidth ${describeValue(v)}`, params: { allowed: 'a positive number with a unit bps, kbps, Mbps, Gbps, Tbps, e.g. 1Gbps' } });
      return z.NEVER;
    }
    return Math.round(Number(m[1]) * BANDWIDTH_UNITS[m[2]]);
  });
}

/** A probability in [0, 1]. */
export const probability = z.number().min(0).max(1);

/** Kubernetes object name (DNS-1123 subdomain, as Deployments, Services, Gateways use). */
export const objectName = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a Kubernetes name: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit');

/** A name for things in the scenario itself (clusters, nodes, routers, steps): DNS-1123 label style. */
export const localName = z
  .string()
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be lower-case letters, digits and "-", starting and ending with a letter or digit');

/** Label selector as `matchLabels` (key: value); values are strings as Kubernetes requires. */
export const labelMap = z.record(
  z.string().regex(/^([a-z0-9.-]+\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/, 'must be a Kubernetes label key'),
  z.string().max(63),
);

/** An IPv4 address in dotted-quad form. */
export const ipv4 = z
  .string()
  .regex(/^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/, 'must be an IPv4 address such as 10.0.1.10');

/** A whole, non-negative count. */
export const count = z.number().int().min(0);

/** A whole, positive count. */
export const positiveCount = z.number().int().min(1);
