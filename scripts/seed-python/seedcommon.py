"""Shared by the seed programs: arguments, the expected payload, response checks, timing, JSON output.

Only the standard library here, so the programs need nothing beyond python3-requests / python3-aiohttp.
The payload is the same function as httpbench.workload.Payload on the Java side:
byte i = ord('a') + ((i*7 + i//26) % 26); each response is checked for status 200, exact length and CRC32.
"""
import argparse
import json
import os
import platform
import ssl
import sys
import time
import zlib


class BatchFailure(Exception):
    """A request that did not produce the expected response; carries the request index."""

    def __init__(self, index, problem):
        super().__init__("request %d: %s" % (index, problem))
        self.index = index
        self.problem = problem


def payload(size):
    return bytes(ord("a") + ((i * 7 + i // 26) % 26) for i in range(size))


class Expected:
    """What every response must be; the CRC32 of the payload is computed once."""

    def __init__(self, payload_bytes):
        self.length = payload_bytes
        self.crc = zlib.crc32(payload(payload_bytes))

    def check(self, index, status, body, content_length=None):
        """content_length: the Content-Length header as received (or None). Some clients (requests 2.28 with
        urllib3 1.26) hand back a body shorter than the announced length without complaint, so it is compared."""
        if status != 200:
            raise BatchFailure(index, "status %s, expected 200" % status)
        if content_length is not None and str(content_length).strip() != str(len(body)):
            raise BatchFailure(index, "body of %d bytes but Content-Length %s (truncated response)"
                               % (len(body), content_length))
        if len(body) != self.length:
            raise BatchFailure(index, "body of %d bytes, expected %d" % (len(body), self.length))
        crc = zlib.crc32(body)
        if crc != self.crc:
            raise BatchFailure(index, "body CRC32 %08x, expected %08x (wrong bytes)" % (crc, self.crc))


def one_line(exc):
    """An exception as one short line: type and message, no traceback."""
    msg = " ".join(str(exc).split()) or "(no message)"
    if len(msg) > 300:
        msg = msg[:297] + "..."
    return "%s: %s" % (type(exc).__name__, msg)


def parse_args(description, extra=None):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--url", required=True, help="server base URL, e.g. http://127.0.0.1:8080/ (requests go to BASE r/<i>)")
    p.add_argument("--requests", type=int, default=10, help="requests per batch, n (default 10)")
    p.add_argument("--payload-bytes", type=int, default=1024, help="expected body size (default 1024)")
    p.add_argument("--batches", type=int, default=10, help="measured batches (default 10)")
    p.add_argument("--warmup", type=int, default=2, help="warm-up batches, not reported (default 2)")
    p.add_argument("--timeout-s", type=float, default=30.0, help="per-request timeout, seconds (default 30)")
    p.add_argument("--ca-file", default=None,
                   help="for an https --url: the PEM certificate to trust, and only it (the file ServerMain "
                        "--scheme https wrote); host names are checked")
    if extra:
        extra(p)
    a = p.parse_args()
    if a.requests < 1:
        p.error("--requests must be >= 1, got %d" % a.requests)
    if a.payload_bytes < 0:
        p.error("--payload-bytes must be >= 0, got %d" % a.payload_bytes)
    if a.batches < 1:
        p.error("--batches must be >= 1, got %d" % a.batches)
    if a.warmup < 0:
        p.error("--warmup must be >= 0, got %d" % a.warmup)
    if a.timeout_s <= 0:
        p.error("--timeout-s must be > 0, got %s" % a.timeout_s)
    if a.url.startswith("https://") and not a.ca_file:
        p.error("an https --url needs --ca-file FILE (the PEM certificate ServerMain --scheme https wrote)")
    if a.ca_file and not os.path.isfile(a.ca_file):
        p.error("--ca-file %s: no such file" % a.ca_file)
    if not a.url.endswith("/"):
        a.url += "/"
    return a


def ssl_context(args):
    """For an https --url: one SSL context trusting exactly --ca-file (not the system's CAs), host names checked;
    None for http. Made once per program, as aiohttp's own default context is one per process; Python does not
    resume TLS sessions across connections by itself, so every new connection pays a full handshake."""
    if not args.ca_file:
        return None
    try:
        return ssl.create_default_context(cafile=args.ca_file)
    except (ssl.SSLError, OSError) as e:
        fail("--ca-file %s: not a PEM certificate (%s)" % (args.ca_file, one_line(e)))


def urls(base, n):
    return ["%sr/%d" % (base, i) for i in range(n)]


def report(args, strategy, library, batches_ms):
    """The only thing written to stdout: one JSON object."""
    out = {
        "program": os.path.basename(sys.argv[0]),
        "strategy": strategy,
        "url": args.url,
        "requests": args.requests,
        "payloadBytes": args.payload_bytes,
        "warmupBatches": args.warmup,
        "batchesMs": batches_ms,
        "python": platform.python_version(),
        "library": library,
    }
    sys.stdout.write(json.dumps(out) + "\n")
    sys.stdout.flush()


def fail(problem):
    """One clear line naming the program, then a non-zero exit."""
    sys.stderr.write("%s: FAILED: %s\n" % (os.path.basename(sys.argv[0]), problem))
    sys.stderr.flush()
    sys.exit(1)


def now():
    return time.perf_counter()
