import {describe, expect, it} from 'vitest';
import {formatDurationFlag, parseDuration} from './parse-duration.js';

describe('parseDuration', () => {
  it('reads Go-style durations as kOps flags take them', () => {
    expect(parseDuration('15s')).toBe(15_000);
    expect(parseDuration('1h30m')).toBe(90 * 60_000);
    expect(parseDuration('500ms')).toBe(500);
    expect(parseDuration('2.5m')).toBe(150_000);
    expect(parseDuration('18h0m0s')).toBe(18 * 3_600_000);
    expect(parseDuration('0')).toBe(0);
  });

  it('refuses what it cannot read whole, rather than guessing', () => {
    for (const text of ['', '90', '1d', '1h 30m', 'h', '-5s', '5 s', '1h30x']) expect(parseDuration(text), text).toBeUndefined();
  });

  it('formats back to the shortest form it reads', () => {
    for (const ms of [0, 250, 5000, 15 * 60_000, 90 * 60_000, 18 * 3_600_000, 3_723_004]) {
      expect(parseDuration(formatDurationFlag(ms)), String(ms)).toBe(ms);
    }
    expect(formatDurationFlag(18 * 3_600_000)).toBe('18h');
    expect(formatDurationFlag(90 * 60_000)).toBe('1h30m');
  });
});
