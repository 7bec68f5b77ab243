#!/usr/bin/env bash
# scripts/rerender.sh [FOLDER...]
# Re-renders the generated reports of committed run folders with this checkout's report code, from their
# results.json files only (no number is typed or copied): in every folder under FOLDER (default: benchmarks-results)
# that has a results.json and a tables.md, its tables.md, tables.csv, the charts and report.html it already has; and every
# compare.md that scripts/run.sh wrote (its first line starts with "Base **"), from the results files its header
# names (compare-*.md too). Hand-written notes (a compare.md with prose of its own) are left alone. Use it after a change to the
# statistics or the tables, then `scripts/report.sh readme`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$root"
[ "${1:-}" != "-h" ] && [ "${1:-}" != "--help" ] || { usage; exit 0; }
ensure_jar
folders=("$@")
[ ${#folders[@]} -gt 0 ] || folders=(benchmarks-results)
for f in "${folders[@]}"; do [ -d "$f" ] || die "$f: not a folder" 2; done
n=0
while IFS= read -r json; do
  dir="$(dirname "$json")"
  [ -f "$dir/tables.md" ] || continue
  report tables "$json" --out "$dir/tables.md" --force
  [ ! -f "$dir/tables.csv" ] || report tables --csv "$json" --out "$dir/tables.csv" --force
  for c in chart.svg chart.png; do [ ! -f "$dir/$c" ] || report chart "$json" --out "$dir/$c" --force; done
  for c in chart-log.svg chart-log.png; do [ ! -f "$dir/$c" ] || report chart "$json" --log --out "$dir/$c" --force; done
  [ ! -f "$dir/report.html" ] || report html "$dir" --out "$dir/report.html" --force
  n=$((n + 1))
done < <(find "${folders[@]}" -name results.json | sort)
m=0
while IFS= read -r cmp; do
  head -n 1 "$cmp" | grep -q '^Base \*\*' || continue
  listed="$(report sources "$cmp")" || exit 1 # the files its header names (report sources says which is missing)
  mapfile -t files <<< "$listed"
  dir="$(dirname "$cmp")"
  report compare "${files[@]}" --out "$cmp" --force
  for c in chart.svg chart.png; do [ ! -f "$dir/$c" ] || report chart "${files[@]}" --out "$dir/$c" --force; done
  for c in chart-log.svg chart-log.png; do [ ! -f "$dir/$c" ] || report chart "${files[@]}" --log --out "$dir/$c" --force; done
  [ ! -f "$dir/report.html" ] || report html "${files[@]}" --out "$dir/report.html" --force
  m=$((m + 1))
done < <(find "${folders[@]}" -name 'compare*.md' | sort)
echo "re-rendered $n run folders and $m comparisons" >&2
