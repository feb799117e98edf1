// Runs every request case and status expectation transcribed from the Gateway API conformance suite
// (reference/conformance-cases.json) through loadManifests -> ObjectStore -> translate -> matchRequest.
import { describe, expect, it } from 'vitest';
import { matchRequest, type GatewayRequest } from '../../../src/models/gatewayapi/match-request.js';
import type { GatewayConfig, MatchResult } from '../../../src/models/gatewayapi/gateway-config.js';
import type { Translation } from '../../../src/models/gatewayapi/translate.js';
import { baseObjects, buildStore, readCases, run, testObjects, type ConformanceTest } from './conformance-harness.js';

const file = readCases();
const base = baseObjects(file);
const NS = 'gateway-conformance-infra';

function requestOf(r: Record<string, unknown>, gw: GatewayConfig): GatewayRequest {
  const [path, rawQuery = ''] = String(r.path ?? '/').split('?');
  const query = [
    rawQuery,
    ...((r.query as [string, string][] | undefined) ?? []).map(
      ([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
    ),
  ]
    .filter(Boolean)
    .join('&');
  const headers = new Map(
    Object.entries((r.headers as Record<string, string> | undefined) ?? {}).map(([k, v]) => [k.toLowerCase(), v]),
  );
  return {
    port: r.port as number,
    host: (r.host as string | null) ?? gw.addresses[0],
    sni: (r.sni as string | undefined) ?? undefined,
    method: (r.method as string | undefined) ?? 'GET',
    path,
    query,
    headers,
  };
}

function served(res: MatchResult): { status: number; backends: { name: string; namespace: string; share: number }[] } {
  if (res.type === 'outcome') return { status: res.status, backends: [] };
  if (res.action.type !== 'forward') return { status: res.action.status, backends: [] };
  const a = res.action;
  return {
    status: 200,
    backends: a.backends
      .filter((b) => b.failStatus === 0)
      .map((b) => ({ name: b.name, namespace: b.namespace, share: b.weight / a.totalWeight })),
  };
}

let caseCount = 0;
let statusCount = 0;

function translationFor(t: ConformanceTest, withoutGrants = false): Translation {
  const objs = testObjects(t).filter((o) => !(withoutGrants && o.kind === 'ReferenceGrant'));
  return run(buildStore(base, objs));
}

describe('Gateway API conformance cases', () => {
  for (const t of file.tests) {
    describe(t.test, () => {
      const tr = translationFor(t);
      // HTTPRouteReferenceGrant's second case runs after the grant is deleted (the grant must revoke access).
      const trNoGrant = translationFor(t, true);
      for (const c of t.cases) {
        it(`${c.id}${c.subtest ? ` (${c.subtest})` : ''}`, () => {
          caseCount++;
          const useTr = /after deleting/.test(c.subtest ?? '') ? trNoGrant : tr;
          const gw = useTr.gateways.find((g) => g.namespace === NS && g.name === c.gateway);
          expect(gw, `gateway ${c.gateway} programmed`).toBeDefined();
          const req = c.request;
          const res = matchRequest(gw!, requestOf(req, gw!));
          const e = c.expect;
          if (req.passthrough === true) {
            const ok = res.type === 'route' && res.action.type === 'forward' && res.action.failingWeight === 0;
            if (e.outcome === 'connectionRejected') expect(ok).toBe(false);
            else {
              expect(ok).toBe(true);
              expect(served(res).backends).toEqual([{ name: e.backend, namespace: e.backendNamespace, share: 1 }]);
            }
            return;
          }
          const s = served(res);
          expect(s.status).toBe(e.status ?? 200);
          if (e.distribution !== undefined) {
            const dist = e.distribution as Record<string, number>;
            const expected = Object.entries(dist)
              .filter(([, f]) => f > 0)
              .map(([name, share]) => ({ name, namespace: NS, share }));
            expect(s.backends.map((b) => ({ ...b, share: Math.round(b.share * 1000) / 1000 }))).toEqual(expected);
          } else if (e.backend !== undefined) {
            expect(s.backends).toEqual([{ name: e.backend, namespace: e.backendNamespace, share: 1 }]);
          }
          if (e.mustNotReach !== undefined) expect(s.backends.map((b) => b.name)).not.toContain(e.mustNotReach);
        });
      }
      (t.statusExpectations ?? []).forEach((se, i) => {
        it(`status ${i}: ${JSON.stringify(se)}`, () => {
          statusCount++;
          const obj = String(se.object);
          const [kind, name] = obj.includes('/') ? obj.split('/') : [undefined, undefined];
          const gatewayNames = t.resources.filter((r) => r.kind === 'Gateway').map((r) => r.name as string);
          if (kind === 'HTTPRoute' || kind === 'TLSRoute') {
            const rs = tr.status.routes.find((r) => r.kind === kind && r.name === name)!;
            expect(rs).toBeDefined();
            const parents =
              se.parent !== undefined ? rs.parents.filter((p) => p.parentRef.name === se.parent) : rs.parents;
            expect(parents.length).toBeGreaterThan(0);
            for (const p of parents) {
              const c = p.conditions.find((x) => x.type === se.type);
              expect(c, `condition ${String(se.type)}`).toBeDefined();
              expect({ status: c!.status, reason: c!.reason }).toEqual({ status: se.status, reason: se.reason });
            }
            return;
          }
          const gws =
            kind === 'Gateway'
              ? tr.status.gateways.filter((g) => g.name === name)
              : tr.status.gateways.filter((g) => gatewayNames.includes(g.name));
          expect(gws.length).toBeGreaterThan(0);
          for (const g of gws) {
            const ls = se.listener !== undefined ? g.listeners.filter((l) => l.name === se.listener) : g.listeners;
            expect(ls.length).toBeGreaterThan(0);
            for (const l of ls) {
              if (se.attachedRoutes !== undefined) expect(l.attachedRoutes).toBe(se.attachedRoutes);
              if (se.type !== undefined) {
                const c = l.conditions.find((x) => x.type === se.type)!;
                expect({ status: c.status, reason: c.reason }).toEqual({ status: se.status, reason: se.reason });
              }
              for (const [type, status] of Object.entries(
                (se.listenerConditions as Record<string, string> | undefined) ?? {},
              )) {
                expect(l.conditions.find((x) => x.type === type)?.status).toBe(status);
              }
            }
          }
        });
      });
    });
  }

  it('covers every transcribed case', () => {
    expect(caseCount).toBe(file.totals.requestCases);
    expect(statusCount).toBe(file.tests.reduce((n, t) => n + (t.statusExpectations?.length ?? 0), 0));
  });
});
