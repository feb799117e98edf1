// When the CLI colours its text: FORCE_COLOR first, then NO_COLOR (no-color.org: any non-empty value), then a terminal
// that supports colour; never into a pipe unless forced.
import { describe, expect, it } from 'vitest';
import { wantsColour } from '../../src/cli/colour.js';

const tty = { isTTY: true, hasColors: () => true };
const dumb = { isTTY: true, hasColors: () => false };
const pipe = {};

describe('wantsColour', () => {
  it('colours a colour terminal, not a dumb one, never a pipe', () => {
    expect(wantsColour(tty, {})).toBe(true);
    expect(wantsColour(dumb, {})).toBe(false);
    expect(wantsColour(pipe, {})).toBe(false);
  });

  it('NO_COLOR with any non-empty value turns it off; an empty one does not', () => {
    expect(wantsColour(tty, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour(tty, { NO_COLOR: '' })).toBe(true);
  });

  it('FORCE_COLOR wins over NO_COLOR and a pipe; FORCE_COLOR=0 forbids', () => {
    expect(wantsColour(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(wantsColour(tty, { FORCE_COLOR: '1', NO_COLOR: '1' })).toBe(true);
    expect(wantsColour(tty, { FORCE_COLOR: '0' })).toBe(false);
  });
});
