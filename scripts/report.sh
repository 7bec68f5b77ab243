#!/usr/bin/env bash
# scripts/report.sh COMMAND [ARGS]: tables | compare | chart | scaling | env | readme | merge
# A thin wrapper around httpbench.report.ReportMain (picocli): `scripts/report.sh --help`, and
# `scripts/report.sh COMMAND --help` for each command. Bad input: one line "error: ...", exit status 2.
# target/benchmarks.jar is rebuilt first when missing or stale (scripts/lib.sh ensure_jar).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
ensure_jar
exec "${JAVA:-java}" -Djava.awt.headless=true -cp "$JAR" httpbench.report.ReportMain "$@"
