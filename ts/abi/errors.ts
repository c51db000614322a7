// Status codes from the engine become SwtaError sentences that name the field and the call.

export const STATUS = { 1: 'invalid argument', 2: 'not found', 3: 'over budget', 4: 'invalid state', 5: 'numerical failure', 6: 'parse error' } as const;

export class SwtaError extends Error {
  /** Dotted path of the offending field, e.g. "populations[2].tauM_ms" ("" when not about a field). */
  readonly field: string;
  /** Engine status code (see STATUS), or 0 for errors raised in TypeScript. */
  readonly code: number;
  constructor(field: string, message: string, code = 1) {
    super(field ? `${field}: ${message}` : message);
    this.name = 'SwtaError';
    this.field = field;
    this.code = code;
  }
}

/** Throw a validation error about `field` (TS-side checks use the same class as engine errors). */
export function fail(field: string, message: string): never {
  throw new SwtaError(field, message, 1);
}
