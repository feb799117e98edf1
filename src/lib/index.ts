// The `gwsim` entry: load a scenario from its YAML text, run it, and the result's types; the engine (time, events,
// seeded streams). Re-exports only: importing it runs nothing.
/**
 * Load and run a scenario; the run result types; the discrete-event engine.
 * @module gwsim
 */
export { loadScenario, parseScenarioDoc, type LoadScenarioOptions } from '../scenarios/load/load-scenario.js';
export { runScenario, type RunOptions } from '../scenarios/run/run-scenario.js';
export type { ResolvedScenario } from '../scenarios/schema/resolved.js';
export type {
  RunResult,
  StepResult,
  BackendCount,
  SplitRow,
  SeriesPoint,
  ExpectationResult,
  RunWarning,
  LatencyMs,
} from '../scenarios/run/run-result.js';
export { WARNING_KINDS } from '../scenarios/run/run-result.js';
export * from '../sim/index.js';
