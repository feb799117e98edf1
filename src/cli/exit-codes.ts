// The exit codes of DESIGN §6: scripts rely on them.
export const EXIT_OK = 0;
/** An `expect` in a scenario failed. */
export const EXIT_EXPECTATION_FAILED = 1;
/** Bad input: file, document, field or flag. */
export const EXIT_BAD_INPUT = 2;
/**
 * A run stopped early (--max-events, --max-sim-time, --max-memory, SIGINT): the result is written and marked
 * `"partial": true` with its `stopReason`, but its expectations were not evaluated, so it is neither a pass (0) nor a
 * failure (1), and not bad input (2). Distinct so a CI gate cannot mistake a truncated run for a passing one.
 */
export const EXIT_PARTIAL = 3;
/** A bug in gwsim (an unexpected exception), reported with the scenario, seed, simulated time and event kind. */
export const EXIT_INTERNAL = 4;
