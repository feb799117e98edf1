import { describe, it, expect } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { Io } from '../../../src/cli/io.js';

function capture(): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    color: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

describe('gwsim priority', () => {
  it('prints the JSON contract', async () => {
    const io = capture();
    const code = await main(['priority', '--level', '4:2', '--level', '4:2', '--json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout)).toEqual({ healthyLoad: [70, 30], degradedLoad: [0, 0], panic: [false, false] });
  });

  it('reads degraded and excluded counts and the overprovisioning factor', async () => {
    const io = capture();
    await main(['priority', '--level', '5:0:1', '--level', '5:0:5', '--level', '5:1', '--json'], io);
    expect(JSON.parse(io.stdout)).toEqual({
      healthyLoad: [0, 0, 28],
      degradedLoad: [28, 44, 0],
      panic: [false, false, false],
    });
    const io2 = capture();
    await main(['priority', '--level', '4:1:0:3', '--level', '5:1', '--overprovisioning-factor', '100', '--json'], io2);
    expect(JSON.parse(io2.stdout).healthyLoad).toEqual([100, 0]);
  });

  it('reports total panic', async () => {
    const io = capture();
    await main(['priority', '--level', '5:0', '--level', '3:0', '--level', '2:0', '--json'], io);
    expect(JSON.parse(io.stdout)).toEqual({
      healthyLoad: [50, 30, 20],
      degradedLoad: [0, 0, 0],
      panic: [true, true, true],
    });
  });

  it('prints a readable table without --json', async () => {
    const io = capture();
    expect(await main(['priority', '--level', '4:1', '--level', '2:2', '--panic-threshold', '30'], io)).toBe(0);
    expect(io.stdout).toBe(
      [
        'overprovisioning factor 140, panic threshold 30%',
        'priority  hosts  healthy  degraded  excluded  healthyLoad%  degradedLoad%  panic',
        'P0            4        1         0         0            35              0     no',
        'P1            2        2         0         0            65              0     no',
        '',
      ].join('\n'),
    );
  });

  for (const [args, needle] of [
    [['--level', '4:5'], 'level[0]'],
    [['--level', '4:2', '--level', '4:x'], 'level[1]'],
    [['--level', '4'], 'level[0]'],
    [['--level', '4:1.5'], 'level[0]'],
    [['--level', '4:2:2:1'], 'level[0]'],
    [[], '--level'],
    [['--level', '4:2', '--panic-threshold', '101'], '--panic-threshold'],
    [['--level', '4:2', '--overprovisioning-factor', '0'], '--overprovisioning-factor'],
  ] as const) {
    it(`rejects ${JSON.stringify(args)} with exit 2 naming ${needle}`, async () => {
      const io = capture();
      expect(await main(['priority', ...args], io)).toBe(2);
      expect(io.stderr).toContain(needle);
      expect(io.stdout).toBe('');
    });
  }
});
