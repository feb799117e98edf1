// Which behaviour a pod gets: the first `spec.backends` rule whose selector (and namespace/cluster, when given)
// matches the pod's labels, else the scenario's default (the echo server). Resolved scenario -> model config.
import type { BackendBehaviour } from '../../models/backend/behaviour.js';
import type { ServiceTimeConfig } from '../../models/backend/service-time.js';
import type { Pod } from '../../models/k8s/pod.js';
import type { ResolvedBackendBehaviour, ResolvedScenario } from '../schema/resolved.js';

export function behaviourFor(scenario: ResolvedScenario, pod: Pod, cluster: string): BackendBehaviour {
  const rule = scenario.backends.find(
    (b) =>
      (b.namespace === null || b.namespace === pod.namespace) &&
      (b.cluster === null || b.cluster === cluster) &&
      Object.entries(b.selector).every(([k, v]) => pod.labels[k] === v),
  );
  return toBehaviour(rule ?? scenario.defaultBackend);
}

function toBehaviour(b: ResolvedBackendBehaviour): BackendBehaviour {
  return {
    serviceTime: serviceTime(b),
    concurrency: b.concurrency ?? Infinity,
    queueLimit: b.queueLimit ?? Infinity,
    errorRate: b.errorRate,
    errorStatus: b.errorStatus,
    slowFraction: 0,
    slowFactor: 1,
  };
}

function serviceTime(b: ResolvedBackendBehaviour): ServiceTimeConfig {
  const st = b.serviceTime;
  switch (st.distribution) {
    case 'constant':
      return { distribution: 'constant', meanNs: st.meanNs };
    case 'exponential':
      return { distribution: 'exponential', meanNs: st.meanNs };
    case 'lognormal': {
      // sigma is the log-space standard deviation; cv = sqrt(exp(sigma^2) - 1).
      return { distribution: 'lognormal', meanNs: st.meanNs, cv: Math.sqrt(Math.exp(st.sigma * st.sigma) - 1) };
    }
    case 'empirical': {
      // Weighted values: expand integer-ish weights into a sample table (the table is small and built once).
      const samples: number[] = [];
      const minW = Math.min(...st.weights.filter((w) => w > 0));
      st.valuesNs.forEach((v, i) => {
        const copies = Math.max(0, Math.round(st.weights[i] / minW));
        for (let k = 0; k < Math.min(copies, 10_000); k++) samples.push(v);
      });
      return { distribution: 'empirical', samplesNs: samples.length > 0 ? samples : st.valuesNs };
    }
  }
}
