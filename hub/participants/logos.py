"""Participants' logos: checked and resized with Pillow, kept as files in the hub's data folder.

Only the file's name goes into the log (``ParticipantView.logo``); the bytes stay here, so the
log copied to every tablet stays small. A logo is stored as a PNG at most :data:`MAX_SIDE`
pixels on its longer side, named by the digest of what was stored, so the same logo uploaded
twice is one file. Posters and name tags read it from :meth:`LogoStore.path`.
"""

from __future__ import annotations

import hashlib
import io
import re
import warnings
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from shared.core.files import write_private
from shared.participants.rules import check_logo

FOLDER = "logos"
MAX_SIDE = 600
_NAME = re.compile(r"^[0-9a-f]{32}\.png$")
FORMATS = ("PNG", "JPEG", "GIF", "WEBP")


def _measure(raw: bytes) -> tuple[int, int, bool]:
    """Width, height and whether Pillow reads it as one of :data:`FORMATS` (header only)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as image:
                return image.width, image.height, image.format in FORMATS
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        return 0, 0, False


def _resized_png(raw: bytes) -> bytes:
    with Image.open(io.BytesIO(raw)) as image:
        image.seek(0)  # the first frame of an animation
        picture = image.convert("RGBA")
    picture.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    picture.save(out, format="PNG", optimize=True)
    return out.getvalue()


class LogoStore:
    def __init__(self, data_dir: Path):
        self.folder = data_dir / FOLDER

    def store(self, raw: bytes) -> str:
        """Check an upload (``ValidationFailed`` on ``logo``), store it resized; its name."""
        width, height, readable = _measure(raw)
        check_logo(len(raw), width, height, readable)
        try:
            png = _resized_png(raw)
        except (OSError, ValueError, Image.DecompressionBombError):
            check_logo(len(raw), 0, 0, False)  # raises: the header lied about the picture
            raise
        name = hashlib.sha256(png).hexdigest()[:32] + ".png"
        self.folder.mkdir(parents=True, exist_ok=True)
        if not (self.folder / name).exists():
            write_private(self.folder / name, png)
        return name

    def path(self, name: str) -> Path | None:
        """The stored file of a logo name, or None (a name that is not one, or gone)."""
        if not isinstance(name, str) or not _NAME.match(name):
            return None
        path = self.folder / name
        return path if path.is_file() else None

    def names(self) -> list[str]:
        return sorted(p.name for p in self.folder.glob("*.png")) if self.folder.is_dir() else []
