import { describe, expect, it } from 'vitest';
import { diffUnit, effectWords, fmt, fmtEstimate, fmtInterval, fmtSigned, supportedDigits } from '../../src/analysis/format.ts';

describe('fmt', () => {
  it('says shares as percentages, money in whole euros, others by size', () => {
    expect(fmt(0.1852, 'share')).toBe('18.5%');
    expect(fmt(0.1852, 'share of contract hours')).toBe('18.5%');
    expect(fmt(1186.4, 'EUR')).toBe('EUR 1,186');
    expect(fmt(97264.2, 'EUR/year')).toBe('EUR 97,264');
    expect(fmt(0.19481, 'g')).toBe('0.19');
    expect(fmt(3.14159)).toBe('3.14');
    expect(fmt(31.4159)).toBe('31.4');
    expect(fmt(314.159)).toBe('314');
    expect(fmt(0.012, 'pp')).toBe('1.2 pp');
  });
  it('shows a number that rounds to zero without a sign', () => {
    expect(fmt(-0.0003, 'g', 3)).toBe('0.000');
    expect(fmt(-0.00004, 'share')).toBe('0.0%');
    expect(fmt(-0.3, 'EUR')).toBe('EUR 0');
    expect(fmt(-0.0006, 'g', 3)).toBe('-0.001');
    expect(fmtSigned(-0.0003, 'g', 3)).toBe('0.000');
  });
  it('says n/a for what does not exist', () => {
    expect(fmt(NaN)).toBe('n/a');
    expect(fmt(null)).toBe('n/a');
    expect(fmt(undefined, 'share')).toBe('n/a');
  });
  it('signs differences', () => {
    expect(fmtSigned(0.5)).toBe('+0.50');
    expect(fmtSigned(-0.02, 'pp')).toBe('-2.0 pp');
    expect(diffUnit('share')).toBe('pp');
    expect(diffUnit('weeks')).toBe('weeks');
  });
});

describe('rounding to what the interval supports', () => {
  it('keeps the decimals of the first significant digit of the half-width', () => {
    expect(supportedDigits(0.191, 0.199, 'g')).toBe(3);
    expect(supportedDigits(0.16, 0.22, 'g')).toBe(2);
    expect(supportedDigits(1, 1.6)).toBe(1);
    expect(supportedDigits(100, 140)).toBe(0);
    expect(supportedDigits(0.175, 0.195, 'share')).toBe(0);
    expect(supportedDigits(0.179, 0.187, 'share')).toBe(1);
    expect(supportedDigits(0.1, 0.1)).toBeUndefined();
    expect(supportedDigits(NaN, 1)).toBeUndefined();
  });
  it('never prints six significant digits of noise', () => {
    expect(fmtEstimate(0.194818, [0.1908, 0.1988], 'g')).toBe('0.195 [0.191, 0.199]');
    expect(fmtEstimate(0.183, [0.179, 0.188], 'share')).toBe('18.3% [17.9%, 18.8%]');
    expect(fmtEstimate(0.05, [-0.01, 0.11], 'g', true)).toBe('+0.05 [-0.01, +0.11]');
    expect(fmtEstimate(2.5, [NaN, NaN])).toBe('2.50');
    expect(fmtInterval(0.191, 0.199, 'g')).toBe('[0.191, 0.199]');
  });
});

describe('effectWords', () => {
  it('reads an effect for non-specialists (Cohen 1988)', () => {
    expect(effectWords(0.05)).toBe('negligible');
    expect(effectWords(0.21)).toBe('small');
    expect(effectWords(0.5)).toBe('moderate');
    expect(effectWords(0.9)).toBe('large');
    expect(effectWords(-0.6)).toBe('moderate (harmful)');
    expect(effectWords(-0.05)).toBe('negligible');
    expect(effectWords(NaN)).toBe('not measurable');
  });
});
