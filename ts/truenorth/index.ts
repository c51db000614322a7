// TrueNorth façade: descriptors, builder, model files (IBM-style and swta JSON), spike files, simulator.
export * from './types.js';
export * from './builder.js';
export { readModelFile, writeModelFile, typeName } from './modelfile.js';
export { toJson, fromJson } from './jsonformat.js';
export * from './spikes.js';
export { TrueNorthSim, spikeObjects, type SimOptions, type RecordMode, type TnStats } from './sim.js';
export { expand, compress } from './compact.js';
