"""The ``sealed`` wrapping: a backup the finder of a USB stick cannot read.

The archive is encrypted with libsodium's secretstream (XChaCha20-Poly1305, through PyNaCl) in
blocks of 1 MiB, the last one tagged final, so a changed, reordered or cut-off block is refused.
The key is 32 random bytes the hub keeps in its data folder (``backup-key``, owner-only) and
prints once, when it makes it, for the organiser to write down: the laptop that dies takes its
folder with it, and the spare needs the key to read the backup (docs/runbook.md). A passphrase
was not chosen: an evening's organiser sets up many things at once, and a random key written on
the hub's box cannot be guessed from the stick.

The wrapping's first line names the key by a short fingerprint, so a wrong key is told as
such (``wrong_backup_key``) before a single block is tried.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path
from typing import BinaryIO

from nacl import bindings as sodium
from nacl.exceptions import CryptoError

from hub.backup.archive import WRAPPINGS, BackupRefused
from shared.core.files import write_private

KEY_FILE = "backup-key"
KEY_ENV = "BORS_BACKUP_KEY"
BLOCK = 1 << 20
KEY_BYTES = sodium.crypto_secretstream_xchacha20poly1305_KEYBYTES
HEADER_BYTES = sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES
A_BYTES = sodium.crypto_secretstream_xchacha20poly1305_ABYTES
FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE


def key_text(key: bytes) -> str:
    """The key as the organiser writes it down: base32 in groups of four."""
    text = base64.b32encode(key).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_key(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum())
    try:
        key = base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))
    except ValueError:
        key = b""
    if len(key) != KEY_BYTES:
        raise BackupRefused("bad_backup_key", "a backup key is 52 letters and digits (A-Z, 2-7)")
    return key


def fingerprint(key: bytes) -> str:
    return hashlib.blake2b(key, digest_size=4, person=b"bors-backup").hexdigest()


def folder_key(folder: Path, create: bool = False) -> tuple[bytes | None, bool]:
    """The backup key kept in a hub's folder, and whether it was made just now."""
    path = folder / KEY_FILE
    if path.is_file():
        return parse_key(path.read_text()), False
    if not create:
        return None, False
    key = sodium.crypto_secretstream_xchacha20poly1305_keygen()
    write_private(path, key_text(key) + "\n")
    return key, True


def given_key(folder: Path | None = None) -> bytes | None:
    """The key a restore was given (``BORS_BACKUP_KEY``), else the folder's own."""
    if text := os.environ.get(KEY_ENV, "").strip():
        return parse_key(text)
    return folder_key(folder)[0] if folder is not None else None


class Sealed:
    name = "sealed"

    def __init__(self, key: bytes | None = None):
        self.key = key

    def keyed(self, key: bytes | None) -> Sealed:
        return Sealed(key)

    def wrap(self, archive: BinaryIO, out: BinaryIO) -> None:
        assert self.key is not None, "a sealed backup is written with a key"
        out.write(fingerprint(self.key).encode() + b"\n")
        state = sodium.crypto_secretstream_xchacha20poly1305_state()
        out.write(sodium.crypto_secretstream_xchacha20poly1305_init_push(state, self.key))
        block = archive.read(BLOCK)
        while True:
            following = archive.read(BLOCK)
            tag = MESSAGE if following else FINAL
            out.write(sodium.crypto_secretstream_xchacha20poly1305_push(state, block, None, tag))
            if not following:
                return
            block = following

    def unwrap(self, stored: BinaryIO, out: BinaryIO) -> None:
        made_with = stored.readline(40).strip().decode(errors="replace")
        if self.key is None:
            raise BackupRefused(
                "backup_key_needed",
                f"this backup is encrypted (key {made_with}): give its key in {KEY_ENV}",
            )
        if made_with != fingerprint(self.key):
            raise BackupRefused(
                "wrong_backup_key",
                f"this backup was made with key {made_with}, not with the key given "
                f"({fingerprint(self.key)})",
            )
        state = sodium.crypto_secretstream_xchacha20poly1305_state()
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(
            state, stored.read(HEADER_BYTES), self.key
        )
        self._blocks(stored, out, state)

    @staticmethod
    def _blocks(stored: BinaryIO, out: BinaryIO, state) -> None:
        while True:
            sealed = stored.read(BLOCK + A_BYTES)
            try:
                block, tag = sodium.crypto_secretstream_xchacha20poly1305_pull(state, sealed, None)
            except (CryptoError, ValueError, RuntimeError):
                raise BackupRefused("damaged_backup", "an encrypted block does not open") from None
            out.write(block)
            if tag == FINAL:
                if stored.read(1):
                    raise BackupRefused("damaged_backup", "bytes after the last block")
                return
            if not sealed:
                raise BackupRefused("damaged_backup", "the backup is cut short")


WRAPPINGS["sealed"] = Sealed()
