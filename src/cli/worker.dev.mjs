// Running from TypeScript source (tsx): workers need the tsx loader registered in their own thread.
import { register } from 'tsx/esm/api';

register();
const mod = await import('./worker.ts');
export default mod.default;
export const metrics = mod.metrics;
export const blocks = mod.blocks;
export const extras = mod.extras;
