// Threshold-linear fits of rate transfer functions (MODEL.md §6.4 step 1) and the R² used to score
// TrueNorth curves against biophysical ones (§6.10).

export interface ThresholdLinear {
  /** Slope above threshold (Hz out per Hz in per afferent). */
  g: number;
  /** Input (Hz per afferent) at which the extrapolated line crosses 0; negative = spontaneous firing. */
  theta_Hz: number;
  /** Highest measured rate; saturation is not reached in the fitted range unless `saturates`. */
  rmax_Hz: number;
  saturates: boolean;
  /** R² of the fit on the measured points. */
  r2: number;
}

export function r2(y: number[], yhat: number[]): number {
  const m = y.reduce((s, v) => s + v, 0) / y.length;
  const ssTot = y.reduce((s, v) => s + (v - m) ** 2, 0);
  const ssRes = y.reduce((s, v, i) => s + (v - yhat[i]) ** 2, 0);
  return ssTot > 0 ? 1 - ssRes / ssTot : ssRes === 0 ? 1 : 0;
}

export const hinge = (f: { g: number; theta_Hz: number }, x: number) => Math.max(0, f.g * (x - f.theta_Hz));

/** Least-squares r = max(0, g·(x − θ)): θ on a 0.1 Hz grid, g in closed form for each θ. */
export function fitThresholdLinear(x: number[], y: number[]): ThresholdLinear {
  const lo = Math.min(...x) - 40;
  const hi = Math.max(...x);
  let best = { g: 0, theta_Hz: 0, sse: Infinity };
  for (let th = lo; th <= hi; th += 0.1) {
    let sxy = 0, sxx = 0;
    for (let i = 0; i < x.length; i++) { const u = Math.max(0, x[i] - th); sxy += u * y[i]; sxx += u * u; }
    if (sxx <= 0) continue;
    const g = Math.max(0, sxy / sxx);
    const sse = y.reduce((s, v, i) => s + (v - g * Math.max(0, x[i] - th)) ** 2, 0);
    if (sse < best.sse) best = { g, theta_Hz: th, sse };
  }
  const fit = { g: best.g, theta_Hz: Math.round(best.theta_Hz * 10) / 10 };
  const yhat = x.map((v) => hinge(fit, v));
  // Saturation: the last two points fall more than 10 % below the line.
  const n = y.length;
  const saturates = n >= 3 && y[n - 1] < 0.9 * yhat[n - 1] && y[n - 2] < 0.95 * yhat[n - 2];
  return { ...fit, rmax_Hz: Math.max(...y), saturates, r2: r2(y, yhat) };
}

/** Least-squares slope of y on x (intercept free) over all points. */
export function slope(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length;
  const my = y.reduce((s, v) => s + v, 0) / y.length;
  let sxy = 0, sxx = 0;
  for (let i = 0; i < x.length; i++) { sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx) ** 2; }
  return sxx > 0 ? sxy / sxx : 0;
}
