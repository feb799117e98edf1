// What every client model is given by the wiring: the engine, its stream, where requests go, the request pool,
// the recorder, and where its printed lines and completion go. Clients never build topology.
import type { Engine } from '../../sim/engine.js';
import type { Rng } from '../../sim/rng.js';
import type { HttpRequest, RequestPool } from '../http/request.js';
import type { MetricsRecorder } from '../metrics/recorder.js';

/** The entry of the datapath: the network in front of the gateway. */
export interface Ingress {
  /** Sends a request at engine.now; the client's onResponse fires exactly once for it. */
  send(req: HttpRequest): void;
}

/** Names a connection the client opens: its id and source port (ids are global so Envoy can pick a worker per connection). */
export interface ConnectionIds {
  next(): number;
}

export interface ClientContext {
  engine: Engine;
  rng: Rng;
  ingress: Ingress;
  pool: RequestPool;
  recorder: MetricsRecorder;
  connections: ConnectionIds;
  /** Recorder step index that this client's requests count towards. */
  step: number;
  /** The pod name of a recorder pod index (for `jq .pod` lines). */
  podName(pod: number): string;
  /** Lines the workshop would print for this step. */
  print(line: string): void;
  /** Called once when the client has nothing left to send and every response is in. */
  done(): void;
}
