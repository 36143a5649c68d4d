import {describe, expect, it} from 'vitest';
import type {ApplyEvent, StepInfo} from './apply-result.js';
import {createProgressReporter, formatElapsed} from './progress.js';

function capture(options: {isTTY?: boolean; columns?: number} = {}) {
  const chunks: string[] = [];
  return {stream: {...options, write: (text: string) => chunks.push(text)}, output: () => chunks.join('')};
}

const step = (action: StepInfo['action'], key: string): StepInfo => {
  const [kind = '', name = ''] = key.split('/');
  return {action, key, kind, name};
};

const events: ApplyEvent[] = [
  {type: 'begin', total: 3},
  {type: 'start', step: step('create', 'network/main')},
  {type: 'start', step: step('create', 'gateway/nat')},
  {
    type: 'retry',
    step: step('create', 'gateway/nat'),
    errorClass: 'throttled',
    attempt: 2,
    delayMs: 10,
    message: 'Rate exceeded',
  },
  {type: 'done', step: step('create', 'network/main'), id: 'net-1'},
  {type: 'log', step: step('create', 'gateway/nat'), message: 'waiting for state available'},
  {type: 'failed', step: step('create', 'gateway/nat'), message: 'quota exceeded'},
  {type: 'skipped', step: step('create', 'route/default'), reason: 'depends on failed gateway/nat'},
];

describe('createProgressReporter', () => {
  it('writes one plain line per outcome when not on a terminal', () => {
    const {stream, output} = capture();
    const progress = createProgressReporter({stream});
    events.forEach(progress.onEvent);
    progress.close();
    expect(output()).toBe(
      [
        'retrying create gateway/nat (attempt 2): Rate exceeded',
        'created network/main (net-1)',
        'gateway/nat: waiting for state available',
        'failed to create gateway/nat: quota exceeded',
        'skipped create route/default: depends on failed gateway/nat',
        '',
      ].join('\n'),
    );
  });

  it('keeps one status line up to date on a terminal, printing only failures and skips above it', () => {
    const {stream, output} = capture({isTTY: true, columns: 120});
    let now = 0;
    const progress = createProgressReporter({stream, now: () => now, refreshMs: 60_000});
    events.slice(0, 3).forEach(progress.onEvent);
    expect(output().split('\r\x1b[2K').at(-1)).toBe('[0/3] current: network/main, gateway/nat (elapsed 0s)');
    now = 12_400;
    events.slice(3).forEach(progress.onEvent);
    progress.close();
    const screen = output().split('\r\x1b[2K');
    expect(screen.filter((s) => s.endsWith('\n'))).toEqual([
      'failed to create gateway/nat: quota exceeded\n',
      'skipped create route/default: depends on failed gateway/nat\n',
      '[3/3] finished (elapsed 12s)\n',
    ]);
    expect(output()).not.toContain('Rate exceeded');
  });

  it('shortens the status line to the terminal width', () => {
    const {stream, output} = capture({isTTY: true, columns: 40});
    const progress = createProgressReporter({stream, now: () => 0, refreshMs: 60_000});
    progress.onEvent({type: 'begin', total: 9});
    for (const name of ['alpha', 'bravo', 'charlie', 'delta']) {
      progress.onEvent({type: 'start', step: step('create', `res/${name}`)});
    }
    progress.close();
    const last = output().split('\r\x1b[2K').at(-1) ?? '';
    expect(last).toBe('[0/9] current: res/alph... (elapsed 0s)\n');
    expect(last.length - 1).toBeLessThan(40);
  });
});

describe('formatElapsed', () => {
  it('counts seconds, then minutes and seconds', () => {
    expect([0, 999, 12_400, 60_000, 185_000].map(formatElapsed)).toEqual(['0s', '0s', '12s', '1m00s', '3m05s']);
  });
});
