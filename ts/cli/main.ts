#!/usr/bin/env node
// `swta` — the command-line entry point. Commands register in ts/cli/commands/index.ts.
import { SwtaError } from '../abi/errors.js';
import { EXIT, helpText, parseFor, type Command } from './command.js';
import { COMMANDS } from './commands/index.js';

function overview(): string {
  const w = Math.max(...COMMANDS.map((c) => c.name.length));
  return ['swta — soft winner-take-all microcircuits: simulation, TrueNorth, gain matching, ViT filter', '',
    'Usage: swta <command> [options]   (every command takes --help and --json)', '', 'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(w)}  ${c.summary}`)].join('\n');
}

/** Longest command name that prefixes argv (commands may be several words: 'bench coba'). */
function findCommand(argv: string[]): { cmd?: Command; rest: string[] } {
  let best: Command | undefined;
  for (const c of COMMANDS) {
    const words = c.name.split(' ');
    if (words.every((w, i) => argv[i] === w) && (!best || words.length > best.name.split(' ').length)) best = c;
  }
  return { cmd: best, rest: best ? argv.slice(best.name.split(' ').length) : argv };
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    console.log(overview());
    return EXIT.ok;
  }
  const { cmd, rest } = findCommand(argv);
  const json = argv.includes('--json');
  if (!cmd) {
    const msg = `unknown command '${argv.filter((a) => !a.startsWith('-')).join(' ')}' (run swta --help for the list)`;
    if (json) console.log(JSON.stringify({ error: { field: 'command', message: msg } }));
    else console.error(`swta: ${msg}`);
    return EXIT.usage;
  }
  try {
    const { values, positionals } = parseFor(cmd, rest);
    if (values.help) {
      console.log(helpText(cmd));
      return EXIT.ok;
    }
    return await cmd.run({
      values, positionals, json: !!values.json,
      log: (...a) => { if (!values.json) console.log(...a); },
      emit: (r) => { if (values.json) console.log(JSON.stringify(r, null, 2)); },
    });
  } catch (e) {
    const err = e as Error;
    const field = e instanceof SwtaError ? e.field : '';
    if (json) console.log(JSON.stringify({ error: { field, message: err.message } }));
    else console.error(`swta ${cmd.name}: ${err.message}`);
    return e instanceof SwtaError && e.code === 0 ? EXIT.usage : EXIT.failure;
  }
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*[\\/]/, ''));
if (isMain) main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
