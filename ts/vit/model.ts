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

/** Initialise (the initial-value tensors are disposed; only the variables remain): linear layers Glorot-uniform, embeddings N(0, 0.02²), LayerNorm γ = 1, β = 0, biases 0. */
export function initVit(c: VitConfig, seed: number): Weights {
  if (c.size % c.patch !== 0) throw new Error(`patch ${c.patch} must divide image size ${c.size}`);
  if (c.dim % c.heads !== 0) throw new Error(`dim ${c.dim} must be divisible by heads ${c.heads}`);
  const w: Weights = new Map();
  const id = ++instances;
  let k = 0;
  const glorot = (name: string, i: number, o: number) => w.set(name, tf.tidy(() => tf.variable(tf.randomUniform([i, o], -Math.sqrt(6 / (i + o)), Math.sqrt(6 / (i + o)), 'float32', seed * 1009 + k++), true, `vit${id}/${name}`)));
  const normal = (name: string, shape: number[]) => w.set(name, tf.tidy(() => tf.variable(tf.randomNormal(shape, 0, 0.02, 'float32', seed * 1009 + k++), true, `vit${id}/${name}`)));
  const fill = (name: string, n: number, v: number) => w.set(name, tf.tidy(() => tf.variable(tf.fill([n], v), true, `vit${id}/${name}`)));
  const tokens = (c.size / c.patch) ** 2;
  glorot('embed.w', c.patch * c.patch, c.dim);
  fill('embed.b', c.dim, 0);
  normal('cls', [1, 1, c.dim]);
  normal('pos', [1, tokens + 1, c.dim]);
  for (let l = 0; l < c.depth; l++) {
    fill(`b${l}.ln1.g`, c.dim, 1); fill(`b${l}.ln1.b`, c.dim, 0);
    glorot(`b${l}.qkv.w`, c.dim, 3 * c.dim); fill(`b${l}.qkv.b`, 3 * c.dim, 0);
    glorot(`b${l}.proj.w`, c.dim, c.dim); fill(`b${l}.proj.b`, c.dim, 0);
    fill(`b${l}.ln2.g`, c.dim, 1); fill(`b${l}.ln2.b`, c.dim, 0);
    glorot(`b${l}.fc1.w`, c.dim, c.mlp); fill(`b${l}.fc1.b`, c.mlp, 0);
    glorot(`b${l}.fc2.w`, c.mlp, c.dim); fill(`b${l}.fc2.b`, c.dim, 0);
  }
  fill('ln.g', c.dim, 1); fill('ln.b', c.dim, 0);
  glorot('head.w', c.dim, c.classes); fill('head.b', c.classes, 0);
  return w;
}

function layerNorm(x: tf.Tensor, g: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).div(variance.add(1e-5).sqrt()).mul(g).add(b);
}

function linear(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const s = x.shape;
  const y = tf.matMul(x.reshape([-1, s[s.length - 1]]) as tf.Tensor2D, w as tf.Tensor2D).add(b);
  return y.reshape([...s.slice(0, -1), w.shape[1]!]);
}

/** GELU, tanh approximation. */
function gelu(x: tf.Tensor): tf.Tensor {
  const inner = x.add(x.pow(3).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
  return x.mul(0.5).mul(inner.tanh().add(1));
}

function attention(x: tf.Tensor, W: Weights, l: number, c: VitConfig): tf.Tensor {
  const [B, T] = x.shape;
  const dh = c.dim / c.heads;
  const qkv = linear(x, W.get(`b${l}.qkv.w`)!, W.get(`b${l}.qkv.b`)!).reshape([B, T, 3, c.heads, dh]).transpose([2, 0, 3, 1, 4]);
  const [q, k, v] = tf.unstack(qkv, 0) as tf.Tensor4D[];
  const att = tf.softmax(tf.matMul(q, k, false, true).mul(1 / Math.sqrt(dh)));
  const o = tf.matMul(att, v).transpose([0, 2, 1, 3]).reshape([B, T, c.dim]);
  return linear(o, W.get(`b${l}.proj.w`)!, W.get(`b${l}.proj.b`)!);
}

/** Logits [B, classes] for images x [B, size, size] in [0, 1]. */
export function forward(W: Weights, c: VitConfig, x: tf.Tensor): tf.Tensor2D {
  const B = x.shape[0];
  const g = c.size / c.patch;
  const patches = x.reshape([B, g, c.patch, g, c.patch]).transpose([0, 1, 3, 2, 4]).reshape([B, g * g, c.patch * c.patch]);
  let h = linear(patches, W.get('embed.w')!, W.get('embed.b')!);
  h = tf.concat([tf.tile(W.get('cls')!, [B, 1, 1]), h], 1).add(W.get('pos')!);
  for (let l = 0; l < c.depth; l++) {
    h = h.add(attention(layerNorm(h, W.get(`b${l}.ln1.g`)!, W.get(`b${l}.ln1.b`)!), W, l, c));
    const m = layerNorm(h, W.get(`b${l}.ln2.g`)!, W.get(`b${l}.ln2.b`)!);
    h = h.add(linear(gelu(linear(m, W.get(`b${l}.fc1.w`)!, W.get(`b${l}.fc1.b`)!)), W.get(`b${l}.fc2.w`)!, W.get(`b${l}.fc2.b`)!));
  }
  const cls = h.slice([0, 0, 0], [B, 1, c.dim]).reshape([B, c.dim]);
  return linear(layerNorm(cls, W.get('ln.g')!, W.get('ln.b')!), W.get('head.w')!, W.get('head.b')!) as tf.Tensor2D;
}

/** Multiply–accumulates of one forward pass per image (matmuls only). */
export function macsPerImage(c: VitConfig): number {
  const t = (c.size / c.patch) ** 2 + 1;
  const block = t * (3 * c.dim * c.dim + c.dim * c.dim + 2 * c.dim * c.mlp) + 2 * t * t * c.dim;
  return (t - 1) * c.patch * c.patch * c.dim + c.depth * block + c.dim * c.classes;
}
