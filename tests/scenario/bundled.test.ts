import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED, bundledLoader, scenarioKey } from '../../src/scenario/bundled.ts';
import { fileLoader } from '../../src/io/readScenario.ts';
import { resolveScenario, scenarioHash, ScenarioError } from '../../src/index.ts';

describe('bundled scenarios as data (dashboard and notebooks)', () => {
  it('holds every file of scenarios/, keyed by file name, in file-name order, byte for byte', () => {
    const names = readdirSync('scenarios').filter((f) => f.endsWith('.json')).sort();
    expect([...BUNDLED.keys()]).toEqual(names.map((f) => f.replace(/\.json$/, '')));
    for (const name of names) expect(BUNDLED.get(name.replace(/\.json$/, '')), name).toEqual(JSON.parse(readFileSync(`scenarios/${name}`, 'utf8')));
  });

  it('keys a reference by its file name, whatever folder it names', () => {
    expect(scenarioKey('duo-for-a-job')).toBe('duo-for-a-job');
    expect(scenarioKey('../scenarios/duo-for-a-job.json')).toBe('duo-for-a-job');
    expect(scenarioKey('C:\\scenarios\\Duo.JSON')).toBe('Duo');
  });

  it('resolves `extends` as the command line does from the folder', () => {
    // resource-starved extends another bundled scenario: same scenario, same hash.
    expect(JSON.stringify(BUNDLED.get('resource-starved'))).toMatch(/"extends"/);
    for (const key of BUNDLED.keys()) {
      expect(scenarioHash(resolveScenario(key, bundledLoader)), key).toBe(scenarioHash(resolveScenario(`scenarios/${key}.json`, fileLoader)));
    }
  });

  it('refuses an unknown name in one line that lists the bundled ones', () => {
    const error = (() => {
      try {
        bundledLoader('no-such-programme.json');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ScenarioError);
    expect((error as ScenarioError).problems).toEqual([`no-such-programme.json: no bundled scenario of that name; bundled: ${[...BUNDLED.keys()].join(', ')}`]);
  });
});
