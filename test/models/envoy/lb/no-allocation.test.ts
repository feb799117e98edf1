// Steady-state picks allocate nothing: in a child Node with --trace-gc, a million picks per policy after warm-up run
// without a single scavenge (a young-generation collection follows within a few MB of allocation, so even 8 bytes per
// pick would trigger several). The JIT compiles concurrently and its inlining varies from process to process, so three
// rounds are measured per process, up to two processes, and the best round must be clean. Runs against the built dist/ (npm ci builds it; built here if missing).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = process.cwd();
const dist = resolve(root, 'dist/src/models/envoy/lb/registry.js');

const script = (policy: string, weighted: boolean) => `
import { createLoadBalancer } from ${JSON.stringify(resolve(root, 'dist/src/models/envoy/lb/registry.js'))};
import { hostsFromKeys } from ${JSON.stringify(resolve(root, 'dist/src/models/envoy/lb/host.js'))};
import { LbContext } from ${JSON.stringify(resolve(root, 'dist/src/models/envoy/lb/lb-context.js'))};
import { RngRoot } from ${JSON.stringify(resolve(root, 'dist/src/sim/rng.js'))};
const keys = Array.from({ length: 100 }, (_, i) => '10.0.' + (i >> 8) + '.' + (i & 255) + ':8080');
const weights = ${weighted} ? keys.map((_, i) => 1 + (i % 3)) : undefined;
const rng = new RngRoot(1).fork('w');
const lb = createLoadBalancer({ policy: ${JSON.stringify(policy)} }, rng, hostsFromKeys(keys, weights));
const ctx = new LbContext(rng);
let sink = 0;
const pick = (i) => { ctx.reset(); if (${policy === 'Maglev' || policy === 'RingHash'}) ctx.setHash(i * 2654435761 >>> 0, i); const h = lb.chooseHost(ctx); h.activeRequests = (h.activeRequests + 1) & 7; sink += h.index; };
for (let i = 0; i < 1000000; i++) pick(i);
for (let round = 0; round < 3; round++) {
  globalThis.gc();
  console.log('MEASURE-START');
  for (let i = 0; i < 1000000; i++) pick(i);
  console.log('MEASURE-END', sink > 0);
}
`;

describe('load-balancer picks allocate nothing in steady state', () => {
  if (!existsSync(dist)) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'ignore' });
  const dir = mkdtempSync(join(tmpdir(), 'gwsim-alloc-'));
  for (const [policy, weighted] of [
    ['RoundRobin', false],
    ['RoundRobin', true],
    ['LeastRequest', false],
    ['LeastRequest', true],
    ['Random', false],
    ['Maglev', false],
    ['RingHash', false],
  ] as const) {
    it(`${policy}${weighted ? ' (weighted)' : ''}: no scavenge during 1 M picks`, () => {
      const file = join(dir, `${policy}-${weighted}.mjs`);
      writeFileSync(file, script(policy, weighted));
      const collections: number[] = [];
      for (let attempt = 0; attempt < 2 && !collections.includes(0); attempt++) {
        const out = execFileSync(process.execPath, ['--expose-gc', '--trace-gc', file], { encoding: 'utf8' });
        expect(out).toContain('MEASURE-END true');
        const rounds = out
          .split('MEASURE-START')
          .slice(1)
          .map((r) => r.slice(0, r.indexOf('MEASURE-END')));
        expect(rounds).toHaveLength(3);
        collections.push(...rounds.map((r) => (r.match(/Scavenge|Mark-Compact|Mark-sweep/g) ?? []).length));
      }
      expect(Math.min(...collections), `collections per round: ${collections.join(', ')}`).toBe(0);
    });
  }
});
