export * from './svg.ts';
export * from './lineBands.ts';
export * from './heatmap.ts';
export * from './intervals.ts';
export * from './tornado.ts';
