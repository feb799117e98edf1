// The registry of subcommands; each issue adds its commands here.
import type { GwsimCommand } from '../command.js';

export const commands: GwsimCommand[] = [];
