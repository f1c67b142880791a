export * from './random.ts';
export * from './distributions.ts';
export * from './process.ts';
export * from './loop.ts';
export * from './series.ts';
export * from './tasks.ts';
export * from './perScenario.ts';
