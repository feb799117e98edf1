// Reading the real clients' output: curl -i (past a 100 Continue) and hey's status and error distributions.
import { describe, expect, it } from 'vitest';
import { parseCurlInclude, parseHey } from '../../../src/cli/twin/lab-clients.js';

describe('twin client output', () => {
  it('takes the last response of curl -i, its headers lower-cased', () => {
    const text = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 301 Moved Permanently\r\nLocation: https://x/\r\n\r\nbody';
    expect(parseCurlInclude(text)).toEqual({ status: 301, headers: [['location', 'https://x/']], body: 'body' });
    expect(parseCurlInclude('')).toBeNull();
  });
  it("counts hey's statuses and its errors as status 0", () => {
    const text =
      'Status code distribution:\n  [200]\t390 responses\n  [504]\t7 responses\n\nError distribution:\n  [3]\tGet "http://x": EOF\n';
    expect(parseHey(text)).toEqual({ 200: 390, 504: 7, 0: 3 });
  });
});
