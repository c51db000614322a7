// A tiny Vision Transformer in TF.js ops (no layers API): patch embedding, CLS token, learned
// positional embedding, pre-norm encoder blocks (multi-head self-attention + GELU MLP), final
// LayerNorm and a linear head on CLS. Weights are plain tf.Variables in a name → variable map, so
// checkpoints are a flat list of named Float32Arrays.
import * as tf from '@tensorflow/tfjs';

export interface VitConfig {
  /** Input side (square images). */
  size: number;
  /** Patch side; must divide size. */
  patch: number;
  dim: number;
  depth: number;
  heads: number;
  /** MLP hidden width. */
  mlp: number;
  classes: number;
}

export const VIT_DEFAULT: VitConfig = { size: 28, patch: 7, dim: 64, depth: 3, heads: 4, mlp: 128, classes: 10 };

export type Weights = Map<string, tf.Variable>;

let instances = 0;

export function paramCount(w: Weights): number {
  let n = 0;
  for (const v of w.values()) n += v.size;
  return n;
}

/** Seeded weight initialiser shared by the ViT and the segmenter (ts/seg/model.ts): each call draws
 * from the next seed of the sequence seed·1009 + k, so the order of calls fixes the initial weights. */
export class WeightInit {
  private k = 0;
  readonly w: Weights = new Map();
  constructor(private seed: number, private prefix: string) {}
  glorot(name: string, i: number, o: number): void {
    const a = Math.sqrt(6 / (i + o));
    this.w.set(name, tf.tidy(() => tf.variable(tf.randomUniform([i, o], -a, a, 'float32', this.seed * 1009 + this.k++), true, `${this.prefix}/${name}`)));
  }
  normal(name: string, shape: number[]): void {
    this.w.set(name, tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, 0.02, 'float32', this.seed * 1009 + this.k++), true, `${this.prefix}/${name}`)));
  }
  fill(name: string, n: number, v: number): void {
    this.w.set(name, tf.tidy(() => tf.variable(tf.fill([n], v), true, `${this.prefix}/${name}`)));
  }
}

/** The encoder's shape: what the ViT and the segmenter share. */
export type EncoderConfig = Pick<VitConfig, 'size' | 'patch' | 'dim' | 'depth' | 'heads' | 'mlp'>;

export function checkEncoder(c: EncoderConfig): void {
  if (c.size % c.patch !== 0) throw new Error(`patch ${c.patch} must divide image size ${c.size}`);
  if (c.dim % c.heads !== 0) throw new Error(`dim ${c.dim} must be divisible by heads ${c.heads}`);
}

/** Pre-norm encoder blocks b0 … b{depth−1} and the final LayerNorm. */
export function initBlocks(init: WeightInit, c: EncoderConfig): void {
  for (let l = 0; l < c.depth; l++) {
    init.fill(`b${l}.ln1.g`, c.dim, 1); init.fill(`b${l}.ln1.b`, c.dim, 0);
    init.glorot(`b${l}.qkv.w`, c.dim, 3 * c.dim); init.fill(`b${l}.qkv.b`, 3 * c.dim, 0);
    init.glorot(`b${l}.proj.w`, c.dim, c.dim); init.fill(`b${l}.proj.b`, c.dim, 0);
    init.fill(`b${l}.ln2.g`, c.dim, 1); init.fill(`b${l}.ln2.b`, c.dim, 0);
    init.glorot(`b${l}.fc1.w`, c.dim, c.mlp); init.fill(`b${l}.fc1.b`, c.mlp, 0);
    init.glorot(`b${l}.fc2.w`, c.mlp, c.dim); init.fill(`b${l}.fc2.b`, c.dim, 0);
  }
  init.fill('ln.g', c.dim, 1); init.fill('ln.b', c.dim, 0);
}

/** Check c, start a seeded initialiser and draw the patch embedding (embed.w, embed.b): the first
 * weights of both the ViT and the segmenter. */
export function initEmbedding(c: EncoderConfig, seed: number, kind: string): WeightInit {
  checkEncoder(c);
  const init = new WeightInit(seed, instancePrefix(kind));
  init.glorot('embed.w', c.patch * c.patch, c.dim);
  init.fill('embed.b', c.dim, 0);
  return init;
}

/** Initialise (the initial-value tensors are disposed; only the variables remain): linear layers Glorot-uniform, embeddings N(0, 0.02²), LayerNorm γ = 1, β = 0, biases 0. */
export function initVit(c: VitConfig, seed: number): Weights {
  const init = initEmbedding(c, seed, 'vit');
  init.normal('cls', [1, 1, c.dim]);
  init.normal('pos', [1, (c.size / c.patch) ** 2 + 1, c.dim]);
  initBlocks(init, c);
  init.glorot('head.w', c.dim, c.classes); init.fill('head.b', c.classes, 0);
  return init.w;
}

/** A unique variable-name prefix per model instance (tf.variable names must be unique). */
export function instancePrefix(kind: string): string {
  return `${kind}${++instances}`;
}

export function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(g).add(b);
}

/**
 * y = x·W + b on 2-D x [n, in], with the gradient written out: dx = dy·Wᵀ, dW = xᵀ·dy, db = Σ_rows dy.
 * TF.js's own gradient multiplies with transposed operands (`matMul(…, transposeA/B)`), which its
 * WASM backend runs ≈ 10× slower than an explicit transpose followed by a plain product (measured:
 * 23 ms against 2.6 ms for [2176, 192]·[64, 192]ᵀ). Forward values are unchanged.
 */
const dense = tf.customGrad(((x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor, save: tf.GradSaveFunc) => {
  save([x, w]);
  return {
    value: tf.matMul(x, w).add(b),
    gradFunc: (dy: tf.Tensor2D, [xs, ws]: tf.Tensor2D[]) => [tf.matMul(dy, ws.transpose()), tf.matMul(xs.transpose(), dy), dy.sum(0)],
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]);

export function linear(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const s = x.shape;
  const y = dense(x.reshape([-1, s[s.length - 1]]), w, b) as tf.Tensor;
  return y.reshape([...s.slice(0, -1), w.shape[1]!]);
}

/** GELU, tanh approximation. */
function gelu(x: tf.Tensor): tf.Tensor {
  // x³ as x·x·x: TF.js WASM's Pow is ≈ 4× slower than two products
  const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
  return x.mul(0.5).mul(inner.tanh().add(1));
}

function attention(x: tf.Tensor, W: Weights, l: number, c: EncoderConfig): tf.Tensor {
  const [B, T] = x.shape;
  const dh = c.dim / c.heads;
  // q, k, v as [B, heads, T, dh]: split then a rank-4 transpose each (TF.js WASM runs the equivalent
  // single rank-5 transpose ≈ 300× slower); same values
  const qkv = tf.split(linear(x, W.get(`b${l}.qkv.w`)!, W.get(`b${l}.qkv.b`)!), 3, -1);
  const [q, k, v] = qkv.map((t) => t.reshape([B, T, c.heads, dh]).transpose([0, 2, 1, 3])) as tf.Tensor4D[];
  const att = tf.softmax(tf.matMul(q, k, false, true).mul(1 / Math.sqrt(dh)));
  const o = tf.matMul(att, v).transpose([0, 2, 1, 3]).reshape([B, T, c.dim]);
  return linear(o, W.get(`b${l}.proj.w`)!, W.get(`b${l}.proj.b`)!);
}

/** Patch tokens [B, (size/patch)², patch²] of images x [B, size, size] (row-major patches). */
export function patchify(x: tf.Tensor, size: number, patch: number): tf.Tensor {
  const B = x.shape[0];
  const g = size / patch;
  return x.reshape([B, g, patch, g, patch]).transpose([0, 1, 3, 2, 4]).reshape([B, g * g, patch * patch]);
}

/** The encoder blocks and the final LayerNorm over tokens h [B, T, dim]. */
export function encode(W: Weights, c: EncoderConfig, h: tf.Tensor): tf.Tensor {
  for (let l = 0; l < c.depth; l++) {
    h = h.add(attention(layerNorm(h, W.get(`b${l}.ln1.g`)!, W.get(`b${l}.ln1.b`)!), W, l, c));
    const m = layerNorm(h, W.get(`b${l}.ln2.g`)!, W.get(`b${l}.ln2.b`)!);
    h = h.add(linear(gelu(linear(m, W.get(`b${l}.fc1.w`)!, W.get(`b${l}.fc1.b`)!)), W.get(`b${l}.fc2.w`)!, W.get(`b${l}.fc2.b`)!));
  }
  return layerNorm(h, W.get('ln.g')!, W.get('ln.b')!);
}

/** Logits [B, classes] for images x [B, size, size] in [0, 1]. */
export function forward(W: Weights, c: VitConfig, x: tf.Tensor): tf.Tensor2D {
  const B = x.shape[0];
  let h = linear(patchify(x, c.size, c.patch), W.get('embed.w')!, W.get('embed.b')!);
  h = encode(W, c, tf.concat([tf.tile(W.get('cls')!, [B, 1, 1]), h], 1).add(W.get('pos')!));
  const cls = h.slice([0, 0, 0], [B, 1, c.dim]).reshape([B, c.dim]);
  return linear(cls, W.get('head.w')!, W.get('head.b')!) as tf.Tensor2D;
}

/** Multiply–accumulates of the encoder blocks for t tokens. */
export function blockMacs(c: EncoderConfig, t: number): number {
  return c.depth * (t * (3 * c.dim * c.dim + c.dim * c.dim + 2 * c.dim * c.mlp) + 2 * t * t * c.dim);
}

/** Multiply–accumulates of one forward pass per image (matmuls only). */
export function macsPerImage(c: VitConfig): number {
  const t = (c.size / c.patch) ** 2 + 1;
  return (t - 1) * c.patch * c.patch * c.dim + blockMacs(c, t) + c.dim * c.classes;
}
