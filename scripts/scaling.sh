#!/usr/bin/env bash
# scripts/scaling.sh [--jdk JAVA_HOME] [--results-dir DIR] [-- extra JMH args]
# How cost grows with work: requests 1, 10, 100, 1000 x latencyMs 0, 20 for every strategy, one short fork per
# row (about 40 minutes on 2 cores: 37 min on JDK 25 with the steady warm-up). Writes a run folder named ...-scaling-... (through
# scripts/run.sh) with the usual files plus scaling-L0.png/.svg and scaling-L20.png/.svg (time per request vs n,
# log-log). Extra JMH args replace the default of the same option (e.g. -i 1, -p latencyMs=0). When rows
# fail, the tables and charts of the rows that ran are still written, one error line names the failed rows,
# and the exit status is non-zero. The run folder is the last line on stdout.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"
run_args=()
while [ $# -gt 0 ]; do
  shared_option "$@"; [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
  case "$1" in
    --) shift; break ;;
    *) die "unknown option '$1' (extra JMH arguments go after --; see --help)" 2 ;;
  esac
done
one_jdk
[ ${#jdks[@]} -eq 0 ] || run_args+=(--jdk "${jdks[0]}")
[ -z "${results_dir:-}" ] || run_args+=(--results-dir "$results_dir")
# the default matrix and settings; an extra JMH arg replaces the default of the same option (for -p: of the
# same parameter), since JMH refuses an option given twice
defaults=(-p requests=1,10,100,1000 -p latencyMs=0,20 -f 1 -wi 2 -w 1s -i 3 -r 1s -prof gc)
given=" "
prev=""
for a in "$@"; do
  if [ "$prev" = -p ]; then given+="-p:${a%%=*} "; elif [[ "$a" == -* ]]; then given+="$a "; fi
  prev="$a"
done
jmh=()
for ((k = 0; k < ${#defaults[@]}; k += 2)); do
  opt="${defaults[$k]}" val="${defaults[$((k + 1))]}"
  if [ "$opt" = -p ]; then [[ "$given" == *" -p:${val%%=*} "* ]] && continue
  else [[ "$given" == *" $opt "* ]] && continue
  fi
  jmh+=("$opt" "$val")
done
ensure_jar
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
set +e
scripts/run.sh "${run_args[@]+"${run_args[@]}"}" --name scaling -- "${jmh[@]}" "$@" >"$out"
rc=$?
set -e
dir="$(tail -n1 "$out")"
if [ -z "$dir" ] || ! has_rows "$dir/results.json"; then
  # run.sh (or the launcher) has said why in one line
  [ $rc -ne 0 ] || die "the scaling run wrote no results"
  exit $rc
fi
status=$rc
report scaling "$dir/results.json" --out "$dir/scaling.png" || status=$((status == 0 ? 2 : status))
report scaling "$dir/results.json" --out "$dir/scaling.svg" || status=$((status == 0 ? 2 : status))
if [ $rc -ne 0 ]; then
  rows="$(failed_list "$dir/run.log")"
  echo "error: scaling run: ${rows:+failed rows: $rows; }JMH exited $rc; tables and charts of the rows that ran are in $dir" >&2
fi
echo "$dir"
exit $status
