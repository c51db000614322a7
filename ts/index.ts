// swta's public API. Layers: engine (backends) → descriptions (specs, circuits) → domain objects
// (Network, TrueNorthSim, sWTAFilter) → experiments, gain matching, reports.
export { engine, availableBackends, registerBackend, BACKENDS } from './backend/registry.js';
export { Engine, type BackendName } from './backend/engine.js';
export { SwtaError } from './abi/errors.js';
export { loadWasm } from './abi/wasm.js';
export * from './model/spec.js';
export { MODEL_PARAMS, MODEL_DEFAULTS, MODEL_VARS, COMMON_PARAMS, paramNames, type ModelName } from './model/neurons.js';
export { Network, type SpikeTrain, type StateTrace, type RateTrace, type NetworkInfo, type RunOptions } from './sim/network.js';
export { CircuitBuilder } from './circuit/builder.js';
export { l23Module, CLASSES, CLASS_PARAMS, L23_DEFAULTS, type L23Options, type L23Module, type CellClass } from './circuit/l23.js';
export { cobaNetwork, cobaHHNetwork } from './circuit/coba.js';
export { EXPERIMENTS, type ExperimentResult } from './experiments/index.js';
export { Rig, HARD_REGIME, type ExperimentOptions } from './experiments/common.js';
export * as truenorth from './truenorth/index.js';
export * as vit from './vit/index.js';
export * as seg from './seg/index.js';
export * as gain from './gain/index.js';
export { rasterSvg, lineSvg, imageGridSvg } from './report/plot.js';
export { htmlReport } from './report/html.js';
