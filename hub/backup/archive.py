"""A backup file: one header line, then the archive as its wrapping left it.

    FRIVILLIGBORS-BACKUP 1 plain\\n
    <gzipped tar: manifest.json, then data/<each file>>

The manifest holds the inventory of the copy (:mod:`hub.backup.inventory`) and each file's
size and SHA-256. :func:`write_backup` snapshots the folder, takes the inventory of the
snapshot, writes the file beside its destination and renames it into place, then reads it back
and checks every file against the manifest. :func:`unpack` refuses anything but plain files
under ``data/`` and checks each file as it comes out.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

from hub.backup.contents import sha256_of, snapshot
from hub.backup.inventory import Inventory, inventory_of
from shared.core.errors import CodedError

MAGIC = b"FRIVILLIGBORS-BACKUP"
FORMAT = 1
MANIFEST = "manifest.json"
DATA = "data/"


class BackupRefused(CodedError):
    """A file that is not a backup this can read (``not_a_backup``, ``unknown_wrapping``,
    ``damaged_backup``), or a folder that is not a hub (``no_hub_here``)."""


class Wrapping(Protocol):
    """How the archive's bytes are kept in the file (``plain``; ``sealed``: hub.backup.sealed).
    A wrapping that needs a key has ``keyed(key)``, giving the one to read with."""

    name: str

    def wrap(self, archive: BinaryIO, out: BinaryIO) -> None: ...

    def unwrap(self, stored: BinaryIO, out: BinaryIO) -> None: ...


class Plain:
    name = "plain"

    def wrap(self, archive: BinaryIO, out: BinaryIO) -> None:
        _copy(archive, out)

    def unwrap(self, stored: BinaryIO, out: BinaryIO) -> None:
        _copy(stored, out)


WRAPPINGS: dict[str, Wrapping] = {"plain": Plain()}


def _copy(source: BinaryIO, target: BinaryIO) -> None:
    for block in iter(lambda: source.read(1 << 20), b""):
        target.write(block)


@dataclass
class Manifest:
    created: str
    hub: str
    inventory: Inventory
    files: dict[str, dict]  # relative path -> {"size", "sha256"}

    def as_json(self) -> bytes:
        data = {
            "format": FORMAT,
            "created": self.created,
            "hub": self.hub,
            "inventory": self.inventory.as_dict(),
            "files": self.files,
        }
        return json.dumps(data, indent=1, ensure_ascii=False).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Manifest:
        try:
            data = json.loads(raw)
            return cls(
                data["created"],
                data["hub"],
                Inventory.from_dict(data["inventory"]),
                dict(data["files"]),
            )
        except (ValueError, KeyError, TypeError):
            raise BackupRefused("damaged_backup", "its manifest cannot be read") from None


def write_backup(folder: Path, destination: Path, wrapping: Wrapping | None = None) -> Manifest:
    """Back the hub in ``folder`` up into ``destination``; the manifest written."""
    wrapping = wrapping or WRAPPINGS["plain"]
    if not (folder / "hub.sqlite").is_file():
        raise BackupRefused("no_hub_here", f"{folder} holds no hub")
    with tempfile.TemporaryDirectory(prefix="bors-backup-") as staging:
        copy = Path(staging) / "data"
        copy.mkdir()
        files = snapshot(folder, copy)
        manifest = Manifest(
            created=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            hub=(copy / "device-id").read_text().strip() if (copy / "device-id").is_file() else "",
            inventory=inventory_of(copy, len(files)),
            files={
                str(f): {"size": (copy / f).stat().st_size, "sha256": sha256_of(copy / f)}
                for f in files
            },
        )
        archive = Path(staging) / "archive.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            entry = tarfile.TarInfo(MANIFEST)
            raw = manifest.as_json()
            entry.size, entry.mode = len(raw), 0o600
            tar.addfile(entry, io.BytesIO(raw))
            for relative in files:
                tar.add(copy / relative, arcname=DATA + str(relative), recursive=False)
        _write_file(archive, destination, wrapping)
    try:
        check_file(destination, getattr(wrapping, "key", None))
    except BackupRefused:
        destination.unlink(missing_ok=True)  # never leave a backup that does not read back
        raise
    return manifest


def _write_file(archive: Path, destination: Path, wrapping: Wrapping) -> None:
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as out, archive.open("rb") as source:
        out.write(b"%s %d %s\n" % (MAGIC, FORMAT, wrapping.name.encode()))
        wrapping.wrap(source, out)
        out.flush()
        os.fsync(out.fileno())
    os.replace(partial, destination)


def _opened(path: Path, into: Path, key: bytes | None = None) -> Path:
    """The archive inside a backup file, unwrapped into the folder ``into``."""
    with path.open("rb") as stored:
        header = stored.readline(200).split()
        if len(header) != 3 or header[0] != MAGIC:
            raise BackupRefused("not_a_backup", f"{path} is not a Frivilligbørs backup")
        if header[1] != str(FORMAT).encode():
            raise BackupRefused("not_a_backup", f"backup format {header[1].decode()} is unknown")
        wrapping = WRAPPINGS.get(header[2].decode(errors="replace"))
        if wrapping is None:
            raise BackupRefused(
                "unknown_wrapping", f"{header[2].decode()} backups need another version"
            )
        if hasattr(wrapping, "keyed"):
            wrapping = wrapping.keyed(key)
        archive = into / "archive.tar.gz"
        with archive.open("wb") as out:
            wrapping.unwrap(stored, out)
    return archive


def unpack(path: Path, into: Path, key: bytes | None = None) -> Manifest:
    """Unpack a backup's files into the empty folder ``into``, each checked; its manifest.
    ``key``: for an encrypted backup."""
    with tempfile.TemporaryDirectory(prefix="bors-restore-") as work:
        archive = _opened(path, Path(work), key)
        try:
            with tarfile.open(archive, "r:gz") as tar:
                first = tar.next()
                if first is None or first.name != MANIFEST or not first.isfile():
                    raise BackupRefused("damaged_backup", "its manifest is missing")
                manifest = Manifest.from_json(tar.extractfile(first).read())
                _extract_files(tar, into, manifest)
        except (tarfile.TarError, EOFError, OSError) as error:
            raise BackupRefused("damaged_backup", f"the archive is damaged ({error})") from None
    return manifest


def _safe(name: str) -> bool:
    parts = Path(name).parts
    return bool(parts) and not Path(name).is_absolute() and ".." not in parts


def _extract_files(tar: tarfile.TarFile, into: Path, manifest: Manifest) -> None:
    seen = set()
    for member in tar:
        if member.name == MANIFEST and not seen:
            continue  # read already, by unpack
        name = member.name.removeprefix(DATA)
        if not (member.name.startswith(DATA) and member.isfile() and _safe(name)):
            raise BackupRefused("damaged_backup", f"{member.name} is not a file of a hub")
        if name not in manifest.files or name in seen:
            raise BackupRefused("damaged_backup", f"{member.name} is not in its manifest")
        target = into / name
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            _copy(tar.extractfile(member), out)
        if sha256_of(target) != manifest.files[name]["sha256"]:
            raise BackupRefused("damaged_backup", f"{name} differs from its manifest")
        seen.add(name)
    if missing := set(manifest.files) - seen:
        raise BackupRefused("damaged_backup", f"files missing: {', '.join(sorted(missing))}")


def check_file(path: Path, key: bytes | None = None) -> Manifest:
    """Read a backup file through and check every file in it (nothing is kept)."""
    with tempfile.TemporaryDirectory(prefix="bors-check-") as into:
        return unpack(path, Path(into), key)
