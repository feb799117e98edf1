// Reading the world as a step of a scenario left it: the scenario is run up to that step (and no further). Here the
// configuration each Gateway's Envoys hold then (the last one pushed), what `gwsim export envoy --at` exports.
import type { GatewayConfig } from '../../models/gatewayapi/gateway-config.js';
import type { ResolvedScenario } from '../schema/resolved.js';
import type { World } from '../wiring/world.js';
import { runScenario } from './run-scenario.js';

export interface GatewaySnapshot {
  /** The scenario cluster the Gateway lives in. */
  cluster: string;
  /** The configuration last pushed to the Gateway's Envoys (xDS), as Envoy holds it at the end of the step. */
  config: GatewayConfig;
}

function snapshot(world: World): GatewaySnapshot[] {
  const out: GatewaySnapshot[] = [];
  for (const c of world.clusters.values())
    for (const gw of c.gateways.values()) if (gw.config !== null) out.push({ cluster: c.name, config: gw.config });
  return out;
}

/** What `read` finds in the world as step `stepIndex` left it (the last step when null); runs the scenario that far. */
export function afterStep<T>(
  scenario: ResolvedScenario,
  stepIndex: number | null,
  read: (world: World) => T,
): T | null {
  const last = stepIndex ?? scenario.steps.length - 1;
  let found: T | null = null;
  runScenario(scenario, {
    series: false,
    stopAfterStep: last,
    onStepEnd: (i, world) => {
      if (i === last) found = read(world);
    },
  });
  return found;
}

/** The gateways as `stepIndex` left them (the last step when null); runs the scenario that far. */
export function gatewaysAfterStep(scenario: ResolvedScenario, stepIndex: number | null): GatewaySnapshot[] {
  return afterStep(scenario, stepIndex, snapshot) ?? [];
}

/** The gateways after every step, in step order, from one run (for checking every configuration a scenario produces). */
export function gatewaysAfterEachStep(scenario: ResolvedScenario): GatewaySnapshot[][] {
  const out: GatewaySnapshot[][] = [];
  runScenario(scenario, { series: false, onStepEnd: (_i, world) => out.push(snapshot(world)) });
  return out;
}
