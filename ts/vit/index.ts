// ViT front end: the sWTA image filter, the tiny ViT and the out-of-distribution harness.
export { sWTAFilter, type FilterOptions, type ImageDataLike } from './filter.js';
export { FILTER_DEFAULTS, FILTER_MODES, INPUT_NORMS, PARAM_COUNT, defaultsFor, resolveParams, paramVector, type FilterMode, type FilterParams, type InputNorm } from './params.js';
export type { ChannelMode, PixelArray } from './images.js';
export { spikingFilter, spikingNetwork, SPIKING_DEFAULTS, type SpikingOptions } from './spiking.js';
export { VIT_DEFAULT, initVit, forward, paramCount, macsPerImage, type VitConfig, type Weights } from './model.js';
export { train, evaluate, predictions, saveCheckpoint, loadCheckpoint, TRAIN_DEFAULTS, type Split, type TrainOptions, type TrainResult } from './train.js';
export { OOD_SETS, corrupt, type OodSet } from './ood.js';
export { loadMnist, readIdx, parseIdx, encodeIdx, writeIdx, readDigits, type Digits, type Idx } from './idx.js';
export { mnistSplits, Preprocessor, readExtraTest, type Variant } from './data.js';
export { runOod, writeTable, type OodOptions, type OodTable, type RunResult } from './experiment.js';
export { tfReady } from './tfsetup.js';
export { invariance } from './invariance.js';
