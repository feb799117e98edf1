import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from './io-capture.js';

async function gwsim(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('gwsim export envoy', () => {
  it('prints the bootstrap as YAML (with a header line) or JSON, the same config both ways, byte-identical on rerun', async () => {
    const y = await gwsim('export', 'envoy', 'round-robin');
    const j = await gwsim('export', 'envoy', 'round-robin', '-o', 'json');
    expect([y.code, j.code, y.err, j.err]).toEqual([0, 0, '', '']);
    expect(y.out.split('\n')[0]).toBe(
      '# gwsim export envoy: round-robin after step 10 (counts), Gateway default/load-balancing-gateway (cluster lab)',
    );
    expect(parse(y.out)).toEqual(JSON.parse(j.out));
    expect((await gwsim('export', 'envoy', 'round-robin')).out).toBe(y.out);
    const clusters = JSON.parse(j.out).static_resources.clusters;
    expect(clusters.map((c: { name: string; lb_policy: string }) => [c.name, c.lb_policy])).toEqual([
      ['httproute/default/round-robin-route/rule/0', 'ROUND_ROBIN'],
    ]);
  });

  it('--at STEP exports the state after that step: before the route is pushed there is no Gateway yet', async () => {
    const early = await gwsim('export', 'envoy', 'round-robin', '--at', '3');
    expect(early.code).toBe(2);
    expect(early.err).toMatch(/^gwsim: error: .*no Gateway is programmed after step 3/);
    const named = await gwsim('export', 'envoy', 'round-robin', '--at', 'hey', '-o', 'json');
    expect(named.code).toBe(0);
    expect(JSON.parse(named.out).static_resources.listeners[0].name).toBe('default/load-balancing-gateway/http');
  });

  it('names one Gateway with --gateway when the scenario has several', async () => {
    const many = await gwsim('export', 'envoy', 'cilium-lab');
    expect(many.code).toBe(2);
    expect(many.err).toMatch(/Gateways are programmed after step \d+.*name one.*default\/my-gateway/);
    const one = await gwsim('export', 'envoy', 'cilium-lab', '--gateway', 'default/cilium-tls-gateway', '-o', 'json');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.out).node.id).toBe('default/cilium-tls-gateway');
  });

  for (const [what, argv, pattern] of [
    [
      'an unknown Gateway',
      ['round-robin', '--gateway', 'default/nope'],
      /no programmed Gateway default\/nope.*load-balancing-gateway/,
    ],
    ['an unknown step', ['round-robin', '--at', 'nope'], /--at.*no step "nope".*10 \(counts\)/],
    ['a step index past the end', ['round-robin', '--at', '99'], /--at.*no step "99"/],
    ['an unknown output format', ['round-robin', '-o', 'xml'], /-o.*"xml" is not an output format/],
    ['an unknown scenario', ['no-such-scenario'], /no catalog scenario and no file is named "no-such-scenario"/],
  ] as const) {
    it(`rejects ${what} with one line and exit 2`, async () => {
      const r = await gwsim('export', 'envoy', ...argv);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      expect(r.err.trimEnd().split('\n')).toHaveLength(1);
      expect(r.err).toMatch(pattern);
    });
  }

  it('rejects an export format other than envoy', async () => {
    const r = await gwsim('export', 'nginx', 'round-robin');
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err).toMatch(/cannot export "nginx"/);
  });
});
