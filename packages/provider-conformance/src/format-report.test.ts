import {describe, expect, it} from 'vitest';
import {conformanceReport, formatConformanceReport} from './format-report.js';

describe('formatConformanceReport', () => {
  it('prints a summary and aligned CHECK, RESULT and DETAIL columns', () => {
    const report = conformanceReport('zcloud', [
      {id: 'zones', title: 'zone validation', status: 'pass', detail: 'zc-1a accepted', durationMs: 1},
      {id: 'apply', title: 'apply', status: 'fail', detail: 'quota exceeded', durationMs: 5},
      {id: 'fault', title: 'fault at call N', status: 'skip', detail: 'no injectFault hook', durationMs: 0},
    ]);
    expect(report.passed).toBe(false);
    expect(formatConformanceReport(report)).toBe(
      [
        'zcloud provider conformance: 1 passed, 1 failed, 1 skipped',
        'CHECK            RESULT  DETAIL',
        'zone validation  PASS    zc-1a accepted',
        'apply            FAIL    quota exceeded',
        'fault at call N  SKIP    no injectFault hook',
      ].join('\n'),
    );
  });

  it('counts skips as no failure and shows a cleanup problem', () => {
    const report = conformanceReport('zcloud', [{id: 'a', title: 'a', status: 'skip', detail: 'n/a', durationMs: 0}], 'cleaning up failed: boom');
    expect(report.passed).toBe(true);
    expect(formatConformanceReport(report).split('\n').at(-1)).toBe('Warning: cleaning up failed: boom');
  });
});
