"""Run the hub or a kiosk: build the service, serve it with waitress until SIGINT or SIGTERM.

Each ``run_*`` returns the program's exit code. The lines ``hub ready: http://...`` and
``kiosk ready: http://...`` are read by tests and trial tools: keep their wording.
"""

from __future__ import annotations

import signal
import sys
from pathlib import Path

EXIT_DAMAGED = 3  # the kiosk's database failed its integrity check on start

CONNECTION_LIMIT = 1000


def serve(app, host: str, port: int, threads: int, behind_proxy: bool = False) -> None:
    """Serve with waitress until SIGINT or SIGTERM. Waitress drops every X-Forwarded-* header
    by default; ``behind_proxy`` lets them through to the app's own ProxyFix (hub.online),
    which believes the one hop of the proxy in front."""
    from waitress.server import create_server

    from bors import connections

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
        clear_untrusted_proxy_headers=not behind_proxy,
    )
    # ...but no single address may hold them all (issue 11: 1,010 slow connections from one
    # guest stopped the hub answering everyone).
    connections.guard(server)

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def tune_gc() -> None:
    """Keep the cyclic GC off the hub's big, long-lived read model (issue 7 benchmarks).

    The replayed log is frozen out of the collector's view, and young collections run every
    50,000 allocations instead of 700: at the default, the GC took about a quarter of the CPU
    per ingested event, and a full pass over a 100,000-deal evening stalls every answer.
    """
    import gc

    gc.freeze()
    gc.set_threshold(50_000, 20, 10)


def run_hub(
    data: Path,
    port: int,
    host: str,
    threads: int,
    advertise: bool,
    allow_remote_admin: bool,
    public_host: str | None = None,
    backups: tuple[Path, float, int] | None = None,
    recovering: bool = False,
) -> int:
    """``backups``: (folder, minutes, how many kept) for hub.backup.periodic; ``recovering``:
    a spare hub (hub.recovery) that prints what comes back as the tablets arrive."""
    from hub import create_app, online
    from hub.service import Hub
    from shared.sync.discovery import HubAdvert

    hub = Hub(data)
    tune_gc()
    advert = None
    if advertise:
        name = (hub.evening.settings or {}).get("name") or "Frivilligbors"
        advert = HubAdvert(str(hub.device_id), port, name[:40], address=host)
    config = {"ALLOW_REMOTE_ADMIN": allow_remote_admin}
    if public_host:
        config.update(online.settings(public_host))
    app = create_app(hub, config)
    mailroom = app.extensions["mail"]
    mailroom.start()  # the outbox's sender: mail waiting from before a stop goes on now
    retention = app.extensions["privacy"]
    retention.start()  # the retention purge, by itself, when the follow-up period ends
    chores = _start_chores(app, hub, backups, recovering)
    print(f"hub ready: http://{shown_host(host)}:{port}/", flush=True)
    try:
        serve(app, host, port, threads, behind_proxy=bool(public_host))
    finally:
        for chore in chores:
            chore.stop()
        mailroom.close()  # lets an SMTP exchange in flight finish and record its outcome
        if advert is not None:
            advert.close()
        hub.close()
    return 0


def _start_chores(app, hub, backups, recovering) -> list:
    """The periodic backup and the spare hub's report, as asked (issue 17)."""
    chores = []
    if backups is not None:
        from hub.backup.periodic import PeriodicBackup

        target, minutes, keep = backups
        periodic = PeriodicBackup(hub.data_dir, target, minutes, keep, say=_say)
        app.extensions["backups"] = periodic
        chores.append(periodic)
    if recovering:
        from hub.recovery.progress import RecoveryReport

        chores.append(RecoveryReport(hub, say=_say, paired=app.extensions.get("devices")))
    for chore in chores:
        chore.start()
    return chores


def _say(line: str) -> None:
    print(line, flush=True)


def run_kiosk(
    data: Path,
    port: int,
    host: str,
    hub_url: str | None,
    lan_address: str | None,
    name: str | None,
    threads: int,
    lock_after: float,
) -> int:
    from kiosk import create_app, pairing
    from kiosk.hub_client import HubClient
    from kiosk.service import Kiosk
    from kiosk.sync import SyncWorker
    from shared.core.store import DamagedDatabase

    try:
        kiosk = Kiosk(data, name=name)
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
    if hub_url:
        fixed_url = hub_url.rstrip("/")

        def locate() -> str:
            return fixed_url
    else:
        from shared.sync.discovery import HubFinder

        finder = HubFinder(
            expected_hub_id=paired.hub_id if paired else None,
            address=lan_address,
            verify=client.hello,
        )

        def locate() -> str | None:
            return finder.url

    worker = SyncWorker(kiosk, locate, client=client)
    worker.start()
    print(f"kiosk ready: http://{shown_host(host)}:{port}/", flush=True)
    try:
        app = create_app(kiosk, {"LOCK_IDLE_SECONDS": lock_after})
        app.extensions["hub_finder"] = finder
        serve(app, host, port, threads)
    finally:
        worker.stop()
        worker.join(timeout=5)
        if finder is not None:
            finder.close()
        kiosk.close()
    return 0


def shown_host(host: str) -> str:
    return "127.0.0.1" if host in ("0.0.0.0", "") else host
