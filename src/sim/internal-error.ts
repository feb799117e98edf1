// A bug in gwsim met during a run (an exception that is not bad input), with where the simulation was: the simulated
// time, the event kind whose handler threw, and (added by the runner) the scenario and seed that reproduce it.

/** Thrown by Engine.run when a handler throws anything but an InputError. */
export class HandlerError extends Error {
  override name = 'HandlerError';

  constructor(
    readonly original: unknown,
    readonly atNs: number,
    readonly eventKind: string,
    readonly eventNumber: number,
  ) {
    super(
      `${describe(original)} (in a handler of event kind ${eventKind}, event ${eventNumber}, at t=${(atNs / 1e9).toFixed(9)} s)`,
    );
    if (original instanceof Error && original.stack !== undefined) this.stack = original.stack;
  }
}

/** What went wrong, where, and how to reproduce it: the scenario and the seed. */
export class InternalError extends Error {
  override name = 'InternalError';

  constructor(original: unknown, scenario: string, seed: number, atNs: number) {
    const where = original instanceof HandlerError ? '' : ` (at t=${(atNs / 1e9).toFixed(9)} s, outside any event)`;
    super(`scenario ${scenario}, seed ${seed}: ${describe(original)}${where}`);
    if (original instanceof Error && original.stack !== undefined) this.stack = original.stack;
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
