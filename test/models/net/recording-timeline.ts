// Test helper: a TimelineSink that records (ns time, kind, fields) so tests can assert exact sequences.
import type { Engine } from '../../../src/sim/engine.js';
import type { TimelineSink } from '../../../src/models/metrics/timeline.js';

export interface Recorded {
  readonly t: number;
  readonly kind: string;
  readonly fields: Record<string, unknown>;
}

export class RecordingTimeline implements TimelineSink {
  readonly events: Recorded[] = [];
  constructor(private readonly engine: Engine) {}
  emit(kind: string, fields: Record<string, unknown> = {}): void {
    this.events.push({ t: this.engine.now, kind, fields });
  }
  /** `t kind key=value...` lines with only the named fields, for compact exact assertions. */
  lines(...keys: string[]): string[] {
    return this.events.map((e) =>
      [e.t, e.kind, ...keys.filter((k) => e.fields[k] !== undefined).map((k) => `${k}=${String(e.fields[k])}`)].join(
        ' ',
      ),
    );
  }
}
