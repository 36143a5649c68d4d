import {describe, expect, it} from 'vitest';
import {SimControls} from './controls.js';

const READ = {action: 'GetObject', mutating: false};
const WRITE = {action: 'PutObject', mutating: true};

describe('SimControls', () => {
  it('faults the N-th mutating call once, not counting reads', () => {
    const controls = new SimControls(1);
    controls.configure({faultAtCall: 2});
    const verdicts = [WRITE, READ, READ, WRITE, WRITE].map((action) => controls.judge(action));
    expect(verdicts).toEqual(['pass', 'pass', 'pass', 'fault', 'pass']);
    expect(controls.config.faultAtCall).toBe(0);
  });

  it('restarts the count when faultAtCall is set again', () => {
    const controls = new SimControls(1);
    controls.configure({faultAtCall: 2});
    controls.judge(WRITE);
    controls.configure({faultAtCall: 2});
    expect([controls.judge(WRITE), controls.judge(WRITE)]).toEqual(['pass', 'fault']);
  });

  it('throttles reproducibly for a seed, and a reset replays the same sequence', () => {
    const sequence = (controls: SimControls) => Array.from({length: 50}, () => controls.judge(READ));
    const controls = new SimControls(42);
    controls.configure({throttleRate: 0.5});
    const first = sequence(controls);
    expect(first).toContain('throttle');
    expect(first).toContain('pass');
    const twin = new SimControls(42);
    twin.configure({throttleRate: 0.5});
    expect(sequence(twin)).toEqual(first);
    controls.reset();
    controls.configure({throttleRate: 0.5});
    expect(sequence(controls)).toEqual(first);
  });

  it('merges partial changes and rejects invalid values without applying them', () => {
    const controls = new SimControls(1);
    controls.configure({latencyMs: 20});
    expect(controls.configure({throttleRate: 0.1})).toEqual({latencyMs: 20, throttleRate: 0.1, faultAtCall: 0});
    expect(() => controls.configure({latencyMs: -1})).toThrow('latencyMs must be a number of milliseconds >= 0, got -1');
    expect(() => controls.configure({faultAtCall: 1.5})).toThrow(/faultAtCall must be a whole number/);
    expect(controls.config).toEqual({latencyMs: 20, throttleRate: 0.1, faultAtCall: 0});
  });
});
