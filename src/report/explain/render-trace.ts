// `gwsim run --explain STEP:N` as text: one line per typed trace record (models/trace/request-trace.ts), stamped with
// the simulated time it was made at. The wording lives here, not in the models that record.
import type { LbRecord, PathRecord, ProxyRecord, TimedRecord } from '../../models/trace/request-trace.js';

function ms(ns: number): string {
  return `${(ns / 1e6).toFixed(3)} ms`;
}

function stamp(atNs: number): string {
  return `t=${(atNs / 1e9).toFixed(6)}s  `;
}

/** The explained request's story, a line per record (a route match's account takes several). */
export function renderTrace(records: readonly TimedRecord[]): string[] {
  const out: string[] = [];
  for (const r of records) {
    const t = stamp(r.atNs);
    if (r.kind === 'match') for (const line of r.lines) out.push(t + line);
    else out.push(t + describeRecord(r));
  }
  return out;
}

/** One record in words (a 'match' record's lines joined). */
export function describeRecord(r: PathRecord | ProxyRecord | LbRecord): string {
  switch (r.kind) {
    case 'sent': {
      const port = r.port === (r.scheme === 'http' ? 80 : 443) ? '' : `:${r.port}`;
      const cookie = r.cookie ? ` Cookie: ${r.cookie}` : '';
      return `request ${r.ordinal} of step ${r.step}: ${r.method} ${r.scheme}://${r.address}${port}${r.pathAndQuery} Host: ${r.host}${cookie} from ${r.from} (${r.sourceIp}:${r.sourcePort})`;
    }
    case 'noGateway':
      return `no Gateway has address ${JSON.stringify(r.address)}: the connection goes nowhere`;
    case 'noLocalEnvoy':
      return `enters the cluster at ${r.node}, which runs no Ready Envoy of the gateway: externalTrafficPolicy Local drops it`;
    case 'entered': {
      const via = r.via === 'bgp' ? "the router's route to the LB IP" : 'the node answering ARP for the LB IP';
      const connection =
        r.handshakeNs > 0 ? ` after a ${ms(r.handshakeNs)} TCP handshake (new connection)` : ' (connection reused)';
      return `${r.from} -> ${r.node}: enters the cluster at ${r.node} (${via}), ${ms(r.wireNs)} on the wire${connection}`;
    }
    case 'toPod':
      return `Envoy -> pod ${r.namespace}/${r.pod} on ${r.node} (${r.address}:${r.port}): ${ms(r.wireNs)} on the wire`;
    case 'podAccepted':
      return `pod ${r.pod} accepts it (${r.inFlight} in flight there now, concurrency ${r.concurrency ?? 'unlimited'})`;
    case 'podQueueFull':
      return `pod ${r.pod}'s queue is full: 503`;
    case 'podRefused':
      return `pod ${r.pod} refuses the connection: ${r.running ? `nothing listens on port ${r.port} (the server listens on ${r.listenPorts.join(', ')})` : 'the container is not running'}`;
    case 'podAnswered':
      return `pod ${r.pod} answers ${r.status} after ${ms(r.busyNs)} (queueing + service); ${r.backNs >= 0 ? `${ms(r.backNs)} back to Envoy` : 'the answer is lost on the way back'}`;
    case 'answered':
      return `Envoy answers ${r.status}${r.message !== null ? ` (${r.message})` : ''}; ${ms(r.backNs)} back to the client`;
    case 'total':
      return `total latency ${ms(r.latencyNs)}`;
    case 'lost':
      return r.refused
        ? `refused: ${r.message}; the client is told at once`
        : `lost: ${r.message}; the client hears nothing until its own timeout`;
    case 'arrival':
      return `Envoy ${r.proxy} on ${r.node}: the connection (#${r.connection}, from ${r.sourceIp}:${r.sourcePort}) is on worker ${r.worker} of ${r.workers} (the kernel's SO_REUSEPORT hash picks a worker per connection)`;
    case 'workerCpu':
      return `worker ${r.worker}'s CPU: the ${r.phase} waits ${ms(r.waitNs)} behind the worker's earlier work, then takes ${ms(r.workNs)}`;
    case 'noConfig':
      return 'no configuration has been pushed to this Envoy yet: the connection is refused';
    case 'match':
      return r.lines.join('\n');
    case 'cluster': {
      const panic = r.panic ? ' (in panic: every host of the priority is eligible)' : '';
      const b = r.backendRef;
      const ref = b === null ? '' : `; backendRef ${b.label} (weight ${b.weight}${b.fallback ? ', fallback' : ''})`;
      const hosts =
        r.unhealthy.length === 0 ? 'no host ejected or unhealthy' : `unhealthy or ejected: ${r.unhealthy.join(', ')}`;
      return `cluster ${r.cluster}: load balancer ${r.policy}; priority ${r.priority}${panic}${ref}; ${hosts}`;
    }
    case 'picked':
      return `picked ${r.host} (${r.active} requests already active on it across all workers)`;
    case 'noHost':
      return `no host to pick: ${r.reason} -> 503`;
    case 'setCookie':
      return `Envoy generated a cookie and answers with Set-Cookie: ${r.cookie}`;
    case 'retry':
      return `retry ${r.attempt} of ${r.numRetries} after ${r.backoffMs} ms back-off (${r.cause})`;
    case 'routeTimeout':
      return `the route timeout (${r.timeoutNs / 1e9} s) passes before the response: Envoy resets the upstream request and answers 504`;
    case 'mirror':
      return `RequestMirror: a copy goes to cluster ${r.cluster}${r.host === null ? `, which has no host (${r.noHostReason}): dropped` : `, host ${r.host}`}`;
    case 'lb.edf':
      return `RoundRobin (weighted: EDF schedule): ${r.host} (weight ${r.weight})`;
    case 'lb.cursor':
      return `RoundRobin: this worker's cursor is at index ${r.index} of ${r.hosts} hosts -> ${r.host}`;
    case 'lb.leastRequestEdf':
      return `LeastRequest (weighted EDF, weight / (active + 1)^${r.activeRequestBias}): ${r.host} with ${r.active} active`;
    case 'lb.sample':
      return `LeastRequest sample ${r.sample} of ${r.choiceCount}: ${r.host} with ${r.active} active requests`;
    case 'lb.keep':
      return `LeastRequest keeps ${r.host} (a later sample replaces the first only with strictly fewer active requests)`;
    case 'lb.random':
      return `Random: random() % ${r.hosts} = ${r.index} -> ${r.host}`;
    case 'lb.hash': {
      const slot = r.slot === null ? '' : ` (${r.slot.what} ${r.slot.index} of ${r.slot.of})`;
      return `${r.policy}: ${r.hashed ? 'request hash' : 'no hash, random 64-bit value'} ${r.value} -> ${r.host ?? 'no host'}${slot}`;
    }
  }
}
