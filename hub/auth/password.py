"""The organiser's password: hashed with argon2id in the data folder, set once on the laptop."""

from __future__ import annotations

from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from shared.core.files import write_private

MIN_PASSWORD = 8
PASSWORD_FILE = "organiser-password"

_hasher = PasswordHasher()


def password_path(data_dir: Path) -> Path:
    return data_dir / PASSWORD_FILE


def password_is_set(data_dir: Path) -> bool:
    return password_path(data_dir).exists()


def set_password(data_dir: Path, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"the password needs at least {MIN_PASSWORD} characters")
    data_dir.mkdir(parents=True, exist_ok=True)
    write_private(password_path(data_dir), _hasher.hash(password))


def check_password(data_dir: Path, password: str) -> bool:
    try:
        stored = password_path(data_dir).read_text().strip()
        return _hasher.verify(stored, password)
    except (OSError, VerificationError, InvalidHashError):
        return False
