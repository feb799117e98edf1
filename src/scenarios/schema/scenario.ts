// The whole scenario document (`apiVersion: gwsim.dev/v1alpha1, kind: Scenario`) as one zod schema.
// `ScenarioDocInput` is what users write; `ScenarioDoc` is the parsed form (durations in ns, defaults still absent).
import { z } from 'zod';
import { expectSchema } from './expect.js';
import { stepSchema } from './steps.js';
import { strict } from './strict.js';
import { backendSchema, gatewaySchema, topologySchema } from './topology.js';
import { localName } from './units.js';

export const SCENARIO_API_VERSION = 'gwsim.dev/v1alpha1';
export const SCENARIO_KIND = 'Scenario';

export const scenarioSchema = strict({
  apiVersion: z.literal(SCENARIO_API_VERSION),
  kind: z.literal(SCENARIO_KIND),
  metadata: strict({
    name: localName,
    source: z.string().optional(),
    description: z.string().optional(),
  }),
  spec: strict({
    seed: z.number().int().min(0).max(4294967295).optional(),
    topology: topologySchema.optional(),
    gateway: gatewaySchema.optional(),
    backends: z.array(backendSchema).optional(),
    steps: z.array(stepSchema).min(1),
    expect: z.array(expectSchema).optional(),
  }),
});

export type ScenarioDoc = z.output<typeof scenarioSchema>;
