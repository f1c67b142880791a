export * from './schema.ts';
export * from './factors.ts';
export * from './design.ts';
export * from './experiment.ts';
export * from './points.ts';
export * from './run.ts';
export * from './results.ts';
export * from './manifest.ts';
