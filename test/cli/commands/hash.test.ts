import { describe, it, expect } from 'vitest';
import { main } from '../../../src/cli/main.js';
import type { Io } from '../../../src/cli/io.js';
import { vectors } from '../../models/envoy/lb/reference.js';
import { xxHash64 } from '../../../src/models/envoy/hash/xxhash64.js';

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
async function run(args: string[]) {
  const io = capture();
  const code = await main(args, io);
  return { code, io };
}
const ex = vectors.hash_policy.examples;

describe('gwsim hash', () => {
  it('header, repeated header, cookie present: the reference hashes', async () => {
    expect(JSON.parse((await run(['hash', '--header', 'x-user=alice', '--json'])).io.stdout)).toEqual({
      hash: ex[0].hash,
    });
    expect(
      JSON.parse((await run(['hash', '--header', 'x-user=bob', '--header', 'x-user=alice', '--json'])).io.stdout),
    ).toEqual({ hash: ex[1].hash });
    expect(JSON.parse((await run(['hash', '--cookie', 'session="abc123"', '--json'])).io.stdout)).toEqual({
      hash: ex[2].hash,
    });
  });

  it('generates the cookie from remote + local and returns Set-Cookie', async () => {
    const { code, io } = await run([
      'hash',
      '--cookie',
      'FooBar',
      '--ttl',
      '30s',
      '--path',
      '/',
      '--remote',
      '10.0.0.7:41000',
      '--local',
      '172.18.0.5:10080',
      '--json',
    ]);
    expect(code).toBe(0);
    const value = xxHash64('10.0.0.7:41000172.18.0.5:10080').toString(16).padStart(16, '0');
    expect(JSON.parse(io.stdout)).toEqual({
      hash: xxHash64(value).toString(),
      cookie: value,
      setCookie: `FooBar="${value}"; Max-Age=30; Path=/; HttpOnly`,
    });
  });

  it('source IP, and no hash when the cookie is absent without ttl', async () => {
    expect(JSON.parse((await run(['hash', '--source-ip', '10.0.0.1', '--json'])).io.stdout)).toEqual({
      hash: '17084065887361098711',
    });
    expect(JSON.parse((await run(['hash', '--cookie', 'session', '--json'])).io.stdout)).toEqual({ hash: null });
    expect((await run(['hash', '--header', 'x-user=alice'])).io.stdout).toBe(`hash ${ex[0].hash}\n`);
  });

  it.each([
    [[], '--header'],
    [['--header', 'novalue'], '--header'],
    [['--cookie', 'a', '--ttl', 'soon', '--remote', '1.2.3.4:5', '--local', '1.2.3.4:6'], '--ttl'],
    [['--cookie', 'a', '--ttl', '1h'], '--remote'],
    [['--cookie', 'a', '--ttl', '1h', '--remote', '1.2.3.4', '--local', '1.2.3.4:6'], '--remote'],
    [['--ttl', '1h', '--header', 'a=b'], '--ttl'],
    [['--source-ip', 'not-an-ip'], '--source-ip'],
  ])('bad flags %j -> exit 2 naming %s', async (args, flag) => {
    const { code, io } = await run(['hash', ...args]);
    expect(code).toBe(2);
    expect(io.stderr).toContain(flag);
  });
});
