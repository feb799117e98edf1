// `gwsim list`: the catalog scenarios, what they show and the workshop each replays.
import type { Argv } from 'yargs';
import type { GwsimCommand } from '../command.js';
import { CATALOG } from '../../scenarios/catalog/index.js';
import { EXIT_OK } from '../exit-codes.js';
import { compareText } from '../../sim/compare-text.js';

export const listCommand: GwsimCommand = {
  command: 'list',
  describe: 'the catalog scenarios and their sources',
  builder: (y: Argv) => y.option('json', { type: 'boolean', describe: 'print JSON' }),
  run(args, io) {
    if (args.json) {
      io.out(
        JSON.stringify(
          CATALOG.map((e) => ({ name: e.name, title: e.title, source: e.source, variantOf: e.variantOf })),
          null,
          2,
        ) + '\n',
      );
      return EXIT_OK;
    }
    const w = Math.max(...CATALOG.map((e) => e.name.length));
    let lastSource = '';
    for (const e of CATALOG.slice().sort(
      (a, b) => compareText(a.source, b.source) || (a.variantOf === null ? -1 : 1) - (b.variantOf === null ? -1 : 1),
    )) {
      if (e.source !== lastSource) {
        io.out(`${lastSource === '' ? '' : '\n'}${e.source}\n`);
        lastSource = e.source;
      }
      io.out(`  ${e.name.padEnd(w)}  ${e.variantOf === null ? '' : 'what-if: '}${e.title}\n`);
    }
    return EXIT_OK;
  },
};
