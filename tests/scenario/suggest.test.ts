import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean } from '../../src/scenario/suggest.ts';

const COMMANDS = ['run', 'compare', 'merge', 'validate', 'schema', 'params', 'validate-model', 'calibrate', 'mechanisms'];

describe('closestNames', () => {
  it('finds a misspelt name within the edit distance a typo allows', () => {
    expect(closestNames('rn', COMMANDS)).toEqual(['run']);
    expect(closestNames('comapre', COMMANDS)).toEqual(['compare']); // a swap is two edits: within 7 / 3
    expect(closestNames('flemish-befriendin', ['flemish-befriending', 'newcomer-befriending'])).toEqual(['flemish-befriending']);
  });
  it('finds nothing when nothing is near', () => {
    expect(closestNames('x', COMMANDS)).toEqual([]);
    expect(closestNames('frobnicate', COMMANDS)).toEqual([]);
  });
  it('ignores case', () => {
    expect(closestNames('RUN', COMMANDS)).toEqual(['run']);
  });
  it('counts a name that starts with what was typed as near, nearest first', () => {
    expect(closestNames('valid', COMMANDS)).toEqual(['validate', 'validate-model']);
  });
  it('matches the last part of a dotted path', () => {
    const paths = ['programme.contactsPerWeek', 'programme.hoursPerContact', 'inflow.participantsPerWeek'];
    expect(closestNames('contactsPerWeek', paths)).toEqual(['programme.contactsPerWeek']);
    expect(closestNames('programme.contactPerWeek', paths)).toEqual(['programme.contactsPerWeek']);
  });
  it('orders by distance, then by the candidates\' order, and gives at most three', () => {
    expect(closestNames('seet', ['set', 'seed', 'sect', 'reps'])).toEqual(['set', 'seed', 'sect']);
    expect(closestNames('ab', ['ax', 'ay', 'az', 'aw'])).toHaveLength(3);
  });
});

describe('didYouMean', () => {
  it('names one, two or three candidates, shown as they are typed', () => {
    expect(didYouMean('rep', ['reps', 'seed'], (n) => `--${n}`)).toBe('did you mean --reps?');
    expect(didYouMean('sed', ['seed', 'set', 'reps'], (n) => `--${n}`)).toBe('did you mean --seed or --set?');
    expect(didYouMean('seet', ['set', 'seed', 'sect'])).toBe('did you mean set, seed or sect?');
  });
  it('is empty when nothing is close', () => {
    expect(didYouMean('zzzz', ['run'])).toBe('');
  });
});
