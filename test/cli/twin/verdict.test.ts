// The twin's verdicts: exact where deterministic, the two-proportion z-test at 99.9% for shares, and the printed
// output (echo JSON, curl -I headers) compared field by field.
import { describe, expect, it } from 'vitest';
import { linesVerdict } from '../../../src/cli/twin/verdict-lines.js';
import { podVerdict, statusVerdict, twoProportionZ, upstreamVerdict, Z_999 } from '../../../src/cli/twin/verdict.js';

describe('twin verdicts', () => {
  it('statuses are exact when the sim answered one status, per status shares otherwise', () => {
    expect(statusVerdict({ 200: 5 }, { 200: 5 })).toEqual({ ok: true, kind: 'exact', problems: [] });
    expect(statusVerdict({ 200: 5 }, { 200: 4, 503: 1 }).ok).toBe(false);
    expect(statusVerdict({ 200: 90, 503: 10 }, { 200: 88, 503: 12 }).ok).toBe(true);
    expect(statusVerdict({ 200: 90, 503: 10 }, { 200: 50, 503: 50 }).problems).toHaveLength(2);
  });
  it('deterministic per-pod counts compare as a multiset (each worker starts at a random host)', () => {
    expect(podVerdict({ a: 11, b: 10, c: 10 }, { a: 10, b: 11, c: 10 }, true).ok).toBe(true);
    expect(podVerdict({ a: 10, b: 10 }, { a: 11, b: 9 }, true).ok).toBe(false);
  });
  it('upstream totals are exact: a retried or mirrored request counts every attempt', () => {
    expect(upstreamVerdict({ a: 7, b: 8 }, { a: 10, b: 5 }).ok).toBe(true);
    expect(upstreamVerdict({ a: 5 }, { a: 10, b: 5 }).problems).toEqual(['upstream requests: sim 5, real 15']);
  });
  it('the z-test passes equal shares and fails a 99/1 split read as 75/25', () => {
    expect(twoProportionZ(0, 400, 0, 400)).toBe(0);
    expect(podVerdict({ a: 250, b: 250 }, {}, false).problems).toEqual(['pods: sim 500 in all, real 0']);
    expect(Math.abs(twoProportionZ(200, 400, 210, 400))).toBeLessThan(Z_999);
    expect(podVerdict({ a: 396, b: 4 }, { a: 300, b: 100 }, false).problems).toEqual([
      'pod a: sim 396/400, real 300/400 (z = 10.09)',
      'pod b: sim 4/400, real 100/400 (z = -10.09)',
    ]);
  });
  it('compares the echo JSON: path, host, method and the request headers a route set or removed', () => {
    const sim = ['{"path":"/new?q=1","host":"b.internal","method":"GET","headers":{"X-Env":["prod"]},"pod":"p"}'];
    const real = (headers: Record<string, string[]>, path = '/new?q=1') => [
      { status: 200, headers: [], body: JSON.stringify({ path, host: 'b.internal', method: 'GET', headers }) },
    ];
    const ua = { 'User-Agent': ['curl/8'], 'X-Request-Id': ['1'] };
    expect(linesVerdict('body', sim, real({ ...ua, 'X-Env': ['prod'] }))?.ok).toBe(true);
    expect(linesVerdict('body', sim, real({ 'X-Env': ['prod'] }, '/old?q=1'))?.problems).toEqual([
      'path: sim "/new?q=1", real "/old?q=1"',
    ]);
    expect(linesVerdict('body', sim, real({ 'X-Env': ['prod'], 'X-Debug': ['1'] }))?.problems).toEqual([
      'request header x-debug: sim none, real "1"',
    ]);
  });
  it('compares curl -I: the status and every header the sim printed but the volatile ones', () => {
    const sim = ['HTTP/1.1 301 Moved Permanently', 'location: https://a/x', 'date: now'];
    const real = (location: string) => [
      { status: 301, headers: [['location', location]] as [string, string][], body: '' },
    ];
    expect(linesVerdict('headers', sim, real('https://a/x'))?.ok).toBe(true);
    expect(linesVerdict('headers', sim, real('https://a/y'))?.problems).toEqual([
      'header location: sim "https://a/x", real "https://a/y"',
    ]);
    expect(linesVerdict('pod', ['p'], real('x'))).toBeNull();
  });
});
