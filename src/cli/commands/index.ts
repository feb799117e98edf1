// The registry of subcommands; each issue adds its commands here.
import type { GwsimCommand } from '../command.js';
import { priorityCommand } from './priority.js';
import { lbCommand } from './lb.js';
import { hashCommand } from './hash.js';
import { routeCommand } from './route.js';
import { statusCommand } from './status.js';
import { runCommand } from './run.js';
import { listCommand } from './list.js';
import { reportCommand } from './report.js';
import { sweepCommand } from './sweep.js';
import { mergeCommand } from './merge.js';

export const commands: GwsimCommand[] = [priorityCommand, lbCommand, hashCommand, routeCommand, statusCommand, runCommand, listCommand, reportCommand, sweepCommand, mergeCommand];
