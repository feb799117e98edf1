// The gwsim command line: parses flags with yargs, dispatches to subcommands, and turns errors into one line and an exit code.
// Bad input -> exit 2 with a message naming file, object and field; never a stack trace for a user error.
import yargs, { type Argv } from 'yargs';
import { InputError } from '../sim/input-error.js';
import { commands } from './commands/index.js';
import type { GwsimCommand } from './command.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK } from './exit-codes.js';
import { processIo, type Io } from './io.js';

import { VERSION } from './version.js';
import { closestName } from '../scenarios/schema/suggest.js';

export { VERSION };

/** A flag-level problem yargs found (unknown option, missing value): bad input, exit 2. */
class UsageError extends Error {}

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code = EXIT_OK;
  /** The long options of the command being parsed (set by its builder), for did-you-mean on a misspelt flag. */
  let commandOptions: string[] = [];
  const parser = yargs(argv)
    .scriptName('gwsim')
    .usage(
      'gwsim: a deterministic simulator of Kubernetes ingress gateways (Gateway API on Envoy Gateway and Cilium)\n\nUsage: gwsim <command> [options]',
    )
    .version(VERSION)
    .strict()
    .demandCommand(1, 'name a command')
    .recommendCommands()
    .wrap(Math.min(120, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      // Throwing stops yargs before the command's handler runs (a strict-mode error must not run the command first).
      // yargs' own errors (YError: "Not enough arguments following") are usage errors; anything else is the handler's.
      if (err && err.name !== 'YError') throw err;
      throw new UsageError(usageMessage(msg ?? err?.message ?? 'invalid arguments', commandOptions));
    });
  for (const c of commands) {
    let singles: string[] = [];
    parser.command(
      c.command,
      c.describe,
      (y) => {
        const built = c.builder(y);
        singles = strictValues(built, c);
        commandOptions = knownOptions(built);
        return built;
      },
      async (args) => {
        for (const k of singles) {
          if (Array.isArray(args[k]))
            throw new InputError(
              `given ${args[k].length} times`,
              { file: flagName(k) },
              'one value (the option is not repeatable)',
            );
        }
        code = await c.run(args as Record<string, unknown>, io);
      },
    );
  }
  parser.epilogue(
    'Exit codes: 0 ok, 1 an expectation failed, 2 bad input, 3 partial run (stopped early by a limit or SIGINT; expectations not evaluated), 4 internal error (a bug: please report it).',
  );
  try {
    // The callback form hands --help and --version text back instead of printing it, so it goes through io.
    await parser.parseAsync(argv, {}, (_err, _args, output) => {
      if (output) io.out(output + '\n');
    });
  } catch (e) {
    return reportError(e, io);
  }
  return code;
}

interface YargsOptionTable {
  key: Record<string, unknown>;
  array: string[];
  boolean: string[];
  count: string[];
  alias: Record<string, string[]>;
}

/**
 * Tightens a command's options: every valued option requires its value (so `--seed` alone, or `--ttl -1s`, is not
 * silently read as nothing), and returns the options that take one value, whose repetition is an error.
 */
function strictValues(built: Argv, c: GwsimCommand): string[] {
  // getOptions() is a public yargs method that @types/yargs does not declare.
  const o = (built as unknown as { getOptions(): YargsOptionTable }).getOptions();
  const positionals = new Set([...c.command.matchAll(/[[<]([^\]>]+)[\]>]/g)].map((m) => m[1]));
  const withAliases = (keys: string[]) => new Set(keys.flatMap((k) => [k, ...(o.alias[k] ?? [])]));
  const arrays = withAliases(o.array);
  const flags = withAliases([...o.boolean, ...o.count]);
  const declared = Object.keys(o.key).filter((k) => !positionals.has(k) && k !== 'help' && k !== 'version');
  const valued = declared.filter((k) => !flags.has(k) && !arrays.has(k));
  if (valued.length > 0) built.requiresArg(valued);
  return declared.filter((k) => !arrays.has(k));
}

/** yargs' wording, with flags spelt as the user types them. */
function usageMessage(msg: string, options: readonly string[]): string {
  const m = /^(Not enough arguments following|Missing required argument): (\S+)$/.exec(msg);
  if (m !== null) return `${flagName(m[2])}: ${m[1] === 'Missing required argument' ? 'is required' : 'needs a value'}`;
  // A misspelt flag: name the closest one the command has.
  const u = /^Unknown arguments?: (.+)$/.exec(msg);
  if (u !== null) {
    const hints = u[1].split(', ').map((w) => {
      const near = closestName(w, options);
      return near === undefined ? w : `${w} (did you mean ${flagName(near)}?)`;
    });
    return `Unknown argument${hints.length > 1 ? 's' : ''}: ${hints.join(', ')}`;
  }
  return msg;
}

/** The long option names the failing command knows (for did-you-mean). */
function knownOptions(y: unknown): string[] {
  const opts = (y as { getOptions?: () => { key: Record<string, unknown> } } | undefined)?.getOptions?.();
  return Object.keys(opts?.key ?? {}).filter((k) => k.length > 1 && !/[A-Z]/.test(k) && k !== '$0');
}

function flagName(k: string): string {
  return k.length === 1 ? `-${k}` : `--${k}`;
}

function reportError(e: unknown, io: Io): number {
  if (e instanceof InputError) {
    io.err(`gwsim: error: ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (e instanceof UsageError) {
    io.err(`gwsim: error: ${e.message} (see gwsim --help)\n`);
    return EXIT_BAD_INPUT;
  }
  const err = e as Error;
  io.err(
    `gwsim: internal error: ${err?.message ?? String(e)}\n` +
      'This is a bug in gwsim: please report it at https://github.com/gwsim/gwsim/issues with the scenario and this message.\n' +
      (process.env.GWSIM_DEBUG ? (err?.stack ?? '') + '\n' : 'Set GWSIM_DEBUG=1 to add the stack trace.\n'),
  );
  return EXIT_INTERNAL;
}
