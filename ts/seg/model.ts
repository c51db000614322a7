// The ViT segmenter (SETR-style, docs/seg.md §3): the ViT's patch embedding and pre-norm encoder
// (ts/vit/model.ts) without a CLS token, then a light decoder: one linear layer per token to
// patch² × classes logits, unpatchified back into a per-pixel map ("linear unpatchify", the learned
// equivalent of SETR-Naive's 1×1 projection + upsampling by the patch stride).
import * as tf from '@tensorflow/tfjs';
import { blockMacs, encode, initBlocks, initEmbedding, linear, patchify, type EncoderConfig, type Weights } from '../vit/model.js';

export interface SegConfig extends EncoderConfig {
  classes: number;
}

export const SEG_DEFAULT: SegConfig = { size: 64, patch: 8, dim: 64, depth: 2, heads: 4, mlp: 128, classes: 11 };

/** Weights: embed, pos (N(0, 0.02²)), blocks, final LayerNorm, dec (Glorot-uniform, bias 0). */
export function initSeg(c: SegConfig, seed: number): Weights {
  const init = initEmbedding(c, seed, 'seg');
  init.normal('pos', [1, (c.size / c.patch) ** 2, c.dim]);
  initBlocks(init, c);
  init.glorot('dec.w', c.dim, c.patch * c.patch * c.classes);
  init.fill('dec.b', c.patch * c.patch * c.classes, 0);
  return init.w;
}

/** Per-pixel logits [B, size, size, classes] for images x [B, size, size] in [0, 1]. */
export function segForward(W: Weights, c: SegConfig, x: tf.Tensor): tf.Tensor4D {
  const B = x.shape[0], g = c.size / c.patch, p = c.patch;
  const h = encode(W, c, linear(patchify(x, c.size, p), W.get('embed.w')!, W.get('embed.b')!).add(W.get('pos')!));
  const y = linear(h, W.get('dec.w')!, W.get('dec.b')!);
  return y.reshape([B, g, g, p, p, c.classes]).transpose([0, 1, 3, 2, 4, 5]).reshape([B, c.size, c.size, c.classes]) as tf.Tensor4D;
}

/** Multiply–accumulates of one forward pass per image (matmuls only). */
export function segMacs(c: SegConfig): number {
  const t = (c.size / c.patch) ** 2;
  return t * c.patch * c.patch * c.dim + blockMacs(c, t) + t * c.dim * c.patch * c.patch * c.classes;
}
