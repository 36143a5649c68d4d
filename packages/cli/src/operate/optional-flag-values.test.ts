import {describe, expect, it} from 'vitest';
import {withImpliedValues} from './optional-flag-values.js';

describe('withImpliedValues', () => {
  const implied = {admin: '18h', 'fail-on-drain-error': 'true'};

  it('gives a bare flag its implied value and leaves given values alone', () => {
    expect(withImpliedValues(['c.k8s.local', '--admin', '--fail-on-drain-error=false'], implied)).toEqual([
      'c.k8s.local',
      '--admin=18h',
      '--fail-on-drain-error=false',
    ]);
    expect(withImpliedValues(['--admin=1h', '--administrator'], implied)).toEqual(['--admin=1h', '--administrator']);
  });

  it('does not touch arguments after --', () => {
    expect(withImpliedValues(['--admin', '--', '--admin'], implied)).toEqual(['--admin=18h', '--', '--admin']);
  });
});
