import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { captureIo } from './io-capture.js';

const ROOT = resolve(import.meta.dirname, '../..');
const BAD = 'test/fixtures/bad-manifests';
const SEEDS = 'test/fixtures/seeds';

async function gwsim(...argv: string[]) {
  const io = captureIo();
  const code = await main(argv, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('gwsim status: broken manifests', () => {
  process.chdir(ROOT);
  const files = readdirSync(join(ROOT, BAD))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  it('has a corpus of at least 30 broken manifests', () => {
    expect(files.length).toBeGreaterThanOrEqual(30);
  });
  for (const f of files) {
    it(`${f}: one clear error, exit 2`, async () => {
      const r = await gwsim('status', '-f', join(BAD, f));
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const lines = r.err.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^gwsim: error: ${BAD}/${f.replace('.', '\\.')}`));
      expect(r.err).toMatchSnapshot();
    });
  }
});

describe('gwsim status: seeds', () => {
  it('reports the Cilium lab TLSRoute accepted with resolved refs, as the lab prints it', async () => {
    const r = await gwsim('status', '-f', `${SEEDS}/004-cilium-gateway-api`, '--json');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.out);
    const tls = s.routes.find((x: { name: string }) => x.name === 'nginx');
    expect(tls.parents).toHaveLength(1);
    expect(tls.parents[0].controllerName).toBe('io.cilium/gateway-controller');
    expect(
      tls.parents[0].conditions.map((c: { type: string; status: string; reason: string }) => [
        c.type,
        c.status,
        c.reason,
      ]),
    ).toEqual([
      ['Accepted', 'True', 'Accepted'],
      ['ResolvedRefs', 'True', 'ResolvedRefs'],
    ]);
    const gw = s.gateways.find((g: { name: string }) => g.name === 'tls-gateway');
    expect(gw.listeners.map((l: { name: string; attachedRoutes: number }) => [l.name, l.attachedRoutes])).toEqual([
      ['https-1', 1],
      ['https-2', 1],
    ]);
    expect(s.gatewayClasses.find((c: { name: string }) => c.name === 'cilium').conditions[0].status).toBe('True');
  });

  it('shows why a route did not attach (hostname mismatch) in YAML like kubectl get -o yaml', async () => {
    const r = await gwsim(
      'status',
      '-f',
      `${SEEDS}/001-round-robin/05-gateway.yaml`,
      '-f',
      'test/cli/fixtures/mismatched-route.yaml',
      '-o',
      'yaml',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('kind: HTTPRoute');
    expect(r.out).toContain('reason: NoMatchingListenerHostname');
    expect(r.out).toMatchSnapshot();
  });

  it('every seed directory loads verbatim and reports every route Accepted', async () => {
    for (const d of readdirSync(join(ROOT, SEEDS)).sort()) {
      const r = await gwsim('status', '-f', `${SEEDS}/${d}`, '--json');
      expect(r.err, d).toBe('');
      expect(r.code).toBe(0);
      const s = JSON.parse(r.out);
      for (const route of s.routes)
        for (const p of route.parents)
          expect(p.conditions[0], `${d} ${route.name}`).toMatchObject({ type: 'Accepted', status: 'True' });
      for (const g of s.gateways)
        expect(g.conditions.find((c: { type: string }) => c.type === 'Programmed').status, `${d} ${g.name}`).toBe(
          'True',
        );
    }
  });
});

describe('gwsim status: RequestMirror to a missing Service', () => {
  it('keeps the route Accepted and sets ResolvedRefs False, as Envoy Gateway does for a filter backendRef', async () => {
    const m = 'src/scenarios/catalog/consistent-hash/manifests';
    const r = await gwsim(
      'status',
      '-f',
      `${m}/10-backend.yaml`,
      '-f',
      `${m}/20-gateway.yaml`,
      '-f',
      'test/fixtures/route-filters/mirror-missing-backend.yaml',
      '--json',
    );
    expect(r.code).toBe(0);
    const route = JSON.parse(r.out).routes.find((x: { name: string }) => x.name === 'mirror-nowhere');
    const conditions = route.parents[0].conditions.map(
      (c: { type: string; status: string; reason: string }) => `${c.type}=${c.status}/${c.reason}`,
    );
    expect(conditions).toEqual(['Accepted=True/Accepted', 'ResolvedRefs=False/BackendNotFound']);
  });
});

describe('gwsim status: kubectl get tables', () => {
  it('shows the tables kubectl get prints, with the address the scenario LB IPAM gave and simulated ages', async () => {
    const r = await gwsim('status', 'cilium-lab', '--at', '27');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe(
      'NAME                                            CONTROLLER                     ACCEPTED   AGE',
    );
    expect(lines[1]).toBe(
      'gatewayclass.gateway.networking.k8s.io/cilium   io.cilium/gateway-controller   True       2m55s',
    );
    expect(r.out).toContain(
      'default     gateway.gateway.networking.k8s.io/my-gateway           cilium   172.18.255.200   True         2m10s',
    );
    expect(r.out).toMatch(
      /tlsroute\.gateway\.networking\.k8s\.io\/nginx +\["nginx\.cilium\.rocks"\] +cilium-tls-gateway +True +50s/,
    );
  });

  it('-o wide says why a route is not Accepted', async () => {
    const r = await gwsim(
      'status',
      '-f',
      `${SEEDS}/001-round-robin/05-gateway.yaml`,
      '-f',
      'test/cli/fixtures/mismatched-route.yaml',
      '-o',
      'wide',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/ False +0s +\S* +NoMatchingListenerHostname: /);
  });

  it('takes a scenario or -f, not both; --at needs a scenario; -o names a known format (exit 2)', async () => {
    expect((await gwsim('status', 'round-robin', '-f', `${SEEDS}/001-round-robin`)).code).toBe(2);
    expect((await gwsim('status', '-f', `${SEEDS}/001-round-robin`, '--at', '2')).err).toContain(
      '--at needs a scenario',
    );
    expect((await gwsim('status', 'round-robin', '-o', 'xml')).err).toContain('table, wide, yaml, json');
  });
});
