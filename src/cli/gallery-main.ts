// `npm run reports`: regenerates the gallery (reports/ at the package root, or the directory given as the first
// argument) from every catalog scenario. A script entry, not a gwsim subcommand.
import { resolve } from 'node:path';
import { buildGallery, catalogNames } from './gallery-catalog.js';
import { createProgress, progressEnabled } from './progress.js';

async function main(argv: string[]): Promise<number> {
  const outDir = resolve(argv[0] ?? 'reports');
  const names = catalogNames();
  const progress = createProgress({ total: names.length, label: 'reports', enabled: progressEnabled({}) });
  try {
    await buildGallery(outDir, names, (done) => progress.update(done));
  } finally {
    progress.stop();
  }
  process.stderr.write(`gwsim: wrote the gallery of ${names.length} scenarios to ${outDir}\n`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
