import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/sim/engine.js';
import { InputError } from '../../src/sim/input-error.js';
import { HandlerError } from '../../src/sim/internal-error.js';

describe('a handler that throws', () => {
  it('comes out of Engine.run as a HandlerError naming the event kind, the event number and the simulated time', () => {
    const engine = new Engine();
    const ok = engine.kind<number>('test.ok', () => undefined);
    const bad = engine.kind<number>('test.bad', () => {
      throw new TypeError('boom');
    });
    engine.schedule(1_000, ok, 0);
    engine.schedule(2_500_000_000, bad, 0);
    let caught: unknown;
    try {
      engine.run();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(HandlerError);
    const h = caught as HandlerError;
    expect([h.eventKind, h.eventNumber, h.atNs]).toEqual(['test.bad', 2, 2_500_000_000]);
    expect(h.original).toBeInstanceOf(TypeError);
    expect(h.message).toBe('boom (in a handler of event kind test.bad, event 2, at t=2.500000000 s)');
  });

  it('bad input met mid-run stays an InputError (exit 2, not a bug)', () => {
    const engine = new Engine();
    engine.schedule(
      5,
      engine.kind<number>('test.input', () => {
        throw new InputError('unknown pod "x"', {});
      }),
      0,
    );
    expect(() => engine.run()).toThrow(InputError);
  });
});
