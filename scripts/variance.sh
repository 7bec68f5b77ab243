#!/usr/bin/env bash
# scripts/variance.sh [--jdk JAVA_HOME] [--forks N] [--strategies a,b] [--poll-ns NS] [--results-dir DIR]
#                      [-- JMH args]
# Which settings narrow the spread between forks at latency 0, without changing the code that runs? One
# scripts/run.sh invocation (--name variance, fixed forks, interleaved) of four arms on one JDK (default: the java
# on PATH), rows --strategies (default floor,jdkAsync) at latency 0:
#   base   the default settings
#   twin   the default settings again: base and twin are an A/A pair, so their difference in spread is the noise
#          of a spread estimated from N forks, and a round that is slow in both says the machine, not the JVM
#   heap   a fixed, pre-touched heap (-Xms1g -Xmx1g -XX:+AlwaysPreTouch): no heap resizing inside a fork
#   poll   the guest kernel's halt polling on (/sys/module/haltpoll/parameters/guest_halt_poll_ns = NS, default
#          200000, during this arm's forks only): an idle vCPU spins up to NS before it halts, so a wake-up
#          (a socket read that was waiting) does not pay the hypervisor's halt exit and IPI. A machine setting,
#          not a JVM one: it changes what a wake-up costs on this VM, and so the numbers; the other arms run
#          with the value the machine had (0 on the reference machine: it halts at once).
# Each arm runs through a one-line -jvm wrapper that writes the arm's poll value before it starts the fork's JVM
# (needs root and a haltpoll cpuidle driver; without them the poll arm is left out, said in one line). The
# original value is restored at exit. Writes the four run folders, their compare folder (run.sh), and
# <results-dir>/<yyyy-mm-dd>-<short-host>-variance[-N]/study.md: per row and arm the fork means in round order,
# their CV, and the correlation of base's and twin's fork means over the rounds.
# JMH args after -- are added to every arm's (e.g. -- -p warmup=off -wi 0 -i 2 -r 100ms for a quick try).
# Takes about 4 x N x rows x 40 s (27 min at the defaults). Run it with nothing else running.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"
forks=5
strategies="floor,jdkAsync"
poll_ns=200000
results_dir="benchmarks-results"
while [ $# -gt 0 ]; do
  shared_option "$@"; [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
  case "$1" in
    --forks) [ $# -ge 2 ] && [[ "$2" =~ ^[2-9]$|^[1-9][0-9]+$ ]] || die "--forks needs a whole number >= 2" 2
             forks="$2"; shift 2 ;;
    --poll-ns) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "--poll-ns needs a whole number of ns >= 1" 2
             poll_ns="$2"; shift 2 ;;
    --) shift; break ;;
    *) die "unknown option '$1' (see --help)" 2 ;;
  esac
done
one_jdk
jdk="${jdks[0]:-$(path_java_home)}"
poll_file=/sys/module/haltpoll/parameters/guest_halt_poll_ns
wrappers="$(mktemp -d)"
original=""
if [ -w "$poll_file" ]; then original="$(cat "$poll_file")"; fi
restore() { [ -z "$original" ] || echo "$original" > "$poll_file"; rm -rf "$wrappers"; }
trap restore EXIT
wrapper() { # $1 = name, $2 = poll value or empty (leave it): prints the wrapper's path
  { echo '#!/bin/sh'
    [ -z "$2" ] || echo "echo $2 > $poll_file"
    echo "exec \"$jdk/bin/java\" \"\$@\""; } > "$wrappers/$1"
  chmod +x "$wrappers/$1"
  echo "$wrappers/$1"
}
w0="$(wrapper same "$original")"
variants=(--variant base="-jvm $w0" --variant twin="-jvm $w0"
          --variant heap="-jvm $w0 -jvmArgsAppend -Xms1g -jvmArgsAppend -Xmx1g -jvmArgsAppend -XX:+AlwaysPreTouch")
if [ -n "$original" ]; then
  variants+=(--variant poll="-jvm $(wrapper poll "$poll_ns")")
else
  echo "variance: no writable $poll_file (needs root and the haltpoll cpuidle driver): the poll arm is left out" >&2
fi
out="$(new_dir "$results_dir/$(date +%F)-$(short_host)-variance")"
set +e
scripts/run.sh --jdk "$jdk" --results-dir "$results_dir" --name variance --forks "$forks" "${variants[@]}" \
  -- -p strategy="$strategies" -p latencyMs=0 "$@" | tee "$out/folders.txt"
rc="${PIPESTATUS[0]}"
set -e
{
  echo "# Fork-to-fork spread at latency 0: base, twin (A/A), heap, poll"
  echo
  echo "\`scripts/variance.sh --jdk $jdk --forks $forks --strategies $strategies --poll-ns $poll_ns\`;" \
       "machine halt polling before the run: ${original:-not writable}. Run folders: $(paste -sd ' ' "$out/folders.txt")."
  echo "Fork means in ms per batch, in round order (round r ran fork r of every arm, in a random order); CV = standard"
  echo "deviation of the fork means / their mean."
  echo
  echo "| row | arm | ms per batch | fork means (rounds 1..$forks) | fork CV % |"
  echo "|---|---|---:|---|---:|"
  for d in $(cat "$out/folders.txt"); do
    [ -s "$d/tables.csv" ] || continue
    arm="${d##*-variance-}"; arm="${arm%%-*}"
    awk -F, -v arm="$arm" 'NR == 1 {for (i = 1; i <= NF; i++) c[$i] = i; next}
      $c["benchmark"] == "ConcurrentRequests.batch" {
        printf "| %s | %s | %.3f | %s | %.1f |\n", $c["strategy"], arm, $c["ms_per_batch"], $c["fork_means"], $c["fork_cv_pct"]}' \
      "$d/tables.csv"
  done | sort -t'|' -k2,2 -s
  echo
  echo "Correlation of base's and twin's fork means over the rounds (near +1: a round is slow for both, the machine"
  echo "moved; near 0: each fork on its own):"
  echo
} > "$out/study.md.tmp"
# base/twin correlation per row, from the table just written
while IFS= read -r s; do
  base="$(awk -F'|' -v s=" $s " '$2 == s && $3 == " base " {print $5}' "$out/study.md.tmp")"
  twin="$(awk -F'|' -v s=" $s " '$2 == s && $3 == " twin " {print $5}' "$out/study.md.tmp")"
  [ -n "$base" ] && [ -n "$twin" ] || continue
  awk -v s="$s" -v a="$base" -v b="$twin" 'BEGIN {n = split(a, x, " "); m = split(b, y, " ");
    if (n != m || n < 3) {printf "- %s: %d and %d rounds (3 or more are needed)\n", s, n, m; exit}
    for (i = 1; i <= n; i++) {sx += x[i]; sy += y[i]} mx = sx / n; my = sy / n
    for (i = 1; i <= n; i++) {sxy += (x[i] - mx) * (y[i] - my); sxx += (x[i] - mx)^2; syy += (y[i] - my)^2}
    if (sxx == 0 || syy == 0) printf "- %s: no spread\n", s
    else printf "- %s: r = %+.2f over %d rounds\n", s, sxy / sqrt(sxx * syy), n}' >> "$out/study.md.tmp"
done < <(tr ',' '\n' <<< "$strategies")
mv "$out/study.md.tmp" "$out/study.md"
echo "$out"
exit "$rc"
