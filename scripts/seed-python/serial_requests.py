#!/usr/bin/python3
"""The article's serial program: `requests.get` in a loop, one URL after another.

    for url in urls:
        r = requests.get(url)

Connection reuse: NONE. A bare `requests.get` builds a new `requests.Session` (and so a new connection pool) for
every call and closes it on return, so each request opens and closes its own TCP connection -- exactly as the
article's program did. No Session is shared on purpose; a batch therefore costs about n x (latency + connect).

Prints one JSON object on stdout: the wall-clock of every measured batch in ms (time.perf_counter around the
whole batch of n requests). Every response is checked (status 200, length, CRC32); the first bad one ends the
program with one line on stderr and exit status 1.

Usage: serial_requests.py --url http://127.0.0.1:PORT/ --requests 10 --payload-bytes 1024 --batches 10 --warmup 2
       [--ca-file CERT.pem, for an https --url]
"""
import sys

sys.dont_write_bytecode = True  # keep scripts/seed-python free of __pycache__

import seedcommon as sc  # noqa: E402

try:
    import requests  # noqa: E402
except ImportError:
    sc.fail("python module 'requests' missing: apt-get install -y python3-requests "
            "(and run with /usr/bin/python3, not a pyenv/venv python)")


def batch(url_list, expected, timeout_s, verify):
    for i, url in enumerate(url_list):
        try:
            # new Session, new connection (and for https a new TLS handshake), every time
            r = requests.get(url, timeout=timeout_s, verify=verify)
            body = r.content
        except requests.RequestException as e:
            raise sc.BatchFailure(i, sc.one_line(e))
        expected.check(i, r.status_code, body, r.headers.get("Content-Length"))


def main():
    args = sc.parse_args("Serial GETs with requests.get in a loop (the Python article's first program).")
    expected = sc.Expected(args.payload_bytes)
    url_list = sc.urls(args.url, args.requests)
    verify = args.ca_file if args.ca_file else True  # https: trust exactly the given PEM (requests' `verify`)
    times = []
    try:
        for b in range(args.warmup + args.batches):
            t0 = sc.now()
            batch(url_list, expected, args.timeout_s, verify)
            ms = (sc.now() - t0) * 1000.0
            if b >= args.warmup:
                times.append(ms)
    except sc.BatchFailure as e:
        sc.fail("%s (url %s)" % (e, url_list[e.index]))
    except KeyboardInterrupt:
        sc.fail("interrupted")
    except Exception as e:  # anything else: still one line, still non-zero
        sc.fail("unexpected error: %s" % sc.one_line(e))
    sc.report(args, "python-requests", "requests " + requests.__version__, times)


if __name__ == "__main__":
    main()
