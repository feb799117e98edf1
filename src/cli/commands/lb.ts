// `gwsim lb`: build one Envoy load balancer from a host list and show its table/ring, where a hash lands, or how N
// seeded picks spread. Owns flag parsing and output only; the algorithms are src/models/envoy/lb/.
import type { Argv } from 'yargs';
import type { GwsimCommand } from '../command.js';
import type { Io } from '../io.js';
import { InputError } from '../../sim/input-error.js';
import { RngRoot } from '../../sim/rng.js';
import { EXIT_OK } from '../exit-codes.js';
import { hostsFromKeys, type Host } from '../../models/envoy/lb/host.js';
import { LbContext } from '../../models/envoy/lb/lb-context.js';
import type { LbConfig, LbPolicyName } from '../../models/envoy/lb/load-balancer.js';
import { createLoadBalancer } from '../../models/envoy/lb/registry.js';
import { MaglevLoadBalancer, DEFAULT_TABLE_SIZE } from '../../models/envoy/lb/maglev.js';
import { RingHashLoadBalancer, DEFAULT_MAX_RING_SIZE, DEFAULT_MIN_RING_SIZE } from '../../models/envoy/lb/ring-hash.js';
import { isPrime } from '../../models/envoy/lb/prime.js';
import { normalizeWeights } from '../../models/envoy/lb/normalize-weights.js';
import { hiOf, loOf, parseU64, toDecimal } from '../../models/envoy/hash/u64.js';

const POLICIES: Record<string, LbPolicyName> = {
  'round-robin': 'RoundRobin',
  'least-request': 'LeastRequest',
  random: 'Random',
  'ring-hash': 'RingHash',
  maglev: 'Maglev',
};
/** Envoy Gateway's tableSize range (internal/gatewayapi/clustersettings.go). */
const MAX_TABLE_SIZE = 5000011;
const MAX_WEIGHT = 4294967295;
const MAX_REQUESTS = 100_000_000;

function list(value: unknown, flag: string): string[] {
  const parts = String(value)
    .split(',')
    .map((s) => s.trim());
  if (parts.some((p) => p.length === 0))
    throw new InputError(
      `${JSON.stringify(String(value))} has an empty item`,
      { file: flag },
      'a comma-separated list without empty items',
    );
  return parts;
}

function integer(value: unknown, flag: string, min: number, max: number, allowed: string): number {
  const text = String(value).trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new InputError(`${JSON.stringify(String(value))} is not allowed`, { file: flag }, allowed);
  return n;
}

interface Parsed {
  policy: LbPolicyName;
  flagPolicy: string;
  hosts: Host[];
  config: LbConfig;
  hash: bigint | null;
  requests: number | null;
  seed: string;
}

export function parseLbArgs(args: Record<string, unknown>): Parsed {
  const flagPolicy = String(args.policy ?? '');
  const policy = POLICIES[flagPolicy];
  if (policy === undefined)
    throw new InputError(
      `unknown policy ${JSON.stringify(flagPolicy)}`,
      { file: '--policy' },
      Object.keys(POLICIES).join(', '),
    );
  if (args.hosts === undefined)
    throw new InputError(
      '--hosts is required',
      { file: '--hosts' },
      'a comma-separated list of host keys such as 10.0.0.1:8080,10.0.0.2:8080',
    );
  const keys = list(args.hosts, '--hosts');
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup !== undefined)
    throw new InputError(
      `host ${JSON.stringify(dup)} is listed twice`,
      { file: '--hosts' },
      'distinct host keys (give a host more weight with --weights)',
    );
  let weights: number[] | undefined;
  if (args.weights !== undefined) {
    weights = list(args.weights, '--weights').map((w) =>
      integer(w, '--weights', 1, MAX_WEIGHT, `integer weights from 1 to ${MAX_WEIGHT}, one per host`),
    );
    if (weights.length !== keys.length)
      throw new InputError(
        `${weights.length} weights for ${keys.length} hosts`,
        { file: '--weights' },
        'exactly one weight per host',
      );
    if (weights.reduce((a, b) => a + b, 0) > MAX_WEIGHT)
      throw new InputError(
        'weights sum above 2^32-1',
        { file: '--weights' },
        `a total weight up to ${MAX_WEIGHT} (Envoy validates the sum)`,
      );
  }
  let localities: string[] | undefined;
  let localityWeights: Map<string, number> | undefined;
  if (args.localities !== undefined) {
    localities = list(args.localities, '--localities');
    if (localities.length !== keys.length)
      throw new InputError(
        `${localities.length} localities for ${keys.length} hosts`,
        { file: '--localities' },
        'exactly one locality per host',
      );
    localityWeights = new Map();
    if (args['locality-weights'] !== undefined) {
      for (const item of list(args['locality-weights'], '--locality-weights')) {
        const m = /^([^=]+)=(.+)$/.exec(item);
        if (m === null)
          throw new InputError(
            `${JSON.stringify(item)} is not NAME=WEIGHT`,
            { file: '--locality-weights' },
            'NAME=WEIGHT pairs such as A=1,B=2',
          );
        localityWeights.set(
          m[1],
          integer(m[2], '--locality-weights', 0, MAX_WEIGHT, `integer locality weights from 0 to ${MAX_WEIGHT}`),
        );
      }
      for (const l of localities) {
        if (!localityWeights.has(l))
          throw new InputError(
            `locality ${JSON.stringify(l)} has no weight`,
            { file: '--locality-weights' },
            `a weight for every locality in --localities (${[...new Set(localities)].join(', ')})`,
          );
      }
    } else for (const l of localities) localityWeights.set(l, 1);
  } else if (args['locality-weights'] !== undefined) {
    throw new InputError(
      '--locality-weights needs --localities',
      { file: '--locality-weights' },
      'use it together with --localities A,A,B',
    );
  }
  const config: LbConfig = { policy, localityWeights };
  if (args['table-size'] !== undefined) {
    if (policy !== 'Maglev') throw new InputError('only applies to --policy maglev', { file: '--table-size' });
    const t = integer(
      args['table-size'],
      '--table-size',
      2,
      MAX_TABLE_SIZE,
      `a prime from 2 to ${MAX_TABLE_SIZE} (default ${DEFAULT_TABLE_SIZE})`,
    );
    if (!isPrime(t))
      throw new InputError(
        `${t} is not prime`,
        { file: '--table-size' },
        `a prime from 2 to ${MAX_TABLE_SIZE} (default ${DEFAULT_TABLE_SIZE})`,
      );
    config.tableSize = t;
  }
  for (const [flag, field] of [
    ['min-ring-size', 'minimumRingSize'],
    ['max-ring-size', 'maximumRingSize'],
  ] as const) {
    if (args[flag] === undefined) continue;
    if (policy !== 'RingHash') throw new InputError('only applies to --policy ring-hash', { file: `--${flag}` });
    config[field] = integer(
      args[flag],
      `--${flag}`,
      1,
      DEFAULT_MAX_RING_SIZE,
      `an integer from 1 to ${DEFAULT_MAX_RING_SIZE}`,
    );
  }
  if ((config.minimumRingSize ?? DEFAULT_MIN_RING_SIZE) > (config.maximumRingSize ?? DEFAULT_MAX_RING_SIZE)) {
    throw new InputError(
      `minimum ring size ${config.minimumRingSize ?? DEFAULT_MIN_RING_SIZE} > maximum ring size ${config.maximumRingSize ?? DEFAULT_MAX_RING_SIZE}`,
      { file: '--min-ring-size' },
      'min <= max (Envoy rejects the config)',
    );
  }
  if (args['hash-function'] !== undefined) {
    if (policy !== 'RingHash') throw new InputError('only applies to --policy ring-hash', { file: '--hash-function' });
    const f = String(args['hash-function']);
    if (f !== 'xx' && f !== 'murmur2')
      throw new InputError(
        `unknown hash function ${JSON.stringify(f)}`,
        { file: '--hash-function' },
        'xx (XX_HASH, default), murmur2 (MURMUR_HASH_2)',
      );
    config.hashFunction = f === 'murmur2' ? 'MURMUR_HASH_2' : 'XX_HASH';
  }
  let hash: bigint | null = null;
  if (args.hash !== undefined) {
    if (policy !== 'RingHash' && policy !== 'Maglev')
      throw new InputError('only applies to --policy ring-hash or maglev (the other policies ignore request hashes)', {
        file: '--hash',
      });
    hash = parseU64(String(args.hash).trim());
    if (hash === null)
      throw new InputError(
        `${JSON.stringify(String(args.hash))} is not an unsigned 64-bit decimal`,
        { file: '--hash' },
        'a decimal integer from 0 to 18446744073709551615',
      );
  }
  const requests =
    args.requests === undefined
      ? null
      : integer(args.requests, '--requests', 0, MAX_REQUESTS, `an integer from 0 to ${MAX_REQUESTS}`);
  const hosts = hostsFromKeys(keys, weights, localities);
  return { policy, flagPolicy, hosts, config, hash, requests, seed: String(args.seed ?? 1) };
}

interface LbResult {
  table?: string[];
  ring?: { hash: string; host: string }[];
  host?: string | null;
  counts?: Record<string, number>;
}

export function runLb(p: Parsed): { result: LbResult; summary: string[] } {
  const rng = new RngRoot(p.seed).fork('cli/lb/worker-0');
  const lb = createLoadBalancer(p.config, rng, p.hosts);
  const result: LbResult = {};
  const summary: string[] = [];
  const ctx = new LbContext(rng);
  if (lb instanceof MaglevLoadBalancer) {
    const t = lb.table;
    result.table = Array.from(t.table, (i) => t.hosts[i].key);
    const counts = t.entriesPerHost();
    summary.push(
      `Maglev table: ${t.tableSize} slots, ${t.hosts.length} hosts, entries per host min ${t.stats.minEntriesPerHost} max ${t.stats.maxEntriesPerHost}`,
    );
    t.hosts.forEach((h, i) =>
      summary.push(`  ${h.key}  ${counts[i]} entries (${((100 * counts[i]) / t.tableSize).toFixed(2)}%)`),
    );
  } else if (lb instanceof RingHashLoadBalancer) {
    const r = lb.table;
    result.ring = Array.from({ length: r.length }, (_, i) => ({
      hash: toDecimal(r.hashHi[i], r.hashLo[i]),
      host: r.hosts[r.hostIndex[i]].key,
    }));
    summary.push(
      `Ring hash: ${r.length} entries (size ${r.stats.size}), hashes per host min ${r.stats.minHashesPerHost} max ${r.stats.maxHashesPerHost}`,
    );
    const share = new Map<string, number>();
    const pos = (i: number) => r.hashHi[i] * 4294967296 + r.hashLo[i];
    for (let i = 0; i < r.length; i++) {
      const arc = i === 0 ? pos(0) + (2 ** 64 - pos(r.length - 1)) : pos(i) - pos(i - 1);
      const k = r.hosts[r.hostIndex[i]].key;
      share.set(k, (share.get(k) ?? 0) + arc);
    }
    const norm = normalizeWeights(p.hosts, p.config.localityWeights);
    norm.hosts.forEach((h, i) =>
      summary.push(
        `  ${h.key}  weight ${norm.weights[i]}  hash-space share ${((100 * (share.get(h.key) ?? 0)) / 2 ** 64).toFixed(2)}%`,
      ),
    );
  } else {
    summary.push(`${p.policy}: ${p.hosts.length} hosts (one worker, seed ${p.seed})`);
  }
  if (p.hash !== null) {
    ctx.setHash(hiOf(p.hash), loOf(p.hash));
    const h = lb.chooseHost(ctx);
    result.host = h === null ? null : h.key;
    summary.push(`hash ${p.hash} -> ${result.host ?? 'no host'}`);
  }
  if (p.requests !== null) {
    const counts: Record<string, number> = {};
    for (const h of p.hosts) counts[h.key] = 0;
    for (let i = 0; i < p.requests; i++) {
      const h = lb.chooseHost(ctx);
      if (h !== null) counts[h.key]++;
    }
    result.counts = counts;
    summary.push(
      `${p.requests} picks (seed ${p.seed}${p.hash !== null ? `, every request with hash ${p.hash}` : ''}):`,
    );
    for (const [k, n] of Object.entries(counts)) summary.push(`  ${k}  ${n}`);
  }
  return { result, summary };
}

export const lbCommand: GwsimCommand = {
  command: 'lb',
  describe:
    'one Envoy load balancer over a host list: Maglev table, ring-hash ring, where a hash lands, or how seeded picks spread',
  builder: (y: Argv) =>
    y
      .option('policy', { type: 'string', describe: Object.keys(POLICIES).join(' | ') })
      .option('hosts', {
        type: 'string',
        describe: 'comma-separated host keys (ip:port, or any name used as its own hash key)',
      })
      .option('weights', { type: 'string', describe: 'comma-separated integer weights, one per host (default 1)' })
      .option('localities', {
        type: 'string',
        describe: 'comma-separated locality per host (turns on locality_weighted_lb_config)',
      })
      .option('locality-weights', {
        type: 'string',
        describe: 'NAME=WEIGHT,... in the cluster locality order (default 1 each)',
      })
      .option('table-size', { type: 'string', describe: `Maglev table size, prime (default ${DEFAULT_TABLE_SIZE})` })
      .option('min-ring-size', {
        type: 'string',
        describe: `ring hash minimum_ring_size (default ${DEFAULT_MIN_RING_SIZE})`,
      })
      .option('max-ring-size', {
        type: 'string',
        describe: `ring hash maximum_ring_size (default ${DEFAULT_MAX_RING_SIZE})`,
      })
      .option('hash-function', { type: 'string', describe: 'ring hash function: xx (default) | murmur2' })
      .option('hash', { type: 'string', describe: 'a 64-bit request hash (decimal): print the host it maps to' })
      .option('requests', {
        type: 'string',
        describe: 'make N picks on one worker with the seeded stream and count them per host',
      })
      .option('seed', { type: 'string', default: '1', describe: 'root seed of the random stream' })
      .option('json', {
        type: 'boolean',
        default: false,
        describe: 'print {"table"}|{"ring"} plus {"host"} and {"counts"} as JSON',
      })
      .example(
        'gwsim lb --policy maglev --hosts 127.0.0.1:90,127.0.0.1:91,127.0.0.1:92 --table-size 7 --json',
        'the Maglev table',
      )
      .example(
        'gwsim lb --policy round-robin --hosts a:80,b:80,c:80 --weights 1,1,2 --requests 8',
        'a weighted round-robin cycle',
      ),
  run: (args: Record<string, unknown>, io: Io): number => {
    const { result, summary } = runLb(parseLbArgs(args));
    io.out(args.json === true ? JSON.stringify(result) + '\n' : summary.join('\n') + '\n');
    return EXIT_OK;
  },
};
