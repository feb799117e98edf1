import { describe, expect, it } from 'vitest';
import { HashPolicy } from '../../../../src/models/envoy/hash/hash-policy.js';
import { HeaderHashMethod } from '../../../../src/models/envoy/hash/header-hash.js';
import {
  CookieHashMethod,
  makeSetCookieValue,
  parseCookieValue,
  generateCookieValue,
} from '../../../../src/models/envoy/hash/cookie-hash.js';
import { SourceIpHashMethod } from '../../../../src/models/envoy/hash/source-ip-hash.js';
import { QueryParameterHashMethod, firstQueryValue } from '../../../../src/models/envoy/hash/query-parameter-hash.js';
import { SimpleHashRequest, emptyHashTarget, type HashTarget } from '../../../../src/models/envoy/hash/hash-request.js';
import { rotateXor, toDecimal } from '../../../../src/models/envoy/hash/u64.js';
import { xxHash64 } from '../../../../src/models/envoy/hash/xxhash64.js';
import { vectors } from '../lb/reference.js';

function req(
  headers: Record<string, string[]>,
  extra: Partial<{ path: string; ip: string; remote: string; local: string }> = {},
) {
  return new SimpleHashRequest(
    new Map(Object.entries(headers)),
    extra.path ?? '/',
    extra.ip ?? null,
    extra.remote ?? null,
    extra.local ?? null,
  );
}
function hashOf(t: HashTarget): string | null {
  return t.hasHash ? toDecimal(t.hashHi, t.hashLo) : null;
}
const examples = vectors.hash_policy.examples;

describe('hash policy figures (envoy-vectors.json hash_policy.examples)', () => {
  it('header x-user single value', () => {
    const t = emptyHashTarget();
    new HashPolicy([new HeaderHashMethod('x-user')]).generateHash(req({ 'x-user': ['alice'] }), t);
    expect(hashOf(t)).toBe(examples[0].hash);
  });
  it('header x-user with two values in either order', () => {
    const p = new HashPolicy([new HeaderHashMethod('X-User')]);
    for (const values of [
      ['bob', 'alice'],
      ['alice', 'bob'],
    ]) {
      const t = emptyHashTarget();
      p.generateHash(req({ 'x-user': values }), t);
      expect(hashOf(t)).toBe(examples[1].hash);
    }
  });
  it('cookie session present, quotes stripped', () => {
    const p = new HashPolicy([
      new CookieHashMethod({ name: 'session', ttlSeconds: null, path: '', attributes: [], terminal: false }),
    ]);
    for (const header of ['session=abc123', 'a=1; session="abc123"; b=2', ' x=y;session=abc123']) {
      const t = emptyHashTarget();
      p.generateHash(req({ cookie: [header] }), t);
      expect(hashOf(t)).toBe(examples[2].hash);
      expect(t.setCookie).toBeNull();
    }
  });
});

describe('cookie method', () => {
  const cfg = {
    name: 'FooBar',
    ttlSeconds: 3600,
    path: '/',
    attributes: [
      { name: 'SameSite', value: 'Strict' },
      { name: 'Secure', value: '' },
    ],
    terminal: false,
  };
  it('generates hex16(XXH64(remote + local)) and Set-Cookie when absent with a ttl, hashing the generated value', () => {
    const t = emptyHashTarget();
    new HashPolicy([new CookieHashMethod(cfg)]).generateHash(
      req({}, { remote: '10.0.0.7:41000', local: '172.18.0.5:10080' }),
      t,
    );
    const value = xxHash64('10.0.0.7:41000172.18.0.5:10080').toString(16).padStart(16, '0');
    expect(t.generatedCookie).toBe(value);
    expect(t.setCookie).toBe(`FooBar="${value}"; Max-Age=3600; Path=/; SameSite=Strict; Secure; HttpOnly`);
    expect(hashOf(t)).toBe(xxHash64(value).toString());
    // The next request carries the cookie: same hash, no new Set-Cookie.
    const t2 = emptyHashTarget();
    new HashPolicy([new CookieHashMethod(cfg)]).generateHash(
      req({ cookie: [`FooBar="${value}"`] }, { remote: '10.0.0.7:41001', local: '172.18.0.5:10080' }),
      t2,
    );
    expect(hashOf(t2)).toBe(hashOf(t));
    expect(t2.setCookie).toBeNull();
  });
  it('no ttl and no cookie -> no hash; ttl 0 -> session cookie without Max-Age', () => {
    const t = emptyHashTarget();
    new HashPolicy([new CookieHashMethod({ ...cfg, ttlSeconds: null })]).generateHash(
      req({ cookie: ['other=1'] }, { remote: 'a:1', local: 'b:2' }),
      t,
    );
    expect(t.hasHash).toBe(false);
    expect(makeSetCookieValue('s', 'v', '', 0, [])).toBe('s="v"; HttpOnly');
  });
  it('parses like Envoy parseCookie', () => {
    expect(parseCookieValue(['a=1;b=2', 'c=3'], 'c')).toBe('3');
    expect(parseCookieValue(['a=1; a=2'], 'a')).toBe('1');
    expect(parseCookieValue(['ab=1'], 'a')).toBeNull();
    expect(parseCookieValue(['a="x"'], 'a')).toBe('x');
    expect(parseCookieValue(['a="'], 'a')).toBe('"');
    expect(generateCookieValue('1.2.3.4:5', '6.7.8.9:10')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('source IP and query parameter methods', () => {
  it('source ip hashes the IP text without port', () => {
    const t = emptyHashTarget();
    new HashPolicy([new SourceIpHashMethod()]).generateHash(req({}, { ip: '10.0.0.1' }), t);
    expect(hashOf(t)).toBe('17084065887361098711');
    const none = emptyHashTarget();
    new HashPolicy([new SourceIpHashMethod()]).generateHash(req({}), none);
    expect(none.hasHash).toBe(false);
  });
  it('query parameter takes the first value', () => {
    expect(firstQueryValue('/p?user=alice&user=bob', 'user')).toBe('alice');
    expect(firstQueryValue('/p?flag&x=1', 'flag')).toBe('');
    expect(firstQueryValue('/p?x=1', 'user')).toBeNull();
    expect(firstQueryValue('/p', 'user')).toBeNull();
    const t = emptyHashTarget();
    new HashPolicy([new QueryParameterHashMethod('user')]).generateHash(req({}, { path: '/p?user=alice' }), t);
    expect(hashOf(t)).toBe(examples[0].hash);
  });
});

describe('combination (rotate-and-xor, terminal)', () => {
  const alice = xxHash64('alice');
  const ip = xxHash64('10.0.0.1');
  const r = req({ 'x-user': ['alice'] }, { ip: '10.0.0.1' });
  it('folds later hashes as rotl64(h,1) ^ new, skipping methods that yield nothing', () => {
    const t = emptyHashTarget();
    new HashPolicy([
      new HeaderHashMethod('x-missing'),
      new HeaderHashMethod('x-user'),
      new SourceIpHashMethod(),
    ]).generateHash(r, t);
    expect(hashOf(t)).toBe(rotateXor(alice, ip).toString());
  });
  it('duplicate methods do not cancel out', () => {
    const t = emptyHashTarget();
    new HashPolicy([new HeaderHashMethod('x-user'), new HeaderHashMethod('x-user')]).generateHash(r, t);
    expect(hashOf(t)).toBe(rotateXor(alice, alice).toString());
    expect(t.hasHash && (t.hashHi !== 0 || t.hashLo !== 0)).toBe(true);
  });
  it('a terminal method that yields stops the walk; one that yields nothing does not', () => {
    const t = emptyHashTarget();
    new HashPolicy([new HeaderHashMethod('x-user', true), new SourceIpHashMethod()]).generateHash(r, t);
    expect(hashOf(t)).toBe(alice.toString());
    const t2 = emptyHashTarget();
    new HashPolicy([new HeaderHashMethod('x-missing', true), new SourceIpHashMethod()]).generateHash(r, t2);
    expect(hashOf(t2)).toBe(ip.toString());
  });
  it('no method yields -> no hash', () => {
    const t = emptyHashTarget();
    new HashPolicy([new HeaderHashMethod('x-missing')]).generateHash(r, t);
    expect(t.hasHash).toBe(false);
  });
});
