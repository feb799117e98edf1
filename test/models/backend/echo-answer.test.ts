// echo-basic's JSON as gwsim builds it: Go's canonical header names, sorted keys, the pod's name.
import { describe, expect, it } from 'vitest';
import { canonicalHeaderName, echoBody, echoHeaders } from '../../../src/models/backend/echo-answer.js';

describe('echo answer', () => {
  it('reports headers as echo-basic does: canonical names, values in order, names sorted', () => {
    expect(canonicalHeaderName('x-request-id')).toBe('X-Request-Id');
    expect(canonicalHeaderName('cookie')).toBe('Cookie');
    expect(
      echoHeaders([
        ['x-tag', 'a'],
        ['cookie', 'c=1'],
        ['x-tag', 'b'],
      ]),
    ).toEqual({ Cookie: ['c=1'], 'X-Tag': ['a', 'b'] });
  });

  it('answers with the request as the pod saw it and its own name', () => {
    const body = echoBody(
      { method: 'GET', path: '/v2/a?x=1', host: 'rewritten.example', headers: [['x-tag', 'a']] },
      'echo-7d9f-abcde',
    );
    expect(body).toBe(
      '{"path":"/v2/a?x=1","host":"rewritten.example","method":"GET","headers":{"X-Tag":["a"]},"pod":"echo-7d9f-abcde"}',
    );
  });
});
