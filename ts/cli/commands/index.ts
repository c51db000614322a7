// Every CLI command, in --help order. Add a command: write ts/cli/commands/<name>.ts exporting a
// Command, import it here.
import type { Command } from '../command.js';
import { VIT_COMMANDS } from './vit.js';
import { SEG_COMMANDS } from './seg.js';
import { benchFilterCmd } from './benchfilter.js';
import { filterCmd } from './filter.js';
import { ENGINE_COMMANDS } from './engine.js';
import { experiment } from './experiment.js';
import { run } from './run.js';
import { TN_COMMANDS } from './tn.js';
import { mapCmd } from './map.js';
import { demoCmd } from './demo.js';

export const COMMANDS: Command[] = [run, ...ENGINE_COMMANDS, experiment, filterCmd, ...VIT_COMMANDS, ...SEG_COMMANDS, benchFilterCmd, ...TN_COMMANDS, demoCmd, mapCmd];
