"""A hello-world WSGI app on waitress: the HTTP baseline every latency is compared with.

``python -m bench.hello PORT`` serves a small JSON answer for any request (reading the body),
with the same server settings and thread count as ``bors kiosk``.
"""

from __future__ import annotations

import sys

BODY = b'{"ok": true, "deals": 0, "version": 0}'


def app(environ, start_response):
    length = int(environ.get("CONTENT_LENGTH") or 0)
    if length:
        environ["wsgi.input"].read(length)
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]
    )
    return [BODY]


def main() -> None:
    from waitress import serve

    port = int(sys.argv[1])
    threads = int(sys.argv[2]) if len(sys.argv) > 2 else 8
    serve(
        app,
        host="127.0.0.1",
        port=port,
        threads=threads,
        ident="hello",
        connection_limit=1000,  # as bors/serve.py serves the kiosk and the hub
        asyncore_use_poll=True,
    )


if __name__ == "__main__":
    main()
