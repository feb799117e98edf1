// Runs a resolved scenario: builds the world, executes its steps on the simulated clock (foreground clients block
// the next step, background ones run on), and collects the RunResult. Bounded: --max-events, --max-sim-time and a
// caller's stop check (SIGINT, memory) end the run early with the partial result marked partial.
import { sha256Hex } from '../../sim/sha256.js';
import { InputError } from '../../sim/input-error.js';
import { InternalError } from '../../sim/internal-error.js';
import { formatDuration, NS_PER_S, toSeconds } from '../../sim/time.js';
import { loadManifests } from '../../models/k8s/load-manifests.js';
import type { K8sObject } from '../../models/k8s/k8s-object.js';
import { CurlClient } from '../../models/clients/curl.js';
import { HeyClient } from '../../models/clients/hey.js';
import { OpenLoopClient } from '../../models/clients/open-loop.js';
import { formatIpv4, parseIpv4 } from '../../models/net/address.js';
import type { ClientContext } from '../../models/clients/client-context.js';
import type { ApplyStep, ClientStep, ResolvedScenario, ResolvedStep, ScaleStep } from '../schema/resolved.js';
import { World } from '../wiring/world.js';
import { OS_CONNECT_TIMEOUT_NS } from '../../models/path/request-path.js';
import { templateFor } from '../wiring/templates.js';
import { expandRefs } from '../schema/var-refs.js';
import { applyFault } from '../wiring/fault-actions.js';
import { printStep } from './print.js';
import { collectStep, collectSeries } from './collect.js';
import { evaluateExpectations } from './expectations.js';
import type { RunResult, StepResult } from './run-result.js';
import { RunWarnings } from './warnings.js';

export interface RunOptions {
  /** Replaces spec.seed. */
  seed?: number;
  /** Stop after this many engine events in total. */
  maxEvents?: number;
  /** Stop when the simulated clock passes this. */
  maxSimTimeNs?: number;
  /** Polled between event batches; a non-null answer stops the run (SIGINT, a memory guard). */
  shouldStop?: () => string | null;
  /** Keep the per-second time series (default true). */
  series?: boolean;
  /** The gwsim version to stamp on the result. */
  version?: string;
  /** Follow the n-th (0-based) request of a step hop by hop (`--explain STEP:N`); its typed records land in `result.explainTrace`. */
  explain?: { step: number; n: number };
  /**
   * Told the progress at each step start and after each event batch, as the current step's index plus the fraction of
   * it done in simulated time (7.42: 42 % through step 7) where the step has a known length (a wait, a load, hey -z);
   * for a progress bar, never affects the run.
   */
  onProgress?: (stepIndex: number) => void;
  /** Stop once this step has run (`gwsim export --at`): nothing later runs and the result is partial. */
  stopAfterStep?: number;
  /** Told each step's index and the world as that step left it (for exports; must only read the world). */
  onStepEnd?: (stepIndex: number, world: World) => void;
}

/** Events per engine batch: the stop check (SIGINT, memory) and progress run between batches (~50 ms of work). */
const BATCH_EVENTS = 200_000;

/**
 * Runs a scenario. Bad input met on the way throws InputError; any other exception is a bug in gwsim and comes out as
 * an InternalError naming the scenario, the seed and the simulated time (and the event kind, when a handler threw).
 */
export function runScenario(scenario: ResolvedScenario, opts: RunOptions = {}): RunResult {
  const seed = opts.seed ?? scenario.seed;
  let world: World | null = null;
  try {
    world = new World(scenario, seed, { series: opts.series ?? true });
    for (const st of scenario.steps)
      if (st.kind === 'fault' && st.fault.type === 'pod' && st.fault.target?.kind === 'servedRequest')
        world.recorder.watchRequest(st.fault.target.stepIndex, st.fault.target.request);
    return runIn(world, scenario, seed, opts);
  } catch (e) {
    if (e instanceof InputError) throw e;
    throw new InternalError(e, scenario.name, seed, world?.engine.now ?? 0);
  }
}

function runIn(world: World, scenario: ResolvedScenario, seed: number, opts: RunOptions): RunResult {
  world.plane.start();
  if (opts.explain !== undefined) world.path.explainTarget = opts.explain;
  const engine = world.engine;
  const lines: string[][] = scenario.steps.map(() => []);
  const started: number[] = scenario.steps.map(() => 0);
  const ended: number[] = scenario.steps.map(() => 0);
  const clientDone = new Map<number, boolean>();
  let partial = false;
  let stopReason: string | null = null;
  const maxEvents = opts.maxEvents ?? Infinity;
  let currentStep = 0;
  const maxSimTime = opts.maxSimTimeNs ?? Infinity;
  const warnings = new RunWarnings();

  /** Runs the engine until `done()` holds or `until` passes; false when a limit stopped the run. */
  const runUntil = (done: () => boolean, until = Infinity): boolean => {
    while (!done()) {
      const left = maxEvents - engine.events;
      if (left <= 0) return limit(`stopped after ${engine.events} events (--max-events ${maxEvents})`);
      const stopAt = Math.min(until, maxSimTime);
      const r = engine.run({
        until: stopAt === Infinity ? undefined : stopAt,
        maxEvents: Math.min(left, BATCH_EVENTS),
      });
      opts.onProgress?.(currentStep + stepFraction(scenario.steps[currentStep], engine.now - started[currentStep]));
      const why = opts.shouldStop?.() ?? null;
      if (why !== null) return limit(why);
      if (r.reason === 'until') {
        if (engine.now >= maxSimTime && maxSimTime < until)
          return limit(
            `stopped at simulated ${formatDuration(engine.now)} (--max-sim-time ${formatDuration(maxSimTime)})`,
          );
        return true;
      }
      if (r.reason === 'drained') return true;
    }
    return true;
  };
  const limit = (why: string): false => {
    partial = true;
    stopReason = why;
    return false;
  };

  for (const step of scenario.steps) {
    if (partial) break;
    currentStep = step.index;
    opts.onProgress?.(step.index);
    started[step.index] = engine.now;
    world.timeline.emit('step', { index: step.index, step: step.name ?? step.kind });
    const print = (line: string) => lines[step.index].push(line);
    switch (step.kind) {
      case 'apply':
      case 'delete': {
        const cluster = clusterOf(world, step.cluster, step);
        const objects = parseManifests(step);
        for (const l of step.kind === 'apply' ? cluster.apply(objects) : cluster.delete(objects)) print(l);
        break;
      }
      case 'wait': {
        if (step.forStep !== null) {
          const target = step.forStep;
          runUntil(() => clientDone.get(target) === true);
        } else runUntil(() => false, engine.now + step.durationNs);
        break;
      }
      case 'curl':
      case 'hey':
      case 'load': {
        clientDone.set(step.index, false);
        warnings.checkControlPlane(world, step.index);
        const client = startClient(world, step, warnings, print, () => {
          clientDone.set(step.index, true);
          ended[step.index] = engine.now;
          engine.stop(`step ${step.index} done`);
        });
        client.start();
        if (!step.background) runUntil(() => clientDone.get(step.index) === true);
        break;
      }
      case 'fault':
        applyFault(world, step.fault, print);
        break;
      case 'scale':
        scale(world, step);
        break;
      case 'print':
        for (const l of printStep(world, step.print)) print(l);
        break;
    }
    if (ended[step.index] === 0 || !clientDone.has(step.index)) ended[step.index] = engine.now;
    opts.onStepEnd?.(step.index, world);
    if (opts.stopAfterStep === step.index) limit(`stopped after step ${step.index}`);
  }
  // Background clients still running finish before the run ends.
  if (!partial) runUntil(() => [...clientDone.values()].every((d) => d));

  const steps: StepResult[] = scenario.steps.map((s) =>
    collectStep(world, s, lines[s.index], toSeconds(started[s.index]), toSeconds(ended[s.index])),
  );
  const result: RunResult = {
    scenario: scenario.name,
    source: scenario.source,
    seed,
    scenarioHash: scenarioHash(scenario),
    gwsimVersion: opts.version ?? '0.0.0',
    steps,
    events: engine.events,
    simulatedSeconds: engine.now / NS_PER_S,
    traceHash: engine.traceHash,
    timeline: world.timeline.events,
    seriesBinSeconds: world.recorder.binNs / NS_PER_S,
    series: collectSeries(world),
    expectations: [],
    warnings: [],
    partial,
    stopReason,
  };
  for (const s of steps) if (s.kind === 'curl' || s.kind === 'hey' || s.kind === 'load') warnings.checkOutcome(s);
  // In step order, run-wide ones (step null) last; found order within a step (the sort is stable).
  const order = (w: { step: number | null }) => w.step ?? Number.MAX_SAFE_INTEGER;
  result.warnings = [...warnings.list].sort((a, b) => order(a) - order(b));
  if (opts.explain !== undefined) result.explainTrace = world.path.tracer?.records ?? [];
  result.expectations = partial ? [] : evaluateExpectations(scenario, world, result);
  return result;
}

function clusterOf(world: World, name: string, step: ResolvedStep) {
  const c = world.clusters.get(name);
  if (c === undefined)
    throw new InputError(
      `unknown cluster ${JSON.stringify(name)}`,
      { line: step.line, field: `spec.steps[${step.index}]` },
      [...world.clusters.keys()].join(', '),
    );
  return c;
}

function parseManifests(step: ApplyStep): K8sObject[] {
  try {
    return loadManifests(step.manifests.text, step.manifests.file);
  } catch (e) {
    if (e instanceof InputError && e.where.line !== undefined && step.manifests.firstLine > 1) {
      throw new InputError(e.problem, { ...e.where, line: e.where.line + step.manifests.firstLine - 1 }, e.allowed);
    }
    throw e;
  }
}

function startClient(
  world: World,
  step: ClientStep,
  warnings: RunWarnings,
  print: (l: string) => void,
  done: () => void,
): { start(): void } {
  const address = resolveAddress(world, step);
  if (address === '' && step.target.hostRef !== null) {
    const ref = step.target.hostRef;
    warnings.unresolvedAddress(world, step.index, ref.text, ref.namespace, ref.name);
  }
  // curl --resolve HOST:PORT:${gateway:NAME}: the address part may be a reference too.
  const resolved =
    step.kind === 'curl' && step.resolve !== null
      ? {
          ...step,
          resolve: {
            ...step.resolve,
            address: expandRefs(step.resolve.address, (r) => gatewayAddress(world, r.namespace, r.name)),
          },
        }
      : step;
  const template = templateFor(resolved, address, step.kind === 'curl' && step.head ? 'HEAD' : step.method);
  const timeout =
    step.kind === 'curl'
      ? (step.maxTimeNs ?? step.connectTimeoutNs)
      : step.timeoutNs > 0
        ? step.timeoutNs
        : OS_CONNECT_TIMEOUT_NS;
  world.path.clientTimeoutNs.set(template, timeout);
  world.path.clientRouter.set(template, world.routerIndex.get(step.from) ?? world.network.index(step.from));
  const router = world.scenario.topology.routers.find((r) => r.name === step.from);
  const sourceIp = router?.address ?? '0.0.0.0';
  const ctx: ClientContext = {
    engine: world.engine,
    rng: world.rng(`client/${step.index}`),
    ingress: world.path,
    pool: world.pool,
    recorder: world.recorder,
    connections: world.connections,
    step: step.index,
    podName: (i) => world.podByIndex[i]?.pod.name ?? '',
    print,
    done,
  };
  switch (step.kind) {
    case 'curl':
      return new CurlClient(ctx, {
        count: step.count,
        intervalNs: step.intervalNs,
        template,
        cookie: step.cookie,
        keepCookies: step.cookieJar,
        head: step.head,
        output: step.output,
        grep: step.grep,
        uniqCount: step.uniqCount,
        fail: step.fail,
        sourceIp,
        timeoutNs: timeout,
        maxTimeNs: step.maxTimeNs ?? null,
      });
    case 'hey':
      return new HeyClient(
        ctx,
        {
          n: step.n,
          c: step.c,
          qps: step.qps,
          durationNs: step.durationNs,
          timeoutNs: step.timeoutNs,
          template,
          sourceIp,
          print: step.output === 'summary',
        },
        2 *
          world.network.baseDelay(
            world.routerIndex.get(step.from) ?? 0,
            world.gatewaysByAddress.get(template.address)?.nodeIndex ?? 0,
          ),
      );
    case 'load':
      return new OpenLoopClient(ctx, {
        ratePerSecond: step.ratePerSecond,
        durationNs: step.durationNs,
        distribution: step.distribution,
        template,
        connections: 64,
        sourceIps: sourceAddresses(sourceIp, step.sources),
      });
  }
}

/** `n` client addresses from `first` on (10.0.1.10, 10.0.1.11, ...), as many load-generator hosts behind the router. */
function sourceAddresses(first: string, n: number): string[] {
  if (n === 1) return [first];
  const base = parseIpv4(first, 'client source address');
  return Array.from({ length: n }, (_, i) => formatIpv4((base + i) >>> 0));
}

function resolveAddress(world: World, step: ClientStep): string {
  const t = step.target;
  if (t.hostRef === null) return t.host;
  const ref = t.hostRef;
  if (ref.kind !== 'gateway')
    throw new InputError(
      `cannot resolve ${ref.text}`,
      { line: step.line, field: `spec.steps[${step.index}].${step.kind}.url` },
      '${gateway:NAME}',
    );
  // A Gateway no manifest ever defined is a typo, not a pending address: say so instead of sending into the void.
  const exists = [...world.clusters.values()].some(
    (c) => c.store.get('Gateway', ref.namespace, ref.name) !== undefined,
  );
  if (!exists)
    throw new InputError(
      `${ref.text}: no Gateway ${ref.namespace}/${ref.name} has been applied by step ${step.index}`,
      { file: world.scenario.file, line: step.line, field: `spec.steps[${step.index}].${step.kind}.url` },
      'the name of a Gateway applied in an earlier step',
    );
  return gatewayAddress(world, ref.namespace, ref.name);
}

/** The Gateway's LB IP now; '' when it has none (as `kubectl get gateway -o jsonpath=...` would print nothing). */
function gatewayAddress(world: World, namespace: string, name: string): string {
  return world.gateway(namespace, name)?.address ?? '';
}

function scale(world: World, step: ScaleStep): void {
  const c = world.clusters.get(step.cluster);
  const d = c?.store.get('Deployment', step.namespace, step.deployment);
  if (c === undefined || d === undefined)
    throw new InputError(`no Deployment ${step.namespace}/${step.deployment} to scale`, {
      line: step.line,
      field: `spec.steps[${step.index}].scale.deployment`,
    });
  const next = structuredClone(d);
  next.spec.replicas = step.replicas;
  c.apply([next]);
}

function scenarioHash(s: ResolvedScenario): string {
  return sha256Hex(JSON.stringify(s));
}

/** How far through a step of known simulated length `elapsedNs` is (below 1: the step's end reports the next step). */
function stepFraction(step: ResolvedStep | undefined, elapsedNs: number): number {
  const length =
    step === undefined ? 0 : step.kind === 'wait' || step.kind === 'load' || step.kind === 'hey' ? step.durationNs : 0;
  return length > 0 ? Math.min(0.99, Math.max(0, elapsedNs / length)) : 0;
}
