// Every CLI command, in --help order. Add a command: write ts/cli/commands/<name>.ts exporting a
// Command, import it here.
import type { Command } from '../command.js';
import { VIT_COMMANDS } from './vit.js';

export const COMMANDS: Command[] = [...VIT_COMMANDS];
