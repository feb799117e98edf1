import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadManifests } from '../../../src/models/k8s/load-manifests.js';
import { InputError } from '../../../src/sim/input-error.js';

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: backend
spec:
  selector:
    app: backend
  ports:
    - port: 3000
`;

describe('loadManifests', () => {
  it('applies API server defaults and remembers where each object came from', () => {
    const objs = loadManifests(
      `# comment\n---\n${SVC}---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n`,
      'm.yaml',
    );
    expect(objs.map((o) => [o.kind, o.metadata.namespace, o.source])).toEqual([
      // A leading comment belongs to the first document (YAML 1.2 stream rules), so the Service is document 0.
      ['Service', 'default', { file: 'm.yaml', document: 0, line: 3 }],
      ['Namespace', undefined, { file: 'm.yaml', document: 1, line: 13 }],
    ]);
    const svc = objs[0];
    if (svc.kind !== 'Service') throw new Error('kind');
    expect(svc.spec.type).toBe('ClusterIP');
    expect(svc.spec.ports[0]).toMatchObject({ protocol: 'TCP', port: 3000 });
    expect(objs[1].metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'shop' });
  });

  it('reads kind: List as kubectl get -o yaml prints it, ignoring status', () => {
    const list = stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'v1',
          kind: 'Namespace',
          metadata: { name: 'a', uid: 'x', resourceVersion: '1' },
          status: { phase: 'Active' },
        },
        { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'a' }, data: { k: 'v' } },
      ],
    });
    const objs = loadManifests(list, 'list.yaml');
    expect(objs.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Namespace/a', 'ConfigMap/c']);
    expect(objs[1].source?.line).toBe(list.split('\n').findIndex((l) => l.includes('kind: ConfigMap')));
  });

  it('applies Gateway API defaults: weight 1, PathPrefix /, allowedRoutes Same, tls mode Terminate', () => {
    const [gw, route] = loadManifests(
      `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n  gatewayClassName: cilium\n  listeners:\n  - {name: h, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: c}]}}\n---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  rules:\n  - backendRefs: [{name: s, port: 80}]\n`,
      'g.yaml',
    );
    if (gw.kind !== 'Gateway' || route.kind !== 'HTTPRoute') throw new Error('kinds');
    expect(gw.spec.listeners[0].tls).toEqual({
      mode: 'Terminate',
      certificateRefs: [{ group: '', kind: 'Secret', name: 'c' }],
      options: {},
    });
    expect(gw.spec.listeners[0].allowedRoutes).toEqual({ namespaces: { from: 'Same' }, kinds: [] });
    expect(route.spec.rules[0].matches).toEqual([
      { path: { type: 'PathPrefix', value: '/' }, headers: [], queryParams: [] },
    ]);
    expect(route.spec.rules[0].backendRefs[0]).toEqual({ group: '', kind: 'Service', name: 's', port: 80, weight: 1 });
  });

  it('an empty file or empty documents give no objects', () => {
    expect(loadManifests('', 'e.yaml')).toEqual([]);
    expect(loadManifests('---\n---\n', 'e.yaml')).toEqual([]);
  });

  const anyYamlValue = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'small' },
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(tie('value'), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
    ),
  })).value;
  const kinds = fc.constantFrom(
    'Service',
    'Gateway',
    'HTTPRoute',
    'TLSRoute',
    'Deployment',
    'Secret',
    'BackendTrafficPolicy',
    'Backend',
    'IPPool',
    'List',
    'Namespace',
    'ReferenceGrant',
    'Foo',
  );
  const apis = fc.constantFrom(
    'v1',
    'apps/v1',
    'gateway.networking.k8s.io/v1',
    'gateway.networking.k8s.io/v1alpha2',
    'gateway.envoyproxy.io/v1alpha1',
    'projectcalico.org/v3',
    'x/y',
  );
  const manifestish = fc.record(
    {
      apiVersion: apis,
      kind: kinds,
      metadata: fc.oneof(fc.record({ name: fc.string({ maxLength: 10 }) }), anyYamlValue),
      spec: anyYamlValue,
      items: fc.array(anyYamlValue, { maxLength: 2 }),
    },
    { requiredKeys: ['apiVersion', 'kind'] },
  );

  it('property: arbitrary documents never throw anything but InputError', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          anyYamlValue.map((v) => stringify(v)),
          manifestish.map((v) => stringify(v)),
          fc.array(manifestish, { maxLength: 3 }).map((vs) => vs.map((v) => stringify(v)).join('---\n')),
        ),
        (text) => {
          try {
            loadManifests(text, 'fuzz.yaml');
          } catch (e) {
            if (!(e instanceof InputError)) throw e;
            expect(e.message).toMatch(/^fuzz\.yaml/);
          }
        },
      ),
      { seed: 42, numRuns: 400 },
    );
  });
});
