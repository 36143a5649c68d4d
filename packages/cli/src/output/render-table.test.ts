import {describe, expect, it} from 'vitest';
import {renderTable} from './render-table.js';

describe('renderTable', () => {
  it('upper-cases headers and aligns every column to its widest cell', () => {
    const text = renderTable(['name', 'cloud'], [
      ['a.k8s.local', 'aws'],
      ['longer-name.k8s.local', 'gce'],
    ]);
    expect(text.split('\n')).toEqual([
      'NAME                    CLOUD',
      'a.k8s.local             aws',
      'longer-name.k8s.local   gce',
    ]);
  });

  it('prints only the header line when there are no rows', () => {
    expect(renderTable(['name', 'role'], [])).toBe('NAME   ROLE');
  });
});
