import {describe, expect, it} from 'vitest';
import {Lifecycle, type LifecycleTiming} from './lifecycle.js';

function timing(settleDelayMs: number, settleAfterDescribes: number): LifecycleTiming & {now(): number; advance(ms: number): void} {
  let now = 0;
  return {settleDelayMs, settleAfterDescribes, now: () => now, advance: (ms) => { now += ms; }};
}

describe('Lifecycle', () => {
  it('moves on once the delay has passed', () => {
    const clock = timing(1000, Number.POSITIVE_INFINITY);
    const lifecycle = new Lifecycle(clock, 'pending', 'running');
    clock.advance(999);
    expect(lifecycle.state).toBe('pending');
    clock.advance(1);
    expect(lifecycle.state).toBe('running');
    expect(lifecycle.since).toBe(1000);
  });

  it('moves on once it has been observed often enough, and restarts the count on a new transition', () => {
    const lifecycle = new Lifecycle<string>(timing(Number.POSITIVE_INFINITY, 2), 'pending', 'running');
    lifecycle.observe();
    expect(lifecycle.state).toBe('pending');
    lifecycle.observe();
    expect(lifecycle.state).toBe('running');
    lifecycle.moveTo('shutting-down', 'terminated');
    lifecycle.observe();
    expect(lifecycle.state).toBe('shutting-down');
  });

  it('stays put when there is nowhere to go', () => {
    const clock = timing(0, 0);
    const lifecycle = new Lifecycle(clock, 'available');
    clock.advance(10);
    expect(lifecycle.state).toBe('available');
  });
});
