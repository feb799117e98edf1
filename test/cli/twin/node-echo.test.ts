// The Node stand-in for echo-basic answers as echo-basic does: the JSON (path with query, host, method, headers named
// as Go names them, namespace, pod), `/status/NNN`, and `?delay=`.
import { afterAll, describe, expect, it } from 'vitest';
import { LabProcesses } from '../../../src/cli/twin/lab-processes.js';
import { startEcho } from '../../../src/cli/twin/echo-servers.js';

describe('the Node echo server', () => {
  const lab = new LabProcesses();
  afterAll(() => lab.stopAll());
  it('answers echo-basic JSON, statuses and delays', { timeout: 20_000 }, async () => {
    const e = await startEcho(lab, 'node', 'pod-a', 'ns-1', '127.77.1.1');
    const base = `http://${e.address}:${e.port}`;
    const r = await fetch(`${base}/x/y?q=1`, { headers: { 'x-env': 'dev' } });
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      path: '/x/y?q=1',
      host: `${e.address}:${e.port}`,
      method: 'GET',
      namespace: 'ns-1',
      pod: 'pod-a',
    });
    expect((body.headers as Record<string, string[]>)['X-Env']).toEqual(['dev']);
    expect((await fetch(`${base}/status/503`)).status).toBe(503);
    const t0 = performance.now();
    await (await fetch(`${base}/slow?delay=300ms`)).text();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(290);
  });
});
