import type { Experiment } from './experiment.ts';
import type { DesignPoints } from './points.ts';
import { factorColumns } from './results.ts';

export const MANIFEST_KIND = 'buddysim-experiment-manifest';

/**
 * The manifest of an experiment's points: the experiment's content hash, its factors, and every
 * point with its factor values, its unit-hypercube coordinates and its scenario's content hash.
 * It depends only on the experiment, so it is written first and is the same for every run.
 *
 * @example
 *   JSON.stringify(experimentManifest(experiment, designPoints(experiment)), null, 1);
 */
export function experimentManifest(experiment: Experiment, design: DesignPoints) {
  return {
    kind: MANIFEST_KIND,
    format: 1,
    name: experiment.name,
    experimentHash: experiment.hash,
    seed: experiment.seed,
    replications: experiment.replications,
    outputs: experiment.outputs,
    design: experiment.design,
    factors: factorColumns(experiment).map((f) => ({
      name: f.name, kind: f.kind, path: f.path ?? null, label: f.label, unit: f.unit, levels: f.levels ?? null, across: f === experiment.across,
    })),
    blocks: experiment.across ? design.blocks : null,
    pointsPerBlock: design.perBlock,
    points: design.points.map((p) => ({ point: p.index, values: p.values, unit: p.unit, scenarioHash: p.hash })),
    layout: design.layout ?? null,
  };
}
