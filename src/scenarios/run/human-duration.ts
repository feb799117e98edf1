// An object's AGE as kubectl prints it: apimachinery's HumanDuration (kubernetes/kubernetes
// staging/src/k8s.io/apimachinery/pkg/util/duration/duration.go at 008b365), about 2-3 significant figures.

const S = 1;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

/** `ns` of age as kubectl's AGE column shows it ("0s", "45s", "5m30s", "3h", "12d", "2y"). */
export function humanDuration(ns: number): string {
  const s = Math.trunc(ns / 1e9); // Go's int(d.Seconds()) truncates toward zero
  if (s < -1) return '<invalid>';
  if (s < 0) return '0s';
  if (s < 2 * M) return `${s}s`;
  const m = Math.floor(s / M);
  if (m < 10) {
    const rest = s % M;
    return rest === 0 ? `${m}m` : `${m}m${rest}s`;
  }
  if (m < 3 * 60) return `${m}m`;
  const h = Math.floor(s / H);
  if (h < 8) {
    const rest = m % 60;
    return rest === 0 ? `${h}h` : `${h}h${rest}m`;
  }
  if (h < 48) return `${h}h`;
  if (h < 8 * 24) {
    const rest = h % 24;
    return rest === 0 ? `${Math.floor(s / D)}d` : `${Math.floor(s / D)}d${rest}h`;
  }
  if (h < 2 * 365 * 24) return `${Math.floor(s / D)}d`;
  if (h < 8 * 365 * 24) {
    const y = Math.floor(h / (365 * 24));
    const d = Math.floor((h % (365 * 24)) / 24);
    return d === 0 ? `${y}y` : `${y}y${d}d`;
  }
  return `${Math.floor(h / (365 * 24))}y`;
}
