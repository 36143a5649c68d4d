import {describe, expect, it} from 'vitest';
import {parseTaint} from './parse-taint.js';

describe('parseTaint', () => {
  it('reads key, optional value and effect', () => {
    expect(parseTaint('dedicated=gpu:NoSchedule')).toEqual({key: 'dedicated', value: 'gpu', effect: 'NoSchedule'});
    expect(parseTaint('example.com/spot:NoExecute')).toEqual({key: 'example.com/spot', effect: 'NoExecute'});
    expect(parseTaint('empty=:PreferNoSchedule')).toEqual({key: 'empty', value: '', effect: 'PreferNoSchedule'});
  });

  it('rejects taints without a known effect or with a malformed key', () => {
    for (const text of ['dedicated=gpu', 'a=b:c', '=x:NoSchedule', 'bad key:NoSchedule', 'a=b c:NoSchedule']) {
      expect(parseTaint(text), text).toBeUndefined();
    }
  });
});
