// What went wrong in a run that the expectations may not say: a Gateway not Programmed (and why), a route not Accepted
// or with unresolved refs, a `${gateway:NAME}` that resolves to no address, a step whose every request failed. Each
// warning names its step and cause, once; the run result carries them (`warnings[]`) and every report prints them.
import type { World } from '../wiring/world.js';
import type { RunWarning, StepResult } from './run-result.js';

export class RunWarnings {
  readonly list: RunWarning[] = [];
  private readonly seen = new Set<string>();

  private add(step: number | null, kind: RunWarning['kind'], key: string, message: string): void {
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ step, kind, message });
  }

  /**
   * At a client step's start: every Gateway that is not Programmed and every route parent that is not Accepted or has
   * unresolved refs, as the controllers' status says now (each distinct cause once per run).
   */
  checkControlPlane(world: World, step: number): void {
    for (const c of world.clusters.values()) {
      const status = c.translation?.status;
      if (status === undefined) continue;
      const where = world.clusters.size > 1 ? ` in cluster ${c.name}` : '';
      for (const g of status.gateways) {
        const p = g.conditions.find((x) => x.type === 'Programmed');
        if (p === undefined || p.status === 'True') continue;
        this.add(
          step,
          'gateway-not-programmed',
          `gw|${c.name}|${g.namespace}/${g.name}|${p.reason}|${p.message}`,
          `Gateway ${g.namespace}/${g.name}${where} is not Programmed (${p.reason}): ${p.message}`,
        );
      }
      for (const r of status.routes)
        for (const parent of r.parents) {
          if (parent.controllerName === null) continue;
          for (const type of ['Accepted', 'ResolvedRefs'] as const) {
            const x = parent.conditions.find((k) => k.type === type);
            if (x === undefined || x.status === 'True') continue;
            const to = `${parent.parentRef.namespace}/${parent.parentRef.name}`;
            this.add(
              step,
              type === 'Accepted' ? 'route-not-accepted' : 'refs-unresolved',
              `route|${c.name}|${r.kind}/${r.namespace}/${r.name}|${to}|${type}|${x.reason}`,
              `${r.kind} ${r.namespace}/${r.name}${where} on Gateway ${to}: ${type} is ${x.status} (${x.reason}): ${x.message}`,
            );
          }
        }
    }
  }

  /** A `${gateway:NAME}` the step sends to has no address: its requests go nowhere. */
  unresolvedAddress(world: World, step: number, ref: string, namespace: string, name: string): void {
    let why = 'the Gateway has no address yet';
    for (const c of world.clusters.values()) {
      const g = c.translation?.status.gateways.find((x) => x.namespace === namespace && x.name === name);
      const p = g?.conditions.find((x) => x.type === 'Programmed');
      if (p !== undefined && p.status !== 'True') why = `Gateway ${namespace}/${name} is not Programmed: ${p.message}`;
    }
    this.add(
      step,
      'address-unresolved',
      `addr|${step}|${ref}`,
      `${ref} resolves to no address (${why}); the step's requests go nowhere`,
    );
  }

  /** After the run: a client step whose every request failed (no response, or 5xx). */
  checkOutcome(s: StepResult): void {
    if (s.requests === 0) return;
    let failed = 0;
    for (const [status, n] of Object.entries(s.statusCounts)) if (status === '0' || Number(status) >= 500) failed += n;
    if (failed < s.requests) return;
    const statuses = Object.entries(s.statusCounts)
      .map(([k, n]) => `${k === '0' ? 'no response' : k}: ${n}`)
      .join(', ');
    const what =
      s.requests === 1 ? "the step's only request failed" : `all ${s.requests} of the step's requests failed`;
    this.add(s.index, 'all-failed', `fail|${s.index}`, `${what} (${statuses})`);
  }
}
