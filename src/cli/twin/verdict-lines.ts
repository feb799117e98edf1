// What a curl step printed, sim against real, for `-I` (status line and headers) and body (the echo server's JSON)
// outputs: the first response of each side, minus what differs run to run or by host (dates, request ids, the
// client's own headers, Envoy's timing headers). Exact: these are deterministic.
import type { RealResponse } from './lab-clients.js';
import type { Verdict } from './verdict.js';

const VOLATILE_RESPONSE = new Set([
  'date',
  'server',
  'content-length',
  'content-type',
  'x-content-type-options',
  'x-envoy-upstream-service-time',
  'transfer-encoding',
  'connection',
]);
const VOLATILE_REQUEST = /^(user-agent|accept|x-request-id|x-forwarded-.*|x-envoy-.*|content-length)$/i;

function headersVerdict(sim: readonly string[], real: RealResponse): Verdict {
  const problems: string[] = [];
  const status = /^HTTP\/[\d.]+ (\d{3})/.exec(sim[0] ?? '');
  if (status !== null && Number(status[1]) !== real.status)
    problems.push(`status line: sim ${status[1]}, real ${real.status}`);
  for (const l of sim.slice(1)) {
    if (/^HTTP\//.test(l)) break;
    const i = l.indexOf(':');
    const name = l.slice(0, i).trim().toLowerCase();
    if (i < 0 || VOLATILE_RESPONSE.has(name)) continue;
    const value = l.slice(i + 1).trim();
    const got = real.headers.filter(([k]) => k === name).map(([, v]) => v);
    if (!got.includes(value))
      problems.push(`header ${name}: sim ${JSON.stringify(value)}, real ${JSON.stringify(got.join(', '))}`);
  }
  return { ok: problems.length === 0, kind: 'exact', problems };
}

type EchoJson = { path?: string; host?: string; method?: string; headers?: Record<string, string[] | string> };

function lowerHeaders(h: EchoJson['headers']): Map<string, string> {
  const m = new Map<string, string>();
  for (const [k, v] of Object.entries(h ?? {})) m.set(k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v));
  return m;
}

function bodyVerdict(simText: string, real: RealResponse): Verdict {
  let sim: EchoJson;
  let got: EchoJson;
  try {
    sim = JSON.parse(simText) as EchoJson;
  } catch {
    return { ok: true, kind: 'n/a the simulated body is not JSON', problems: [] };
  }
  try {
    got = JSON.parse(real.body) as EchoJson;
  } catch {
    return { ok: false, kind: 'exact', problems: [`body: real answered ${JSON.stringify(real.body.slice(0, 80))}`] };
  }
  const problems: string[] = [];
  for (const k of ['path', 'host', 'method'] as const)
    if (sim[k] !== undefined && sim[k] !== got[k])
      problems.push(`${k}: sim ${JSON.stringify(sim[k])}, real ${JSON.stringify(got[k])}`);
  const rh = lowerHeaders(got.headers);
  for (const [k, v] of lowerHeaders(sim.headers)) {
    if (VOLATILE_REQUEST.test(k)) continue;
    if (rh.get(k) !== v)
      problems.push(`request header ${k}: sim ${JSON.stringify(v)}, real ${JSON.stringify(rh.get(k) ?? null)}`);
  }
  // And nothing the sim says the route removed (or never sent) reached the pod.
  const sh = lowerHeaders(sim.headers);
  for (const [k, v] of rh)
    if (!VOLATILE_REQUEST.test(k) && !sh.has(k))
      problems.push(`request header ${k}: sim none, real ${JSON.stringify(v)}`);
  return { ok: problems.length === 0, kind: 'exact', problems };
}

/** null when the step prints nothing comparable (pod names, statuses: the counts cover those). */
export function linesVerdict(
  output: string,
  simLines: readonly string[],
  real: readonly RealResponse[],
): Verdict | null {
  if (real.length === 0 || simLines.length === 0) return null;
  if (output === 'headers') return headersVerdict(simLines, real[0]);
  if (output === 'body') {
    // The first body: the echo JSON spans lines up to its closing brace.
    const end = simLines.findIndex((l) => l.trimEnd() === '}');
    return bodyVerdict(simLines.slice(0, end < 0 ? simLines.length : end + 1).join('\n'), real[0]);
  }
  return null;
}
