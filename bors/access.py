"""Who may use the hub and the tablets: pairing codes, the organiser's password, the broker PIN.

Each function is one ``bors`` subcommand's work and returns its exit code; ``bors.cli`` only
parses the command line. ``pairing code: ...`` is read by tests and by whoever types the code
into a tablet: keep its wording.
"""

from __future__ import annotations

import datetime as dt
import getpass
import sys
from pathlib import Path

import click

EXIT_REFUSED = 2  # a password or PIN that the rules refuse (too short, not digits)


def read_secret(from_stdin: bool, prompt: str) -> str:
    """One line from stdin (scripts), or typed twice without echo (a person)."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    if first != getpass.getpass("Again: "):
        raise click.ClickException("The two entries differ; nothing was changed.")
    return first


def print_pair_code(data: Path, ttl: float, hub_url: str | None) -> int:
    import segno

    from hub.devices.registry import DeviceRegistry
    from shared.core.device import load_or_create_device_id

    data.mkdir(parents=True, exist_ok=True)
    registry = DeviceRegistry(data, str(load_or_create_device_id(data)))
    try:
        code, expires = registry.new_code(ttl)
        until = dt.datetime.fromtimestamp(expires).astimezone().strftime("%H:%M:%S")
        print(f"pairing code: {code}")
        print(f"valid until:  {until} (once)")
        print(f"hub:          {registry.hub_id} · key {registry.fingerprint}")
        query = f"code={code}&fp={registry.fingerprint}"
        if hub_url:
            query += f"&hub={hub_url.rstrip('/')}"
        segno.make(f"http://127.0.0.1:8500/pair?{query}", error="m").terminal(compact=True)
    finally:
        registry.close()
    return 0


def set_password(data: Path, password: str) -> int:
    from hub.auth.password import set_password as store

    try:
        store(data, password)
    except ValueError as error:
        print(error, file=sys.stderr)
        return EXIT_REFUSED
    print("organiser password set")
    return 0


def pair_tablet(
    data: Path,
    hub_url: str,
    code: str,
    fingerprint: str | None,
    name: str | None,
    pin: str | None,
) -> int:
    from kiosk import lock
    from kiosk.pairing import PairingFailed, pair
    from shared.core.device import load_or_create_device_id

    data.mkdir(parents=True, exist_ok=True)
    device_id = str(load_or_create_device_id(data))
    try:
        creds = pair(data, device_id, hub_url, code, fingerprint, name or "")
    except PairingFailed as failed:
        print(f"pairing failed: {failed}", file=sys.stderr)
        return 1
    if pin:
        lock.set_pin(data, pin)
    print(f"paired with hub {creds.hub_id} (key {creds.hub_fingerprint})")
    return 0


def set_pin(data: Path, pin: str) -> int:
    from kiosk import lock

    try:
        lock.set_pin(data, pin)
    except ValueError as error:
        print(error, file=sys.stderr)
        return EXIT_REFUSED
    print("PIN set")
    return 0
