// One progress bar for every long CLI step, on stderr (stdout stays clean for --json): redrawn in
// place on a terminal, a line every ~10 % in logs.
export class ProgressBar {
  private readonly t0 = performance.now();
  private lastBucket = -1;
  constructor(private readonly label: string, private readonly quiet = false) {}

  update(done: number, total: number, note = ''): void {
    if (this.quiet || total <= 0) return;
    const frac = Math.min(1, done / total);
    const el = (performance.now() - this.t0) / 1000;
    const eta = frac > 0 ? (el / frac) * (1 - frac) : 0;
    const bar = '#'.repeat(Math.round(frac * 24)).padEnd(24, '.');
    const line = `${this.label} [${bar}] ${(100 * frac).toFixed(0).padStart(3)}%  ${el.toFixed(1)} s${frac < 1 ? `, ETA ${eta.toFixed(0)} s` : ''}${note ? '  ' + note : ''}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}${frac >= 1 ? '\n' : ''}`);
    else {
      const bucket = Math.floor(frac * 10);
      if (bucket !== this.lastBucket) { this.lastBucket = bucket; process.stderr.write(line + '\n'); }
    }
  }
}
