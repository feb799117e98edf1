// `npm run bench -- <model> [options] [--json]`: gwsim's benchmarks (never part of npm test).
// Each prints one JSON object with --json: {"model", "events", "seconds", "eventsPerSecond", "peakRssMb", ...}.
import { runPhold } from './models/phold.js';
import { runMmc } from './models/mmc.js';
import { runLbBench } from './lb.js';
import { HTTP_POLICIES, runHttpBench, type HttpPolicy } from './http.js';
import { runSweepBench } from './sweep.js';
import { runEnvoyCost } from './envoy-cost.js';

type Args = Record<string, string | boolean>;

function parseArgs(argv: string[]): { model: string; args: Args } {
  const [model = '', ...rest] = argv;
  const args: Args = {};
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    const key = a.slice(2);
    const next = rest[i + 1];
    if (next === undefined || next.startsWith('--')) args[key] = true;
    else {
      args[key] = next;
      i++;
    }
  }
  return { model, args };
}

function num(args: Args, key: string, dflt: number): number {
  const v = args[key];
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${key} must be a non-negative number, got ${String(v)}`);
  return n;
}

function peakRssMb(): number {
  return Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
}

function timed<T>(f: () => T): { result: T; seconds: number } {
  const t0 = process.hrtime.bigint();
  const result = f();
  return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

const models: Record<string, (args: Args) => Record<string, unknown> | Promise<Record<string, unknown>>> = {
  http(args) {
    const requests = num(args, 'requests', 1_000_000);
    const policy = String(args.policy ?? 'least-request');
    if (!(HTTP_POLICIES as readonly string[]).includes(policy))
      throw new Error(`--policy must be one of ${HTTP_POLICIES.join(', ')}, got ${policy}`);
    const r = runHttpBench({ requests, policy: policy as HttpPolicy, seed: num(args, 'seed', 1) });
    return {
      model: 'http',
      policy,
      requests: r.requests,
      seconds: r.seconds,
      requestsPerSecond: r.requestsPerSecond,
      eventsPerSecond: r.eventsPerSecond,
      peakRssMb: peakRssMb(),
      events: r.events,
      simulatedSeconds: r.simulatedSeconds,
      p99Ms: r.p99Ms,
      pods: r.pods,
      traceHash: r.traceHash,
    };
  },
  async 'envoy-cost'(args) {
    const r = await runEnvoyCost({
      concurrencies: String(args.concurrency ?? '1,2')
        .split(',')
        .map(Number),
      seconds: num(args, 'seconds', 5),
      connections: num(args, 'connections', 32),
      shapes: typeof args.shapes === 'string' ? args.shapes.split(',') : undefined,
    });
    return { model: 'envoy-cost', ...r };
  },
  lb(args) {
    const r = runLbBench(num(args, 'seconds', 0.2));
    return { ...r, peakRssMb: peakRssMb() };
  },
  async sweep(args) {
    const r = await runSweepBench({
      cells: num(args, 'cells', 16),
      workers: Math.max(1, num(args, 'workers', 1)),
      requestsPerCell: num(args, 'requests', 1_000_000),
    });
    return { model: 'sweep', ...r, peakRssMb: peakRssMb() };
  },
  phold(args) {
    const events = num(args, 'events', 5_000_000);
    const seed = num(args, 'seed', 12345);
    const { result, seconds } = timed(() => runPhold({ events, seed }));
    return {
      model: 'phold',
      events: result.events,
      seconds,
      eventsPerSecond: result.events / seconds,
      peakRssMb: peakRssMb(),
      finalTime: result.finalTime,
      traceHash: result.traceHash,
    };
  },
  mmc(args) {
    const customers = num(args, 'customers', 2_500_000);
    const seed = num(args, 'seed', 12345);
    const { result, seconds } = timed(() => runMmc({ customers, seed }));
    return {
      model: 'mmc',
      events: result.events,
      seconds,
      eventsPerSecond: result.events / seconds,
      peakRssMb: peakRssMb(),
      finalTime: result.finalTime,
      traceHash: result.traceHash,
      customers: result.customers,
      wq: result.wq,
      wqStdErr: result.se,
      pWait: result.pWait,
      erlangCWq: result.erlangWq,
      erlangCPWait: result.erlangPWait,
      z: (result.wq - result.erlangWq) / result.se,
    };
  },
};

async function main(): Promise<number> {
  let parsed: { model: string; args: Args };
  try {
    parsed = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 2;
  }
  const run = models[parsed.model];
  if (!run) {
    process.stderr.write(
      `bench: unknown model ${JSON.stringify(parsed.model)}; one of: ${Object.keys(models).join(', ')}\n`,
    );
    return 2;
  }
  let out: Record<string, unknown>;
  try {
    out = await run(parsed.args);
  } catch (e) {
    process.stderr.write(`bench: ${(e as Error).message}\n`);
    return 2;
  }
  if (parsed.args.json) process.stdout.write(JSON.stringify(out) + '\n');
  else
    for (const [k, v] of Object.entries(out))
      process.stdout.write(
        `${k.padEnd(16)} ${typeof v === 'number' ? +v.toPrecision(6) : typeof v === 'object' ? JSON.stringify(v) : v}\n`,
      );
  return 0;
}

process.exitCode = await main();
