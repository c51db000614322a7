// The shape every `swta` command shares: options declared once (for parsing, --help and errors),
// a run() that returns an exit code, `--json` on every command.
import { parseArgs } from 'node:util';
import { SwtaError } from '../abi/errors.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  /** One line for --help; say the unit and the allowed range. */
  help: string;
  default?: string | boolean;
  /** For string options with a fixed set of values. */
  choices?: string[];
  short?: string;
}

export interface Command {
  /** e.g. 'bench coba' (sub-commands are words) */
  name: string;
  summary: string;
  /** positional arguments, for --help, e.g. '<model>' */
  args?: string;
  options: Record<string, OptionSpec>;
  run(ctx: CommandContext): Promise<number>;
}

export interface CommandContext {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
  json: boolean;
  /** Print human output (suppressed under --json) */
  log(...a: unknown[]): void;
  /** Print the JSON result (only under --json) */
  emit(result: unknown): void;
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

export function helpText(c: Command): string {
  const lines = [`swta ${c.name}${c.args ? ' ' + c.args : ''} [options]`, '', c.summary, '', 'Options:'];
  const all: Record<string, OptionSpec> = { ...c.options, json: { type: 'boolean', help: 'print the result as JSON on stdout' }, help: { type: 'boolean', help: 'show this help' } };
  for (const [k, o] of Object.entries(all)) {
    const flag = `--${k}${o.type === 'string' ? ' <value>' : ''}`;
    const extra = [o.choices ? `one of: ${o.choices.join(', ')}` : '', o.default !== undefined ? `default: ${o.default}` : ''].filter(Boolean).join('; ');
    lines.push(`  ${flag.padEnd(28)} ${o.help}${extra ? ` (${extra})` : ''}`);
  }
  return lines.join('\n');
}

/** Parse argv for `c`; bad flags and values become SwtaErrors naming the flag and what is allowed. */
export function parseFor(c: Command, argv: string[]): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } };
  for (const [k, o] of Object.entries(c.options)) options[k] = { type: o.type, ...(o.short ? { short: o.short } : {}) };
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new SwtaError('argv', `${(e as Error).message.replace(/\. To specify.*$/s, '')} — see swta ${c.name} --help`, 0);
  }
  const values: Record<string, string | boolean | undefined> = { ...parsed.values };
  for (const [k, o] of Object.entries(c.options)) {
    if (values[k] === undefined && o.default !== undefined) values[k] = o.default;
    if (o.choices && typeof values[k] === 'string' && !o.choices.includes(values[k] as string)) {
      throw new SwtaError(`--${k}`, `must be one of ${o.choices.join(', ')}, got '${values[k]}'`, 0);
    }
  }
  return { values, positionals: parsed.positionals };
}

/** A numeric option value, checked against [min, max]. */
export function numberOpt(values: Record<string, unknown>, key: string, min: number, max: number, integer = false): number {
  const raw = values[key];
  const v = Number(raw);
  if (raw === undefined || raw === '' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
    throw new SwtaError(`--${key}`, `must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got '${raw}'`, 0);
  }
  return v;
}
