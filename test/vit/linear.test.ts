// `linear` carries a hand-written gradient (explicit transposes, fast on TF.js WASM): it must equal
// TF.js's own gradient of x·W + b, and leave the forward value unchanged.
import { describe, expect, it } from 'vitest';
import type * as tf from '@tensorflow/tfjs';
import { tfReady } from '../../ts/vit/tfsetup.js';
import { linear } from '../../ts/vit/model.js';

describe('linear (custom gradient)', () => {
  it('forward and gradients equal the autodiff of x·W + b on a 3-D input', async () => {
    const tf = await tfReady('wasm');
    const x = tf.randomNormal([3, 5, 7], 0, 1, 'float32', 1);
    const w = tf.randomNormal([7, 4], 0, 1, 'float32', 2);
    const b = tf.randomNormal([4], 0, 1, 'float32', 3);
    const up = tf.randomNormal([3, 5, 4], 0, 1, 'float32', 4); // a non-uniform upstream gradient
    const ours = (a: tf.Tensor, v: tf.Tensor, c: tf.Tensor) => linear(a, v, c).mul(up).sum() as tf.Scalar;
    const ref = (a: tf.Tensor, v: tf.Tensor, c: tf.Tensor) =>
      tf.matMul(a.reshape([15, 7]), v as tf.Tensor2D).add(c).reshape([3, 5, 4]).mul(up).sum() as tf.Scalar;
    expect(Array.from(linear(x, w, b).dataSync())).toEqual(Array.from(tf.matMul(x.reshape([15, 7]), w as tf.Tensor2D).add(b).dataSync()));
    const g1 = tf.grads(ours)([x, w, b]);
    const g2 = tf.grads(ref)([x, w, b]);
    for (let i = 0; i < 3; i++) {
      expect(g1[i].shape).toEqual(g2[i].shape);
      const err = g1[i].sub(g2[i]).abs().max().dataSync()[0];
      const scale = g2[i].abs().max().dataSync()[0];
      expect(scale).toBeGreaterThan(0.1);
      expect(err).toBeLessThan(1e-5 * scale);
    }
  });
});
