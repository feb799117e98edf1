// A progress bar on stderr for runs and sweeps that take more than about a second: shown only on a TTY, never with
// --json or --quiet or under CI, and only once the work has lasted `delayMs`, so quick runs print nothing of it.
import { Presets, SingleBar } from 'cli-progress';

export interface Progress {
  /** Work done so far, in the units of total. */
  update(done: number): void;
  /** Removes the bar (if it was shown). */
  stop(): void;
}

export interface ProgressOptions {
  total: number;
  label: string;
  enabled: boolean;
  /** Where the bar goes; stderr by default so stdout stays clean for pipes. */
  stream?: NodeJS.WritableStream;
  /** Show the bar only after this much wall-clock time (default 1000 ms). */
  delayMs?: number;
  /** Wall clock (for tests). */
  now?: () => number;
}

export interface ProgressFlags {
  json?: boolean;
  quiet?: boolean;
}

/** On only when stderr is a terminal, neither --json nor --quiet is set, and we are not under CI. */
export function progressEnabled(
  flags: ProgressFlags,
  stderrIsTty: boolean = Boolean(process.stderr.isTTY),
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return stderrIsTty && flags.json !== true && flags.quiet !== true && !ci;
}

const DISABLED: Progress = { update: () => undefined, stop: () => undefined };

export function createProgress(options: ProgressOptions): Progress {
  if (!options.enabled || !(options.total > 0)) return DISABLED;
  const now = options.now ?? Date.now;
  const delayMs = options.delayMs ?? 1000;
  const started = now();
  let bar: SingleBar | null = null;
  let stopped = false;
  return {
    update(done: number): void {
      if (stopped) return;
      if (bar === null) {
        if (now() - started < delayMs) return;
        bar = new SingleBar(
          {
            format: `${options.label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted}`,
            // Work may come in fractions (a run reports 7.42 while 42 % through step 7): whole units in the text.
            formatValue: (v: number, _o: unknown, type: string) =>
              type === 'value' ? String(Math.floor(v)) : String(v),
            stream: options.stream ?? process.stderr,
            clearOnComplete: true,
            hideCursor: true,
            etaBuffer: 50,
          },
          Presets.shades_classic,
        );
        bar.start(options.total, Math.min(done, options.total));
        return;
      }
      bar.update(Math.min(done, options.total));
    },
    stop(): void {
      if (stopped) return;
      stopped = true;
      bar?.stop();
    },
  };
}
