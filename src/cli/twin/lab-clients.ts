// The scenario's client steps driven by the real programs: a curl loop as one `curl` process per request (a new
// connection each, as the workshop's shell loop), `hey` with the step's -n/-c/-q/-t and -host. The sleeps between a
// loop's requests are dropped: loopback mode compares results that do not depend on them.
import { spawn } from 'node:child_process';
import type { CurlStep, HeyStep } from '../../scenarios/schema/resolved.js';

export interface RealResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

export interface RealStep {
  statusCounts: Record<string, number>;
  /** Per curl request; empty for hey. */
  responses: RealResponse[];
}

const CLIENT_TIMEOUT_MS = 120_000;

function run(cmd: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const c = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => c.kill('SIGKILL'), CLIENT_TIMEOUT_MS);
    c.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    c.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    c.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** Splits `curl -i` output (possibly several header blocks for 100-continue) into the last response. */
export function parseCurlInclude(text: string): RealResponse | null {
  let rest = text;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    const head = end < 0 ? rest : rest.slice(0, end);
    const lines = head.split('\r\n');
    const m = /^HTTP\/[\d.]+ (\d{3})/.exec(lines[0] ?? '');
    if (m === null) return null;
    const status = Number(m[1]);
    const body = end < 0 ? '' : rest.slice(end + 4);
    if (status === 100 && end >= 0) {
      rest = body;
      continue;
    }
    const headers = lines.slice(1).map((l): [string, string] => {
      const i = l.indexOf(':');
      return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()];
    });
    return { status, headers, body };
  }
}

export async function realCurl(
  step: CurlStep,
  url: string,
  host: string,
  tls: { name: string; port: number } | null,
): Promise<RealStep> {
  const args = ['-s', '-i', '-H', `Host: ${host}`, '-X', step.method];
  if (tls !== null) args.push('-k', '--resolve', `${tls.name}:${tls.port}:127.0.0.1`);
  if (step.head) args.push('-I');
  for (const [k, v] of step.headers) args.push('-H', `${k}: ${v}`);
  if (step.cookie !== null) args.push('--cookie', step.cookie);
  if (step.maxTimeNs !== null) args.push('-m', String(step.maxTimeNs / 1e9));
  args.push(url);
  const statusCounts: Record<string, number> = {};
  const responses: RealResponse[] = [];
  for (let i = 0; i < step.count; i++) {
    const r = await run('curl', step.head ? args.filter((a, k) => !(a === '-X' || args[k - 1] === '-X')) : args);
    const parsed = parseCurlInclude(r.stdout);
    const key = parsed === null ? '0' : String(parsed.status);
    statusCounts[key] = (statusCounts[key] ?? 0) + 1;
    responses.push(parsed ?? { status: 0, headers: [], body: r.stderr });
  }
  return { statusCounts, responses };
}

/** hey's "Status code distribution:" lines: `  [200]\t100 responses`; errors (no response) as status 0 (as gwsim counts them). */
export function parseHey(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^\s*\[(\d{3})\]\s+(\d+) responses/gm)) out[m[1]] = Number(m[2]);
  const errors = /Error distribution:\n([\s\S]*)$/.exec(text);
  if (errors !== null) for (const m of errors[1].matchAll(/^\s*\[(\d+)\]/gm)) out['0'] = (out['0'] ?? 0) + Number(m[1]);
  return out;
}

export async function realHey(step: HeyStep, url: string, host: string): Promise<RealStep> {
  const args = ['-n', String(step.n), '-c', String(step.c), '-host', host, '-m', step.method];
  if (step.qps > 0) args.push('-q', String(step.qps));
  if (step.durationNs > 0) args.push('-z', `${step.durationNs / 1e9}s`);
  args.push('-t', String(Math.ceil(step.timeoutNs / 1e9))); // hey: 0 = no timeout
  if (step.disableKeepAlive) args.push('-disable-keepalive');
  for (const [k, v] of step.headers) args.push('-H', `${k}: ${v}`);
  args.push(url);
  const r = await run('hey', args);
  if (r.code !== 0) throw new Error(`hey failed: ${(r.stderr || r.stdout).trim().split('\n')[0]}`);
  return { statusCounts: parseHey(r.stdout), responses: [] };
}
