export * from './aggregate.ts';
export * from './compare.ts';
export * from './hedges.ts';
export * from './histogram.ts';
export * from './interval.ts';
export * from './kaplanMeier.ts';
export * from './metrics.ts';
export * from './repStats.ts';
