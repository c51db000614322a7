// mIoU and pixel accuracy of hand-made confusion matrices.
import { describe, expect, it } from 'vitest';
import { Confusion } from '../../ts/seg/metrics.js';

describe('Confusion', () => {
  it('IoU per class, mIoU over classes present, pixel accuracy', () => {
    // gt:   0 0 0 0 1 1 2 2
    // pred: 0 0 0 1 1 1 2 0
    const c = new Confusion(4).add([0, 0, 0, 0, 1, 1, 2, 2], [0, 0, 0, 1, 1, 1, 2, 0]);
    const iou = c.iou();
    expect(iou[0]).toBeCloseTo(3 / 5, 12); // TP 3, FN 1, FP 1
    expect(iou[1]).toBeCloseTo(2 / 3, 12); // TP 2, FP 1
    expect(iou[2]).toBeCloseTo(1 / 2, 12); // TP 1, FN 1
    expect(iou[3]).toBeNull(); // absent from both: left out of the mean
    expect(c.miou()).toBeCloseTo((3 / 5 + 2 / 3 + 1 / 2) / 3, 12);
    expect(c.pixelAccuracy()).toBeCloseTo(6 / 8, 12);
  });

  it('a class predicted but never present counts with IoU 0; perfect maps give 1', () => {
    const c = new Confusion(3).add([0, 0, 1], [0, 2, 1]);
    expect(c.iou()[2]).toBe(0);
    expect(c.miou()).toBeCloseTo((1 / 2 + 1 + 0) / 3, 12);
    expect(new Confusion(3).add([0, 1, 2], [0, 1, 2]).miou()).toBe(1);
    expect(() => new Confusion(2).add([0], [0, 1])).toThrow(/1 labels vs 2/);
  });
});
