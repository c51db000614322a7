// The three scene splits (docs/seg.md §2.3): train and validation scenes draw digits from disjoint
// parts of MNIST-train (the first 55,000 and the last 5,000 images, as in the ViT harness), test
// scenes from MNIST-test. Each split is its own stream of the data seed (seed, seed + 1, seed + 2),
// independent of the model seeds, so every model and seed sees the same scenes.
import { loadMnist, sliceDigits } from '../vit/idx.js';
import { VAL_SIZE } from '../vit/data.js';
import { makeScenes, SCENE_DEFAULTS, type SceneOptions, type SceneSet } from './scenes.js';
import type { SegData } from './train.js';

export interface SplitSizes { train: number; val: number; test: number; seed: number }

export const SPLIT_DEFAULTS: SplitSizes = { train: 6000, val: 300, test: 500, seed: 2026 };

export function segSplits(sizes: SplitSizes = SPLIT_DEFAULTS, o: SceneOptions = SCENE_DEFAULTS): { train: SceneSet; val: SceneSet; test: SceneSet } {
  const m = loadMnist();
  const nTrain = m.train.n - VAL_SIZE;
  return {
    train: makeScenes(sliceDigits(m.train, 0, nTrain), sizes.train, sizes.seed, o),
    val: makeScenes(sliceDigits(m.train, nTrain, m.train.n), sizes.val, sizes.seed + 1, o),
    test: makeScenes(m.test, sizes.test, sizes.seed + 2, o),
  };
}

/** Images x (default: the day render) with the set's labels. */
export function asData(set: SceneSet, x: Float32Array = set.day): SegData {
  return { x, y: set.labels, n: set.n, size: set.size };
}
