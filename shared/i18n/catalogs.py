"""The gettext catalogs on disk: one ``messages.po`` per language, compiled to ``messages.mo``.

The ``.mo`` files are built, not committed: ``make install`` runs ``pybabel compile`` and
``setup.py`` compiles them while building, so a wheel ships them. A ``.mo`` that is missing or
older than its ``.po`` (a fresh clone run without installing, a catalog just edited) is compiled
in memory instead, so a page never falls back to raw ids.

This module needs only Babel and the standard library: ``setup.py`` loads it by path, before the
package is importable.
"""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "messages"


def po_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def languages(locale_dir: Path = LOCALE_DIR) -> list[str]:
    """Every language with a catalog, in a stable order."""
    return sorted(p.parent.parent.name for p in locale_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def compiled(po: Path) -> bytes:
    """The ``.mo`` bytes of one ``.po`` file (untranslated entries left out, as msgfmt does)."""
    with po.open("rb") as source:
        catalog = read_po(source)
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def compile_all(locale_dir: Path = LOCALE_DIR) -> list[Path]:
    """Write each ``messages.mo`` beside its ``.po``; the paths written (for the build)."""
    written = []
    for lang in languages(locale_dir):
        po = po_path(lang, locale_dir)
        mo = po.with_suffix(".mo")
        mo.write_bytes(compiled(po))
        written.append(mo)
    return written


def load(lang: str, locale_dir: Path = LOCALE_DIR) -> Translations:
    """One language's translations, from its ``.mo`` when that is up to date."""
    po = po_path(lang, locale_dir)
    mo = po.with_suffix(".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as source:
            return Translations(source, domain=DOMAIN)
    return Translations(io.BytesIO(compiled(po)), domain=DOMAIN)
