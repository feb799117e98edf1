// Sim against real for one step: `exact` where the behaviour is deterministic (one status for every request; round
// robin's per-pod counts under one worker, compared as a multiset because each worker's round robin starts at a random
// host), else a two-proportion z-test per pod and per status at 99.9% (two-sided, |z| <= 3.29): the two counts are
// read as draws of one share. Pure: the lab passes both sides in.

/** |z| bound of a two-sided 99.9% test. */
export const Z_999 = 3.29;

export interface Verdict {
  ok: boolean;
  /** `exact`, `interval 99.9%`, or `n/a <reason>`. */
  kind: string;
  /** What disagreed, in words; empty when ok. */
  problems: string[];
}

type Counts = Record<string, number>;

const total = (c: Counts) => Object.values(c).reduce((a, b) => a + b, 0);

/** Two-proportion z statistic of k1/n1 against k2/n2 (0 when both shares are 0 or 1). */
export function twoProportionZ(k1: number, n1: number, k2: number, n2: number): number {
  if (n1 === 0 || n2 === 0) return 0;
  const p = (k1 + k2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  return se === 0 ? 0 : (k1 / n1 - k2 / n2) / se;
}

function sameCounts(sim: Counts, real: Counts): boolean {
  const keys = new Set([...Object.keys(sim), ...Object.keys(real)]);
  return [...keys].every((k) => (sim[k] ?? 0) === (real[k] ?? 0));
}

const show = (c: Counts) =>
  Object.keys(c)
    .sort()
    .map((k) => `${k}: ${c[k]}`)
    .join(', ') || 'none';

/** Per-key shares within the interval test; the problems name each key outside it. */
export function intervalProblems(what: string, sim: Counts, real: Counts): string[] {
  const ns = total(sim);
  const nr = total(real);
  // No requests on one side is no share to test: a disagreement unless both are empty.
  if ((ns === 0) !== (nr === 0)) return [`${what}s: sim ${ns} in all, real ${nr}`];
  const keys = [...new Set([...Object.keys(sim), ...Object.keys(real)])].sort();
  return keys.flatMap((k) => {
    const z = twoProportionZ(sim[k] ?? 0, ns, real[k] ?? 0, nr);
    return Math.abs(z) > Z_999
      ? [`${what} ${k}: sim ${sim[k] ?? 0}/${ns}, real ${real[k] ?? 0}/${nr} (z = ${z.toFixed(2)})`]
      : [];
  });
}

export function statusVerdict(sim: Counts, real: Counts): Verdict {
  if (Object.keys(sim).length <= 1) {
    const ok = sameCounts(sim, real);
    return { ok, kind: 'exact', problems: ok ? [] : [`statuses: sim ${show(sim)}; real ${show(real)}`] };
  }
  const problems = intervalProblems('status', sim, real);
  return { ok: problems.length === 0, kind: 'interval 99.9%', problems };
}

/** Upstream requests in all (retries and mirrored copies included): exact when every request's fate is. */
export function upstreamVerdict(sim: Counts, real: Counts): Verdict {
  const [a, b] = [total(sim), total(real)];
  return { ok: a === b, kind: 'exact', problems: a === b ? [] : [`upstream requests: sim ${a}, real ${b}`] };
}

/** Per-pod counts; `deterministic` when the step's pick does not depend on a random draw beyond its start. */
export function podVerdict(sim: Counts, real: Counts, deterministic: boolean): Verdict {
  if (deterministic) {
    const a = Object.values(sim)
      .filter((n) => n > 0)
      .sort((x, y) => x - y);
    const b = Object.values(real)
      .filter((n) => n > 0)
      .sort((x, y) => x - y);
    const ok = a.length === b.length && a.every((n, i) => n === b[i]);
    return { ok, kind: 'exact', problems: ok ? [] : [`pods: sim ${show(sim)}; real ${show(real)}`] };
  }
  const problems = intervalProblems('pod', sim, real);
  return { ok: problems.length === 0, kind: 'interval 99.9%', problems };
}
