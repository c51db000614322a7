// ViT front end: the sWTA image filter, the tiny ViT and the out-of-distribution harness.
export { sWTAFilter, type FilterOptions, type ImageDataLike } from './filter.js';
export { FILTER_DEFAULTS, FILTER_MODES, defaultsFor, resolveParams, paramVector, type FilterMode, type FilterParams } from './params.js';
export type { ChannelMode, PixelArray } from './images.js';
