"""``bors hub pair-code|set-password`` and ``bors kiosk pair|set-pin``: pairing and secrets.

bors hub pair-code     --data DIR [--ttl SECONDS]
bors hub set-password  --data DIR [--password-stdin]
bors kiosk pair        --data DIR --hub URL --code CODE [--fingerprint FP] [--name N] [--pin PIN]
bors kiosk set-pin     --data DIR [--pin-stdin]
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import sys
from pathlib import Path

COMMANDS = {("hub", "pair-code"), ("hub", "set-password"), ("kiosk", "pair"), ("kiosk", "set-pin")}


def handles(argv: list[str]) -> bool:
    return len(argv) >= 2 and (argv[0], argv[1]) in COMMANDS


def _read_secret(from_stdin: bool, prompt: str) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    if first != getpass.getpass("Again: "):
        raise SystemExit("The two entries differ; nothing was changed.")
    return first


def pair_code(args: argparse.Namespace) -> int:
    import segno

    from hub.devices.registry import DeviceRegistry
    from shared.core.device import load_or_create_device_id

    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    registry = DeviceRegistry(data, str(load_or_create_device_id(data)))
    try:
        code, expires = registry.new_code(args.ttl)
        until = dt.datetime.fromtimestamp(expires).astimezone().strftime("%H:%M:%S")
        print(f"pairing code: {code}")
        print(f"valid until:  {until} (once)")
        print(f"hub:          {registry.hub_id} · key {registry.fingerprint}")
        query = f"code={code}&fp={registry.fingerprint}"
        if args.hub:
            query += f"&hub={args.hub.rstrip('/')}"
        segno.make(f"http://127.0.0.1:8500/pair?{query}", error="m").terminal(compact=True)
    finally:
        registry.close()
    return 0


def set_password(args: argparse.Namespace) -> int:
    from hub.auth.password import set_password as store

    try:
        store(Path(args.data), _read_secret(args.password_stdin, "Organiser password: "))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print("organiser password set")
    return 0


def pair(args: argparse.Namespace) -> int:
    from kiosk import lock
    from kiosk.pairing import PairingFailed
    from kiosk.pairing import pair as do_pair
    from shared.core.device import load_or_create_device_id

    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    device_id = str(load_or_create_device_id(data))
    try:
        creds = do_pair(data, device_id, args.hub, args.code, args.fingerprint, args.name or "")
    except PairingFailed as failed:
        print(f"pairing failed: {failed}", file=sys.stderr)
        return 1
    if args.pin:
        lock.set_pin(data, args.pin)
    print(f"paired with hub {creds.hub_id} (key {creds.hub_fingerprint})")
    return 0


def set_pin(args: argparse.Namespace) -> int:
    from kiosk import lock

    try:
        lock.set_pin(Path(args.data), _read_secret(args.pin_stdin, "Broker PIN: "))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    print("PIN set")
    return 0


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="bors", description="pairing and secrets")
    roles = top.add_subparsers(dest="role", required=True)
    hub = roles.add_parser("hub").add_subparsers(dest="command", required=True)
    code = hub.add_parser("pair-code", help="print a one-time pairing code and its QR code")
    code.add_argument("--data", required=True)
    code.add_argument("--ttl", type=float, default=300.0, help="seconds the code is valid")
    code.add_argument("--hub", help="the hub's LAN URL, put into the QR code")
    code.set_defaults(run=pair_code)
    password = hub.add_parser("set-password", help="set the organiser's password")
    password.add_argument("--data", required=True)
    password.add_argument("--password-stdin", action="store_true")
    password.set_defaults(run=set_password)

    kiosk = roles.add_parser("kiosk").add_subparsers(dest="command", required=True)
    pairing = kiosk.add_parser("pair", help="pair this tablet with the hub")
    pairing.add_argument("--data", required=True)
    pairing.add_argument("--hub", required=True, help="the hub's URL")
    pairing.add_argument("--code", required=True, help="the code the hub shows")
    pairing.add_argument("--fingerprint", help="the hub's key fingerprint, to check it")
    pairing.add_argument("--name", help='a name for this tablet, e.g. "Nettbrett 3"')
    pairing.add_argument("--pin", help="a PIN for the broker lock (4-12 digits)")
    pairing.set_defaults(run=pair)
    pin = kiosk.add_parser("set-pin", help="set the broker lock's PIN")
    pin.add_argument("--data", required=True)
    pin.add_argument("--pin-stdin", action="store_true")
    pin.set_defaults(run=set_pin)
    return top


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    return args.run(args)
