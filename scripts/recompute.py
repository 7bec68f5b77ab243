#!/usr/bin/env python3
"""scripts/recompute.py [README.md]

An independent recomputation of every interval in the README's headline tables, from the committed results.json
files they name, with the method the README states, in plain Python (no code shared with the Java report):
  - a row's time: the geometric mean of its fork means (each fork's mean of its measured iterations) with a 95 %
    interval from Student's t with F - 1 degrees of freedom on the log fork means, back-transformed;
  - "x serial" and "25 / 17": the ratio of two rows' estimates with Welch's t interval on the log fork means
    (Welch-Satterthwaite degrees of freedom).
Prints one line per cell that differs at the printed precision and exits 1 if any does, 0 (with a count) if none.
The t quantiles come from the regularized incomplete beta function (Lentz's continued fraction) and bisection.
"""
import json
import math
import os
import re
import sys


def betacf(a, b, x):
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1, a - 1
    c, d = 1.0, 1 - qab * x / qap
    d = 1 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1 + aa * d
        d = 1 / (d if abs(d) > tiny else tiny)
        c = 1 + aa / c if abs(1 + aa / c) > tiny else tiny
        de = d * c
        h *= de
        if abs(de - 1) < 1e-15:
            break
    return h


def betainc(a, b, x):
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    lbt = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log(1 - x)
    if x < (a + 1) / (a + b + 2):
        return math.exp(lbt) * betacf(a, b, x) / a
    return 1 - math.exp(lbt) * betacf(b, a, 1 - x) / b


def t_cdf(t, df):
    x = df / (df + t * t)
    tail = 0.5 * betainc(df / 2, 0.5, x)
    return 1 - tail if t > 0 else tail


def t_quantile(p, df):
    lo, hi = 0.0, 1e3
    for _ in range(200):
        mid = (lo + hi) / 2
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def log_means(forks):
    means = [sum(f) / len(f) for f in forks if f]
    return [math.log(m) for m in means]


def stats(y):
    n = len(y)
    mean = sum(y) / n
    var = sum((v - mean) ** 2 for v in y) / (n - 1)
    return n, mean, var


def estimate(forks):
    n, mean, var = stats(log_means(forks))
    h = t_quantile(0.975, n - 1) * math.sqrt(var / n)
    return math.exp(mean), math.exp(mean - h), math.exp(mean + h)


def ratio(base, cand):
    """cand / base with Welch's interval on the log fork means."""
    nb, mb, vb = stats(log_means(base))
    nc, mc, vc = stats(log_means(cand))
    sb, sc = vb / nb, vc / nc
    se = math.sqrt(sb + sc)
    df = (sb + sc) ** 2 / ((sb * sb / (nb - 1) if sb else 0) + (sc * sc / (nc - 1) if sc else 0))
    d = mc - mb
    h = t_quantile(0.975, df) * se
    return math.exp(d), math.exp(d - h), math.exp(d + h)


def fmt(v):  # the tables' rule: 1 decimal from 100, 2 from 10, else 3
    a = abs(v)
    return "%.1f" % v if a >= 100 else "%.2f" % v if a >= 10 else "%.3f" % v


def x(v):  # ratios: 1 decimal from 10, else 2
    return "%.1f" % v if abs(v) >= 10 else "%.2f" % v


def cell(triple, f):
    return "%s [%s, %s]" % (f(triple[0]), f(triple[1]), f(triple[2]))


def rows_of(results):
    out = {}
    for r in json.load(open(results)):
        p = r["params"]
        forks = [[v for v in f] for f in r["primaryMetric"]["rawData"]]
        out[(p["strategy"], int(p["latencyMs"]))] = forks
    return out


def main():
    readme = sys.argv[1] if len(sys.argv) > 1 else "README.md"
    root = os.path.dirname(os.path.abspath(readme))
    text = open(readme, encoding="utf-8").read()
    section = text[text.index("<!-- headline:begin -->"):text.index("<!-- headline:end -->")]
    folders = re.findall(r"From `([^`]+)/` and `([^`]+)/`", section)
    if not folders:
        print("error: the headline names no two run folders", file=sys.stderr)
        return 2
    base_rows = rows_of(os.path.join(root, folders[0][0], "results.json"))
    cand_rows = rows_of(os.path.join(root, folders[0][1], "results.json"))
    checked, wrong = 0, []
    latency = None
    for line in section.splitlines():
        m = re.match(r"\*\*L = (\d+) ms\*\*", line)
        if m:
            latency = int(m.group(1))
            continue
        m = re.match(r"\| `(\w+)` \| (.*) \|$", line)
        if not m or latency is None:
            continue
        name, cells = m.group(1), [c.strip() for c in m.group(2).split(" | ")]
        want = []
        sides = [base_rows.get((name, latency)), cand_rows.get((name, latency))]
        for k, forks in enumerate(sides):
            serial = (base_rows, cand_rows)[k].get(("serial", latency))
            if forks is None:
                want += ["–", "–"]
                continue
            want.append(cell(estimate(forks), fmt))
            if name == "serial":
                want.append("1")
            else:
                r = ratio(forks, serial)
                want.append(cell(r, x).replace(" [", "× [", 1))
        if all(s is not None for s in sides):
            want.append(cell(ratio(sides[0], sides[1]), x))
        else:
            want.append("–")
        for got, exp in zip(cells, want):
            checked += 1
            got_numbers = got.split(" *")[0]  # the verdict follows the ratio's interval
            if got_numbers != exp:
                wrong.append("L=%d %s: README %r, recomputed %r" % (latency, name, got_numbers, exp))
    for w in wrong:
        print(w)
    if wrong:
        return 1
    print("recomputed %d cells of the headline from %s and %s: all match" % (checked, folders[0][0], folders[0][1]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
