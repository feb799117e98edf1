// `gwsim report <result.json> [--out DIR]`: the terminal report of a saved run, and with --out every report file
// (HTML, SVG charts, Vega-Lite specs, CSV, text, JSON). Owns flags and file reading; rendering is src/report.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import type { Argv } from 'yargs';
import type { GwsimCommand } from '../command.js';
import type { Io } from '../io.js';
import { readTextFile } from '../io.js';
import { EXIT_OK } from '../exit-codes.js';
import { readRunResult } from '../run-result-file.js';
import { assertComplete, prepareOutDir } from '../out-dir.js';
import { writeRunReports, type ReportSources } from '../write-reports.js';
import { renderRunText } from '../../report/text/run-text.js';
import { SCENARIO_FILE, SOURCES_DIR } from '../../report/run-report.js';
import { InputError } from '../../sim/input-error.js';

/** Files under dir, relative, sorted by code unit (so the page lists them the same way everywhere). */
function listFiles(dir: string, root: string = dir): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const abs = join(dir, name);
    if (statSync(abs).isDirectory()) out.push(...listFiles(abs, root));
    else out.push(relative(root, abs).split(sep).join('/'));
  }
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The scenario and manifests saved beside a result.json by an earlier --out, if there are any. */
export function findSources(resultFile: string): ReportSources {
  const dir = join(dirname(resultFile), SOURCES_DIR);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return { scenarioYaml: null, manifests: [] };
  const files = listFiles(dir);
  return {
    scenarioYaml: files.includes(SCENARIO_FILE) ? readTextFile(join(dir, SCENARIO_FILE)) : null,
    manifests: files.filter((f) => f !== SCENARIO_FILE).map((file) => ({ file, text: readTextFile(join(dir, file)) })),
  };
}

export const reportCommand: GwsimCommand = {
  command: 'report <result>',
  describe:
    'reports of a saved run (the JSON of gwsim run --json/--out): text, and with --out an HTML page, SVG charts, CSV',
  builder: (y: Argv) =>
    y
      .positional('result', { type: 'string', describe: 'result.json written by gwsim run --json or --out' })
      .option('out', {
        type: 'string',
        describe: 'write every report file into this directory (index.html, charts/, series.csv, ...)',
      })
      .option('quiet', { type: 'boolean', default: false, describe: 'print nothing but errors' })
      .option('color', {
        type: 'boolean',
        describe:
          'colour the text report (default: on a colour terminal, unless NO_COLOR is set; FORCE_COLOR forces it)',
      })
      .example(
        'gwsim run round-robin --json > rr.json && gwsim report rr.json --out rr-report',
        'write rr-report/index.html',
      ),
  run: async (args: Record<string, unknown>, io: Io): Promise<number> => {
    const file = args.result;
    if (typeof file !== 'string' || file === '')
      throw new InputError('name the result file', { file: '<result>' }, 'a result.json path');
    if (args.out !== undefined) prepareOutDir(String(args.out));
    assertComplete(file);
    const result = readRunResult(file);
    const color = typeof args.color === 'boolean' ? args.color : io.color;
    if (args.quiet !== true) io.out(renderRunText(result, { color }));
    if (args.out !== undefined) {
      const written = await writeRunReports(result, String(args.out), findSources(file));
      if (args.quiet !== true)
        io.err(
          `gwsim: wrote ${written.paths.length} files to ${String(args.out)} (open ${join(String(args.out), 'index.html')})\n`,
        );
    }
    return EXIT_OK;
  },
};
