// Gain matching of the biophysical sWTA circuit onto TrueNorth (MODEL.md §6): public API.
export { cellKinds, measureBio, type CellKind, type BioCurves } from './bio.js';
export { fitThresholdLinear, r2, type ThresholdLinear } from './fit.js';
export { links, stpEfficacy, AXON_ROLES, POOL_AXONS, type Link } from './pathways.js';
export { closedForm, candidates, probeTn, tnType, alphaEff, type TnParams } from './tnclass.js';
export { mapToTrueNorth, coincidenceType, type TnModel, type MapOptions } from './map.js';
export { tnWmModel, wmMapOptions, WM_TN_KNOBS, type WmTnKnobs } from './wmtn.js';
export { gainMatch, type GainMatch, type KindReport } from './match.js';
export { TnRig } from './tnrig.js';
export { fidelityReport } from './report.js';
