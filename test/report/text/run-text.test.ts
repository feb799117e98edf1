import { describe, it, expect } from 'vitest';
import { renderRunText } from '../../../src/report/text/run-text.js';
import { stripAnsi } from '../../../src/report/text/ansi.js';
import { formatTable } from '../../../src/report/text/table.js';
import { timelineLines, MAX_TIMELINE_LINES } from '../../../src/report/text/timeline-text.js';
import { styles } from '../../../src/report/text/ansi.js';
import { FIXTURES, loadFixture } from '../fixtures.js';

describe('renderRunText', () => {
  it('prints the workshop lines, the split table with its exact binomial p-value and the latency table (cluster mesh 99/1)', () => {
    const text = renderRunText(loadFixture('cluster-mesh'), { color: false });
    const lines = text.split('\n');
    const at = lines.indexOf('step 10: curl split  30.000s - 31.691s');
    expect(at).toBeGreaterThan(0);
    expect(lines.slice(at + 1, at + 13)).toEqual([
      '      494 backend-us-east-7f76b6f796-9dclj',
      '        6 backend-us-west-5cb5fb745d-8dqzr',
      '  500 requests (200: 500)',
      '  HTTPRoute/default/cluster-mesh rule 0: 500 requests',
      '    backend                                         weight  expected  observed  share',
      '    Service/default/backend-us-east:3000                99     99.0%       494  98.8%',
      '    Service/default/federated-backend-us-west:3000       1     1.00%         6  1.20%',
      '    exact binomial test: p = 0.6477',
      '  latency ms   mean    p50    p90    p99  p99.9    max',
      expect.stringMatching(/^ {14}\d+\.\d{3} +\d+\.\d+ +\d+\.\d+ +\d+\.\d+ +\d+\.\d+ +\d+\.\d+$/),
      '',
      '(10 steps without output: applies, deletes and waits)',
    ]);
  });

  it('prints the per-pod lines of the round-robin workshop and the run identity', () => {
    const r = loadFixture('round-robin');
    const text = renderRunText(r, { color: false });
    for (const b of r.steps[8].byBackend) expect(text).toContain(`  ${b.pod}: received 25 requests\n`);
    expect(text).toContain('  Requests/sec:\t');
    expect(text).toContain(`seed 1, scenario sha256 ${r.scenarioHash}, gwsim 0.1.0`);
    expect(text).toContain(`trace ${r.traceHash}`);
    expect(text).toContain('all 3 expectations hold');
  });

  it('flags a split that does not fit its weights, and failed expectations', () => {
    const r = loadFixture('ha-failover');
    r.expectations[1] = { ...r.expectations[1], ok: false };
    const text = renderRunText(r, { color: false });
    expect(text).toContain('exact binomial test: p = 0.0004: the split does not fit the weights');
    expect(text).toContain('  FAIL step 10 (line 34)');
    expect(text).toContain('1 of 2 expectations failed');
    expect(text).toMatch(
      / 45\.001s {2}outlier\.ejected {4}cluster=httproute\/default\/ha-failover\/rule\/0 host=10\.244\.1\.9:3000 pod=active-6d9c7b5f4-x2mqt reason=consecutiveLocalOriginFailure ejectionTimeS=10/,
    );
  });

  it('colour only when asked: no escape codes without it, the same text with them stripped', () => {
    for (const name of FIXTURES) {
      const plain = renderRunText(loadFixture(name), { color: false });
      const color = renderRunText(loadFixture(name), { color: true });
      expect(plain).not.toContain('\u001b[');
      expect(color).toContain('\u001b[1m');
      expect(stripAnsi(color)).toBe(plain);
    }
  });

  it('marks a partial run', () => {
    const r = loadFixture('round-robin');
    r.partial = true;
    r.stopReason = 'interrupted (SIGINT)';
    expect(renderRunText(r, { color: false })).toContain('PARTIAL RUN: stopped early (interrupted (SIGINT))');
  });
});

describe('formatTable and timeline', () => {
  it('pads left-aligned text and right-aligned numbers, ignoring colour codes in widths', () => {
    const st = styles(true);
    const lines = formatTable(
      ['a', 'n'],
      [
        [st.red('xyz'), '5'],
        ['w', '100'],
      ],
      ['left', 'right'],
    ).map(stripAnsi);
    expect(lines).toEqual(['a      n', 'xyz    5', 'w    100']);
  });
  it('caps the timeline and says how many events it left out', () => {
    const events = Array.from({ length: MAX_TIMELINE_LINES + 7 }, (_, i) => ({
      t: i,
      kind: 'config.pushed' as const,
      version: i,
    }));
    const lines = timelineLines(events, styles(false));
    expect(lines).toHaveLength(MAX_TIMELINE_LINES + 1);
    expect(lines[lines.length - 1]).toBe('  ... 7 more events in the JSON result');
  });
});
