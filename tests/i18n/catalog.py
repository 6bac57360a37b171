"""The catalogs as the tests read them: straight from the ``.po`` files, with Babel."""

from __future__ import annotations

import re
from functools import cache

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from shared.i18n import LANGUAGES
from shared.i18n.catalogs import po_path

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


@cache
def catalog(lang: str) -> Catalog:
    with po_path(lang).open("rb") as source:
        return read_po(source)


def messages(lang: str) -> dict[str, Message]:
    """Every entry but the header, by its (singular) id."""
    return {m.id[0] if m.pluralizable else m.id: m for m in catalog(lang) if m.id}


def texts(message: Message) -> list[str]:
    """A message's translations: one, or one per plural form."""
    return list(message.string) if message.pluralizable else [message.string]


def placeholders(message: Message) -> set[str]:
    return {name for text in texts(message) for name in PLACEHOLDER.findall(text)}


def entry(key: str, lang: str) -> Message | None:
    return messages(lang).get(key)


__all__ = ["LANGUAGES", "catalog", "entry", "messages", "placeholders", "texts"]
