"""What the organiser may say about the catalogue: its categories and its public address."""

from __future__ import annotations

import re

from shared.core.checks import Checks, require_mapping
from shared.core.vocabulary import CATEGORIES

MAX_CATEGORY_NAME = 60
MAX_CATEGORIES = 30
MAX_URL = 300
_CODE = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
_URL = re.compile(r"^https?://[^\s/?#]+(:[0-9]{1,5})?(/[^\s]*)?$")
DEFAULT_CATEGORIES = tuple(str(c) for c in CATEGORIES)


def is_category_code(value: object) -> bool:
    """A category's stable code: one of the six defaults or an organiser's own slug."""
    return isinstance(value, str) and bool(_CODE.match(value))


def validate_category(data: object) -> dict[str, str]:
    """A category as the organiser names it for this evening, in bokmål and English."""
    require_mapping(data, "category")
    c = Checks()
    code = str(data.get("code") or "")
    if not is_category_code(code):
        c.add("code", "invalid_category_code")
    name_nb = c.text(data, "name_nb", MAX_CATEGORY_NAME)
    name_en = c.text(data, "name_en", MAX_CATEGORY_NAME, required=False)
    c.done()
    return {"code": code, "name_nb": name_nb, "name_en": name_en}


def validate_address(data: object) -> str:
    """Where the public finds the catalogue (QR notes point there); empty: where it is asked."""
    require_mapping(data, "catalogue")
    c = Checks()
    url = c.text(
        {"public_url": str(data.get("public_url") or "")}, "public_url", 10**6, required=False
    )
    if url and (len(url) > MAX_URL or not _URL.match(url)):
        c.add("public_url", "invalid_url")
    c.done()
    return url.rstrip("/")


def slug(name: str) -> str:
    """A code for a category the organiser adds by name ("Mat og drikke" → "mat-og-drikke")."""
    from shared.catalogue.text import words

    return "-".join(words(name))[:40].strip("-")
