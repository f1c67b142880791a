import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/io/readScenario.ts';
import { parseScenario, scenarioToFile } from '../../src/scenario/resolve.ts';
import { runSerial } from '../../src/runner/task.ts';

/**
 * The whole-model snapshot of a bundled scenario. It changes whenever the model's behaviour does:
 * review the difference, then update it on purpose with `npx vitest run tests/golden -u`.
 */
describe('golden summary', () => {
  it('flemish-befriending, 20 replications, matches the committed summary', async () => {
    const base = readScenario('flemish-befriending');
    const scenario = parseScenario({ ...scenarioToFile(base), reps: 20 });
    const { summary } = runSerial(scenario);
    await expect(JSON.stringify(summary, null, 1) + '\n').toMatchFileSnapshot('./flemish-befriending.summary.json');
  });
});
