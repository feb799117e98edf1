import { describe, it, expect } from 'vitest';
import { Writable } from 'node:stream';
import { createProgress, progressEnabled } from '../../src/cli/progress.js';

function ttyStream(): Writable & { text: string; isTTY: boolean; columns: number } {
  const s = new Writable({
    write(chunk, _enc, cb) {
      s.text += String(chunk);
      cb();
    },
  }) as Writable & {
    text: string;
    isTTY: boolean;
    columns: number;
    cursorTo: () => boolean;
    clearLine: () => boolean;
    moveCursor: () => boolean;
  };
  s.text = '';
  s.isTTY = true;
  s.columns = 100;
  s.cursorTo = () => true;
  s.clearLine = () => true;
  s.moveCursor = () => true;
  return s;
}

describe('progress', () => {
  it('is enabled only on a TTY, without --json/--quiet, outside CI', () => {
    expect(progressEnabled({}, true, {})).toBe(true);
    expect(progressEnabled({}, false, {})).toBe(false);
    expect(progressEnabled({ json: true }, true, {})).toBe(false);
    expect(progressEnabled({ quiet: true }, true, {})).toBe(false);
    expect(progressEnabled({}, true, { CI: 'true' })).toBe(false);
    expect(progressEnabled({}, true, { CI: 'false' })).toBe(true);
  });

  it('writes nothing when disabled, or before the delay has passed', () => {
    const s = ttyStream();
    const off = createProgress({ total: 10, label: 'run', enabled: false, stream: s, delayMs: 0 });
    off.update(5);
    off.stop();
    let now = 0;
    const quick = createProgress({ total: 10, label: 'run', enabled: true, stream: s, delayMs: 1000, now: () => now });
    now = 999;
    quick.update(10);
    quick.stop();
    expect(s.text).toBe('');
  });

  it('shows the label and count once a run lasts past the delay, and stops cleanly', () => {
    const s = ttyStream();
    let now = 0;
    const p = createProgress({ total: 12, label: 'reports', enabled: true, stream: s, delayMs: 1000, now: () => now });
    p.update(1);
    now = 1500;
    p.update(3);
    p.stop();
    p.update(4);
    expect(s.text).toContain('reports [');
    expect(s.text).toContain('3/12');
    expect(s.text).not.toContain('4/12');
  });
});
