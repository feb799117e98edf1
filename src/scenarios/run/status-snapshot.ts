// The controllers' status of every cluster when a step of a scenario ends, with what `kubectl get` shows beside it
// (routes' hostnames, objects' ages in simulated time): what `gwsim status <scenario> --at STEP` prints.
import type { ControllerStatus } from '../../models/gatewayapi/status.js';
import { storeObjects, type StatusObjects } from './kubectl-get.js';
import type { ResolvedScenario } from '../schema/resolved.js';
import { afterStep } from './gateway-snapshots.js';

export interface ClusterStatus {
  cluster: string;
  status: ControllerStatus;
  objects: StatusObjects;
}

/** Every cluster's status as step `stepIndex` left it (the last step when null); runs the scenario that far. */
export function statusAfterStep(scenario: ResolvedScenario, stepIndex: number | null): ClusterStatus[] {
  return (
    afterStep(scenario, stepIndex, (world) =>
      [...world.clusters.values()]
        .filter((c) => c.translation !== null)
        .map((c) => ({
          cluster: c.name,
          status: c.translation!.status,
          objects: storeObjects(c.store, world.engine.now),
        })),
    ) ?? []
  );
}
