"""Schemathesis hooks for the API fuzz run (server/src/reliability/api-fuzz.test.ts).

Each request names the next of 65,536 synthetic client addresses in X-Forwarded-For (the
server trusts a proxy on loopback), so the per-IP rate limits still run on every request but
do not turn most of the run into 429s. No traffic goes to these addresses: they are only a
header value.
"""

import itertools

import schemathesis

_addresses = itertools.count()


@schemathesis.hook
def before_call(context, case, **kwargs):
    n = next(_addresses) % 65536
    case.headers = {**(case.headers or {}), "X-Forwarded-For": f"198.18.{n >> 8}.{n & 255}"}
