import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

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

describe('gwsim run', () => {
  it('suggests the closest flag and catalog name for a typo (exit 2)', async () => {
    const io = capture();
    expect(await main(['run', 'round-robin', '--quite', '--jsn'], io)).toBe(2);
    expect(io.stderr).toContain('Unknown arguments: quite (did you mean --quiet?), jsn (did you mean --json?)');
    const io2 = capture();
    expect(await main(['run', 'round-robn'], io2)).toBe(2);
    expect(io2.stderr).toContain('no file is named "round-robn" (did you mean round-robin?)');
  });

  it('prints the workshop output and exits 0 when every expectation holds', async () => {
    const io = capture();
    expect(await main(['run', 'round-robin'], io)).toBe(0);
    expect(io.stdout).toMatch(/backend-[a-z0-9]+-[a-z0-9]{5}: received 25 requests/);
    expect(io.stdout).toContain('Status code distribution:');
    expect(io.stdout).toMatch(/round-robin: ok; \d+ events/);
  });

  it('--json prints the documented contract', async () => {
    const io = capture();
    expect(await main(['run', 'consistent-hash', '--json'], io)).toBe(0);
    const r = JSON.parse(io.stdout);
    expect(Object.keys(r)).toEqual(
      expect.arrayContaining([
        'scenario',
        'seed',
        'scenarioHash',
        'steps',
        'events',
        'simulatedSeconds',
        'traceHash',
        'timeline',
      ]),
    );
    const step = r.steps.find((s: { name: string }) => s.name === 'cookie-1');
    expect(Object.keys(step)).toEqual(
      expect.arrayContaining(['index', 'kind', 'requests', 'statusCounts', 'byBackend', 'latencyMs', 'lines']),
    );
    expect(step.byBackend).toHaveLength(1);
    expect(step.byBackend[0]).toMatchObject({ service: 'backend', namespace: 'default', cluster: 'lab', count: 10 });
    expect(Object.keys(step.latencyMs)).toEqual(expect.arrayContaining(['mean', 'p50', 'p90', 'p99', 'max']));
  });

  it('--explain follows one request: connection, worker, route, the hash and Maglev slot, the pod', async () => {
    const io = capture();
    expect(await main(['run', 'consistent-hash', '--explain', 'cookie-1:3'], io)).toBe(0);
    expect(io.stdout).toContain('Request 3 of step 8, hop by hop:');
    expect(io.stdout).toMatch(/on worker 0 of 1/);
    expect(io.stdout).toMatch(/HTTPRoute default\/cookie-route rule 0 match 0/);
    expect(io.stdout).toMatch(/Maglev: request hash \d+ -> [\d.]+:3000 \(table slot \d+ of 65537\)/);
    expect(io.stdout).toMatch(/total latency [\d.]+ ms/);
  });

  it('rejects a bad --explain and an unknown scenario with exit 2 and one clear line', async () => {
    let io = capture();
    expect(await main(['run', 'consistent-hash', '--explain', 'nope'], io)).toBe(2);
    expect(io.stderr).toMatch(/--explain.*not STEP:N.*allowed: STEP:N/);
    io = capture();
    expect(await main(['run', 'round-robn'], io)).toBe(2);
    expect(io.stderr).toMatch(/no catalog scenario and no file is named "round-robn"/);
  });

  it('stops at --max-events and marks the result partial', async () => {
    const io = capture();
    expect(await main(['run', 'round-robin', '--max-events', '50', '--json'], io)).toBe(3); // EXIT_PARTIAL
    const r = JSON.parse(io.stdout);
    expect(r.partial).toBe(true);
    expect(r.stopReason).toMatch(/--max-events 50/);
    expect(r.events).toBe(50);
  });
});

describe('gwsim list', () => {
  it('lists the five workshops and their what-ifs', async () => {
    const io = capture();
    expect(await main(['list', '--json'], io)).toBe(0);
    const names = JSON.parse(io.stdout).map((e: { name: string }) => e.name);
    expect(names).toEqual(
      expect.arrayContaining(['cluster-mesh', 'round-robin', 'ha-failover', 'consistent-hash', 'cilium-lab']),
    );
  });
});

describe('gwsim run, on a bug in gwsim', () => {
  it('exits 4 with the scenario, the seed, the event kind and the simulated time, and asks for a bug report', async () => {
    const { GatewayProxy } = await import('../../src/models/envoy/proxy/gateway-proxy.js');
    const { vi } = await import('vitest');
    const spy = vi.spyOn(GatewayProxy.prototype, 'handle').mockImplementation(() => {
      throw new Error('injected fault');
    });
    try {
      const io = capture();
      expect(await main(['run', 'round-robin', '--seed', '7'], io)).toBe(4);
      expect(io.stderr).toMatch(
        /^gwsim: internal error: scenario round-robin, seed 7: injected fault \(in a handler of event kind net\.atProxy, event \d+, at t=\d+\.\d{9} s\)\n/,
      );
      expect(io.stderr).toContain('This is a bug in gwsim: please report it');
      expect(io.stderr).not.toMatch(/^\s+at /m); // no stack trace unless GWSIM_DEBUG is set
    } finally {
      spy.mockRestore();
    }
  });
});
