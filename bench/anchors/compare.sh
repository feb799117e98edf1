#!/usr/bin/env bash
# Run gwsim's engine benchmark beside the anchors (C heap, ns-3, SimPy) in one run, and print ratios.
# Usage, from the project root:  bench/anchors/compare.sh [EVENTS]   (default 5000000)
# Needs: ./install.sh once (Debian packages), and the project's `npm run bench -- phold|mmc ... --json`.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
EVENTS="${1:-5000000}"
SEED="${SEED:-12345}"
RAW="$(mktemp)"; trap 'rm -f "$RAW"' EXIT
ENGINES="${ENGINES:-c ns3 simpy}" NS3_SCHEDULERS="${NS3_SCHEDULERS:-default pq}" RAW="$RAW" \
  "$HERE/run-anchors.sh" "$EVENTS" >/dev/null
rate() { awk -F'\t' -v e="$1" -v m="$2" '$1==e && $2==m {printf "%.0f", $3/$4; exit}' "$RAW"; }
gw() { npm run -s bench -- "$@" --json 2>/dev/null | tail -n 1 | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(Math.round(JSON.parse(s).eventsPerSecond)))'; }
g_phold=$(gw phold --events "$EVENTS")
g_mmc=$(gw mmc --customers $((EVENTS / 2)))
printf '%-28s %14s %14s\n' engine "PHOLD ev/s" "M/M/4 ev/s"
printf '%-28s %14s %14s\n' gwsim "$g_phold" "$g_mmc"
for e in c-heap2 c-heap4 "ns3-MapScheduler(default)" ns3-PriorityQueueScheduler simpy-callback simpy-resource; do
  p=$(rate "$e" phold); m=$(rate "$e" mmc)
  [ -n "$p$m" ] || continue
  printf '%-28s %14s %14s   gwsim/%s: PHOLD %s  M/M/4 %s\n' "$e" "${p:--}" "${m:--}" "$e" \
    "$( [ -n "$p" ] && awk -v a="$g_phold" -v b="$p" 'BEGIN{printf "%.2fx", a/b}' || echo -)" \
    "$( [ -n "$m" ] && awk -v a="$g_mmc" -v b="$m" 'BEGIN{printf "%.2fx", a/b}' || echo -)"
done
