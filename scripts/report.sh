#!/usr/bin/env bash
# Thin wrapper: tables | compare | chart | scaling | env | readme  (see: scripts/report.sh --help)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/target/benchmarks.jar"
if [ ! -f "$jar" ]; then
  (cd "$root" && mvn -B -q -DskipTests package) >&2
fi
exec java -Djava.awt.headless=true -cp "$jar" httpbench.report.ReportMain "$@"
