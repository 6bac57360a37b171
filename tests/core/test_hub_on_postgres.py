"""The hub on PostgreSQL, chosen by configuration alone (DESIGN.md, "Storage").

A regional organiser's hub may keep its log in PostgreSQL instead of the embedded SQLite file.
Nothing in the code changes: eventsourcing's ``PERSISTENCE_MODULE`` and ``POSTGRES_*`` settings
choose it. This test runs a private PostgreSQL server (Debian's postgresql package, started in a
temporary folder) and a real hub process on it, and kills the hub mid-evening.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from pathlib import Path

import pytest
import requests

from bors.demo import seed
from tests.support.processes import free_port, wait_until
from tests.sync.test_saved_survives_sigkill import deal, get, organiser_deals, pick_two


def _postgres_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


@pytest.fixture(scope="module")
def postgres_server():
    """A throwaway PostgreSQL cluster on a free loopback port; yields the port."""
    bin_dir = _postgres_bin()
    if bin_dir is None or os.geteuid() != 0 or shutil.which("runuser") is None:
        pytest.skip(
            "POSTGRES TESTS SKIPPED: needs Debian's postgresql package and root "
            "(make test installs it when run as root)"
        )
    try:
        import psycopg  # noqa: F401 - only needed to prove the driver is installed
    except ImportError:
        pytest.skip("POSTGRES TESTS SKIPPED: psycopg is not installed (pip install -e '.[test]')")
    base = Path(tempfile.mkdtemp(prefix="bors-pg-", dir="/tmp"))
    shutil.chown(base, "postgres")
    port = free_port()
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run(
        [
            *as_postgres,
            str(bin_dir / "initdb"),
            "-D",
            str(base / "data"),
            "-A",
            "trust",
            "-U",
            "postgres",
        ],
        check=True,
        capture_output=True,
    )
    options = f"-k {base} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [
            *as_postgres,
            str(bin_dir / "pg_ctl"),
            "-D",
            str(base / "data"),
            "-o",
            options,
            "-l",
            str(base / "log"),
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
    )
    try:
        yield port
    finally:
        subprocess.run(
            [
                *as_postgres,
                str(bin_dir / "pg_ctl"),
                "-D",
                str(base / "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
        )
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_env(postgres_server) -> dict[str, str]:
    """A fresh database for one test, as the environment settings a hub would be given."""
    import psycopg

    name = f"bors_{uuid.uuid4().hex[:12]}"
    dsn = f"host=127.0.0.1 port={postgres_server} user=postgres dbname=postgres"
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_DBNAME": name,
        "POSTGRES_HOST": "127.0.0.1",
        "POSTGRES_PORT": str(postgres_server),
        "POSTGRES_USER": "postgres",
        "POSTGRES_PASSWORD": "unused-with-trust",
    }


def test_a_hub_on_postgres_survives_sigkill_with_the_same_deal_list(
    programs, postgres_env, tmp_path, monkeypatch
):
    hub_dir = tmp_path / "hub"
    with monkeypatch.context() as env:
        for key, value in postgres_env.items():
            env.setenv(key, value)
        seed(hub_dir)  # the demo evening and its participants, written to PostgreSQL
    # The log lives in PostgreSQL, not in the data folder's SQLite file.
    assert not (hub_dir / "hub.sqlite").exists()

    hub = programs.hub(hub_dir, env=postgres_env)
    kiosk = programs.kiosk(tmp_path / "k1", hub.url)  # the tablet stays on its own SQLite
    a, b = pick_two(kiosk.url, "kvernbakken")
    first = requests.post(f"{kiosk.url}/api/deals", json=deal(a, b), timeout=5).json()
    second = requests.post(f"{kiosk.url}/api/deals", json=deal(b, a, "Per"), timeout=5).json()
    requests.post(f"{kiosk.url}/api/deals/{first['id']}/void", json={"reason": "dobbel"}, timeout=5)
    wait_until(lambda: get(f"{kiosk.url}/api/status")["pending"] == 0, timeout=15)
    before = organiser_deals(hub.url)
    assert {d["id"] for d in before["deals"]} == {first["id"], second["id"]}
    assert get(f"{hub.url}/api/stats")["deals"] == 1
    assert get(f"{hub.url}/api/stats")["participants"] == 60

    hub.kill(signal.SIGKILL)
    started = time.monotonic()
    hub = programs.hub(hub_dir, port=hub.port, env=postgres_env)
    print(f"hub on PostgreSQL back after SIGKILL in {time.monotonic() - started:.2f}s")
    assert organiser_deals(hub.url) == before
    assert get(f"{hub.url}/api/stats")["deals"] == 1
