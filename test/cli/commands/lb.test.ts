import { describe, it, expect } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { Io } from '../../../src/cli/io.js';
import { vectors, type Json } from '../../models/envoy/lb/reference.js';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    color: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}
async function run(args: string[]) {
  const io = capture();
  const code = await main(args, io);
  return { code, io };
}
const basicHosts = '127.0.0.1:90,127.0.0.1:91,127.0.0.1:92,127.0.0.1:93,127.0.0.1:94,127.0.0.1:95';

describe('gwsim lb', () => {
  it('maglev --json prints the table (MaglevLoadBalancerTest.Basic) and the host for --hash', async () => {
    const c = vectors.maglev.cases[0];
    const { code, io } = await run([
      'lb',
      '--policy',
      'maglev',
      '--hosts',
      basicHosts,
      '--table-size',
      '7',
      '--hash',
      '10',
      '--json',
    ]);
    expect(code).toBe(0);
    const keys = c.hosts.map((h: Json) => h.address);
    expect(JSON.parse(io.stdout)).toEqual({
      table: c.expected_table_host_index.map((i: number) => keys[i]),
      host: '127.0.0.1:91',
    });
  });

  it('ring-hash --json prints the ring in order (RingHashLoadBalancerTest.Basic) and murmur2 works', async () => {
    const c = vectors.ring_hash.cases[0];
    const { io } = await run([
      'lb',
      '--policy',
      'ring-hash',
      '--hosts',
      basicHosts,
      '--min-ring-size',
      '12',
      '--hash',
      '3551244743356806948',
      '--json',
    ]);
    const keys = c.hosts.map((h: Json) => h.address);
    expect(JSON.parse(io.stdout)).toEqual({
      ring: c.sorted_ring.map((e: Json) => ({ hash: e.hash, host: keys[e.host_index] })),
      host: '127.0.0.1:93',
    });
    const m = vectors.ring_hash.cases.find((x: Json) => x.name === 'BasicWithMurmur2');
    const murmur = await run([
      'lb',
      '--policy',
      'ring-hash',
      '--hosts',
      m.hosts.map((h: Json) => h.address).join(','),
      '--min-ring-size',
      '12',
      '--hash-function',
      'murmur2',
      '--json',
    ]);
    expect(JSON.parse(murmur.io.stdout).ring.map((e: Json) => e.hash)).toEqual(m.sorted_ring.map((e: Json) => e.hash));
  });

  it('--requests counts picks on one seeded worker: RR exact, weighted RR proportional, deterministic per seed', async () => {
    const rr = await run(['lb', '--policy', 'round-robin', '--hosts', 'a:80,b:80,c:80', '--requests', '300', '--json']);
    expect(JSON.parse(rr.io.stdout)).toEqual({ counts: { 'a:80': 100, 'b:80': 100, 'c:80': 100 } });
    const w = await run([
      'lb',
      '--policy',
      'round-robin',
      '--hosts',
      'a:80,b:80,c:80',
      '--weights',
      '1,1,2',
      '--requests',
      '400',
      '--json',
    ]);
    expect(JSON.parse(w.io.stdout)).toEqual({ counts: { 'a:80': 100, 'b:80': 100, 'c:80': 200 } });
    const r1 = await run([
      'lb',
      '--policy',
      'random',
      '--hosts',
      'a:80,b:80',
      '--requests',
      '1000',
      '--seed',
      '7',
      '--json',
    ]);
    const r2 = await run([
      'lb',
      '--policy',
      'random',
      '--hosts',
      'a:80,b:80',
      '--requests',
      '1000',
      '--seed',
      '7',
      '--json',
    ]);
    expect(r1.io.stdout).toBe(r2.io.stdout);
    const counts = JSON.parse(r1.io.stdout).counts;
    expect(counts['a:80'] + counts['b:80']).toBe(1000);
    expect(Math.abs(counts['a:80'] - 500)).toBeLessThan(80); // > 5 sd
  });

  it('locality weights split round robin 1:2 and fold into the Maglev table', async () => {
    const rr = await run([
      'lb',
      '--policy',
      'round-robin',
      '--hosts',
      'a:80,b:80,c:80',
      '--localities',
      'A,A,B',
      '--locality-weights',
      'A=1,B=2',
      '--requests',
      '300',
      '--json',
    ]);
    expect(JSON.parse(rr.io.stdout)).toEqual({ counts: { 'a:80': 50, 'b:80': 50, 'c:80': 200 } });
    const c = vectors.maglev.cases.find((x: Json) => x.name === 'LocalityWeightedDifferentLocalityWeights');
    const keys = c.hosts.map((h: Json) => h.address);
    const mg = await run([
      'lb',
      '--policy',
      'maglev',
      '--hosts',
      keys.join(','),
      '--weights',
      '1,2,3',
      '--localities',
      'A,C,B',
      '--locality-weights',
      'A=8,B=0,C=2',
      '--table-size',
      '17',
      '--json',
    ]);
    expect(JSON.parse(mg.io.stdout).table).toEqual(c.expected_table_host_index.map((i: number) => keys[i]));
  });

  it('prints a readable summary without --json', async () => {
    const { code, io } = await run(['lb', '--policy', 'maglev', '--hosts', 'a:1,b:1', '--table-size', '7']);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/^Maglev table: 7 slots, 2 hosts/);
  });

  it.each([
    [['--policy', 'weighted', '--hosts', 'a:1'], '--policy'],
    [['--policy', 'maglev'], '--hosts'],
    [['--policy', 'maglev', '--hosts', 'a:1,b:1', '--weights', '1'], '--weights'],
    [['--policy', 'maglev', '--hosts', 'a:1,b:1', '--weights', '1,0'], '--weights'],
    [['--policy', 'maglev', '--hosts', 'a:1,b:1', '--weights', '1,-2'], '--weights'],
    [['--policy', 'maglev', '--hosts', 'a:1', '--hash', 'abc'], '--hash'],
    [['--policy', 'maglev', '--hosts', 'a:1', '--hash', '18446744073709551616'], '--hash'],
    [['--policy', 'maglev', '--hosts', 'a:1', '--table-size', '65536'], '--table-size'],
    [['--policy', 'ring-hash', '--hosts', 'a:1', '--hash-function', 'md5'], '--hash-function'],
    [['--policy', 'ring-hash', '--hosts', 'a:1', '--min-ring-size', '10', '--max-ring-size', '5'], '--min-ring-size'],
    [['--policy', 'round-robin', '--hosts', 'a:1', '--hash', '1'], '--hash'],
    [
      ['--policy', 'round-robin', '--hosts', 'a:1,b:1', '--localities', 'A,B', '--locality-weights', 'A=1'],
      '--locality-weights',
    ],
  ])('bad flags %j -> exit 2 naming %s', async (args, flag) => {
    const { code, io } = await run(['lb', ...args]);
    expect(code).toBe(2);
    expect(io.stderr).toContain(flag);
    expect(io.stderr).toMatch(/allowed|only applies|required/);
  });
});
