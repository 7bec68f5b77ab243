#!/usr/bin/python3
"""The article's concurrent program: asyncio + aiohttp, all n GETs of a batch in flight at once.

Default mode (strategy python-aiohttp-fresh) is the article's code: every task opens its OWN ClientSession,

    async def fetch(url):
        async with aiohttp.ClientSession() as session:
            async with session.get(url) as response:
                return await response.read()
    await asyncio.gather(*[fetch(u) for u in urls])

so every request pays for a new connector and a new TCP connection, and nothing is reused between batches.

--shared-session (strategy python-aiohttp-shared): ONE ClientSession for the whole process, created before the
first warm-up batch and reused by every batch, with a TCPConnector limit of n connections (per host too) and
keep-alive -- the same setup as the Java clients, which are built once per trial with a pool of >= n connections.

Both modes run every batch on one asyncio event loop (the default selector loop; no uvloop), created once; the
loop's start-up is not inside any timed batch. Each task checks its response (status 200, length, CRC32); the
first bad one ends the program with one line on stderr and exit status 1.

Usage: async_aiohttp.py --url http://127.0.0.1:PORT/ --requests 10 --payload-bytes 1024 --batches 10 --warmup 2
       [--shared-session] [--ca-file CERT.pem, for an https --url]
"""
import sys

sys.dont_write_bytecode = True  # keep scripts/seed-python free of __pycache__

import asyncio  # noqa: E402

import seedcommon as sc  # noqa: E402

try:
    import aiohttp  # noqa: E402
except ImportError:
    sc.fail("python module 'aiohttp' missing: apt-get install -y python3-aiohttp "
            "(and run with /usr/bin/python3, not a pyenv/venv python)")


def problem(e, timeout):
    if isinstance(e, asyncio.TimeoutError):
        return "no complete response within %g s (per-request timeout, --timeout-s)" % timeout.total
    return sc.one_line(e)


async def fetch_fresh(i, url, expected, timeout, ssl_ctx):
    """The article's task: a new ClientSession (new connector, new connection) for this one request."""
    # https: the session's connector gets the one context trusting --ca-file; http: exactly the article's call
    connector = aiohttp.TCPConnector(ssl=ssl_ctx) if ssl_ctx is not None else None
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        await fetch_shared(session, i, url, expected, timeout)


async def fetch_shared(session, i, url, expected, timeout):
    try:
        async with session.get(url) as resp:
            status = resp.status
            length = resp.headers.get("Content-Length")
            body = await resp.read()
    except (aiohttp.ClientError, asyncio.TimeoutError) as e:
        raise sc.BatchFailure(i, problem(e, timeout))
    expected.check(i, status, body, length)


async def all_or_first_failure(coros):
    """Like asyncio.gather(*coros), but on the first failure cancels the rest and collects every outcome, so no
    "Task exception was never retrieved" noise follows the one error line; raises the lowest-index failure."""
    tasks = [asyncio.ensure_future(c) for c in coros]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    if not pending:
        failures = [t.exception() for t in tasks if t.exception() is not None]
        if failures:
            raise failures[0]
        return
    for t in pending:
        t.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    failures = [t.exception() for t in tasks if not t.cancelled() and t.exception() is not None]
    raise failures[0]


async def run(args):
    expected = sc.Expected(args.payload_bytes)
    url_list = sc.urls(args.url, args.requests)
    timeout = aiohttp.ClientTimeout(total=args.timeout_s)
    ssl_ctx = sc.ssl_context(args)
    session = None
    if args.shared_session:
        n = args.requests
        connector = aiohttp.TCPConnector(limit=n, limit_per_host=n, keepalive_timeout=60,
                                         ssl=ssl_ctx if ssl_ctx is not None else True)
        session = aiohttp.ClientSession(connector=connector, timeout=timeout)
    times = []
    try:
        for b in range(args.warmup + args.batches):
            if session is None:
                tasks = [fetch_fresh(i, u, expected, timeout, ssl_ctx) for i, u in enumerate(url_list)]
            else:
                tasks = [fetch_shared(session, i, u, expected, timeout) for i, u in enumerate(url_list)]
            t0 = sc.now()
            await all_or_first_failure(tasks)
            ms = (sc.now() - t0) * 1000.0
            if b >= args.warmup:
                times.append(ms)
    finally:
        if session is not None:
            await session.close()
    return times


def main():
    def extra(p):
        p.add_argument("--shared-session", action="store_true",
                       help="one ClientSession (limit n, keep-alive) for all batches instead of one per request")

    args = sc.parse_args("Concurrent GETs with asyncio + aiohttp (the Python article's second program).", extra)
    strategy = "python-aiohttp-shared" if args.shared_session else "python-aiohttp-fresh"
    try:
        times = asyncio.run(run(args))
    except sc.BatchFailure as e:
        sc.fail("%s (url %sr/%d)" % (e, args.url, e.index))
    except KeyboardInterrupt:
        sc.fail("interrupted")
    except Exception as e:  # anything else: still one line, still non-zero
        sc.fail("unexpected error: %s" % sc.one_line(e))
    sc.report(args, strategy, "aiohttp " + aiohttp.__version__, times)


if __name__ == "__main__":
    main()
