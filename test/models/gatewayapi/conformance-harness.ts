// Turns the transcribed Gateway API conformance cases (reference/conformance-cases.json) into manifests, runs them
// through loadManifests -> ObjectStore -> translate, and answers each request with matchRequest. Shared by the conformance test.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { stringify } from 'yaml';
import { loadManifests } from '../../../src/models/k8s/load-manifests.js';
import { ObjectStore } from '../../../src/models/k8s/object-store.js';
import { RngRoot } from '../../../src/sim/rng.js';
import { translate, type Translation } from '../../../src/models/gatewayapi/translate.js';
import type { K8sObject } from '../../../src/models/k8s/k8s-object.js';
import { referencePath } from '../../reference-files.js';

export const CASES_PATH = referencePath('conformance-cases.json');

type Json = Record<string, unknown>;
export interface ConformanceTest {
  test: string;
  resources: Json[];
  cases: { id: string; gateway: string; subtest?: string; kind?: string; request: Json; expect: Json }[];
  statusExpectations?: Json[];
}
export interface ConformanceFile {
  baseResources: Json[];
  tests: ConformanceTest[];
  totals: { tests: number; requestCases: number };
}

export function readCases(): ConformanceFile {
  return JSON.parse(readFileSync(CASES_PATH, 'utf8')) as ConformanceFile;
}

const G = 'gateway.networking.k8s.io';

/** A transcribed resource (fields as written in the suite's YAML) back into a manifest. */
export function toManifest(r: Json): Json {
  const { kind, name, namespace, ...spec } = r as { kind: string; name: string; namespace: string } & Json;
  const metadata = { name, namespace };
  switch (kind) {
    case 'Gateway': {
      // The transcription lists allowedRoutes.kinds by name; the manifests write {kind: ...}.
      const listeners = (spec.listeners as Json[]).map((l) => {
        const ar = l.allowedRoutes as { kinds?: unknown[] } | undefined;
        return ar?.kinds
          ? { ...l, allowedRoutes: { ...ar, kinds: ar.kinds.map((k) => (typeof k === 'string' ? { kind: k } : k)) } }
          : l;
      });
      return {
        apiVersion: `${G}/v1`,
        kind,
        metadata,
        spec: { gatewayClassName: 'tigera-gateway-class', ...spec, listeners },
      };
    }
    case 'HTTPRoute':
      return { apiVersion: `${G}/v1`, kind, metadata, spec };
    case 'TLSRoute':
      return { apiVersion: `${G}/v1alpha2`, kind, metadata, spec };
    case 'ReferenceGrant':
      return { apiVersion: `${G}/v1beta1`, kind, metadata, spec };
    case 'Service': {
      // The suite's echo Services select their Deployment's pods (conformance/base/manifests.yaml: 2 replicas each).
      return { apiVersion: 'v1', kind, metadata, spec: { selector: { app: name }, ...spec } };
    }
    default:
      throw new Error(`unexpected kind ${kind}`);
  }
}

function deploymentFor(svc: Json): Json {
  const ports = (svc.ports as { targetPort: number; name?: string }[]).map((p) => ({ containerPort: p.targetPort }));
  const uniq = [...new Map(ports.map((p) => [p.containerPort, p])).values()];
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: svc.name, namespace: svc.namespace },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: svc.name } },
      template: {
        metadata: { labels: { app: svc.name } },
        spec: { containers: [{ name: 'echo', image: 'gcr.io/k8s-staging-gateway-api/echo-basic', ports: uniq }] },
      },
    },
  };
}

export function baseObjects(file: ConformanceFile): K8sObject[] {
  const fixed = loadManifests(
    readFileSync(resolve(import.meta.dirname, 'fixtures/conformance-base.yaml'), 'utf8'),
    'conformance-base.yaml',
  );
  const docs = file.baseResources.flatMap((r) =>
    r.kind === 'Service' ? [toManifest(r), deploymentFor(r)] : [toManifest(r)],
  );
  return [...fixed, ...loadManifests(docs.map((d) => stringify(d)).join('---\n'), 'base-resources.yaml')];
}

export function testObjects(t: ConformanceTest): K8sObject[] {
  return loadManifests(t.resources.map((r) => stringify(toManifest(r))).join('---\n'), `${t.test}.yaml`);
}

export function buildStore(base: readonly K8sObject[], objects: readonly K8sObject[]): ObjectStore {
  const store = new ObjectStore({
    nodes: [
      { name: 'worker1', ready: true },
      { name: 'worker2', ready: true },
    ],
    podNetwork: 'calico',
    rng: new RngRoot(1).fork('k8s'),
  });
  for (const o of base) store.apply(o, 0);
  // Test objects are applied a second later, in file order (as `kubectl apply -f` creates them).
  for (const o of objects) store.apply(o, 1_000_000_000);
  return store;
}

export function run(store: ObjectStore): Translation {
  return translate({ objects: store.all(), endpointSlices: store.endpointSlices() });
}
