// The registry of subcommands, in the order --help lists them: replay first, then the control-plane and data-plane
// tools, then capacity planning and reports.
import type { GwsimCommand } from '../command.js';
import { priorityCommand } from './priority.js';
import { lbCommand } from './lb.js';
import { hashCommand } from './hash.js';
import { routeCommand } from './route.js';
import { statusCommand } from './status.js';
import { exportCommand } from './export.js';
import { twinCommand } from './twin.js';
import { runCommand } from './run.js';
import { listCommand } from './list.js';
import { reportCommand } from './report.js';
import { sweepCommand } from './sweep.js';
import { mergeCommand } from './merge.js';

export const commands: GwsimCommand[] = [
  listCommand,
  runCommand,
  routeCommand,
  statusCommand,
  exportCommand,
  twinCommand,
  lbCommand,
  hashCommand,
  priorityCommand,
  sweepCommand,
  mergeCommand,
  reportCommand,
];
