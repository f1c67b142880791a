export * from './schema.ts';
export * from './errors.ts';
export * from './resolve.ts';
export * from './hash.ts';
export * from './strictJson.ts';
export * from './differences.ts';
