// The shape every gwsim subcommand has: yargs options plus a handler that returns an exit code and writes through Io.
import type { Argv } from 'yargs';
import type { Io } from './io.js';

export interface GwsimCommand {
  command: string;
  describe: string;
  builder: (y: Argv) => Argv;
  run: (args: Record<string, unknown>, io: Io) => number | Promise<number>;
}
