// The controllers' status of every cluster when a step of a scenario ends, with what `kubectl get` shows beside it
// (routes' hostnames, objects' ages in simulated time): what `gwsim status <scenario> --at STEP` prints.
import type { ControllerStatus } from '../../models/gatewayapi/status.js';
import type { ObjectStore } from '../../models/k8s/object-store.js';
import type { ResolvedScenario } from '../schema/resolved.js';
import { runScenario } from './run-scenario.js';

export /** What the tables need beside the controllers' status: each object's spec hostnames and age. */
interface StatusObjects {
  /** HTTPRoute/TLSRoute spec.hostnames by `Kind/namespace/name`. */
  hostnames(kind: string, namespace: string, name: string): readonly string[];
  /** Age now (ns) of `Kind/namespace/name` (namespace '' for cluster-scoped; built-in objects: since the start), or null when unknown. */
  ageNs(kind: string, namespace: string, name: string): number | null;
}

export interface ClusterStatus {
  cluster: string;
  status: ControllerStatus;
  objects: StatusObjects;
}

/** `kubectl get` context over an object store at simulated time `nowNs`. */
export function storeObjects(store: ObjectStore, nowNs: number): StatusObjects {
  const find = (kind: string, ns: string, name: string) =>
    store
      .all()
      .find(
        (o) => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? 'default') === (ns || 'default'),
      );
  return {
    hostnames: (kind, ns, name) => {
      const o = find(kind, ns, name);
      return o !== undefined && (o.kind === 'HTTPRoute' || o.kind === 'TLSRoute') ? o.spec.hostnames : [];
    },
    ageNs: (kind, ns, name) => nowNs - (find(kind, ns, name)?.metadata.creationTimestampNs ?? 0),
  };
}

/** Every cluster's status as step `stepIndex` left it (the last step when null); runs the scenario that far. */
export function statusAfterStep(scenario: ResolvedScenario, stepIndex: number | null): ClusterStatus[] {
  const last = stepIndex ?? scenario.steps.length - 1;
  let found: ClusterStatus[] = [];
  runScenario(scenario, {
    series: false,
    stopAfterStep: last,
    onStepEnd: (i, world) => {
      if (i !== last) return;
      found = [...world.clusters.values()]
        .filter((c) => c.translation !== null)
        .map((c) => ({
          cluster: c.name,
          status: c.translation!.status,
          objects: storeObjects(c.store, world.engine.now),
        }));
    },
  });
  return found;
}
