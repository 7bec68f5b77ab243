#!/usr/bin/env bash
# scripts/scaling.sh [--jdk JAVA_HOME] [-- extra JMH args]
# How cost grows with work: requests 1, 10, 100, 1000 x latencyMs 0, 20 for every strategy, one short fork per
# row (bounded to finish in about 30 minutes on 2 cores). Writes a run folder named ...-scaling-... with the
# usual files plus scaling-L0.png/.svg and scaling-L20.png/.svg (time per request vs n, log-log).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
jdk_args=()
if [ "${1:-}" = "--jdk" ]; then jdk_args=(--jdk "$2"); shift 2; fi
[ "${1:-}" = "--" ] && shift
dir="$(scripts/run.sh "${jdk_args[@]+"${jdk_args[@]}"}" --name scaling -- \
  -p requests=1,10,100,1000 -p latencyMs=0,20 -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc "$@" | tail -1)"
[ -n "$dir" ] && [ -s "$dir/results.json" ] || { echo "error: the scaling run wrote no results" >&2; exit 1; }
report() { java -Djava.awt.headless=true -cp target/benchmarks.jar httpbench.report.ReportMain "$@"; }
report scaling "$dir/results.json" --out "$dir/scaling.png"
report scaling "$dir/results.json" --out "$dir/scaling.svg"
echo "$dir"
