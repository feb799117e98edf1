// Split charts: the observed share per backend as bars with the configured weight's share marked by a tick,
// and per-pod request counts with the even share drawn as a rule (round robin's promise). Pure: step in, Vega-Lite spec out.
import type { TopLevelSpec } from 'vega-lite';
import type { BackendCount, StepResult } from '../../scenarios/run/run-result.js';
import type { SplitGroup } from '../split-groups.js';
import { CHART_CONFIG, CHART_WIDTH, barHeight, chartTitle } from './theme.js';

/** `Service/default/backend-us-east:3000` -> `backend-us-east:3000`: the name a reader knows from the manifest. */
export function shortBackend(backend: string): string {
  const i = backend.lastIndexOf('/');
  return i < 0 ? backend : backend.slice(i + 1);
}

export function splitShareSpec(title: string, group: SplitGroup): TopLevelSpec {
  const values = group.rows.map((r) => ({
    backend: shortBackend(r.backend),
    ref: r.backend,
    weight: r.weight,
    expected: r.expectedShare,
    observed: r.observedShare,
    count: r.count,
  }));
  const y = { field: 'backend', type: 'nominal' as const, sort: null, title: null };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Observed share per backend against the configured weights, ${group.route}`,
    title: chartTitle(
      title,
      `${group.route}: bars observed, black ticks the configured weight (${group.requests} requests)`,
    ),
    width: CHART_WIDTH,
    height: barHeight(values.length),
    config: CHART_CONFIG,
    data: { values },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: {
          x: {
            field: 'observed',
            type: 'quantitative',
            title: 'share of requests',
            axis: { format: '.0%' },
            scale: { domain: [0, 1] },
          },
          tooltip: [
            { field: 'ref', title: 'backend' },
            { field: 'count', title: 'requests' },
            { field: 'observed', title: 'observed', format: '.2%' },
            { field: 'expected', title: 'expected', format: '.2%' },
          ],
        },
      },
      {
        mark: { type: 'tick', color: '#000000', thickness: 3 },
        encoding: { x: { field: 'expected', type: 'quantitative' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 6, fontSize: 11 },
        encoding: { x: { field: 'observed', type: 'quantitative' }, text: { field: 'count', type: 'quantitative' } },
      },
    ],
  };
}

/** pods: the step's pods with zero rows for ready pods that got nothing (see step-pods.ts), sorted by name. */
export function podCountsSpec(
  title: string,
  step: StepResult,
  pods: readonly BackendCount[] = step.byBackend,
): TopLevelSpec {
  const sorted = [...pods].sort((a, b) => (a.pod < b.pod ? -1 : a.pod > b.pod ? 1 : 0));
  const values = sorted.map((b) => ({
    pod: b.pod,
    count: b.count,
    service: b.service,
    node: b.node,
    cluster: b.cluster,
  }));
  const served = pods.reduce((a, b) => a + b.count, 0);
  const even = values.length > 0 ? served / values.length : 0;
  const idle = values.filter((v) => v.count === 0).length;
  // Colour tells clusters apart (cluster mesh), else Services; with one of each it would say nothing.
  const colorField =
    new Set(values.map((v) => v.cluster)).size > 1
      ? 'cluster'
      : new Set(values.map((v) => v.service)).size > 1
        ? 'service'
        : null;
  const color =
    colorField === null
      ? { value: '#4c78a8' }
      : { field: colorField, type: 'nominal' as const, legend: { orient: 'bottom' as const } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    description: `Requests per backend pod, step ${step.index}`,
    title: chartTitle(
      title,
      `requests per pod${idle > 0 ? ` (${idle} of ${values.length} ready pods got none)` : ''}${values.length > 1 ? `; the dashed rule is an even share (${Number(even.toFixed(2))} each)` : ''}`,
    ),
    width: CHART_WIDTH,
    height: barHeight(values.length),
    config: CHART_CONFIG,
    layer: [
      {
        data: { values },
        mark: { type: 'bar' },
        encoding: {
          y: { field: 'pod', type: 'nominal', sort: null, title: null },
          x: { field: 'count', type: 'quantitative', title: 'requests' },
          color,
          tooltip: [
            { field: 'pod' },
            { field: 'count' },
            { field: 'service' },
            { field: 'node' },
            { field: 'cluster' },
          ],
        },
      },
      {
        data: { values },
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 11 },
        encoding: {
          y: { field: 'pod', type: 'nominal', sort: null },
          x: { field: 'count', type: 'quantitative' },
          text: { field: 'count', type: 'quantitative' },
        },
      },
      ...(values.length < 2
        ? []
        : [
            {
              data: { values: [{ even }] },
              mark: { type: 'rule' as const, color: '#000000', strokeDash: [4, 3], strokeWidth: 1.5 },
              encoding: { x: { field: 'even', type: 'quantitative' as const } },
            },
          ]),
    ],
  };
}
