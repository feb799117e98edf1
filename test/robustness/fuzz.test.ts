// Fuzzing the command line with fast-check (seed 42): arbitrary and mutated manifests for `gwsim status`, mutated
// scenario documents for `gwsim run`, arbitrary requests for `gwsim route` against the round-robin workshop's gateway,
// and arbitrary host sets for `gwsim lb`. Every outcome: no stack trace, no internal error, only the exit codes the
// contract allows, and within a time budget. (A synchronous endless loop cannot be pre-empted in-thread; the budget
// catches a run that is slow instead, and vitest's test timeout the rest.)
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { expectNoCrash, gwsim, ROOT } from './cli-harness.js';

process.chdir(ROOT);
const tmp = mkdtempSync(join(tmpdir(), 'gwsim-fuzz-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Wall-clock budget per CLI call; the slowest here (a scenario run bounded by --max-events) takes well under 1 s. */
const BUDGET_MS = 10_000;

async function timed(argv: string[]) {
  const t0 = performance.now();
  const r = await gwsim(argv);
  const ms = performance.now() - t0;
  return { ...r, ms };
}

function check(r: Awaited<ReturnType<typeof timed>>, codes: number[]): void {
  expectNoCrash(r, codes);
  expect(r.ms).toBeLessThan(BUDGET_MS);
  if (r.code === 2) expect(r.err).toMatch(/^gwsim: error: \S[^\n]*\n$/);
}

// ---- values ----
/** Scalars and small structures, numbers kept small: a huge count (hey c: 1e9) is a known, unbounded case (see the corpus). */
const smallNumber = fc.oneof(
  fc.integer({ min: -5, max: 2000 }),
  fc.constantFrom(0, -1, 1.5, 65535, 65536, 4294967296, Number.NaN),
  fc.double({ min: -1e3, max: 1e3, noNaN: true }),
);
const scalar = fc.oneof(
  smallNumber,
  fc.string({ maxLength: 12 }),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(
    '',
    '250ms',
    '0s',
    '-1s',
    'www.example.com',
    '10.0.0.1',
    'default',
    '${gateway:load-balancing-gateway}',
  ),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('v'), { maxKeys: 3 }),
  ),
})).v;

type Json = Record<string, unknown>;

/** All paths (as key arrays) of a parsed YAML tree. */
function paths(o: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (o !== null && typeof o === 'object') {
    for (const [k, v] of Object.entries(o)) {
      const p = [...prefix, Array.isArray(o) ? Number(k) : k];
      out.push(p);
      paths(v, p, out);
    }
  }
  return out;
}

type Mutation =
  | { kind: 'set'; value: unknown }
  | { kind: 'delete' }
  | { kind: 'rename'; to: string }
  | { kind: 'nudge'; factor: number; text: string };
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  value.map((v) => ({ kind: 'set' as const, value: v })),
  // A plausible change: a number scaled, a string swapped for one of the same family (often still valid input).
  fc.record({
    kind: fc.constant('nudge' as const),
    factor: fc.constantFrom(0, 0.5, 2, 3, 10, -1),
    text: fc.constantFrom(
      '1s',
      '100ms',
      '0s',
      'backend',
      'www.example.com',
      'default',
      'worker1',
      'HTTP',
      'PathPrefix',
      'Exact',
    ),
  }),
  fc.constant({ kind: 'delete' as const }),
  fc.string({ minLength: 1, maxLength: 10 }).map((to) => ({ kind: 'rename' as const, to })),
);

/** Applies a mutation at the `pick`-th path of a deep copy of `doc`. */
function mutate(doc: unknown, pick: number, m: Mutation): unknown {
  const copy = structuredClone(doc);
  const all = paths(copy);
  if (all.length === 0) return m.kind === 'set' ? m.value : copy;
  const p = all[pick % all.length];
  let parent = copy as Json;
  for (const k of p.slice(0, -1)) parent = parent[k as string] as Json;
  const last = p[p.length - 1];
  const old = parent[last as string];
  if (m.kind === 'nudge')
    parent[last as string] =
      typeof old === 'number' ? Math.round(old * m.factor) : typeof old === 'string' ? m.text : old;
  else if (m.kind === 'set') parent[last as string] = m.value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else {
    const v = parent[last as string];
    delete parent[last as string];
    if (m.kind === 'rename') parent[m.to] = v;
  }
  return copy;
}

function yamlOf(docs: unknown[]): string {
  return docs.map((d) => stringify(d, { lineWidth: 0 })).join('---\n');
}

let fileNo = 0;
function writeTemp(text: string, ext = 'yaml'): string {
  const f = join(tmp, `f${fileNo++}.${ext}`);
  writeFileSync(f, text);
  return f;
}

// ---- manifests ----
const SEEDS = join(ROOT, 'test/fixtures/seeds');
const seedDocs: unknown[] = readdirSync(SEEDS)
  .flatMap((d) =>
    readdirSync(join(SEEDS, d))
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => parseAllDocuments(readFileSync(join(SEEDS, d, f), 'utf8')).map((x) => x.toJS())),
  )
  .filter((d) => d !== null);

const KINDS = [
  'Namespace',
  'Service',
  'Deployment',
  'GatewayClass',
  'Gateway',
  'HTTPRoute',
  'TLSRoute',
  'ReferenceGrant',
  'BackendTrafficPolicy',
  'Backend',
  'IPPool',
  'BGPPeer',
  'BGPConfiguration',
  'Secret',
  'ConfigMap',
  'ServiceAccount',
  'CiliumLoadBalancerIPPool',
  'Pod',
  'Ingress',
  'Scenario',
  '',
];
const API_VERSIONS = [
  'v1',
  'apps/v1',
  'gateway.networking.k8s.io/v1',
  'gateway.networking.k8s.io/v1alpha2',
  'gateway.networking.k8s.io/v1beta1',
  'gateway.envoyproxy.io/v1alpha1',
  'projectcalico.org/v3',
  'cilium.io/v2alpha1',
  'gwsim.dev/v1alpha1',
  'v2',
  '',
];
const randomManifest = fc.record(
  {
    apiVersion: fc.oneof(fc.constantFrom(...API_VERSIONS), scalar),
    kind: fc.oneof(fc.constantFrom(...KINDS), scalar),
    metadata: fc.oneof(
      fc.record(
        {
          name: fc.oneof(fc.constantFrom('backend', 'gw', 'Bad_Name', ''), scalar),
          namespace: fc.constantFrom('default', 'other', ''),
        },
        { requiredKeys: [] },
      ),
      value,
    ),
    spec: value,
  },
  { requiredKeys: [] },
);
/** Distinct workshop documents (a document twice in one file is an error of its own), one of them mutated. */
const mutatedSeeds = fc
  .tuple(fc.uniqueArray(fc.nat(seedDocs.length - 1), { minLength: 1, maxLength: 4 }), fc.nat(), mutation)
  .map(([idx, pick, m]) => idx.map((i, k) => (k === 0 ? mutate(seedDocs[i], pick, m) : seedDocs[i])));

describe('fuzz: gwsim status on arbitrary manifests', () => {
  it('random documents with plausible kinds and apiVersions: exit 0 or 2, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(randomManifest, { minLength: 1, maxLength: 3 }), async (docs) => {
        check(await timed(['status', '-f', writeTemp(yamlOf(docs)), '--json']), [0, 2]);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('the workshop manifests with one field set, deleted or renamed: exit 0 or 2, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(mutatedSeeds, async (docs) => {
        check(await timed(['status', '-f', writeTemp(yamlOf(docs)), '--json']), [0, 2]);
      }),
      { seed: 42, numRuns: 150 },
    );
  });

  it('arbitrary text, including broken YAML and control characters: exit 0 or 2', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({
        unit: fc.constantFrom(
          ':',
          '-',
          ' ',
          '\n',
          '[',
          '{',
          '&a',
          '*a',
          '!!',
          '"',
          "'",
          '#',
          '|',
          '>',
          'a',
          '\t',
          '\u0001',
          '\uFEFF',
        ),
        maxLength: 80,
      }),
    );
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        check(await timed(['status', '-f', writeTemp(t)]), [0, 2]);
      }),
      { seed: 42, numRuns: 150 },
    );
  });
});

// ---- scenarios ----
const scenarioDir = join(tmp, 'scenario');
cpSync(join(ROOT, 'test/fixtures/bad-cli/scenarios/manifests'), join(scenarioDir, 'manifests'), { recursive: true });
const okScenario = parse(readFileSync(join(ROOT, 'test/fixtures/bad-cli/scenarios/ok.yaml'), 'utf8')) as unknown;

describe('fuzz: gwsim run on mutated scenario documents', () => {
  it('one or two fields set, deleted or renamed: a clean verdict (0-3), never a crash', async () => {
    // 1 (an expect failed) and 3 (stopped by --max-events) are legitimate verdicts of a scenario that loads.
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), mutation), { minLength: 1, maxLength: 2 }), async (ms) => {
        const doc = ms.reduce((d, [pick, m]) => mutate(d, pick, m), okScenario);
        const file = join(scenarioDir, `s${fileNo++}.yaml`);
        writeFileSync(file, stringify(doc, { lineWidth: 0 }));
        check(await timed(['run', file, '--quiet', '--max-events', '3000']), [0, 1, 2, 3]);
      }),
      { seed: 42, numRuns: 60 },
    );
  });
});

// ---- gwsim route ----
const RR = 'test/fixtures/seeds/001-round-robin';
const token = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    'Z',
    '0',
    '9',
    '-',
    '.',
    '_',
    '~',
    '%',
    '/',
    '?',
    '&',
    '=',
    '#',
    ':',
    '@',
    '[',
    ']',
    ' ',
    '*',
    'é',
  ),
  maxLength: 16,
});
const host = fc.oneof(
  fc.constantFrom(
    'www.example.com',
    'WWW.EXAMPLE.COM',
    'example.com',
    'foo.example.com',
    '10.0.1.10',
    '[::1]',
    'localhost',
  ),
  token,
);
const port = fc.oneof(
  fc.constant(''),
  fc.integer({ min: -1, max: 70000 }).map((p) => `:${p}`),
  token.map((t) => `:${t}`),
);
const path = fc.oneof(
  fc.constantFrom('/', '/round', '/round/x', '/ROUND', ''),
  token.map((t) => `/${t}`),
);
const url = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('http', 'https', 'ftp', 'HTTP', ''),
      host,
      port,
      path,
      fc.oneof(
        fc.constant(''),
        token.map((q) => `?${q}`),
      ),
    )
    .map(([s, h, p, pa, q]) => `${s}://${h}${p}${pa}${q}`),
  path,
  token,
);
const method = fc.oneof(fc.constantFrom('GET', 'POST', 'HEAD', 'DELETE', 'get', ''), token);
const header = fc.oneof(
  fc
    .tuple(fc.constantFrom('Host', 'host', 'X-User', 'Cookie', 'cookie'), fc.oneof(host, token))
    .map(([k, v]) => `${k}: ${v}`),
  token,
);

describe('fuzz: gwsim route on arbitrary requests', () => {
  it('URLs, methods, headers, ports and SNI against the round-robin gateway: exit 0 or 2', async () => {
    const plausible = fc.record({
      method: fc.constantFrom('GET', 'POST', 'HEAD'),
      url: fc
        .tuple(
          fc.constantFrom('http://www.example.com', 'http://10.0.1.10', 'https://www.example.com', ''),
          fc.oneof(path, fc.constantFrom('/round?x=1', '/round#frag')),
        )
        .map(([a, b]) => `${a}${b || '/'}`),
      headers: fc.array(
        fc.constantFrom('Host: www.example.com', 'Host: other.example.com', 'X-User: alice', 'Cookie: FooBar=1.2.3.4'),
        { maxLength: 2 },
      ),
    });
    const arbitrary = fc.record(
      {
        method,
        url,
        headers: fc.array(header, { maxLength: 3 }),
        port: fc.oneof(fc.integer({ min: -2, max: 70000 }).map(String), token),
        sni: fc.oneof(host, token),
        gateway: fc.constantFrom('default/load-balancing-gateway', 'load-balancing-gateway', 'x/y', '/'),
      },
      { requiredKeys: ['url'] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: plausible, weight: 2 }, { arbitrary, weight: 1 }),
        async (q: {
          method?: string;
          url?: string;
          headers?: string[];
          port?: string;
          sni?: string;
          gateway?: string;
        }) => {
          const argv = ['route', '-f', RR, '--json'];
          if (q.url !== undefined) argv.push(`--request=${q.method === undefined ? q.url : `${q.method} ${q.url}`}`);
          for (const h of q.headers ?? []) argv.push(`-H=${h}`);
          if (q.port !== undefined) argv.push(`--port=${q.port}`);
          if (q.sni !== undefined) argv.push(`--sni=${q.sni}`);
          if (q.gateway !== undefined) argv.push(`--gateway=${q.gateway}`);
          const r = await timed(argv);
          check(r, [0, 2]);
          if (r.code === 0) expect(JSON.parse(r.out)).toHaveProperty('gateway');
        },
      ),
      { seed: 42, numRuns: 120 },
    );
  });
});

// ---- gwsim lb ----
const hostKey = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 70000 })).map(([a, p]) => `10.0.0.${a}:${p}`),
  token,
);
const listOf = <T>(a: fc.Arbitrary<T>, max: number) =>
  fc.array(a, { maxLength: max }).map((xs) => xs.map(String).join(','));

describe('fuzz: gwsim lb on arbitrary host sets', () => {
  it('--hosts/--weights/--policy/--table-size/ring sizes/--hash/--requests combinations: exit 0 or 2', async () => {
    const n = fc.integer({ min: 1, max: 8 });
    // Mostly consistent flag sets (each policy with the flags it takes), some arbitrary ones.
    const consistent = fc
      .tuple(n, fc.constantFrom('round-robin', 'least-request', 'random', 'ring-hash', 'maglev'), fc.nat())
      .chain(([k, policy]) =>
        fc.record({
          policy: fc.constant(policy),
          hosts: fc.uniqueArray(hostKey, { minLength: k, maxLength: k }).map((h) => h.join(',')),
          weights: fc.option(
            fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: k, maxLength: k }).map((w) => w.join(',')),
            { nil: undefined },
          ),
          tableSize:
            policy === 'maglev'
              ? fc.option(fc.constantFrom('2', '3', '7', '251', '65537', '8'), { nil: undefined })
              : fc.constant(undefined),
          minRing:
            policy === 'ring-hash'
              ? fc.option(fc.integer({ min: 1, max: 2048 }).map(String), { nil: undefined })
              : fc.constant(undefined),
          maxRing:
            policy === 'ring-hash'
              ? fc.option(fc.integer({ min: 1, max: 4096 }).map(String), { nil: undefined })
              : fc.constant(undefined),
          hash:
            policy === 'ring-hash' || policy === 'maglev'
              ? fc.option(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String), { nil: undefined })
              : fc.constant(undefined),
          requests: fc.option(fc.integer({ min: 0, max: 500 }).map(String), { nil: undefined }),
          seed: fc.option(fc.nat().map(String), { nil: undefined }),
        }),
      );
    const arbitrary = fc.record(
      {
        policy: fc.oneof(fc.constantFrom('round-robin', 'least-request', 'random', 'ring-hash', 'maglev'), token),
        hosts: fc.oneof(listOf(hostKey, 8), token),
        weights: fc.oneof(
          listOf(fc.integer({ min: -1, max: 1000 }), 8),
          listOf(fc.constantFrom('0', '1', '4294967295', 'x', ''), 4),
        ),
        tableSize: fc.constantFrom('2', '3', '7', '251', '65537', '8', '0', '-7', '5000011', '5000012', 'abc'),
        minRing: fc.oneof(fc.integer({ min: -1, max: 3000 }).map(String), token),
        maxRing: fc.oneof(fc.integer({ min: -1, max: 3000 }).map(String), token),
        hash: fc.oneof(fc.bigInt({ min: -1n, max: 2n ** 64n }).map(String), token),
        requests: fc.oneof(fc.integer({ min: -1, max: 500 }).map(String), token),
        seed: fc.oneof(fc.nat().map(String), token),
      },
      { requiredKeys: ['policy'] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ arbitrary: consistent, weight: 2 }, { arbitrary, weight: 1 }),
        async (
          o: Partial<
            Record<
              'policy' | 'hosts' | 'weights' | 'tableSize' | 'minRing' | 'maxRing' | 'hash' | 'requests' | 'seed',
              string
            >
          >,
        ) => {
          const argv = ['lb', `--policy=${o.policy}`, '--json'];
          const flags = {
            hosts: '--hosts',
            weights: '--weights',
            tableSize: '--table-size',
            minRing: '--min-ring-size',
            maxRing: '--max-ring-size',
            hash: '--hash',
            requests: '--requests',
            seed: '--seed',
          } as const;
          for (const [k, flag] of Object.entries(flags)) {
            const v = o[k as keyof typeof flags];
            if (v !== undefined) argv.push(`${flag}=${v}`);
          }
          const r = await timed(argv);
          check(r, [0, 2]);
          if (r.code === 0) JSON.parse(r.out);
        },
      ),
      { seed: 42, numRuns: 200 },
    );
  });

  it('gwsim priority and gwsim hash on arbitrary values: exit 0 or 2', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            listOf(fc.integer({ min: -1, max: 20 }), 5).map((s) => s.replaceAll(',', ':')),
            token,
          ),
          { maxLength: 4 },
        ),
        fc.oneof(fc.integer({ min: -1, max: 300 }).map(String), token),
        fc.array(
          fc.oneof(
            fc.tuple(token, token).map(([k, v]) => `${k}=${v}`),
            token,
          ),
          { maxLength: 3 },
        ),
        fc.oneof(fc.constant(undefined), token, fc.constantFrom('10.0.0.1', '::1', '1.2.3.4:5', '999.1.1.1')),
        async (levels, opf, headers, sourceIp) => {
          check(
            await timed([
              'priority',
              ...levels.flatMap((l) => [`--level=${l}`]),
              `--overprovisioning-factor=${opf}`,
              '--json',
            ]),
            [0, 2],
          );
          const hashArgv = ['hash', ...headers.flatMap((h) => [`--header=${h}`]), '--json'];
          if (sourceIp !== undefined) hashArgv.push(`--source-ip=${sourceIp}`);
          check(await timed(hashArgv), [0, 2]);
        },
      ),
      { seed: 42, numRuns: 150 },
    );
  });
});
