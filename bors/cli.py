"""``bors``: run a hub, a kiosk, or a whole demo evening.

bors hub   --data DIR [--port 8400] [--host 0.0.0.0] [--no-advertise]
bors kiosk --data DIR [--port 8500] [--host 127.0.0.1] [--hub URL] [--name NAME]
bors demo  [--data DIR] [--port 8400]

Environment (trials and tests): BORS_CLOCK_SKEW_SECONDS=-600 makes a kiosk stamp its events as a
tablet whose clock is ten minutes slow; BORS_SQLITE_LOCK_TIMEOUT (seconds, default 10) is how
long a write waits for a database another program holds before the hub answers 503.
bors hub pair-code|set-password ... / bors kiosk pair|set-pin ...   (see bors.security_cli)
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
from pathlib import Path

from bors import demo

log = logging.getLogger("bors")

EXIT_DAMAGED = 3  # the kiosk's database failed its integrity check on start


CONNECTION_LIMIT = 1000


def _serve(app, host: str, port: int, threads: int) -> None:
    """Serve with waitress until SIGINT or SIGTERM."""
    from waitress.server import create_server

    # Up to 300 phones and screens keep their connections open between polls: past waitress's
    # default limit of 100 the rest waited in the accept queue (p95 9 s, issue 7 bench).
    # poll() instead of select(): no FD_SETSIZE ceiling on that many sockets.
    server = create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="frivilligbors",
        connection_limit=CONNECTION_LIMIT,
        asyncore_use_poll=True,
    )

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def _tune_gc() -> None:
    """Keep the cyclic GC off the hub's big, long-lived read model (issue 7 benchmarks).

    The replayed log is frozen out of the collector's view, and young collections run every
    50,000 allocations instead of 700: at the default, the GC took about a quarter of the CPU
    per ingested event, and a full pass over a 100,000-deal evening stalls every answer.
    """
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 10)


def run_hub(args: argparse.Namespace) -> int:
    from hub import create_app
    from hub.service import Hub
    from shared.sync.discovery import HubAdvert

    hub = Hub(Path(args.data))
    _tune_gc()
    config = {"ALLOW_REMOTE_ADMIN": args.allow_remote_admin}
    advert = None
    if not args.no_advertise:
        name = (hub.evening.settings or {}).get("name") or "Frivilligbors"
        advert = HubAdvert(str(hub.device_id), args.port, name[:40], address=args.host)
    print(f"hub ready: http://{_shown_host(args.host)}:{args.port}/", flush=True)
    try:
        _serve(create_app(hub, config), args.host, args.port, threads=args.threads)
    finally:
        if advert is not None:
            advert.close()
        hub.close()
    return 0


def run_kiosk(args: argparse.Namespace) -> int:
    from kiosk import create_app, pairing
    from kiosk.hub_client import HubClient
    from kiosk.service import Kiosk
    from kiosk.sync import SyncWorker
    from shared.core.store import DamagedDatabase

    try:
        kiosk = Kiosk(Path(args.data), name=args.name)
    except DamagedDatabase as damaged:
        print(
            f"This tablet's database is damaged and the kiosk will not start.\n"
            f"  file: {damaged.path}\n  check: {damaged.detail}\n"
            "Nothing was sent to the hub. Keep the folder for recovery; the hub and the other "
            "tablets still hold every deal this tablet synced.",
            file=sys.stderr,
            flush=True,
        )
        return EXIT_DAMAGED
    client = HubClient(str(kiosk.device_id), kiosk.data_dir)
    paired = pairing.load(kiosk.data_dir)
    finder = None
    if args.hub:
        hub_url = args.hub.rstrip("/")

        def locate() -> str:
            return hub_url
    else:
        from shared.sync.discovery import HubFinder

        finder = HubFinder(
            expected_hub_id=paired.hub_id if paired else None,
            address=args.lan_address,
            verify=client.hello,
        )

        def locate() -> str | None:
            return finder.url

    worker = SyncWorker(kiosk, locate, client=client)
    worker.start()
    print(f"kiosk ready: http://{_shown_host(args.host)}:{args.port}/", flush=True)
    try:
        app = create_app(kiosk, {"LOCK_IDLE_SECONDS": args.lock_after})
        app.extensions["hub_finder"] = finder
        _serve(app, args.host, args.port, threads=args.threads)
    finally:
        worker.stop()
        worker.join(timeout=5)
        if finder is not None:
            finder.close()
        kiosk.close()
    return 0


def _shown_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "") else host


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="bors", description=__doc__.split("\n")[0])
    sub = top.add_subparsers(dest="command", required=True)

    hub = sub.add_parser("hub", help="run the hub on the organiser's laptop")
    hub.add_argument("--data", required=True, help="folder for the hub's database")
    hub.add_argument("--port", type=int, default=8400)
    hub.add_argument("--host", default="0.0.0.0", help="address to listen on (default: all)")
    hub.add_argument("--threads", type=int, default=16)
    hub.add_argument(
        "--no-advertise", action="store_true", help="do not announce the hub by zeroconf"
    )
    hub.add_argument(
        "--allow-remote-admin",
        action="store_true",
        help="open the organiser pages to other machines (behind the login)",
    )
    hub.set_defaults(run=run_hub)

    kiosk = sub.add_parser("kiosk", help="run a kiosk on a broker's tablet")
    kiosk.add_argument("--data", required=True, help="folder for this tablet's database")
    kiosk.add_argument("--port", type=int, default=8500)
    kiosk.add_argument("--host", default="127.0.0.1", help="address to listen on")
    kiosk.add_argument("--hub", help="the hub's URL; without it the hub is found by zeroconf")
    kiosk.add_argument("--lan-address", help="this tablet's LAN address, for zeroconf")
    kiosk.add_argument("--name", help='a name for this tablet, e.g. "Nettbrett 3"')
    kiosk.add_argument("--threads", type=int, default=8)
    kiosk.add_argument(
        "--lock-after", type=float, default=180.0, help="idle seconds before the PIN screen"
    )
    kiosk.set_defaults(run=run_kiosk)

    demo_cmd = sub.add_parser("demo", help="a demo evening: a hub, two kiosks, the live screen")
    demo_cmd.add_argument("--data", help="folder for the demo's data (default: a temporary one)")
    demo_cmd.add_argument("--port", type=int, default=8400, help="the hub's port; kiosks follow")
    demo_cmd.set_defaults(run=demo.run)
    return top


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    from bors import security_cli

    argv = sys.argv[1:] if argv is None else argv
    if security_cli.handles(argv):
        return security_cli.main(argv)
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
