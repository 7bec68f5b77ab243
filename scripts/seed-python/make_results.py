#!/usr/bin/python3
"""Turns the seed programs' JSON outputs into one results.json in JMH's JSON result shape, plus environment.json.

Called by run.sh; standard library only.

Each row, as JMH computes it: primaryMetric.score is the MEAN of all measured batches (ms per batch of n
requests); scoreError is the half-width of a 99.9 % confidence interval of that mean (Student's t, N-1 degrees of
freedom over all N batches: the statistic JMH reports as scoreError), "NaN" with fewer than two batches;
scoreConfidence is [score - error, score + error]. rawData holds every measured batch, one list per run of the
program: several outputs of the same strategy are repeated runs and become the row's forks (the unit of
replication of the report's comparison and steady-state check). The "harness" field marks the rows as not JMH.

Usage: make_results.py --dir DIR [--results-name results.json] [--env-name environment.json] --latency-ms L --requests N --payload-bytes B --warmup W --runs K
                       [--server-java JAVA] PROGRAM_OUTPUT.json...
"""
import argparse
import datetime
import json
import math
import os
import platform
import socket
import statistics
import subprocess
import sys

HARNESS = "python: wall-clock of whole batches, mean of batches (each run a fork), not JMH"
BENCHMARK = "seed.python.batch"


def _betacf(a, b, x):
    """Continued fraction of the regularized incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betai(a, b, x):
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1.0 - x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(lbt) * _betacf(a, b, x) / a
    return 1.0 - math.exp(lbt) * _betacf(b, a, 1.0 - x) / b


def t_cdf(t, df):
    p = 0.5 * _betai(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - p if t >= 0 else p


def t_quantile(p, df):
    """Inverse CDF of Student's t for p in (0.5, 1), by bisection (plenty for a few digits)."""
    lo, hi = 0.0, 1.0
    while t_cdf(hi, df) < p:
        hi *= 2.0
    for _ in range(200):
        mid = (lo + hi) / 2.0
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


def stats(xs):
    """(mean, error, [lo, hi]) with error = 99.9 % CI half-width of the mean, or NaN for one value (as JMH)."""
    mean = statistics.mean(xs)
    if len(xs) < 2:
        return mean, float("nan"), [float("nan"), float("nan")]
    err = t_quantile(1 - 0.001 / 2, len(xs) - 1) * statistics.stdev(xs) / math.sqrt(len(xs))
    return mean, err, [mean - err, mean + err]


def num(x):
    """JMH writes NaN as the string "NaN" (bare NaN is not JSON); the project's reader accepts that."""
    return "NaN" if isinstance(x, float) and math.isnan(x) else x


def row(runs, a, python):
    """One row from one or more runs (program outputs) of the same strategy; each run is a fork."""
    prog = runs[0]
    forks = [r["batchesMs"] for r in runs]
    mean, err, conf = stats([x for f in forks for x in f])
    return {
        "jmhVersion": "n/a (python harness)",
        "benchmark": BENCHMARK,
        "mode": "avgt",
        "threads": 1,
        "forks": len(forks),
        "jvm": python,
        "jvmArgs": [],
        "jdkVersion": "python " + platform.python_version(),
        "vmName": platform.python_implementation(),
        "vmVersion": " ".join(sys.version.split()),
        "warmupIterations": a.warmup,
        "warmupTime": "1 batch",
        "warmupBatchSize": 1,
        "measurementIterations": max(len(f) for f in forks),
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
        },
        "harness": HARNESS,
        "library": prog.get("library", ""),
        "primaryMetric": {
            "score": mean,
            "scoreError": num(err),
            "scoreConfidence": [num(c) for c in conf],
            "scoreStatistic": "mean of all batches of all runs; scoreError = 99.9% CI half-width of the mean "
                              "(Student t), as JMH",
            "scoreUnit": "ms/op",
            "rawData": forks,
        },
        "secondaryMetrics": {},
    }


def first_line(path, prefix):
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "?"


def os_name():
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.system()


def memory():
    kb = first_line("/proc/meminfo", "MemTotal")
    try:
        return "%.1f GiB" % (int(kb.split()[0]) / 1024.0 / 1024.0)
    except (ValueError, IndexError):
        return "?"


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


def environment(a, python):
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    java_version = "?"
    if a.server_java:
        out = run([a.server_java, "-version"])
        java_version = out.splitlines()[0] if out and out != "?" else "?"
    commit = run(["git", "rev-parse", "HEAD"])
    dirty = run(["git", "status", "--porcelain", "--untracked-files=no"])
    return {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "host": socket.gethostname(),
        "harness": HARNESS,
        "python": python,
        "pythonRealPath": os.path.realpath(python),
        "pythonVersion": platform.python_version(),
        "pythonImplementation": platform.python_implementation(),
        "requestsVersion": module_version("requests"),
        "aiohttpVersion": module_version("aiohttp"),
        "jdkVersion": "python " + platform.python_version(),
        "os": os_name(),
        "kernel": platform.release(),
        "arch": platform.machine(),
        "cpuModel": first_line("/proc/cpuinfo", "model name"),
        "cores": cores,
        "memory": memory(),
        "server": "httpbench.server.ServerMain (standalone, loopback), latencyMs=%d payloadBytes=%d"
                  % (a.latency_ms, a.payload_bytes),
        "serverJava": java_version,
        "warmupBatches": a.warmup,
        "measuredBatches": a.runs,
        "requests": a.requests,
        "gitCommit": commit,
        "gitDirty": bool(dirty) and dirty != "?",
    }


def write_atomically(path, obj):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=4, allow_nan=False)
        f.write("\n")
    os.replace(tmp, path)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--dir", required=True, help="existing output folder; results.json and environment.json go here")
    p.add_argument("--results-name", default="results.json")
    p.add_argument("--env-name", default="environment.json")
    p.add_argument("--latency-ms", type=int, required=True)
    p.add_argument("--requests", type=int, required=True)
    p.add_argument("--payload-bytes", type=int, required=True)
    p.add_argument("--warmup", type=int, required=True)
    p.add_argument("--runs", type=int, required=True)
    p.add_argument("--server-java", default="")
    p.add_argument("--scheme", default="http", choices=["http", "https"])
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
    rows = [row(r, a, python) for r in runs.values()]
    results = os.path.join(a.dir, a.results_name)
    write_atomically(results, rows)
    write_atomically(os.path.join(a.dir, a.env_name), environment(a, python))
    print(results)


if __name__ == "__main__":
    main()
