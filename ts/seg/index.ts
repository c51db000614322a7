// Nighttime segmentation (issue 8, docs/seg.md): the day/dusk/night scene task, the ViT segmenter,
// metrics, preprocessing, the protocol and the example grid.
export { makeScenes, digitAlpha, checkScenes, SCENE_DEFAULTS, CLASSES, type SceneOptions, type SceneSet } from './scenes.js';
export { CONDITIONS, CONDITION_NAMES, render, renderCondition, type Condition, type Lighting } from './conditions.js';
export { segSplits, asData, SPLIT_DEFAULTS, type SplitSizes } from './data.js';
export { SEG_DEFAULT, initSeg, segForward, segMacs, type SegConfig } from './model.js';
export { trainSeg, scoreSeg, predictSeg, loadSeg, classWeights, SEG_TRAIN_DEFAULTS, type SegData, type SegScores, type SegTrainOptions } from './train.js';
export { Confusion } from './metrics.js';
export { SegPreprocessor, localNorm, boxMean, LOCAL_NORM, type SegVariant } from './preprocess.js';
export { runSeg, writeSegTable, readRuns, testRenders, type SegExperimentOptions, type SegRun, type SegTable } from './experiment.js';
export { gridSvg, gridCanvas, encodePng, PALETTE, type GridRow, type Tile } from './grid.js';
export { writeGrid } from './examples.js';
