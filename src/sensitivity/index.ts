/**
 * Sensitivity analysis: which inputs of a model matter. Platform-neutral (Node, browser, notebooks).
 * Designs live in the unit cube; the caller maps coordinates to factor values, runs the model per
 * row and passes the outputs back. See docs/sensitivity.md.
 */
export type { UnitSample, Interval, IndexOptions } from './types.ts';
export { SensitivityError, type FailedRow } from './errors.ts';
export { sobolPoints, SOBOL_MAX_DIMENSIONS } from './sobolSequence.ts';
export { saltelliSample, sobolIndices, saltelliRow, SOBOL_ESTIMATORS, type SaltelliLayout, type SobolResult, type SobolFactor } from './saltelli.ts';
export { morrisSample, morrisIndices, MORRIS_ESTIMATORS, MORRIS_STREAM, type MorrisLayout, type MorrisOptions, type MorrisResult, type MorrisFactor } from './morris.ts';
export { campolongoSelection, trajectorySpread } from './trajectorySpread.ts';
export { overlapsDummy } from './noiseFloor.ts';
export { checkOutputs } from './outputs.ts';
export { BOOTSTRAP_STREAM } from './bootstrap.ts';
export { ishigami, gFunction, linear, morrisExpectation, G_FUNCTION_A, type TestFunction, type LinearFunction } from './testFunctions.ts';
export { runSelfTest, withinInterval, type SelfTestCheck, type SelfTestReport } from './selfTest.ts';
