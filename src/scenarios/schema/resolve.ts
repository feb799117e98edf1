// ScenarioDoc -> ResolvedScenario: applies every default (defaults.ts), converts units, reads included manifests
// through the caller's reader and cross-checks names. Pure given `ctx`; errors are InputErrors with file and line.
import { DEFAULT_BACKEND, DEFAULT_SEED } from './defaults.js';
import { errorAt, type DocPath, type ResolveContext } from './resolve-context.js';
import { resolveExpectations } from './resolve-expect.js';
import { resolveSteps } from './resolve-steps.js';
import { resolveBackends, resolveGateway, resolveTopology, type Raise } from './resolve-topology.js';
import type { ResolvedScenario } from './resolved.js';
import type { ScenarioDoc } from './scenario.js';

/** Resolves a parsed scenario. Throws InputError (with file, line and field) on the first problem. */
export function resolveScenario(doc: ScenarioDoc, ctx: ResolveContext): ResolvedScenario {
  const raise: Raise = (path: DocPath, problem: string, allowed?: string) => {
    throw errorAt(ctx, path, problem, allowed);
  };
  const topology = resolveTopology(doc.spec.topology, raise);
  const steps = resolveSteps(doc.spec.steps, topology, ctx, raise);
  return {
    apiVersion: doc.apiVersion,
    kind: doc.kind,
    name: doc.metadata.name,
    source: doc.metadata.source ?? null,
    description: doc.metadata.description ?? null,
    file: ctx.file,
    seed: doc.spec.seed ?? DEFAULT_SEED,
    topology,
    gateway: resolveGateway(doc.spec.gateway),
    backends: resolveBackends(doc.spec.backends, topology.clusters.map((c) => c.name), raise),
    defaultBackend: structuredClone(DEFAULT_BACKEND),
    steps,
    expect: resolveExpectations(doc.spec.expect, steps, ctx.source, raise),
  };
}
