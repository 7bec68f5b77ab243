#!/usr/bin/python3
"""Turns the seed programs' JSON outputs into fork files in JMH's JSON result shape, plus the harness's own fields.

Called by run.sh; standard library only. It computes no statistic: the Java report does (run.sh passes the fork
files to `report merge`, which writes score, scoreError and scoreConfidence from the raw batch times as it does for
JMH's forks, and to `report env --harness-env`, which adds the machine and the code to the fields written here).

Fork file k (fork-1.json, fork-2.json, ...) holds each strategy's k-th run: one row per strategy, in JMH's row
shape, whose primaryMetric.rawData is that run's measured batches (ms per batch of n requests), one list. Several
outputs of the same strategy are repeated runs and become the row's forks (the unit of replication of the
report's comparison and steady-state check). The "harness" field marks the rows as not JMH. harness.json holds
the Python side of environment.json (interpreter, libraries, server, batch counts).

Usage: make_results.py --dir DIR --latency-ms L --requests N --payload-bytes B --warmup W --runs K
                       [--server-java JAVA] [--scheme http|https] [--rtt-ms R] PROGRAM_OUTPUT.json...
Prints the fork files' paths, one per line.
"""
import argparse
import json
import os
import platform
import subprocess
import sys

HARNESS = "python: wall-clock of whole batches, mean of batches (each run a fork), not JMH"
BENCHMARK = "seed.python.batch"


def row(run, a, python):
    """One fork's row: one run (a program's output) of a strategy, its measured batches as JMH's rawData."""
    prog = run
    return {
        "jmhVersion": "n/a (python harness)",
        "benchmark": BENCHMARK,
        "mode": "avgt",
        "threads": 1,
        "forks": 1,
        "jvm": python,
        "jvmArgs": [],
        "jdkVersion": "python " + platform.python_version(),
        "vmName": platform.python_implementation(),
        "vmVersion": " ".join(sys.version.split()),
        "warmupIterations": a.warmup,
        "warmupTime": "1 batch",
        "warmupBatchSize": 1,
        "measurementIterations": len(prog["batchesMs"]),
        "measurementTime": "1 batch",
        "measurementBatchSize": 1,
        "params": {
            "strategy": prog["strategy"],
            "requests": str(a.requests),
            "latencyMs": str(a.latency_ms),
            "payloadBytes": str(a.payload_bytes),
            "blockingClient": "n/a",
            "target": "standalone",
            # only over https, so http rows stay as they were (and pair with earlier runs)
            **({"scheme": a.scheme} if a.scheme != "http" else {}),
            **({"rttMs": str(a.rtt_ms)} if a.rtt_ms > 0 else {}),
        },
        "harness": HARNESS,
        "library": prog.get("library", ""),
        "primaryMetric": {
            "scoreStatistic": "mean of all batches of all runs; scoreError = 99.9% CI half-width of the mean "
                              "(Student t), as JMH (both written by the Java report's merge)",
            "scoreUnit": "ms/op",
            "rawData": [prog["batchesMs"]],
        },
        "secondaryMetrics": {},
    }


def run(cmd):
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=30,
                              universal_newlines=True).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"


def module_version(name):
    try:
        return __import__(name).__version__
    except Exception:  # noqa: BLE001 - any failure is just "unknown"
        return "?"


def harness(a, python):
    """The Python side of environment.json; `report env --harness-env` adds the date, host, machine and code."""
    java_version = "?"
    if a.server_java:
        out = run([a.server_java, "-version"])
        java_version = out.splitlines()[0] if out and out != "?" else "?"
    return {
        "harness": HARNESS,
        "python": python,
        "pythonRealPath": os.path.realpath(python),
        "pythonVersion": platform.python_version(),
        "pythonImplementation": platform.python_implementation(),
        "requestsVersion": module_version("requests"),
        "aiohttpVersion": module_version("aiohttp"),
        "jdkVersion": "python " + platform.python_version(),
        "server": "httpbench.server.ServerMain (standalone, loopback), latencyMs=%d payloadBytes=%d%s"
                  % (a.latency_ms, a.payload_bytes, " rttMs=%d" % a.rtt_ms if a.rtt_ms > 0 else ""),
        "serverJava": java_version,
        "warmupBatches": a.warmup,
        "measuredBatches": a.runs,
        "requests": a.requests,
    }


def write_atomically(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=4, allow_nan=False)
        f.write("\n")
    os.replace(tmp, path)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dir", required=True, help="existing folder: fork-K.json and harness.json go here")
    p.add_argument("--latency-ms", type=int, required=True)
    p.add_argument("--requests", type=int, required=True)
    p.add_argument("--payload-bytes", type=int, required=True)
    p.add_argument("--warmup", type=int, required=True)
    p.add_argument("--runs", type=int, required=True)
    p.add_argument("--server-java", default="")
    p.add_argument("--scheme", default="http", choices=["http", "https"])
    p.add_argument("--rtt-ms", type=int, default=0)
    p.add_argument("outputs", nargs="+", help="the programs' stdout, one JSON object each")
    a = p.parse_args()
    python = sys.executable
    runs = {}  # strategy -> its runs, in the order given; a repeated strategy is a repeated run (a fork)
    for path in a.outputs:
        try:
            with open(path) as f:
                prog = json.load(f)
            if not prog.get("batchesMs") or "strategy" not in prog:
                raise ValueError("no batchesMs/strategy")
        except (OSError, ValueError) as e:
            sys.stderr.write("make_results.py: FAILED: cannot read program output %s: %s\n" % (path, e))
            sys.exit(1)
        runs.setdefault(prog["strategy"], []).append(prog)
    forks = max(len(r) for r in runs.values())
    for k in range(forks):
        # fork k: every strategy's k-th run (a strategy with fewer runs is missing here; merge names it)
        path = os.path.join(a.dir, "fork-%d.json" % (k + 1))
        write_atomically(path, [row(r[k], a, python) for r in runs.values() if k < len(r)])
        print(path)
    write_atomically(os.path.join(a.dir, "harness.json"), harness(a, python))


if __name__ == "__main__":
    main()
