// A progress bar on stderr: redrawn in place on a TTY, one line every ~5 % otherwise (log files).
export class Progress {
  private t0 = performance.now();
  private lastLine = -1;
  constructor(private total: number, private label: string, private quiet = false) {}

  tick(n: number, f: { loss: number; val: number; imgs: number }): void {
    if (this.quiet) return;
    const frac = n / this.total;
    const el = (performance.now() - this.t0) / 1000;
    const eta = n > 0 ? (el / n) * (this.total - n) : 0;
    const w = 24;
    const bar = '='.repeat(Math.floor(frac * w)).padEnd(w, ' ');
    const line = `${this.label} [${bar}] ${(100 * frac).toFixed(0).padStart(3)}% step ${n}/${this.total} loss ${f.loss.toFixed(3)} val ${Number.isNaN(f.val) ? '—' : (100 * f.val).toFixed(1) + '%'} ${f.imgs.toFixed(0)} img/s ETA ${fmt(eta)}`;
    if (process.stderr.isTTY) process.stderr.write(`\r${line}`);
    else {
      const bucket = Math.floor(frac * 20);
      if (bucket !== this.lastLine) { this.lastLine = bucket; process.stderr.write(line + '\n'); }
    }
  }

  done(): void {
    if (!this.quiet && process.stderr.isTTY) process.stderr.write('\n');
  }
}

function fmt(s: number): string {
  const m = Math.floor(s / 60);
  return m > 0 ? `${m}m${Math.round(s % 60).toString().padStart(2, '0')}s` : `${Math.round(s)}s`;
}
