#!/usr/bin/env bash
# scripts/run.sh [--jdk JAVA_HOME]... [--variant LABEL="JMH ARGS"]... [--forks N] [--seed S] [--name LABEL]
#                [-- JMH args]
# Runs the suite and writes one folder per JDK (default: the java on PATH), or per JDK x variant:
#   benchmarks-results/<yyyy-mm-dd>-<jdk-version>-<short-host>[-<name>][-<variant>][-N]/
#     results.json environment.json run.log tables.md tables.csv chart.svg chart.png chart-log.svg chart-log.png
#     report.html (one self-contained page: environment, dot plots of every fork, tables)
# With two or more JDKs or variants the runs are interleaved (randomized multiple interleaved trials, Abedi &
# Brecht, ICPE 2017) instead of one suite after the other: each of the F forks of each arm is its own JMH
# invocation with -f 1, in F rounds of one fork per arm, each round in its own random order (blocked
# randomization, as in Abedi & Brecht's trials: printed as "order: 17#1 25#1 | 25#2 17#2"), each writing
# <folder>/forks/<arm>-<i>.json; `report merge` then makes each folder's results.json from its fork files. Then
# benchmarks-results/<date>-compare-<A>-vs-<B>-<host>/ gets compare.md, the charts and report.html (with a forest
# plot of the ratios) of all arms together.
#   --forks N    a fixed number of forks per arm (F), as JMH runs them; the same as -f N in the JMH args
#   (neither)    adaptive forks: every row gets the minimum (@Fork of ConcurrentRequests, 3), then, round by round,
#                one more fork for each row whose fork-level 95 % interval is still wider than --target, widest
#                first, until every row meets it or --budget runs out (each round's forks interleaved across the
#                arms in a random order, printed; one arm runs this way too). Each extra round prints
#                "== adaptive round K: ..." with the rows still wide and the budget left (every round from the
#                second prints "== round K of F done: ..." with the same, also with --forks); the tables say per row
#                the precision reached and, for a row that did not reach the target, the forks it would need.
#   --target PCT the precision target of adaptive forks (default 5: within ±5 %)
#   --budget MIN minutes of JMH time per arm for the whole adaptive run, pooled across arms (default 25: the
#                3-fork minimum alone takes 19-22 min per JDK on the reference machine with the settling warm-up,
#                so 25 leaves 3-6 min per JDK for the rounds that add forks; 20 left none)
#   --seed S     seed of the random order (same seed, same order); default: random, printed
#   --order-only print the order line the run would follow (with --seed, the same one) and exit; runs nothing
#                (adaptive: it reads the fork minimum from the jar, java -jar target/benchmarks.jar --defaults)
#   --variant LABEL="JMH ARGS"  an arm that adds these JMH args (split at spaces) to the common ones, e.g.
#                --variant g1="-jvmArgsAppend -XX:+UseG1GC" --variant par="-jvmArgsAppend -XX:+UseParallelGC"; label:
#                letters, digits, . _ - ; JDKs x variants are all crossed. A variant should change settings
#                (JVM flags, JMH options), not row parameters: the compare folder pairs rows by their -p values.
#                (Comparing two jars: not supported.)
#   --name LABEL a suffix for the folder names
#   --results-dir DIR  where the run folders go (default: benchmarks-results)
# Existing folders are never overwritten (a -2, -3 ... suffix is added). JMH's output goes to stderr and run.log;
# stdout gets each run folder as it is done, so the last line is the (last) run folder. A failed JMH run or fork
# keeps what it wrote, gets one error line naming the failed rows, and makes the exit status non-zero.
# target/benchmarks.jar is rebuilt first when missing or stale (scripts/lib.sh ensure_jar).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"
jdks=()
variants=()
label=""
results_dir="benchmarks-results"
forks=""
seed=""
target=5
budget=25
order_only=0
while [ $# -gt 0 ]; do
  shared_option "$@"; [ "$taken" -eq 0 ] || { shift "$taken"; continue; }
  case "$1" in
    --variant) [ $# -ge 2 ] || die "--variant needs LABEL=\"JMH ARGS\"" 2
           [[ "$2" =~ ^[A-Za-z0-9._-]+= ]] || die "--variant '$2': expected LABEL=\"JMH ARGS\" (label: letters, digits, . _ -)" 2
           for v in "${variants[@]+"${variants[@]}"}"; do
             [ "${v%%=*}" != "${2%%=*}" ] || die "--variant ${2%%=*} is given twice" 2
           done
           variants+=("$2"); shift 2 ;;
    --forks) [ $# -ge 2 ] && [[ "$2" =~ ^[1-9][0-9]*$ ]] || die "--forks needs a whole number >= 1" 2
           forks="$2"; shift 2 ;;
    --target) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] && awk -v t="$2" 'BEGIN {exit !(t > 0 && t < 100)}' \
             || die "--target needs a percentage above 0 and below 100" 2
           target="$2"; shift 2 ;;
    --budget) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+([.][0-9]+)?$ ]] && awk -v t="$2" 'BEGIN {exit !(t > 0)}' \
             || die "--budget needs minutes above 0" 2
           budget="$2"; shift 2 ;;
    --seed) [ $# -ge 2 ] && [[ "$2" =~ ^[0-9]+$ ]] || die "--seed needs a whole number" 2
           seed="$2"; shift 2 ;;
    --order-only) order_only=1; shift ;;
    --name) [ $# -ge 2 ] && [[ "$2" =~ ^[A-Za-z0-9._-]+$ ]] || die "--name needs a label (letters, digits, . _ -)" 2
           label="-$2"; shift 2 ;;
    --) shift; break ;;
    *) die "unknown option '$1' (JMH arguments go after --; see --help)" 2 ;;
  esac
done
jmh_args=("$@")
if [ ${#jdks[@]} -eq 0 ]; then
  home="$(path_java_home)"
  jdks+=("$home")
fi

# -f N in the JMH args is the fork count; it must agree with --forks
f_arg=""
rest=()
i=0
while [ $i -lt ${#jmh_args[@]} ]; do
  a="${jmh_args[$i]}"
  case "$a" in
    -f) [ $((i + 1)) -lt ${#jmh_args[@]} ] || die "JMH option -f needs a number" 2
        f_arg="${jmh_args[$((i + 1))]}"; i=$((i + 2)); continue ;;
    -f[0-9]*) f_arg="${a#-f}"; i=$((i + 1)); continue ;;
  esac
  rest+=("$a"); i=$((i + 1))
done
if [ -n "$f_arg" ]; then
  [[ "$f_arg" =~ ^[1-9][0-9]*$ ]] || die "JMH option -f $f_arg: interleaved and merged runs need a whole number >= 1" 2
  [ -z "$forks" ] || [ "$forks" = "$f_arg" ] || die "--forks $forks and -f $f_arg disagree; give one" 2
  forks="$f_arg"
fi
fork_source="JMH args -f"
[ -n "$forks" ] && [ -z "$f_arg" ] && fork_source="--forks"
adaptive=0
if [ -z "$forks" ]; then
  adaptive=1
  ensure_jar
  forks="$(suite_default forks)"
  [[ "$forks" =~ ^[1-9][0-9]*$ ]] || die "cannot read the default fork count from the jar (java -jar $JAR --defaults); pass --forks N" 2
  fork_source="@Fork of ConcurrentRequests, then adaptive: target ±$target %, budget $budget min per arm"
fi
# the JMH args without -p: an extra round names every parameter of the rows it runs
rest_nop=()
i=0
while [ $i -lt ${#rest[@]} ]; do
  case "${rest[$i]}" in
    -p) i=$((i + 2)); continue ;;
    -prof*) ;; # -prof NAME (and -profNAME) stay: only -p NAME=V and -pNAME=V are parameters
    -p*=*) i=$((i + 1)); continue ;;
  esac
  rest_nop+=("${rest[$i]}"); i=$((i + 1))
done

# the default run includes the allocation profiler (bytes per batch and per request)
has_prof=0
for a in "${jmh_args[@]+"${jmh_args[@]}"}" "${variants[@]+"${variants[@]}"}"; do case "$a" in -prof*|*[=\ ]-prof*) has_prof=1 ;; esac; done
[ $has_prof -eq 1 ] || rest+=(-prof gc)

host="$(short_host)"
day="$(date +%F)"
status=0
# a report step that fails has already printed its one line; note it and go on with the next step
step() { report "$@" || status=$((status == 0 ? 2 : status)); }

# the arms: JDK x variant, each with a key (for the order line and fork files), a display name and a folder
arm_jdk=(); arm_version=(); arm_key=(); arm_args=(); arm_dir=(); arm_name=(); arm_vlabel=()
[ ${#variants[@]} -gt 0 ] || variants=("=")
declare -A seen_key=()
for jdk in "${jdks[@]}"; do
  version="$(java_version "$jdk/bin/java")"
  [ -n "$version" ] || die "--jdk $jdk: cannot read java.version from its bin/java" 2
  for v in "${variants[@]}"; do
    vlabel="${v%%=*}"; vargs="${v#*=}"
    key="${version%%.*}"; [ -z "$vlabel" ] || key="$key-$vlabel"
    [ ${#jdks[@]} -gt 1 ] || [ -z "$vlabel" ] || key="$vlabel"
    k="$key"; n=2
    while [ -n "${seen_key[$k]:-}" ]; do k="$key.$n"; n=$((n + 1)); done
    seen_key[$k]=1
    arm_jdk+=("$jdk"); arm_version+=("$version"); arm_key+=("$k"); arm_args+=("$vargs"); arm_vlabel+=("$vlabel")
    arm_name+=("$version${vlabel:+-$vlabel}")
    arm_dir+=("")
  done
done
arms=${#arm_key[@]}

# the interleaved order: F rounds, each one fork of every arm in a random order of its own (blocked randomization:
# a plain shuffle of all F x arms forks can put one arm's forks first, e.g. 17#1 17#2 17#3 25#1 25#2 25#3, which is
# the back-to-back method again; seen with seed 799753703). An arm's forks are numbered in the order they run.
order=(); line=""
if [ "$arms" -gt 1 ] || [ "$adaptive" -eq 1 ]; then
  [ -n "$seed" ] || seed=$(( (RANDOM << 15) | RANDOM ))
  for r in $(seq 1 "$forks"); do
    # shuf's --random-source: a byte stream determined by the seed and the round, so --seed S repeats the order
    mapfile -t round < <(seq 0 $((arms - 1)) \
      | shuf --random-source=<(openssl enc -aes-128-ctr -pass "pass:$seed-$r" -nosalt -pbkdf2 </dev/zero 2>/dev/null \
          || yes "$seed-$r"))
    [ ${#round[@]} -eq "$arms" ] || die "could not shuffle the fork order (shuf)"
    for a in "${round[@]}"; do order+=("$a:$r"); done
  done
  line="order: "
  for i in "${!order[@]}"; do
    t="${order[$i]}"
    [ "$i" -eq 0 ] || [ $((i % arms)) -ne 0 ] || line+="| "
    line+="${arm_key[${t%%:*}]}#${t#*:} "
  done
  line="${line% } (seed $seed; forks: $forks per arm, from $fork_source)"
fi
if [ "$order_only" -eq 1 ]; then
  [ "$arms" -gt 1 ] || [ "$adaptive" -eq 1 ] \
    || die "--order-only: one arm runs as one JMH invocation, in no order; give two --jdk or --variant" 2
  # adaptive: the minimum rounds' order; the extra rounds are drawn from the same seed as they come
  echo "$line"
  exit 0
fi
ensure_jar

# every arm's fork files so far, as KEY=FILE arguments of `report plan`
plan_args=()
collect_forks() {
  plan_args=()
  local b j
  for b in $(seq 0 $((arms - 1))); do
    for j in "${arm_dir[$b]}"/forks/*.json; do [ -s "$j" ] && plan_args+=("${arm_key[$b]}=$j"); done
  done
}
# a progress line: to stderr and into every arm's run.log
say() {
  local b
  echo "$1" >&2
  for b in $(seq 0 $((arms - 1))); do echo "$1" >> "${arm_dir[$b]}/run.log"; done
}
budget_total="$(awk -v b="$budget" -v n="$arms" 'BEGIN {print b * n}')"

# one arm's JMH invocation; $1 = arm index, $2 = JSON file, rest = extra JMH args; appends to the arm's run.log.
# JMH_COMMON (default: the common args) can be replaced, e.g. by the args without -p for an extra round.
jmh() {
  local a="$1" json="$2"; shift 2
  local extra=()
  # the variant's args, split at spaces (documented in --help)
  read -r -a extra <<< "${arm_args[$a]}"
  local t0=$SECONDS
  "${arm_jdk[$a]}/bin/java" -jar "$JAR" -rf json -rff "$json" "$@" "${common[@]+"${common[@]}"}" \
    "${extra[@]+"${extra[@]}"}" 2>&1 | tee -a "${arm_dir[$a]}/run.log" >&2
  local rc="${PIPESTATUS[0]}"
  jmh_seconds=$((jmh_seconds + SECONDS - t0))
  if [ -s "$json" ]; then row_forks=$((row_forks + $(grep -c '"benchmark"' "$json"))); fi
  return "$rc"
}
common=("${rest[@]+"${rest[@]}"}")
jmh_seconds=0
row_forks=0

# another JMH run holds JMH's lock: JMH refuses to start (its ERROR line says so), exit 1
locked() { tail -n 3 "${arm_dir[$1]}/run.log" | grep -q 'Unable to acquire the JMH lock'; }

for a in $(seq 0 $((arms - 1))); do
  arm_dir[$a]="$(new_dir "$results_dir/$day-${arm_version[$a]}-$host$label${arm_vlabel[$a]:+-${arm_vlabel[$a]}}")"
done
for a in $(seq 0 $((arms - 1))); do
  echo "== ${arm_key[$a]}: JDK ${arm_version[$a]} (${arm_jdk[$a]})${arm_args[$a]:+ + ${arm_args[$a]}} -> ${arm_dir[$a]}" >&2
done

declare -A failed=()
refused=0 # the launcher refused the arguments (exit 2) before any fork: its line says why
if [ "$arms" -eq 1 ] && [ "$adaptive" -eq 0 ]; then
  # one arm: one JMH invocation with all its forks, as JMH runs them
  dir="${arm_dir[0]}"
  echo "forks: $forks ($fork_source)" | tee -a "$dir/run.log" >&2
  set +e
  jmh 0 "$dir/results.json" -f "$forks"
  rc=$?
  set -e
  [ $rc -eq 0 ] || { status=$rc; failed[0]="the JMH run exited $rc"; }
  if [ $rc -eq 2 ] || locked 0; then refused=1; fi
else
  # interleaved: F forks per arm, each a -f 1 invocation, in the order drawn above
  for a in $(seq 0 $((arms - 1))); do mkdir "${arm_dir[$a]}/forks"; done
  say "$line"
  total=${#order[@]}; done_n=0
  declare -A extra_files=()
  for t in "${order[@]}"; do
    a="${t%%:*}"; f="${t#*:}"; done_n=$((done_n + 1))
    msg="== [$done_n/$total] ${arm_key[$a]}#$f: JDK ${arm_version[$a]}${arm_args[$a]:+ + ${arm_args[$a]}}"
    echo "$msg" >&2; echo "$msg" >> "${arm_dir[$a]}/run.log"
    set +e
    jmh "$a" "${arm_dir[$a]}/forks/${arm_key[$a]}-$f.json" -f 1
    rc=$?
    set -e
    if { [ $rc -eq 2 ] || locked "$a"; } && [ ! -s "${arm_dir[$a]}/forks/${arm_key[$a]}-$f.json" ]; then
      status=$rc; refused=1; break # refused before any fork, and the next invocation would be too: stop here
    fi
    if [ $rc -ne 0 ]; then
      status=$rc
      failed[$a]="${failed[$a]:+${failed[$a]}; }fork $f exited $rc"
    fi
    # progress after each round from the second (one fork per row has no interval yet): the rows within the
    # target, the widest ones with their precision, the JMH time so far and, adaptive, the budget
    if [ $((done_n % arms)) -eq 0 ] && [ "$f" -ge 2 ]; then
      collect_forks
      summary="$(report plan --target "$target" --min-forks 1 --max-row-forks 0 "${plan_args[@]}" 2>&1 >/dev/null || true)"
      msg="== round $f of $forks done: ${summary:-no rows yet}; $(awk -v s="$jmh_seconds" 'BEGIN {printf "%.1f", s / 60}') min of JMH so far"
      [ "$adaptive" -eq 0 ] || msg="$msg of a $budget_total min budget"
      say "$msg"
    fi
  done
  # adaptive: extra rounds while rows are wider than the target and the budget allows
  round=$forks
  budget_s=$(awk -v b="$budget" -v n="$arms" 'BEGIN {printf "%d", b * 60 * n}')
  while [ "$adaptive" -eq 1 ] && [ $refused -eq 0 ] && [ "$row_forks" -gt 0 ]; do
    left=$((budget_s - jmh_seconds))
    fit=$(( left > 0 ? left * row_forks / (jmh_seconds > 0 ? jmh_seconds : 1) : 0 ))
    collect_forks
    mapfile -t plan < <(report plan --target "$target" --min-forks "$forks" --max-row-forks "$fit" \
      "${plan_args[@]}" 2> "$results_dir/.plan-$$.txt")
    summary="$(cat "$results_dir/.plan-$$.txt")"; rm -f "$results_dir/.plan-$$.txt"
    round=$((round + 1))
    left_min=$(awk -v s="$left" 'BEGIN {printf "%.1f", (s > 0 ? s : 0) / 60}')
    if [ ${#plan[@]} -eq 0 ]; then
      case "$summary" in
        every\ row*) msg="== adaptive forks done: $summary; $left_min of $budget_total min budget left" ;;
        *) msg="== adaptive forks stopped, budget spent: $summary" ;;
      esac
      say "$msg"
      break
    fi
    say "== adaptive round $round: $summary; $left_min of $budget_total min budget left"
    # this round's invocations in a random order drawn from the seed and the round
    mapfile -t idx < <(seq 0 $((${#plan[@]} - 1)) \
      | shuf --random-source=<(openssl enc -aes-128-ctr -pass "pass:$seed-$round" -nosalt -pbkdf2 </dev/zero 2>/dev/null \
          || yes "$seed-$round"))
    k=0
    for p in "${idx[@]}"; do
      key="${plan[$p]%%$'\t'*}"; pargs="${plan[$p]#*$'\t'}"; k=$((k + 1))
      for a in $(seq 0 $((arms - 1))); do [ "${arm_key[$a]}" = "$key" ] && break; done
      j="${arm_dir[$a]}/forks/$key-$round-$k.json"
      m="== [round $round, $k/${#plan[@]}] $key: $pargs"
      echo "$m" >&2; echo "$m" >> "${arm_dir[$a]}/run.log"
      read -r -a pa <<< "$pargs"
      common=("${rest_nop[@]+"${rest_nop[@]}"}")
      set +e
      jmh "$a" "$j" -f 1 "${pa[@]}"
      rc=$?
      set -e
      common=("${rest[@]+"${rest[@]}"}")
      [ ! -s "$j" ] || extra_files[$a]="${extra_files[$a]:-} $j"
      if [ $rc -ne 0 ]; then
        status=$rc
        failed[$a]="${failed[$a]:+${failed[$a]}; }extra fork $round-$k exited $rc"
        break 2 # a failing fork would be planned again and again: stop adding forks, keep what ran
      fi
    done
  done
  [ $refused -eq 1 ] || for a in $(seq 0 $((arms - 1))); do
    files=()
    for f in $(seq 1 "$forks"); do
      j="${arm_dir[$a]}/forks/${arm_key[$a]}-$f.json"
      if [ -s "$j" ]; then files+=("$j")
      else failed[$a]="${failed[$a]:+${failed[$a]}; }fork $f wrote no results"; status=$((status == 0 ? 1 : status))
      fi
    done
    [ ${#files[@]} -gt 0 ] || continue
    set +e
    read -r -a xs <<< "${extra_files[$a]:-}"
    report merge "${files[@]}" ${xs[0]:+--extra "${xs[@]}"} --out "${arm_dir[$a]}/results.json" 2>&1 \
      | tee -a "${arm_dir[$a]}/run.log" >&2
    rc=${PIPESTATUS[0]}
    set -e
    [ $rc -eq 0 ] || { status=$((status == 0 ? 1 : status)); failed[$a]="${failed[$a]:+${failed[$a]}; }merge: some rows lack forks"; }
  done
fi

if [ $refused -eq 1 ]; then # nothing ran: no empty folders left behind, the launcher's (JMH's) line says why
  for a in $(seq 0 $((arms - 1))); do rm -rf "${arm_dir[$a]}"; done
  exit "$status"
fi
runs=(); names=()
for a in $(seq 0 $((arms - 1))); do
  dir="${arm_dir[$a]}"
  what="${arm_key[$a]} (JDK ${arm_version[$a]})"
  if [ -n "${failed[$a]:-}" ]; then
    rows="$(failed_list "$dir/run.log")"
    if has_rows "$dir/results.json"; then
      echo "error: $what: ${failed[$a]}${rows:+; failed rows: $rows}; the rows that ran are in $dir" >&2
    else
      echo "error: $what: ${failed[$a]}${rows:+; failed rows: $rows}; no results (see $dir/run.log)" >&2
    fi
  fi
  env_args="-f $forks ${rest[*]:-}${arm_args[$a]:+ ${arm_args[$a]}}"
  [ "$arms" -eq 1 ] && [ "$adaptive" -eq 0 ] || env_args="$env_args (interleaved: $forks invocations of -f 1; ${line:-})"
  if [ "$adaptive" -eq 1 ]; then
    read -r -a xs <<< "${extra_files[$a]:-}"
    env_args="$env_args (adaptive: target ±$target %, budget $budget min per arm; ${#xs[@]} extra invocations for this arm; $(awk -v s="$jmh_seconds" 'BEGIN {printf "%.1f", s / 60}') min of JMH time for all arms)"
  fi
  if has_rows "$dir/results.json" && report env --results "$dir/results.json" --out "$dir/environment.json" \
       --jmh-args "$env_args"; then
    step tables "$dir/results.json" --out "$dir/tables.md"
    step tables --csv "$dir/results.json" --out "$dir/tables.csv"
    step chart "$dir/results.json" --out "$dir/chart.svg"
    step chart "$dir/results.json" --out "$dir/chart.png"
    step chart "$dir/results.json" --log --out "$dir/chart-log.svg"
    step chart "$dir/results.json" --log --out "$dir/chart-log.png"
    step html "$dir" --out "$dir/report.html"
    runs+=("$dir"); names+=("${arm_name[$a]}")
  else
    [ -n "${failed[$a]:-}" ] || echo "error: $what: no usable results; no tables or charts (see $dir/run.log)" >&2
    status=$((status == 0 ? 1 : status))
  fi
  echo "$dir"
done
if [ ${#runs[@]} -ge 2 ]; then
  vs="$(IFS=_; echo "${names[*]}")"
  cdir="$(new_dir "$results_dir/$day-compare-${vs//_/-vs-}-$host$label")"
  files=(); for d in "${runs[@]}"; do files+=("$d/results.json"); done
  step compare "${files[@]}" --out "$cdir/compare.md"
  step chart "${files[@]}" --out "$cdir/chart.png"
  step chart "${files[@]}" --out "$cdir/chart.svg"
  step chart "${files[@]}" --log --out "$cdir/chart-log.png"
  step chart "${files[@]}" --log --out "$cdir/chart-log.svg"
  step html "${files[@]}" --out "$cdir/report.html"
  echo "comparison: $cdir/compare.md" >&2
fi
exit $status
