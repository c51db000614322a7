// Segmentation metrics over a confusion matrix C (rows = ground truth, columns = prediction, K×K):
//   IoU_c = C_cc / (Σ_j C_cj + Σ_i C_ic − C_cc);   mIoU = mean of IoU_c over the classes whose union
//   is non-empty (a class absent from both ground truth and prediction is left out, the usual rule);
//   pixel accuracy = Σ_c C_cc / Σ C.

export class Confusion {
  readonly m: Float64Array;
  constructor(readonly k: number) {
    this.m = new Float64Array(k * k);
  }

  /** Count pixels: gt and pred are class maps of the same length. */
  add(gt: ArrayLike<number>, pred: ArrayLike<number>): this {
    if (gt.length !== pred.length) throw new Error(`confusion: ${gt.length} labels vs ${pred.length} predictions`);
    for (let i = 0; i < gt.length; i++) this.m[gt[i] * this.k + pred[i]]++;
    return this;
  }

  iou(): (number | null)[] {
    const k = this.k;
    return Array.from({ length: k }, (_, c) => {
      let row = 0, col = 0;
      for (let j = 0; j < k; j++) { row += this.m[c * k + j]; col += this.m[j * k + c]; }
      const union = row + col - this.m[c * k + c];
      return union > 0 ? this.m[c * k + c] / union : null;
    });
  }

  miou(): number {
    const v = this.iou().filter((x): x is number => x !== null);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : 0;
  }

  pixelAccuracy(): number {
    let tp = 0, all = 0;
    for (let c = 0; c < this.k; c++) tp += this.m[c * this.k + c];
    for (const v of this.m) all += v;
    return all > 0 ? tp / all : 0;
  }
}
