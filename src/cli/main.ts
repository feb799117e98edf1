// The gwsim command line: parses flags with yargs, dispatches to subcommands, and turns errors into one line and an exit code.
// Bad input -> exit 2 with a message naming file, object and field; never a stack trace for a user error.
import yargs from 'yargs';
import { createRequire } from 'node:module';
import { InputError } from '../sim/input-error.js';
import { commands } from './commands/index.js';
import { EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK } from './exit-codes.js';
import { processIo, type Io } from './io.js';

// From dist/src/cli (the built CLI) package.json is three levels up; from src/cli (tests run the sources) two.
const requireJson = createRequire(import.meta.url);
const pkg = (() => {
  try {
    return requireJson('../../../package.json');
  } catch {
    return requireJson('../../package.json');
  }
})() as { version: string };

export const VERSION: string = pkg.version;

export async function main(argv: string[], io: Io = processIo): Promise<number> {
  let code = EXIT_OK;
  let usageError: string | null = null;
  const parser = yargs(argv)
    .scriptName('gwsim')
    .usage('gwsim: a deterministic simulator of Kubernetes ingress gateways (Gateway API on Envoy Gateway and Cilium)\n\nUsage: gwsim <command> [options]')
    .version(VERSION)
    .strict()
    .demandCommand(1, 'name a command (see gwsim --help)')
    .recommendCommands()
    .wrap(Math.min(120, process.stdout.columns || 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err) throw err;
      usageError = msg ?? 'invalid arguments';
    });
  for (const c of commands) {
    parser.command(
      c.command,
      c.describe,
      (y) => c.builder(y),
      async (args) => {
        code = await c.run(args as Record<string, unknown>, io);
      },
    );
  }
  parser.epilogue('Exit codes: 0 ok, 1 an expectation failed, 2 bad input.');
  try {
    await parser.parseAsync();
  } catch (e) {
    return reportError(e, io);
  }
  if (usageError !== null) {
    io.err(`gwsim: error: ${usageError}\n(see gwsim --help)\n`);
    return EXIT_BAD_INPUT;
  }
  return code;
}

function reportError(e: unknown, io: Io): number {
  if (e instanceof InputError) {
    io.err(`gwsim: error: ${e.message}\n`);
    return EXIT_BAD_INPUT;
  }
  const err = e as Error;
  io.err(`gwsim: internal error: ${err?.message ?? String(e)}\n${process.env.GWSIM_DEBUG ? (err?.stack ?? '') + '\n' : 'Set GWSIM_DEBUG=1 for the stack trace and report it as a bug.\n'}`);
  return EXIT_INTERNAL;
}
